"""dbt invocations, as pure argument builders (unit-tested) and a subprocess runner for the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR


def dbt_vars(*, apply_corrections: bool) -> dict:
    return {"apply_corrections": apply_corrections}


def dbt_build_args(*, apply_corrections: bool = True, run_tests: bool = True) -> list[str]:
    """`dbt build` for the nightly refresh; `dbt run` (no data tests) for `monev check`."""
    command = "build" if run_tests else "run"
    return [command, "--vars", json.dumps(dbt_vars(apply_corrections=apply_corrections))]


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else (shutil.which("dbt") or "dbt")


def run_dbt(args: list[str], build_db: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MONEV_BUILD_DB=str(build_db), DO_NOT_TRACK="1")
    return subprocess.run(
        [dbt_executable(), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--target-path", str(build_db.parent / "dbt_target"), "--log-path", str(build_db.parent / "dbt_logs")],
        env=env, capture_output=True, text=True, check=False,
    )
