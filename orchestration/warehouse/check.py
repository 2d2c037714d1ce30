"""`monev check`: validate submission files before sending them.

The files go through the same ingest, dbt rule models and Great Expectations suites as the refresh,
in a throw-away build database, so a file that passes here passes there. By default the models run as the
SQL dbt compiled for them and the suites as the SQL Great Expectations builds for them, in an in-memory
DuckDB (check_models.py, check_suites.py: about a second instead of ten); ``engine="dbt"`` runs dbt and
Great Expectations themselves, and both give the same findings (tests/test_check_engines.py).

- Plan files (rencana, kinerja) are checked as submitted: no correction or accepted exception applies.
- Realisasi and survey files are checked against the plans the platform knows (seeds and inbox, with
  their corrections), together with the other triwulan already received; a checked file takes the
  place of a received file with the same name key.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orchestration.domain.submission import ParsedFile, file_id, parse_file_name
from orchestration.rules.model import Finding
from orchestration.settings import INBOX_SOURCE, SEED_SOURCES, paths
from orchestration.settings import seeds_dir as default_seeds_dir
from orchestration.warehouse.archive import archived, write_refused_table
from orchestration.warehouse.ingest import Submission, ingest_reference, ingest_submissions

PLAN_KINDS = ("rencana", "kinerja")
# Rules that only restate, for the whole file, problems already listed cell by cell by the reader.
CONSEQUENCES = ("berkas_terbaca",)
ENGINES = ("duckdb", "dbt")


class CheckError(RuntimeError):
    """`monev check` could not finish: a defect of the system, not of the files. Its details (dbt's
    errors or the traceback) are in ``log``; ``str()`` is the one line the command prints."""

    def __init__(self, files: list[Path], log: Path | None):
        self.files, self.log = files, log
        names = ", ".join(f.name for f in files) or "-"
        where = f"rincian di {log}" if log else "rincian tidak dapat ditulis"
        super().__init__(f"GALAT {names}: galat sistem saat memeriksa (bukan kesalahan berkas ini); {where}")


def write_check_log(files: list[Path], details: str) -> Path | None:
    """The details of an internal error of `monev check`, in $MONEV_HOME/logs/ (else the temporary
    folder); None when neither can be written."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    text = "monev check " + " ".join(str(f) for f in files) + "\n\n" + details
    for folder in (paths().home / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / f"monev-check-{stamp}.log"
            log.write_text(text, encoding="utf-8")
            return log
        except OSError:
            continue
    return None


def check_files_safely(files: list[Path], seeds_dir: Path | None = None) -> CheckReport:
    """check_files, with any internal error turned into a CheckError whose details are in a log file."""
    files = [Path(f) for f in files]
    try:
        return check_files(files, seeds_dir)
    except CheckError:
        raise
    except Exception:
        raise CheckError(files, write_check_log(files, traceback.format_exc())) from None


@dataclass
class CheckReport:
    files: list[ParsedFile] = field(default_factory=list)
    rule_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Every problem of the checked files, read problems and rule findings, in file and row order."""
        read = [p for f in self.files for p in f.problems]
        return sorted(read + self.rule_findings, key=_order)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.tingkat == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.tingkat == "warning"]

    @property
    def error_count(self) -> int:
        return len(self.errors)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def _order(f: Finding):
    return (f.nama_berkas or "", f.baris if f.baris is not None else -1, f.kode or "", f.kolom or "", f.aturan, f.cek)


def _key(name: str):
    meta = parse_file_name(name)
    return None if meta is None else (meta["jenis"], meta["kode_wilayah"], meta["tahun"], meta["triwulan"])


def default_engine() -> str:
    """``duckdb`` (the compiled models and the suites as SQL) whenever every expectation of the suites is
    translated to SQL; else ``dbt`` (dbt and Great Expectations, as the refresh)."""
    from orchestration.warehouse.check_suites import supported

    return "duckdb" if supported("validasi") else "dbt"


def check_files(files: list[Path], seeds_dir: Path | None = None, *, engine: str | None = None) -> CheckReport:
    """Check ``files``. ``engine`` is how the rule models and suites run: ``duckdb`` or ``dbt`` (the refresh's
    way, dbt and Great Expectations); both give the same findings (tests/test_check_engines.py)."""
    seeds_dir = seeds_dir or default_seeds_dir()
    engine = engine or default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown check engine {engine!r}: one of {ENGINES}")
    files = [Path(f) for f in files]
    plans = [f for f in files if (_key(f.name) or ("?",))[0] in PLAN_KINDS]
    others = [f for f in files if f not in plans]
    report = CheckReport()
    if plans:
        _run(report, plans, [], False, seeds_dir, engine)
    if others:
        # Realisasi and surveys are checked against what their kecamatan sent for that year (its plan,
        # the other triwulan), except that a plan passed in the same call replaces the received one.
        # Other kecamatan play no part in these rules, so they are not read: a check stays quick at
        # national scale.
        checked_keys = {_key(f.name) for f in files}
        kecamatan_tahun = {k[1:3] for k in checked_keys if k}
        passed = {f.resolve() for f in files}
        context = [Submission(f, INBOX_SOURCE) for f in plans] + [
            s
            for s in received_of(seeds_dir, paths().archive, kecamatan_tahun)
            if (key := _key(s.path.name))
            and key[1:3] in kecamatan_tahun
            and key not in checked_keys
            and s.path.resolve() not in passed
        ]
        _run(report, others, context, True, seeds_dir, engine)
    return report


def received_of(seeds_dir: Path, archive: Path, kecamatan_tahun: set[tuple[str, int]]) -> list[Submission]:
    """``discover_submissions(seeds_dir, archive)`` (seed files, then the archive), narrowed to the files whose
    names carry one of these kecamatan and years (``_<kode_wilayah>_<tahun>``): the same files in the same
    order (tests/test_check_sql.py), without a sorted listing of a national seeds folder (51.000 files, 1,4 s)."""
    marks = tuple(f"_{kode_wilayah}_{tahun}" for kode_wilayah, tahun in kecamatan_tahun)
    found = []
    for folder, sumber in SEED_SOURCES.items():
        try:
            with os.scandir(seeds_dir / folder) as entries:
                named = sorted(Path(e.path) for e in entries if any(m in e.name for m in marks))
        except (FileNotFoundError, NotADirectoryError):
            continue
        found += [Submission(p, sumber) for p in named if p.is_file() and p.suffix.lower() in (".csv", ".xlsx")]
    found += [
        Submission(r.path, INBOX_SOURCE, r.diterima_pada, r.sha256)
        for r in archived(archive)
        if any(m in r.path.name for m in marks)
    ]
    return found


def _run(
    report: CheckReport,
    files: list[Path],
    context: list[Submission],
    apply_corrections: bool,
    seeds_dir: Path,
    engine: str,
) -> None:
    with tempfile.TemporaryDirectory(prefix="monev-check-") as tmp:
        build = _build_in_duckdb if engine == "duckdb" else _build_with_dbt
        checked, findings = build(Path(tmp), files, context, apply_corrections, seeds_dir)
    report.files.extend(checked)
    ids = {file_id(f.path.name, f.sha256) for f in checked}
    keys = {(f.kode_wilayah, f.tahun) for f in checked}
    for finding in findings:
        if finding.berkas_id is not None:
            relevant = finding.berkas_id in ids
        else:  # a plan rule: relevant when the plan checked is that kecamatan's and year's
            relevant = not context and (finding.kode_wilayah, finding.tahun) in keys
        if relevant and finding.aturan not in CONSEQUENCES:
            report.rule_findings.append(finding)


def _ingest(
    con: duckdb.DuckDBPyConnection,
    tmp: Path,
    files: list[Path],
    context: list[Submission],
    seeds_dir: Path,
    cached_reference: bool = False,
):
    """The reference data, the checked files (first) and their context into ``raw``; the checked files' parse."""
    if cached_reference:
        _copy_reference(con, seeds_dir)
    else:
        ingest_reference(con, seeds_dir)
    parsed = ingest_submissions(con, [Submission(f, INBOX_SOURCE) for f in files] + context)
    write_refused_table(con, tmp / "ditolak")  # a check reads no inbox: nothing refused there
    checked = parsed[: len(files)]
    return checked, any(f.jenis and f.rows for f in checked)


def _build_in_duckdb(
    tmp: Path, files: list[Path], context: list[Submission], apply_corrections: bool, seeds_dir: Path
) -> tuple[list[ParsedFile], list[Finding]]:
    """The rule models from dbt's compiled SQL and the suites as SQL, in an in-memory DuckDB (check_models.py,
    check_suites.py): the same findings as dbt + Great Expectations, without their start-up."""
    from orchestration.warehouse.check_models import BUILD_DATABASE
    from orchestration.warehouse.check_suites import audit_sql

    catalog = Path(BUILD_DATABASE).stem
    with duckdb.connect() as con:
        con.execute(f"attach ':memory:' as \"{catalog}\"")
        con.execute(f'use "{catalog}"')
        checked, any_rows = _ingest(con, tmp, files, context, seeds_dir, cached_reference=True)
        if not any_rows:
            return checked, []
        plan = _plan(files, apply_corrections)
        if plan.database != catalog:
            raise RuntimeError(f"the compiled models name database {plan.database!r}, not {catalog!r}")
        plan.build(con)
        return checked, audit_sql(con, "validasi")


def _reference_key(seeds_dir: Path) -> str:
    """The reference data's files (every file of the seeds folder but the submissions' folders) by path, size
    and modification time: a changed nomenclature, region list or corrections log is read again."""
    digest = hashlib.sha256(str(seeds_dir.resolve()).encode())
    for entry in sorted(seeds_dir.iterdir()):
        if entry.name in SEED_SOURCES:
            continue
        for path in sorted(entry.rglob("*")) if entry.is_dir() else [entry]:
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(seeds_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


def _reference_file(seeds_dir: Path) -> Path | None:
    """ingest_reference's tables in a small DuckDB file of the home's cache, written once per content of the
    reference files; None when the cache cannot be written."""
    folder = paths().home / "cache" / "check"
    cached = folder / f"referensi-{_reference_key(seeds_dir)}.duckdb"
    if cached.is_file():
        return cached
    partial = folder / f"{cached.name}.{os.getpid()}.{threading.get_ident()}.tmp"  # the portal's threads too
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            with duckdb.connect(str(partial)) as ref:
                ingest_reference(ref, seeds_dir)
            os.replace(partial, cached)
        finally:
            partial.unlink(missing_ok=True)
    except (OSError, duckdb.IOException):
        return None
    for other in folder.glob("referensi-*.duckdb"):
        if other != cached:
            other.unlink(missing_ok=True)
    return cached


def _copy_reference(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> None:
    """ingest_reference's tables copied from the home's cache (about 0,1 s saved per check), or read here."""
    con.execute("create schema if not exists raw")
    cached = _reference_file(seeds_dir)
    try:
        if cached is None:
            raise duckdb.IOException("no cache")
        con.execute("attach ? as referensi_cache (read_only)", [str(cached)])
    except duckdb.IOException:  # not writable, or removed meanwhile by a check on other reference files
        ingest_reference(con, seeds_dir)
        return
    try:
        tables = con.execute(
            "select table_name from duckdb_tables() where database_name = 'referensi_cache' and schema_name = 'raw' "
            "order by table_name"
        ).fetchall()
        for (table,) in tables:
            con.execute(f'create table raw."{table}" as from referensi_cache.raw."{table}"')
    finally:
        con.execute("detach referensi_cache")


def _plan(files: list[Path], apply_corrections: bool):
    from orchestration.warehouse.check_models import CompileError, plan_for

    try:
        return plan_for(apply_corrections)
    except CompileError as exc:
        details = "dbt failed while compiling the check's models:\n" + "\n".join(exc.errors)
        raise CheckError(files, write_check_log(files, details)) from None


def _build_with_dbt(
    tmp: Path, files: list[Path], context: list[Submission], apply_corrections: bool, seeds_dir: Path
) -> tuple[list[ParsedFile], list[Finding]]:
    """The refresh's own way: dbt builds the models in a scratch file, Great Expectations runs the suites."""
    from orchestration.warehouse.audit import run_audit
    from orchestration.warehouse.dbt import dbt_build_args, run_dbt

    build_db = tmp / "build.duckdb"  # the name the dbt manifest knows the database by
    with duckdb.connect(str(build_db)) as con:
        checked, any_rows = _ingest(con, tmp, files, context, seeds_dir)
    if not any_rows:
        return checked, []
    completed = run_dbt(
        dbt_build_args(apply_corrections=apply_corrections, run_tests=False, before_audit_only=True), build_db
    )
    if not completed.success:
        details = "dbt failed while checking:\n" + "\n".join(completed.errors)
        raise CheckError(files, write_check_log(files, details))
    return checked, run_audit(build_db, "validasi", tmp).findings
