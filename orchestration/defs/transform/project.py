"""The dbt project and its manifest."""

import subprocess
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR
from orchestration.warehouse.dbt import dbt_executable

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _sources_newer_than(target: Path) -> bool:
    if not target.exists():
        return True
    built = target.stat().st_mtime
    watched = [DBT_PROJECT_DIR / "dbt_project.yml", *DBT_PROJECT_DIR.glob("models/**/*"),
               *DBT_PROJECT_DIR.glob("macros/**/*"), *DBT_PROJECT_DIR.glob("tests/**/*")]
    return any(p.stat().st_mtime > built for p in watched if p.is_file())


def ensure_manifest() -> Path:
    """`dbt parse` (never opens the database) when the manifest is missing or older than the project."""
    manifest = dbt_project.manifest_path
    if _sources_newer_than(manifest):
        subprocess.run([dbt_executable(), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                        "--profiles-dir", str(DBT_PROJECT_DIR)], check=True, capture_output=True, text=True)
    return manifest
