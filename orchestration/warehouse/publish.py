"""Write-audit-publish: replace the analysts' warehouse atomically, and only after a clean audit.

The pipeline writes only the private build database. Publishing copies the ``marts`` schema into
a new file beside the warehouse, checkpoints it, keeps the current warehouse as
``monev.previous.duckdb`` and renames the new file over ``monev.duckdb``. A reader that holds
the old file open keeps its snapshot; the next reader sees the new file.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.settings import Paths
from orchestration.warehouse.audit import AuditResult
from orchestration.warehouse.kamus import describe_published

# Files readable by DuckDB 1.5 clients too (DBeaver, duckdb-cli from PyPI).
STORAGE_VERSION = "v1.5.0"


class PublishRefused(RuntimeError):
    """The audit has blocking errors: nothing is published."""


@dataclass(frozen=True)
class PublishResult:
    warehouse: Path
    tables: dict[str, int]
    published_at: str


def publish(build_db: Path, paths: Paths, audit: AuditResult, run_id: str) -> PublishResult:
    if paths.warehouse_dir.is_dir():
        remove_leftovers(paths)  # also when this run does not publish
    if not audit.passed:
        raise PublishRefused(f"{len(audit.errors)} blocking finding(s); the published warehouse is unchanged")
    paths.warehouse_dir.mkdir(parents=True, exist_ok=True)
    tmp = paths.warehouse_dir / f".monev.{run_id}.tmp.duckdb"
    tmp.unlink(missing_ok=True)
    published_at = datetime.now(UTC).isoformat(timespec="seconds")
    tables: dict[str, int] = {}
    con = duckdb.connect()
    try:
        con.execute(f"attach '{build_db}' as build (read_only)")
        con.execute(f"attach '{tmp}' as pub (storage_version '{STORAGE_VERSION}')")
        con.execute("create schema pub.marts")
        names = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = 'build' and schema_name = 'marts' "
                "order by table_name"
            ).fetchall()
        ]
        for name in names:
            con.execute(f"create table pub.marts.{name} as select * from build.marts.{name}")
            tables[name] = con.execute(f"select count(*) from pub.marts.{name}").fetchone()[0]
        _write_findings(con, audit)
        tables["temuan_validasi"] = len(audit.findings)
        con.execute(
            "create table pub.marts.publikasi (run_id varchar, dipublikasikan_pada timestamptz, "
            "tabel varchar, jumlah_baris bigint)"
        )
        con.executemany(
            "insert into pub.marts.publikasi values (?, ?, ?, ?)",
            [(run_id, published_at, t, n) for t, n in tables.items()],
        )
        describe_published(con, source="build", target="pub")  # comments, and `main` views over marts
        con.execute("checkpoint pub")
        con.execute("detach pub")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)  # a half-written copy is never left to be mistaken for a build
        raise
    con.close()
    with open(paths.warehouse_dir / ".publish.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # concurrent runs publish one after the other
        if paths.warehouse.exists():
            keep = paths.warehouse_dir / f".monev.{run_id}.previous.duckdb"
            keep.unlink(missing_ok=True)
            os.link(paths.warehouse, keep)
            os.replace(keep, paths.previous_warehouse)
        os.replace(tmp, paths.warehouse)
        _fsync_dir(paths.warehouse_dir)
    return PublishResult(paths.warehouse, tables, published_at)


def remove_leftovers(paths: Paths) -> list[Path]:
    """Remove what runs killed during publish left beside the warehouse; never the published file, the
    previous one, or the copy another live run is writing.

    A half-written ``.monev.<run>.tmp.duckdb`` (and its ``.wal``) is removed when no process holds it:
    DuckDB keeps a POSIX lock on a database file it has open for writing, so a lock this process can take
    means its writer is gone. A ``.monev.<run>.previous.duckdb`` (a link to the old warehouse made just
    before the rename) is removed under the publish lock, which every publishing run holds while it
    makes and renames that link."""
    removed = []
    for stale in sorted(paths.warehouse_dir.glob(".monev.*.tmp.duckdb*")):
        database = stale.with_name(stale.name.removesuffix(".wal"))
        if _unlocked(database if database.exists() else stale):
            stale.unlink(missing_ok=True)
            removed.append(stale)
    with open(paths.warehouse_dir / ".publish.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in sorted(paths.warehouse_dir.glob(".monev.*.previous.duckdb")):
            stale.unlink(missing_ok=True)
            removed.append(stale)
    return removed


def _unlocked(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the kind of lock DuckDB takes (fcntl F_SETLK)
    except OSError:
        return False  # a live writer holds it
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


FINDING_COLUMNS = {
    "aturan": "varchar",
    "cek": "varchar",
    "tingkat": "varchar",
    "dampak": "varchar",
    "kode_wilayah": "varchar",
    "tahun": "integer",
    "triwulan": "integer",
    "kode": "varchar",
    "kolom": "varchar",
    "nama_berkas": "varchar",
    "baris": "integer",
    "diharapkan": "varchar",
    "ditemukan": "varchar",
    "pesan": "varchar",
    "pesan_en": "varchar",
}


def _write_findings(con: duckdb.DuckDBPyConnection, audit: AuditResult) -> None:
    """marts.temuan_validasi: every finding of the published build, its message in both languages."""
    columns = list(FINDING_COLUMNS)
    con.execute(
        "create table pub.marts.temuan_validasi (" + ", ".join(f"{c} {t}" for c, t in FINDING_COLUMNS.items()) + ")"
    )
    if audit.findings:  # one set-based insert: a national run has tens of thousands of warnings
        records = [f.as_record() for f in audit.findings]
        frame = pd.DataFrame([[r[c] for c in columns] for r in records], columns=columns, dtype=object)
        con.register("temuan", frame)
        try:
            con.execute("insert into pub.marts.temuan_validasi select * from temuan")
        finally:
            con.unregister("temuan")


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_report(paths: Paths, report: dict) -> Path:
    paths.reports.mkdir(parents=True, exist_ok=True)
    target = paths.reports / "latest.json"
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    os.replace(tmp, target)
    return target
