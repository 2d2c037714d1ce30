"""The inputs of a refresh summed up in one hash, so that a refresh with nothing new can say so and stop.

A refresh is a pure function of its inputs: the seeds (reference data, the transcribed document, the
sample files), every archived submission, what lies in the inbox, the code that reads, builds and
validates them (the Python package, the dbt project, the Great Expectations suites, the locked package
versions) and the MONEV_* settings that change results. When all of them are what the published
warehouse was built from, a new build would publish the same warehouse; `monev refresh` and the nightly
schedule then skip the build and say so (`monev refresh --paksa` builds anyway).

The inbox counts by its listing (name, kind, size, modification time and inode of each entry, never
followed or opened), taken before the run archives it, less the entries the run moved out of the inbox
(archived and removed, refused and moved to ditolak/): entries refused and left in place stay as they were
and are nothing new; a file that arrives or changes is.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

from orchestration.domain.submission import sha256_of
from orchestration.settings import PROJECT_ROOT, Paths

# Code and configuration a build depends on, relative to the project root: folders (every file but
# bytecode) and single files.
CODE_FOLDERS = ("orchestration", "dbt_project/models", "dbt_project/macros", "dbt_project/tests", "expectations")
CODE_FILES = ("dbt_project/dbt_project.yml", "dbt_project/profiles.yml", "uv.lock")
# Settings that do not change what is published in the warehouse (the reports are written from it, and on
# demand by `monev laporan`).
NEUTRAL_SETTINGS = {
    "MONEV_HOME",
    "MONEV_VERBOSE",
    "MONEV_DUCKDB_MEMORY",
    "MONEV_LAPORAN_MALAM",
    "MONEV_LAPORAN_KECAMATAN_MAKS",
    # the PostgreSQL serving target (issue 14) copies the published warehouse; a refresh with nothing new
    # brings a PostgreSQL that is behind up to date (orchestration/postgres/commands.py: catch_up)
    "MONEV_POSTGRES_URL",
    "MONEV_POSTGRES_ADMIN_URL",
    "MONEV_POSTGRES_ANALIS",
    "MONEV_POSTGRES_SANDI_PEMUAT",
    "MONEV_POSTGRES_SANDI_ANALIS",
    "MONEV_SENSOR_INTERVAL_DETIK",
    "MONEV_TUNGGU_REFRESH_DETIK",  # how long a daemon run waits for a refresh that holds the lock
}
NEUTRAL_PREFIXES = ("MONEV_SMTP_",)  # where notices are mailed (orchestration/layanan/pemberitahuan.py)


def _code_files() -> list[Path]:
    found = [PROJECT_ROOT / f for f in CODE_FILES if (PROJECT_ROOT / f).is_file()]
    for folder in CODE_FOLDERS:
        found += (p for p in (PROJECT_ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def _seed_files(seeds: Path) -> list[Path]:
    """Every file under the seeds, through linked folders too (the reader follows them: a benchmark's
    seeds/sampel is a link to the generated files)."""
    found = []
    for folder, _, names in os.walk(seeds, followlinks=True):
        found += (Path(folder) / name for name in names if (Path(folder) / name).is_file())
    return sorted(found)


def _add_contents(digest, label: str, files: list[Path], base: Path) -> None:
    for path in files:
        digest.update(f"{label}:{path.relative_to(base).as_posix()}\0".encode())
        digest.update(sha256_of(path).encode())


def inbox_listing(paths: Paths) -> list[str]:
    """What the inbox holds, by lstat only (a link is not followed, a FIFO not opened)."""
    if not paths.inbox.is_dir():
        return []
    listing = []
    for entry in sorted(os.scandir(paths.inbox), key=lambda e: e.name):
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # gone since listed
        listing.append(f"{entry.name!r}:{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}")
    return listing


def listing_without(listing: list[str], removed: list[str]) -> list[str]:
    """The inbox listing taken before archiving, less the entries archiving moved out of the inbox (archived
    and removed, or refused and moved to ditolak/): the inbox as the run left it, as far as the run knew it. A
    file that arrived after the listing is in neither, so it is new to the next refresh."""
    gone = {repr(name) for name in removed}
    return [entry for entry in listing if entry.rsplit(":", 4)[0] not in gone]


def input_fingerprint(paths: Paths, seeds: Path, inbox: list[str] | None = None) -> str:
    """One SHA-256 over every input of a refresh; the archive and the inbox by their listing (archived files
    never change; inbox entries by lstat). ``inbox``: the listing taken before the run archived it."""
    digest = hashlib.sha256()
    _add_contents(digest, "code", _code_files(), PROJECT_ROOT)
    _add_contents(digest, "seeds", _seed_files(seeds), seeds)
    if paths.archive.is_dir():
        for path in sorted(p for p in paths.archive.rglob("*") if p.is_file()):
            info = path.stat()
            relative = path.relative_to(paths.archive).as_posix()
            digest.update(f"arsip:{relative}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    for entry in inbox_listing(paths) if inbox is None else inbox:
        digest.update(f"inbox:{entry}\0".encode())
    settings = {
        k: v
        for k, v in os.environ.items()
        if k.startswith("MONEV_") and k not in NEUTRAL_SETTINGS and not k.startswith(NEUTRAL_PREFIXES)
    }
    settings["tahun_ini"] = str(date.today().year)  # the default window of plausible years moves with it
    digest.update(json.dumps(settings, sort_keys=True).encode())
    return digest.hexdigest()


def published_report(paths: Paths) -> dict | None:
    """The report of the published warehouse, when the last refresh published it."""
    path = paths.reports / "latest.json"
    if not path.exists() or not paths.warehouse.exists():
        return None
    try:
        report = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return report if report.get("published") else None


def nothing_new(paths: Paths, seeds: Path) -> dict | None:
    """The published report when a refresh now would rebuild exactly it; None when anything changed."""
    report = published_report(paths)
    if report is None or not report.get("sidik_masukan"):
        return None
    return report if report["sidik_masukan"] == input_fingerprint(paths, seeds) else None
