"""dbt invocations, as pure argument builders (unit-tested) and a subprocess runner for the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

# Models that read the audit's verdict (raw.karantina): built after the Great Expectations step.
AFTER_AUDIT_TAG = "setelah_validasi"


def dbt_vars(*, apply_corrections: bool) -> dict:
    return {"apply_corrections": apply_corrections}


def dbt_build_args(
    *, apply_corrections: bool = True, run_tests: bool = True, before_audit_only: bool = False
) -> list[str]:
    """`dbt build` for the refresh (Dagster adds the selection); `dbt run` of the models the audit
    reads, with no data tests, for `monev check`."""
    args = ["build" if run_tests else "run", "--vars", json.dumps(dbt_vars(apply_corrections=apply_corrections))]
    if run_tests:
        # the models' data tests guard every refresh; the unit tests are the developers' (make test runs them)
        args += ["--exclude-resource-type", "unit_test"]
    if before_audit_only:
        args += ["--exclude", f"tag:{AFTER_AUDIT_TAG}"]
    return args


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else (shutil.which("dbt") or "dbt")


def run_dbt(args: list[str], build_db: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MONEV_BUILD_DB=str(build_db), DO_NOT_TRACK="1")
    return subprocess.run(
        [
            dbt_executable(),
            *args,
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(build_db.parent / "dbt_target"),
            "--log-path",
            str(build_db.parent / "dbt_logs"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
