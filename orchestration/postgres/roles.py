"""`monev postgres siapkan`: the loader role and the analysts' read-only role, idempotently.

Run with a role that may create roles (``MONEV_POSTGRES_ADMIN_URL``), on the database the marts are served
from. It makes:

- the loader (``monev_pemuat``, or the user of ``MONEV_POSTGRES_URL``): LOGIN, may CONNECT, CREATE schemas and
  TEMP tables in this database; it owns ``marts``, ``marts_sebelumnya`` and the schemas it loads;
- the analysts' role (``monev_analis``): LOGIN, CONNECT only, ``search_path = marts`` (the README's queries run
  unchanged), read-only transactions by default with statement and idle-transaction time-outs, USAGE and
  SELECT on ``marts`` only, and default privileges so the tables the loader creates in the next ``marts`` are
  readable;
- nobody else: CONNECT and TEMP on the database and CREATE/USAGE on ``public`` revoked from PUBLIC.

Passwords come from MONEV_POSTGRES_SANDI_PEMUAT / MONEV_POSTGRES_SANDI_ANALIS or a prompt, and are sent to the
server as SCRAM verifiers (libpq's PQencryptPasswordConn): the clear text is never in a statement, a log or
the repository. A role that exists keeps its password unless a new one is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import sql

from orchestration.postgres.settings import NEW_PREFIX, PREVIOUS_SCHEMA, SCHEMA

# The analysts' sessions on a shared server: read-only transactions; a runaway query stops after 10 minutes; a
# transaction left open (a DBeaver tab) ends after 15 minutes, so it cannot hold up the next publish's swap.
ANALYST_SETTINGS = {
    "default_transaction_read_only": "on",
    "statement_timeout": "10min",
    "idle_in_transaction_session_timeout": "15min",
}


@dataclass(frozen=True)
class Setup:
    database: str
    loader: str
    analyst: str
    created: tuple[str, ...]  # roles created by this run
    passwords_set: tuple[str, ...]


def _ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


def _scram(pg: psycopg.Connection, role: str, password: str) -> str:
    return pg.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()


def role_exists(pg: psycopg.Connection, role: str) -> bool:
    return pg.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is not None


def ensure_role(pg: psycopg.Connection, role: str, password: str | None) -> tuple[bool, bool]:
    """(created, password set). LOGIN, no superuser, no role or database creation, no replication."""
    created = not role_exists(pg, role)
    attributes = sql.SQL("login nosuperuser nocreatedb nocreaterole noreplication")
    if created:
        pg.execute(sql.SQL("create role {} {}").format(_ident(role), attributes))
    else:
        pg.execute(sql.SQL("alter role {} {}").format(_ident(role), attributes))
    if password:
        pg.execute(sql.SQL("alter role {} password {}").format(_ident(role), sql.Literal(_scram(pg, role, password))))
    return created, bool(password)


def setup(
    admin: psycopg.Connection,
    loader: str,
    analyst: str,
    password_for: Callable[[str, bool], str | None],
) -> Setup:
    """Create or repair both roles and their rights on the admin connection's database (autocommit off:
    all in one transaction). ``password_for(role, exists)`` gives a new password or None."""
    database = admin.info.dbname
    created, passwords = [], []
    with admin.transaction():
        for role in (loader, analyst):
            made, with_password = ensure_role(admin, role, password_for(role, role_exists(admin, role)))
            if made:
                created.append(role)
            if with_password:
                passwords.append(role)
        db = _ident(database)
        admin.execute(sql.SQL("revoke all on database {} from public").format(db))
        admin.execute(sql.SQL("grant connect, create, temporary on database {} to {}").format(db, _ident(loader)))
        admin.execute(sql.SQL("revoke all on database {} from {}").format(db, _ident(analyst)))
        admin.execute(sql.SQL("grant connect on database {} to {}").format(db, _ident(analyst)))
        admin.execute("revoke all on schema public from public")
        admin.execute(sql.SQL("grant usage on schema public to {}").format(_ident(loader)))
        admin.execute(
            sql.SQL("alter role {} in database {} set search_path = {}").format(_ident(analyst), db, _ident(SCHEMA))
        )
        for setting, value in ANALYST_SETTINGS.items():
            admin.execute(
                sql.SQL("alter role {} in database {} set {} = {}").format(
                    _ident(analyst), db, sql.Identifier(setting), sql.Literal(value)
                )
            )
        admin.execute(
            sql.SQL("alter default privileges for role {} grant select on tables to {}").format(
                _ident(loader), _ident(analyst)
            )
        )
        schemas = [
            r[0]
            for r in admin.execute(
                "select nspname from pg_namespace where nspname in (%s, %s) or starts_with(nspname, %s)",
                (SCHEMA, PREVIOUS_SCHEMA, NEW_PREFIX),
            ).fetchall()
        ]
        for schema in schemas:  # published before this set-up (by another role): the loader takes them over
            admin.execute(sql.SQL("alter schema {} owner to {}").format(_ident(schema), _ident(loader)))
            for (table,) in admin.execute(
                "select tablename from pg_tables where schemaname = %s", (schema,)
            ).fetchall():
                admin.execute(
                    sql.SQL("alter table {} owner to {}").format(sql.Identifier(schema, table), _ident(loader))
                )
            admin.execute(sql.SQL("revoke all on schema {} from {}").format(_ident(schema), _ident(analyst)))
        if SCHEMA in schemas:
            admin.execute(sql.SQL("grant usage on schema {} to {}").format(_ident(SCHEMA), _ident(analyst)))
            admin.execute(
                sql.SQL("grant select on all tables in schema {} to {}").format(_ident(SCHEMA), _ident(analyst))
            )
    return Setup(database, loader, analyst, tuple(created), tuple(passwords))


def connection_guide(host: str, port: str, database: str, analyst: str) -> str:
    """How an analyst connects, in Bahasa Indonesia (printed by `monev postgres siapkan`)."""
    return f"""\
Cara analis terhubung (peran baca-saja {analyst}; sandinya diberikan terpisah, jangan ditulis di berkas bersama):
  psql:   psql "host={host} port={port} dbname={database} user={analyst}"
          (sandi diminta, atau simpan di ~/.pgpass: {host}:{port}:{database}:{analyst}:SANDI, chmod 600)
          lalu mis.: select kode, uraian, pagu from fct_rencana_tahunan where kode_wilayah = '73.24.10' limit 5;
  DBeaver: Database > New Database Connection > PostgreSQL; Host {host}, Port {port}, Database {database},
          Username {analyst}; tabel ada di skema marts, dengan keterangan setiap tabel dan kolom.
  Excel (ODBC): pasang driver psqlODBC ("PostgreSQL Unicode"), buat DSN (Server {host}, Port {port},
          Database {database}, User Name {analyst}), lalu Data > Get Data > From Other Sources > From ODBC,
          pilih DSN itu dan tabel di marts. Power BI: Get Data > PostgreSQL database, server {host}:{port}.
  Uang bertipe NUMERIC (tepat, tanpa pembulatan); skema marts diganti utuh setiap publikasi, jadi sambung ulang
  (atau segarkan) untuk melihat data terbaru."""
