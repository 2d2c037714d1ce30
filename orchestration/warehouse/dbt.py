"""dbt invocations: pure argument builders (unit-tested) and dbt's programmatic runner, in this process.

dbt runs in the process that needs it (the refresh job, `monev check`), through `dbtRunner`, on a
manifest loaded once per process and reused by every invocation: no subprocess, no second parse. The
parse itself is partial whenever possible: it always sees the same profile (a fixed database path: parsing
never opens the database) and the same vars, and keeps its partial-parse state in the project, under
``dbt_project/target/monev-parse/`` (prepared by `make install`: ``python -m orchestration.warehouse.dbt``),
shared by every home (``$MONEV_HOME/cache/dbt/`` where the project cannot be written). A full parse takes
about 4 s, a partial one about 0,8 s once dbt is imported (dbt reads its whole state back and checks every file).

Beside that state each parse leaves the manifest itself, pickled (``manifest.pickle``), under a key made of
everything the parse read: the dbt project's files, the vars, the project's place, and the Python and dbt
versions. A process whose key matches loads it in about 15 ms instead of parsing; any other key parses, and
writes the pickle again. Each invocation then connects to its own build database.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import pickle
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

log = logging.getLogger(__name__)

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


# Bumped when what the pickle holds changes shape.
PICKLE_FORMAT = "monev-manifest-1"
# Folders of the dbt project that no parse reads: dbt's own output.
NOT_PARSED = {"target", "logs"}


def project_digest(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """What dbt makes of the project depends on, besides the vars, in one hash: every file a parse reads (the
    models, macros, tests, dbt_project.yml and profiles.yml; not dbt's own output in target/ and logs/), by path
    and content, and the versions of the dbt packages. Serves the pickled manifest and `monev check`'s compiled
    plan (check_models.fingerprint). Contents are hashed once per process while a file's stat is unchanged."""
    from importlib.metadata import version

    from orchestration.domain.submission import sha256_of

    digest = hashlib.sha256()
    for package in ("dbt-core", "dbt-adapters", "dbt-common", "dbt-duckdb"):
        digest.update(f"{package} {version(package)}\n".encode())
    files = []
    for folder, subfolders, names in os.walk(project_dir):
        if Path(folder) == project_dir:
            subfolders[:] = [d for d in subfolders if d not in NOT_PARSED]
        files += [Path(folder, name) for name in names]
    for path in sorted(files):
        digest.update(f"{path.relative_to(project_dir).as_posix()}\0{sha256_of(path)}\n".encode())
    return digest.hexdigest()


def manifest_key(vars_json: str, project_dir: Path = DBT_PROJECT_DIR) -> str:
    """What a parse of the project depends on: its files and dbt's versions (project_digest), the vars, where the
    project is (the manifest records its paths), and the Python version (the pickle holds Python objects)."""
    digest = hashlib.sha256()
    for part in (PICKLE_FORMAT, str(project_dir.resolve()), vars_json, sys.version, project_digest(project_dir)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _manifest_fields(manifest) -> dict:
    """What a manifest holds, without its private fields (lookups and caches it rebuilds when first asked, a lock).
    Not the manifest itself: dbt's own ``Manifest.__reduce_ex__`` lists fewer fields than the class has, so an
    unpickled manifest gets each lookup in the next one's place (1.11: a ref then fails to compile)."""
    import dataclasses

    return {f.name: getattr(manifest, f.name) for f in dataclasses.fields(manifest) if not f.name.startswith("_")}


def _load_pickled(path: Path, key: str):
    """The pickled manifest at ``path`` when it was made under ``key`` and the environment variables its parse
    read have the same values now; None otherwise (missing, stale, or unreadable)."""
    from dbt.contracts.graph.manifest import Manifest

    try:
        with open(path, "rb") as source:
            if source.readline().rstrip(b"\n").decode() != key:
                return None
            manifest = Manifest(**pickle.load(source))
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if any(os.environ.get(name) != value for name, value in manifest.env_vars.items()):
        return None
    return manifest


def _write_pickled(path: Path, key: str, manifest) -> bool:
    """Written beside and moved into place: a reader sees the old file or the whole new one. A pickle that cannot
    be written (a full disk, a folder that is not one) costs the next process a parse, never this one its run."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with open(scratch, "wb") as target:
            target.write(key.encode() + b"\n")
            pickle.dump(_manifest_fields(manifest), target, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(scratch, path)
    except OSError as error:
        log.warning("dbt manifest not pickled to %s (%s): the next process parses the project", path, error)
        with contextlib.suppress(OSError):
            scratch.unlink()
        return False
    return True


def parsed_manifest(vars_json: str, cache_dir: Path | None = None):
    """The project's manifest for these vars, once per process: the pickle of the last parse when the project
    is unchanged, else a (partial) parse from cache_dir, whose manifest is then pickled for the next process."""
    if vars_json in _MANIFESTS:
        return _MANIFESTS[vars_json]
    cache_dir = cache_dir or parse_cache_dir()
    folder = cache_dir / ("parse-" + "-".join(f"{k}-{v}" for k, v in sorted(json.loads(vars_json).items())))
    folder.mkdir(parents=True, exist_ok=True)
    pickled = folder / "manifest.pickle"
    key = manifest_key(vars_json)
    manifest = _load_pickled(pickled, key)
    if manifest is None:
        from dbt.cli.main import dbtRunner

        with open(folder / ".lock", "a+") as lock, _database(PARSE_DATABASE):
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process writes the partial-parse state at a time
            manifest = _load_pickled(pickled, key)  # parsed by another process while this one waited
            if manifest is None:
                # no manifest.json: nothing reads this folder's (the partial-parse state is what it keeps)
                args = ["parse", "--no-write-json", "--vars", vars_json, *dbt_common_args(folder)]
                result = dbtRunner().invoke(args)
                if not result.success:
                    raise RuntimeError(f"dbt could not parse the project: {result.exception}")
                manifest = result.result
                if manifest_key(vars_json) == key:  # not when a file changed while dbt read the project
                    _write_pickled(pickled, key, manifest)
    _MANIFESTS[vars_json] = manifest
    return manifest


# The events a caller reads: each node's result (dagster-dbt turns them into asset events) and `dbt show`'s
# preview; errors are kept whatever their kind. The other events (about 34 per node: queries, connections,
# cache actions) are dropped as dbt fires them instead of being converted: about 2.000 per build.
KEPT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult", "ShowNode"})


@dataclass
class DbtRun:
    """What one dbt invocation did: its result events and errors (dbt's JSON log records) and its errors' texts."""

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

    def keep(event) -> None:
        if event.info.name in KEPT_EVENTS or event.info.level == "error":
            collected.append(event)

    with _database(build_db):
        try:
            result = dbtRunner(manifest=manifest, callbacks=[keep]).invoke([*args, *dbt_common_args(target_dir)])
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
