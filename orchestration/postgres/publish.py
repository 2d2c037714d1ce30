"""Publish the just-published DuckDB marts into PostgreSQL: load, verify, swap in one transaction.

1. One publish at a time (a session advisory lock); schemas ``monev_baru_*`` left by a killed publish are
   dropped (their loader's session died with it, and with it its lock).
2. Every table of the DuckDB file's ``marts`` is created in a fresh schema ``monev_baru_<run>`` with its
   types mapped exactly (DECIMAL(p,s) -> numeric(p,s), VARCHAR -> text, ...; no float unless DuckDB has
   one), loaded with ``COPY ... FROM STDIN`` from DuckDB's own CSV (decimals as exact text), commented
   from DuckDB's data dictionary, indexed on kode_wilayah and analysed.
3. Row counts, non-null counts of every column and sums of every numeric column are compared with DuckDB;
   any difference stops here (the new schema is dropped, the served marts are untouched).
4. The analysts' role gets USAGE and SELECT on the new schema (grants stay with a schema when it is renamed).
5. One transaction: lock the served tables (it waits for a reader's transaction to end, so a reader sees
   the old marts or the new, never a mix), drop ``marts_sebelumnya``, rename ``marts`` to it and revoke
   the analysts' access there, rename the new schema to ``marts``.

A kill -9 at any point before the swap commits leaves the old ``marts`` served; the next publish cleans
up. Nothing here ever touches the DuckDB files.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
from psycopg import errors, sql

from orchestration.postgres import messages
from orchestration.postgres.outcome import Result
from orchestration.postgres.settings import (
    CONNECT_TIMEOUT_S,
    LOCK_TRIES,
    LOCK_WAIT_S,
    NEW_PREFIX,
    PREVIOUS_SCHEMA,
    SCHEMA,
    analyst_role,
    new_schema,
)

ADVISORY_LOCK = 8_140_014  # pg_advisory_lock key of "a monev publish is running"
COPY_CHUNK = 1 << 20

# DuckDB type -> PostgreSQL type; DECIMAL(p,s) and lists are handled in pg_type().
TYPES = {
    "VARCHAR": "text",
    "BOOLEAN": "boolean",
    "TINYINT": "smallint",
    "SMALLINT": "smallint",
    "INTEGER": "integer",
    "BIGINT": "bigint",
    "HUGEINT": "numeric(39,0)",
    "UTINYINT": "smallint",
    "USMALLINT": "integer",
    "UINTEGER": "bigint",
    "UBIGINT": "numeric(20,0)",
    "DATE": "date",
    "TIME": "time",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "INTERVAL": "interval",
    "UUID": "uuid",
    "FLOAT": "real",
    "DOUBLE": "double precision",
    "JSON": "jsonb",
}
_DECIMAL = re.compile(r"^DECIMAL\((\d+),(\d+)\)$")
NUMERIC_DUCKDB = re.compile(r"^(DECIMAL|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE)")


def pg_type(duckdb_type: str) -> str:
    """The PostgreSQL type that holds a DuckDB column's values exactly."""
    found = _DECIMAL.match(duckdb_type)
    if found:
        return f"numeric({found[1]},{found[2]})"
    if duckdb_type in TYPES:
        return TYPES[duckdb_type]
    raise messages.PostgresError(f"tipe kolom DuckDB {duckdb_type} belum dapat diterbitkan ke PostgreSQL")


@dataclass(frozen=True)
class Column:
    name: str
    duckdb_type: str
    comment: str | None

    @property
    def numeric(self) -> bool:
        return bool(NUMERIC_DUCKDB.match(self.duckdb_type))

    @property
    def floating(self) -> bool:
        return self.duckdb_type in ("FLOAT", "DOUBLE")


@dataclass(frozen=True)
class Table:
    name: str
    comment: str | None
    columns: tuple[Column, ...]


def read_dictionary(con: duckdb.DuckDBPyConnection) -> list[Table]:
    """The marts tables of a DuckDB database with their columns, types and comments."""
    tables = con.execute(
        "select table_name, comment from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'marts' order by table_name"
    ).fetchall()
    columns = con.execute(
        "select table_name, column_name, data_type, comment from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'marts' order by table_name, column_index"
    ).fetchall()
    by_table: dict[str, list[Column]] = {}
    for table, name, data_type, comment in columns:
        by_table.setdefault(table, []).append(Column(name, data_type, comment or None))
    return [Table(name, comment or None, tuple(by_table[name])) for name, comment in tables]


def published_run_id(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select any_value(run_id) from marts.publikasi").fetchone()[0]


def publish_safely(warehouse: Path, url: str, run_id: str | None = None, **options) -> Result:
    """publish(), with any failure turned into a 'gagal' result with one Indonesian line."""
    started = time.perf_counter()
    try:
        return publish(warehouse, url, run_id, **options)
    except Exception as exc:  # noqa: BLE001 - a PostgreSQL failure never fails the DuckDB publish
        reason = messages.explain(exc, url)
        return Result("gagal", messages.failed(reason), round(time.perf_counter() - started, 3), 0)


def connect(url: str, **options) -> psycopg.Connection:
    problem = messages.invalid_url(url)
    if problem:
        raise messages.PostgresError(problem)
    return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, application_name="monev", **options)


def publish(
    warehouse: Path,
    url: str,
    run_id: str | None = None,
    *,
    lock_wait_s: float = LOCK_WAIT_S,
    lock_tries: int = LOCK_TRIES,
    analyst: str | None = None,
) -> Result:
    started = time.perf_counter()
    analyst = analyst or analyst_role()
    work = copy_folder()
    try:
        with duckdb.connect(str(warehouse), read_only=True) as source:
            source.execute("set TimeZone = 'UTC'")
            run_id = run_id or published_run_id(source)
            tables = read_dictionary(source)
            with connect(url, autocommit=True) as pg:
                pg.execute("set TimeZone = 'UTC'")
                pg.execute("select pg_advisory_lock(%s)", (ADVISORY_LOCK,))
                drop_leftovers(pg)
                schema = new_schema(run_id)
                pg.execute(sql.SQL("create schema {}").format(sql.Identifier(schema)))
                try:
                    for table in tables:
                        load_table(source, pg, schema, table, work)
                    for table in tables:
                        verify_table(source, pg, schema, table)
                    analyst_exists = role_exists(pg, analyst)
                    if analyst_exists:
                        grant_read(pg, schema, analyst)
                    swap(pg, schema, analyst if analyst_exists else None, lock_wait_s, lock_tries)
                except Exception:
                    _drop_quietly(pg, schema)
                    raise
                pg.execute("select pg_advisory_unlock(%s)", (ADVISORY_LOCK,))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    text = messages.succeeded(messages.target(url), len(tables), seconds, run_id)
    if not analyst_exists:
        text += f" Peran analis {analyst} belum ada: jalankan `monev postgres siapkan`."
    return Result("berhasil", text, round(seconds, 3), len(tables))


COPY_PREFIX = "monev-pg-copy-"


def copy_folder() -> Path:
    """A folder for this process's CSV copies, under the temporary folder; those of processes that are gone (a
    publish killed mid-load) are removed first."""
    base = Path(tempfile.gettempdir())
    for stale in base.glob(COPY_PREFIX + "*"):
        pid = stale.name.removeprefix(COPY_PREFIX)
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    work = base / f"{COPY_PREFIX}{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    return work


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_leftovers(pg: psycopg.Connection) -> list[str]:
    """Drop every monev_baru_* schema: under the advisory lock no live publish is loading one."""
    names = [
        r[0]
        for r in pg.execute(
            "select nspname from pg_namespace where starts_with(nspname, %s) order by 1", (NEW_PREFIX,)
        ).fetchall()
    ]
    for name in names:
        pg.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(name)))
    return names


def _drop_quietly(pg: psycopg.Connection, schema: str) -> None:
    """The half-loaded or refused new schema, when the connection still works (else the next publish)."""
    try:
        if pg.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            pg.rollback()
        pg.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema)))
    except psycopg.Error:
        pass


def load_table(source: duckdb.DuckDBPyConnection, pg: psycopg.Connection, schema: str, table: Table, work: Path):
    target = sql.Identifier(schema, table.name)
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(pg_type(c.duckdb_type))) for c in table.columns
    )
    names = sql.SQL(", ").join(sql.Identifier(c.name) for c in table.columns)
    csv = work / f"{table.name}.csv"
    # DuckDB writes NULL as an empty field and an empty string as "", as PostgreSQL's CSV reads them
    source.execute(f"copy (select * from marts.\"{table.name}\") to '{csv}' (format csv, header false)")
    with pg.transaction():
        pg.execute(sql.SQL("create table {} ({})").format(target, columns))
        statement = sql.SQL("copy {} ({}) from stdin (format csv)").format(target, names)
        with pg.cursor().copy(statement) as copy, open(csv, "rb") as handle:
            while chunk := handle.read(COPY_CHUNK):
                copy.write(chunk)
        if table.comment:
            pg.execute(sql.SQL("comment on table {} is {}").format(target, sql.Literal(table.comment)))
        for column in table.columns:
            if column.comment:
                pg.execute(
                    sql.SQL("comment on column {}.{} is {}").format(
                        target, sql.Identifier(column.name), sql.Literal(column.comment)
                    )
                )
        keys = [k for k in ("kode_wilayah", "tahun") if any(c.name == k for c in table.columns)]
        if "kode_wilayah" in keys:  # the analysts' usual filter: one kecamatan (and year)
            pg.execute(
                sql.SQL("create index on {} ({})").format(target, sql.SQL(", ").join(sql.Identifier(k) for k in keys))
            )
    csv.unlink()
    pg.execute(sql.SQL("analyze {}").format(target))


def _totals_sql(table: Table, qualified: str) -> str:
    parts = ["count(*)"]
    for c in table.columns:
        parts.append(f'count("{c.name}")')
        if c.numeric:
            parts.append(f'sum("{c.name}")')
    return f"select {', '.join(parts)} from {qualified}"


def _labels(table: Table) -> list[str]:
    labels = ["jumlah baris"]
    for c in table.columns:
        labels.append(f"kolom {c.name} (terisi)")
        if c.numeric:
            labels.append(f"kolom {c.name} (jumlah)")
    return labels


def _same(a, b, floating: bool) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if floating:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return Decimal(str(a)) == Decimal(str(b))


def verify_table(source: duckdb.DuckDBPyConnection, pg: psycopg.Connection, schema: str, table: Table) -> None:
    """Row count, non-null count of every column and sum of every numeric column: equal in both engines."""
    expected = source.execute(_totals_sql(table, f'marts."{table.name}"')).fetchone()
    found = pg.execute(_totals_sql(table, f'"{schema}"."{table.name}"')).fetchone()
    floating = [False]
    for c in table.columns:
        floating.append(False)
        if c.numeric:
            floating.append(c.floating)
    for label, want, got, is_float in zip(_labels(table), expected, found, floating, strict=True):
        if not _same(want, got, is_float):
            raise messages.VerificationError(
                f"verifikasi gagal: tabel {table.name}, {label}: DuckDB {want}, PostgreSQL {got}; "
                "skema baru tidak dipasang"
            )


def role_exists(pg: psycopg.Connection, role: str) -> bool:
    return pg.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is not None


def grant_read(pg: psycopg.Connection, schema: str, role: str) -> None:
    """USAGE and SELECT on a schema's tables, before it is renamed to marts (grants stay with the schema)."""
    pg.execute(sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(schema), sql.Identifier(role)))
    pg.execute(
        sql.SQL("grant select on all tables in schema {} to {}").format(sql.Identifier(schema), sql.Identifier(role))
    )


def swap(pg: psycopg.Connection, schema: str, analyst: str | None, lock_wait_s: float, tries: int) -> None:
    """marts -> marts_sebelumnya, the new schema -> marts, in one transaction; retried while readers hold
    the old tables."""
    for attempt in range(1, tries + 1):
        try:
            with pg.transaction():
                pg.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(f"{int(lock_wait_s * 1000)}ms")))
                _swap_statements(pg, schema, analyst)
            return
        except (errors.LockNotAvailable, errors.DeadlockDetected):  # a reader's transaction still holds one
            if attempt == tries:
                raise


def _swap_statements(pg: psycopg.Connection, schema: str, analyst: str | None) -> None:
    served = [
        r[0]
        for r in pg.execute("select tablename from pg_tables where schemaname = %s order by 1", (SCHEMA,)).fetchall()
    ]
    if served:  # wait for the transactions that read the old marts; new readers wait for the swap
        pg.execute(
            sql.SQL("lock table {} in access exclusive mode").format(
                sql.SQL(", ").join(sql.Identifier(SCHEMA, t) for t in served)
            )
        )
    pg.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(PREVIOUS_SCHEMA)))
    exists = pg.execute("select 1 from pg_namespace where nspname = %s", (SCHEMA,)).fetchone()
    if exists:
        pg.execute(
            sql.SQL("alter schema {} rename to {}").format(sql.Identifier(SCHEMA), sql.Identifier(PREVIOUS_SCHEMA))
        )
        if analyst:
            pg.execute(
                sql.SQL("revoke all on schema {} from {}").format(
                    sql.Identifier(PREVIOUS_SCHEMA), sql.Identifier(analyst)
                )
            )
    pg.execute(sql.SQL("alter schema {} rename to {}").format(sql.Identifier(schema), sql.Identifier(SCHEMA)))
