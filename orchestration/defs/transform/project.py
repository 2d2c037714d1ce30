"""The dbt project and its manifest."""

import fcntl
import os
import subprocess
import tempfile
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR
from orchestration.warehouse.dbt import dbt_executable

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _sources_newer_than(target: Path) -> bool:
    if not target.exists():
        return True
    built = target.stat().st_mtime
    watched = [
        DBT_PROJECT_DIR / "dbt_project.yml",
        *DBT_PROJECT_DIR.glob("models/**/*"),
        *DBT_PROJECT_DIR.glob("macros/**/*"),
        *DBT_PROJECT_DIR.glob("tests/**/*"),
    ]
    return any(p.stat().st_mtime > built for p in watched if p.is_file())


def ensure_manifest() -> Path:
    """`dbt parse` (never opens the database) when the manifest is missing or older than the project.

    Several processes may load the definitions at once (test workers, the webserver and the daemon):
    one parses under an exclusive lock, into its own directory, and the finished manifest is moved
    into place atomically, so no process ever reads a half-written file."""
    manifest = Path(dbt_project.manifest_path)
    if not _sources_newer_than(manifest):
        return manifest
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with open(manifest.parent / ".parse.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _sources_newer_than(manifest):  # another process may have parsed while we waited
            with tempfile.TemporaryDirectory(dir=manifest.parent, prefix=".parse-") as scratch:
                subprocess.run(
                    [
                        dbt_executable(),
                        "parse",
                        "--quiet",
                        "--project-dir",
                        str(DBT_PROJECT_DIR),
                        "--profiles-dir",
                        str(DBT_PROJECT_DIR),
                        "--target-path",
                        scratch,
                        "--log-path",
                        scratch,
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                os.replace(Path(scratch) / "manifest.json", manifest)
    return manifest
