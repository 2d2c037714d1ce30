"""`monev postgres siapkan|status|terbitkan`, the refresh summary's PostgreSQL line and the catch-up of a
refresh with nothing new. Everything printed is in Bahasa Indonesia, passwords masked."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

import duckdb
import psycopg

from orchestration.domain.waktu import waktu_wita
from orchestration.postgres import messages, roles, settings
from orchestration.postgres.outcome import Result
from orchestration.postgres.publish import connect, publish_safely, published_run_id
from orchestration.settings import Paths, paths


def _error(text: str) -> int:
    print(f"monev: {text}", file=sys.stderr)
    return 1


def _user_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return psycopg.conninfo.conninfo_to_dict(url).get("user")
    except psycopg.ProgrammingError:
        return None


def _password_for(loader: str, analyst: str):
    env = {loader: settings.LOADER_PASSWORD_ENV, analyst: settings.ANALYST_PASSWORD_ENV}

    def password_for(role: str, exists: bool) -> str | None:
        given = os.environ.get(env[role], "")
        if given:
            return given
        if exists:
            return None  # an existing role keeps its password
        if not sys.stdin.isatty():
            raise messages.PostgresError(
                f"peran baru {role} perlu sandi: atur {env[role]} atau jalankan perintah ini di terminal"
            )
        first = getpass.getpass(f"Sandi baru untuk peran {role}: ")
        if not first or first != getpass.getpass(f"Ulangi sandi untuk {role}: "):
            raise messages.PostgresError(f"sandi untuk {role} kosong atau tidak sama; tidak ada yang diubah")
        return first

    return password_for


def cmd_siapkan(args: argparse.Namespace) -> int:
    admin_url = args.admin_url or settings.admin_url()
    if not admin_url:
        return _error(
            f"sebutkan koneksi admin PostgreSQL dengan --admin-url atau {settings.ADMIN_URL_ENV} "
            "(peran yang boleh membuat peran, mis. postgresql://postgres@server:5432/monev)"
        )
    try:
        loader = settings.role_name(args.pemuat or _user_of(settings.url()) or settings.DEFAULT_LOADER)
        analyst = settings.role_name(args.analis or settings.analyst_role())
        with connect(admin_url) as admin:
            done = roles.setup(admin, loader, analyst, _password_for(loader, analyst))
            host, port = admin.info.host, admin.info.port
    except ValueError as exc:
        return _error(str(exc))
    except Exception as exc:  # noqa: BLE001 - one Indonesian line, never a traceback with a URL in it
        if not isinstance(exc, messages.PostgresError | psycopg.Error):
            raise
        return _error(messages.explain(exc, admin_url, settings.ADMIN_URL_ENV))
    print(f"PostgreSQL {messages.target(admin_url)} siap (basis data {done.database}):")
    for role, what in ((loader, "pemuat (pemilik skema marts)"), (analyst, "analis (baca-saja, hanya skema marts)")):
        state = "dibuat" if role in done.created else "sudah ada, hak diperiksa ulang"
        secret = ", sandi diatur" if role in done.passwords_set else ""
        print(f"  peran {role}: {what}; {state}{secret}")
    print("  hak CONNECT/TEMP untuk PUBLIC dan CREATE di skema public dicabut")
    print(
        f"Atur MONEV_POSTGRES_URL=postgresql://{loader}@{host}:{port}/{done.database} (sandi di ~/.pgpass pengguna "
        "yang menjalankan refresh, bukan di repositori); refresh berikutnya menerbitkan ke PostgreSQL juga."
    )
    print(roles.connection_guide(host, str(port), done.database, analyst))
    return 0


def served_run(pg: psycopg.Connection) -> tuple[str | None, object]:
    """The run id and publication time of the marts PostgreSQL serves, (None, None) when none."""
    exists = pg.execute("select to_regclass('marts.publikasi') is not null").fetchone()[0]
    if not exists:
        return None, None
    return pg.execute("select min(run_id), max(dipublikasikan_pada) from marts.publikasi").fetchone()


def cmd_status(_: argparse.Namespace) -> int:
    url = settings.url()
    if url is None:
        print(messages.NOT_CONFIGURED + ".")
        return 0
    p = paths()
    duckdb_run = _duckdb_run(p.warehouse)
    try:
        with connect(url, autocommit=True) as pg:
            run_id, published_at = served_run(pg)
            previous = pg.execute("select to_regnamespace(%s) is not null", (settings.PREVIOUS_SCHEMA,)).fetchone()[0]
            leftovers = pg.execute(
                "select count(*) from pg_namespace where starts_with(nspname, %s)", (settings.NEW_PREFIX,)
            ).fetchone()[0]
            tables = pg.execute("select count(*) from pg_tables where schemaname = 'marts'").fetchone()[0]
    except Exception as exc:  # noqa: BLE001
        if not isinstance(exc, messages.PostgresError | psycopg.Error):
            raise
        return _error(messages.explain(exc, url))
    print(f"PostgreSQL {messages.target(url)}:")
    if run_id is None:
        print("  belum ada marts yang diterbitkan di sini.")
    else:
        print(f"  marts: {tables} tabel, run {run_id[:8]}, diterbitkan {waktu_wita(published_at)}")
    if previous:
        print(f"  versi sebelumnya disimpan di skema {settings.PREVIOUS_SCHEMA}")
    if leftovers:
        print(
            f"  {leftovers} skema {settings.NEW_PREFIX}* sisa publikasi yang terputus (dibersihkan publikasi berikut)"
        )
    if duckdb_run is None:
        print(f"  gudang DuckDB {p.warehouse} belum terbit.")
        return 1
    if run_id == duckdb_run:
        print(f"  sama dengan gudang DuckDB (run {duckdb_run[:8]}).")
        return 0
    print(f"  TERTINGGAL dari gudang DuckDB (run {duckdb_run[:8]}): jalankan `monev postgres terbitkan`.")
    return 1


def _duckdb_run(warehouse: Path) -> str | None:
    if not warehouse.exists():
        return None
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return published_run_id(con)


def cmd_terbitkan(_: argparse.Namespace) -> int:
    url = settings.url()
    if url is None:
        return _error(messages.NOT_CONFIGURED)
    p = paths()
    run_id = _duckdb_run(p.warehouse)
    if run_id is None:
        return _error(f"gudang DuckDB {p.warehouse} belum terbit; jalankan `monev refresh` dahulu")
    result = publish_safely(p.warehouse, url, run_id)
    record(p, result, run_id)
    print(result.pesan)
    return 0 if result.status == "berhasil" else 1


def record(p: Paths, result: Result, run_id: str) -> None:
    """Write a publish done after the refresh into the refresh report, when that report is of this run."""
    from orchestration.warehouse.publish import write_report

    path = p.reports / "latest.json"
    if not path.exists():
        return
    report = json.loads(path.read_text())
    if report.get("run_id") == run_id:
        report["postgres"] = result.as_dict()
        write_report(p, report)


def catch_up(p: Paths) -> str | None:
    """A refresh with nothing new: publish the warehouse to PostgreSQL when PostgreSQL serves another run
    (a publish that failed or was killed, or a server configured since). None when nothing to say."""
    url = settings.url()
    run_id = _duckdb_run(p.warehouse)
    if url is None or run_id is None:
        return None
    try:
        with connect(url, autocommit=True) as pg:
            served, _ = served_run(pg)
    except Exception as exc:  # noqa: BLE001 - reported, never fatal to the refresh
        result = Result("gagal", messages.failed(messages.explain(exc, url)), 0.0, 0)
    else:
        if served == run_id:
            return None
        result = publish_safely(p.warehouse, url, run_id)
    record(p, result, run_id)
    return result.pesan
