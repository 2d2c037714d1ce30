"""A real PostgreSQL 15 for the tests: one throwaway cluster per test session (per xdist worker), on 127.0.0.1
with its own port, data folder and socket under /tmp (orchestration/postgres/kluster.py), removed at the end.

The session fixtures are in tests/test_postgres.py; here the cluster's databases as production sets them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from orchestration.postgres import kluster
from orchestration.postgres.publish import publish
from orchestration.postgres.roles import setup

LOADER, ANALYST = "monev_pemuat", "monev_analis"
LOADER_PASSWORD, ANALYST_PASSWORD = "sandi-pemuat-uji", "sandi-analis-uji"


@dataclass(frozen=True)
class Served:
    """A database of the test cluster set up like production and served the Kalaena warehouse."""

    cluster: kluster.Kluster
    database: str
    warehouse: Path

    def url(self, user: str | None = None, password: str | None = None) -> str:
        return self.cluster.url(user, password, dbname=self.database)

    @property
    def loader_url(self) -> str:
        return self.url(LOADER, LOADER_PASSWORD)

    @property
    def analyst_url(self) -> str:
        return self.url(ANALYST, ANALYST_PASSWORD)

    @property
    def admin_url(self) -> str:
        return self.url()


def serve(cluster: kluster.Kluster, database: str, warehouse: Path | None) -> Served:
    """A new database with the roles of `monev postgres siapkan`, the warehouse published into it."""
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(f'create database "{database}"')
    passwords = {LOADER: LOADER_PASSWORD, ANALYST: ANALYST_PASSWORD}
    with psycopg.connect(cluster.url(dbname=database)) as admin:
        setup(admin, LOADER, ANALYST, lambda role, exists: passwords[role])
    served = Served(cluster, database, warehouse)
    if warehouse is not None:
        result = publish(warehouse, served.loader_url, analyst=ANALYST)
        assert result.status == "berhasil", result
    return served
