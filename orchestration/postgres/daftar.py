"""`monev postgres siapkan|status|terbitkan` registered on the monev command without importing psycopg or
duckdb: every `monev` start builds its parser, and the commands' module is imported only when one runs."""

from __future__ import annotations

import argparse

from orchestration.postgres import settings


def _lazy(name: str):
    def run(args: argparse.Namespace) -> int:
        from orchestration.postgres import commands

        return getattr(commands, name)(args)

    return run


def register(commands: argparse._SubParsersAction) -> None:
    """Add `monev postgres ...` to the monev command."""
    postgres = commands.add_parser("postgres", help="sajikan marts juga dari server PostgreSQL (opsional)")
    sub = postgres.add_subparsers(dest="postgres_command", required=True)
    siapkan = sub.add_parser("siapkan", help="buat/perbaiki peran pemuat dan peran baca-saja analis (idempoten)")
    siapkan.add_argument(
        "--admin-url", help=f"koneksi peran yang boleh membuat peran (bawaan: {settings.ADMIN_URL_ENV})"
    )
    siapkan.add_argument("--pemuat", help="peran pemuat (bawaan: pengguna MONEV_POSTGRES_URL, atau monev_pemuat)")
    siapkan.add_argument("--analis", help=f"peran analis (bawaan: {settings.ANALYST_ENV} atau monev_analis)")
    siapkan.set_defaults(func=_lazy("cmd_siapkan"))
    sub.add_parser("status", help="apa yang disajikan PostgreSQL, dibanding gudang DuckDB").set_defaults(
        func=_lazy("cmd_status")
    )
    sub.add_parser("terbitkan", help="terbitkan gudang DuckDB yang terbit sekarang ke PostgreSQL").set_defaults(
        func=_lazy("cmd_terbitkan")
    )
