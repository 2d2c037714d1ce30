"""`monev check`: validate submission files as submitted, with no correction applied.

The files go through the same ingest, dbt rule models and Great Expectations suites as the nightly
refresh, in a throw-away build database, so a file that passes here passes there.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.domain.submission import ParsedFile, Problem
from orchestration.settings import INBOX_SOURCE, SEEDS_DIR
from orchestration.warehouse.audit import AuditResult, run_audit
from orchestration.warehouse.dbt import dbt_build_args, run_dbt
from orchestration.warehouse.ingest import Submission, ingest_reference, ingest_submissions


@dataclass
class CheckReport:
    files: list[ParsedFile] = field(default_factory=list)
    audit: AuditResult | None = None

    @property
    def file_problems(self) -> list[Problem]:
        return [p for f in self.files for p in f.problems]

    @property
    def error_count(self) -> int:
        errors = sum(1 for p in self.file_problems if p.severity == "error")
        return errors + (len(self.audit.errors) if self.audit else 0)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def check_files(paths: list[Path], seeds_dir: Path = SEEDS_DIR) -> CheckReport:
    report = CheckReport()
    with tempfile.TemporaryDirectory(prefix="monev-check-") as tmp:
        build_db = Path(tmp) / "check.duckdb"
        with duckdb.connect(str(build_db)) as con:
            ingest_reference(con, seeds_dir)
            report.files = ingest_submissions(con, [Submission(Path(p), INBOX_SOURCE) for p in paths])
        readable = [f for f in report.files if f.jenis and f.rows]
        if not readable:
            return report
        completed = run_dbt(dbt_build_args(apply_corrections=False, run_tests=False), build_db)
        if completed.returncode != 0:
            raise RuntimeError("dbt failed while checking:\n" + completed.stdout[-4000:] + completed.stderr[-2000:])
        report.audit = run_audit(build_db)
    return report
