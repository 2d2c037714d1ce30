"""Where things live. Everything the pipeline writes is under MONEV_HOME (default ./data)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SEEDS_DIR = PROJECT_ROOT / "seeds"  # the repository's seeds; MONEV_SEEDS may point elsewhere (tests)
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"

# Seed folders and the provenance (sumber) every row read from them carries.
SEED_SOURCES = {"dokumen": "dokumen", "sampel": "sampel"}
INBOX_SOURCE = "kiriman"


@dataclass(frozen=True)
class Paths:
    home: Path

    @property
    def builds(self) -> Path:
        return self.home / "build"

    def build_dir(self, run_id: str) -> Path:
        """Each run builds in its own private database: concurrent runs never share a writer."""
        return self.builds / run_id

    def build_db(self, run_id: str) -> Path:
        return self.build_dir(run_id) / "build.duckdb"

    def audit_file(self, run_id: str) -> Path:
        return self.build_dir(run_id) / "audit.json"

    def fingerprint_file(self, run_id: str) -> Path:
        """The hash of the inputs the run read (orchestration/warehouse/fingerprint.py)."""
        return self.build_dir(run_id) / "sidik_masukan.txt"

    @property
    def warehouse_dir(self) -> Path:
        return self.home / "warehouse"

    @property
    def warehouse(self) -> Path:
        return self.warehouse_dir / "monev.duckdb"

    @property
    def previous_warehouse(self) -> Path:
        return self.warehouse_dir / "monev.previous.duckdb"

    @property
    def refresh_lock(self) -> Path:
        return self.home / "refresh.lock"

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def archive(self) -> Path:
        return self.home / "arsip"

    @property
    def rejected(self) -> Path:
        """Inbox entries refused before reading (links, FIFOs, folders, unsafe names, too large), with their ledger."""
        return self.home / "ditolak"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def parse_cache(self) -> Path:
        """What the reader produced for every file received, so that each file is read once."""
        return self.home / "cache" / "kiriman.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"


def monev_home() -> Path:
    return Path(os.environ.get("MONEV_HOME", PROJECT_ROOT / "data")).resolve()


# What one kecamatan's files may take in the archive, in MB (MONEV_KUOTA_ARSIP_MB). A kecamatan sends
# some ten files a year of well under 1 MB each; 200 MB is room for ten files at the 20 MB size limit.
DEFAULT_ARCHIVE_QUOTA_MB = 200


def megabytes_setting(name: str, default_mb: float) -> int:
    """A size setting given in MB (e.g. MONEV_KUOTA_ARSIP_MB=200), in bytes; the default when unset."""
    value = os.environ.get(name, "").strip()
    try:
        megabytes = float(value) if value else default_mb
    except ValueError:
        raise ValueError(f"{name} harus angka (MB), bukan {value!r}") from None
    return int(megabytes * 1024 * 1024)


def archive_quota_bytes() -> int:
    return megabytes_setting("MONEV_KUOTA_ARSIP_MB", DEFAULT_ARCHIVE_QUOTA_MB)


def seeds_dir() -> Path:
    """The seeds a refresh reads: the repository's, unless MONEV_SEEDS names another copy."""
    return Path(os.environ.get("MONEV_SEEDS", SEEDS_DIR)).resolve()


def paths() -> Paths:
    return Paths(monev_home())


# The years a submission may name (in its file name and its year cells), around the current year:
# MONEV_TAHUN_MIN and MONEV_TAHUN_MAX, by default 10 years back (a Renstra's base year and late
# corrections) to 5 ahead (the next Renstra period). 1900 or 2999 is a typing error, not a year.
DEFAULT_YEARS_BACK = 10
DEFAULT_YEARS_AHEAD = 5


def year_window(today: date | None = None) -> tuple[int, int]:
    this_year = (today or date.today()).year
    bounds = []
    for name, default in (
        ("MONEV_TAHUN_MIN", this_year - DEFAULT_YEARS_BACK),
        ("MONEV_TAHUN_MAX", this_year + DEFAULT_YEARS_AHEAD),
    ):
        value = os.environ.get(name, "").strip()
        if value and not value.isdigit():
            raise ValueError(f"{name} harus tahun empat angka, bukan {value!r}")
        bounds.append(int(value) if value else default)
    return bounds[0], bounds[1]
