"""What the refresh records and prints of its PostgreSQL publish, light to import: psycopg and the loader
(``publish.py``) are loaded only when PostgreSQL is configured (``MONEV_POSTGRES_URL``), so a refresh that
publishes DuckDB alone never pays their import."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from orchestration.postgres import messages
from orchestration.postgres.settings import url as configured_url


@dataclass(frozen=True)
class Result:
    """What the refresh report records under ``postgres``."""

    status: str  # berhasil | gagal | tidak_diatur
    pesan: str
    detik: float
    tabel: int

    def as_dict(self) -> dict:
        return asdict(self)


def publish_if_configured(warehouse: Path, run_id: str | None = None) -> Result:
    """The publish step's hook: publish when MONEV_POSTGRES_URL is set; never raises."""
    url = configured_url()
    if url is None:
        return Result("tidak_diatur", messages.NOT_CONFIGURED, 0.0, 0)
    from orchestration.postgres.publish import publish_safely

    return publish_safely(warehouse, url, run_id)


def summary_line(report: dict | None) -> str | None:
    """The refresh summary's PostgreSQL line; None when PostgreSQL is not configured."""
    postgres = (report or {}).get("postgres")
    if not postgres or postgres.get("status") == "tidak_diatur":
        return None
    return postgres.get("pesan")
