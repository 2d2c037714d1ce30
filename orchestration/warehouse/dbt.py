"""dbt invocations: pure argument builders (unit-tested) and dbt's programmatic runner, in this process.

dbt runs in the process that needs it (the refresh job, `monev check`), through `dbtRunner`, on a
manifest parsed once per process and reused by every invocation: no subprocess, no second parse. The
parse itself is partial whenever possible: it always sees the same profile (a fixed database path: parsing
never opens the database) and the same vars, and keeps its partial-parse state in the project, under
``dbt_project/target/monev-parse/`` (prepared by `make install`: ``python -m orchestration.warehouse.dbt``),
shared by every home (``$MONEV_HOME/cache/dbt/`` where the project cannot be written). A full parse takes
about 4 s, a partial one 0,2 s once dbt is imported. Each invocation then connects to its own build database.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

# Models that read the audit's verdict (raw.karantina): built after the Great Expectations step.
AFTER_AUDIT_TAG = "setelah_validasi"
# What the profile's database path reads while parsing: never opened, the same for every parse.
PARSE_DATABASE = "/monev-dbt-parse/build.duckdb"


def dbt_vars(*, apply_corrections: bool) -> dict:
    return {"apply_corrections": apply_corrections}


def dbt_build_args(
    *, apply_corrections: bool = True, run_tests: bool = True, before_audit_only: bool = False
) -> list[str]:
    """`dbt build` for the refresh (the step adds its selection); `dbt run` of the models the audit
    reads, with no data tests, for `monev check`."""
    # no manifest.json or run_results.json per invocation: nothing reads them (the events carry the results),
    # and writing them cost ~0,1 s per invocation
    args = [
        "build" if run_tests else "run",
        "--no-write-json",
        "--vars",
        json.dumps(dbt_vars(apply_corrections=apply_corrections)),
    ]
    if run_tests:
        # the models' data tests guard every refresh; the unit tests are the developers' (make test runs them)
        args += ["--exclude-resource-type", "unit_test"]
    if before_audit_only:
        args += ["--exclude", f"tag:{AFTER_AUDIT_TAG}"]
    return args


def dbt_common_args(target_dir: Path) -> list[str]:
    """Where the project is and where an invocation writes; dbt's own console output off (events are
    collected instead, and errors reported by the caller)."""
    return [
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(target_dir),
        "--log-level",
        "none",
        "--log-level-file",
        "none",
    ]


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else (shutil.which("dbt") or "dbt")


@contextlib.contextmanager
def _database(path: Path | str) -> Iterator[None]:
    """The profile reads MONEV_BUILD_DB: point it at one database for one invocation."""
    before = os.environ.get("MONEV_BUILD_DB")
    os.environ["MONEV_BUILD_DB"] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MONEV_BUILD_DB", None)
        else:
            os.environ["MONEV_BUILD_DB"] = before


_MANIFESTS: dict[str, object] = {}


def parse_cache_dir() -> Path:
    """Where the partial-parse state is kept: in the project (the same for every home, prepared at install),
    or in the home's cache where the project cannot be written."""
    from orchestration.settings import paths

    shared = DBT_PROJECT_DIR / "target" / "monev-parse"
    try:
        shared.mkdir(parents=True, exist_ok=True)
        if os.access(shared, os.W_OK):
            return shared
    except OSError:
        pass
    return paths().home / "cache" / "dbt"


def parsed_manifest(vars_json: str, cache_dir: Path | None = None):
    """The project's manifest for these vars, parsed once per process (partially, from cache_dir)."""
    if vars_json in _MANIFESTS:
        return _MANIFESTS[vars_json]
    from dbt.cli.main import dbtRunner

    cache_dir = cache_dir or parse_cache_dir()
    folder = cache_dir / ("parse-" + "-".join(f"{k}-{v}" for k, v in sorted(json.loads(vars_json).items())))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as lock, _database(PARSE_DATABASE):
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process writes the partial-parse state at a time
        # no manifest.json: nothing reads this folder's (the partial-parse state is what it keeps)
        result = dbtRunner().invoke(["parse", "--no-write-json", "--vars", vars_json, *dbt_common_args(folder)])
    if not result.success:
        raise RuntimeError(f"dbt could not parse the project: {result.exception}")
    _MANIFESTS[vars_json] = result.result
    return result.result


@dataclass
class DbtRun:
    """What one dbt invocation did: its structured events (dbt's JSON log records) and its errors."""

    success: bool
    events: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def run_dbt(
    args: list[str], build_db: Path, *, target_dir: Path | None = None, cache_dir: Path | None = None
) -> DbtRun:
    """Run dbt with ``args`` on ``build_db``, in this process. ``args`` carry the ``--vars`` (the parse
    uses the same). Artifacts go to ``target_dir`` (default: beside the database)."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    vars_json = args[args.index("--vars") + 1] if "--vars" in args else json.dumps(dbt_vars(apply_corrections=True))
    manifest = parsed_manifest(vars_json, cache_dir)
    target_dir = target_dir or build_db.parent / "dbt_target"
    collected = []
    with _database(build_db):
        try:
            result = dbtRunner(manifest=manifest, callbacks=[collected.append]).invoke(
                [*args, *dbt_common_args(target_dir)]
            )
        finally:
            release_duckdb()
    events = [msg_to_dict(e) for e in collected]
    errors = [e["info"]["msg"] for e in events if e["info"].get("level") == "error"]
    if result.exception is not None:
        errors.append(str(result.exception))
    return DbtRun(bool(result.success), events, errors)


def release_duckdb() -> None:
    """Close the database dbt-duckdb keeps open between invocations (a class-level environment), so that the
    next reader (Great Expectations, read-only) or writer of the same file in this process can open it."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        environment, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
    if environment is not None:
        with contextlib.suppress(Exception):
            environment.close()


def main() -> int:
    """Prepare the refresh's partial-parse state in the project (`make install` runs this), so that the
    first refresh of any home parses partially."""
    import time

    start = time.perf_counter()
    parsed_manifest(json.dumps(dbt_vars(apply_corrections=True)))
    print(f"dbt parse state ready in {parse_cache_dir()} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
