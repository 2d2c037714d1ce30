"""Great Expectations as its users know it: the committed file context in ``expectations/`` runs.

``expectations/`` is a GX file context (``great_expectations.yml``). Everything in it but the suites is
GENERATED from the suites by ``write_context_files`` (``uv run python -m orchestration.warehouse.gx_checkpoint``)
and a test fails when the committed files differ from what the generator writes:

- ``great_expectations.yml``: the stores, the Data Docs site and one SQL data source ``build`` on the
  run's private DuckDB file, opened read-only. Its connection string is ``duckdb:///${MONEV_GX_BUILD_DB}``
  and the validation results and Data Docs live under ``${MONEV_HOME}``: GX substitutes both when it loads
  the context (the runner passes them as the context's runtime environment, which GX treats like
  environment variables; by hand, export them). One query asset per model
  (``select * from <schema>.<model>``);
- ``validation_definitions/<suite>.json``: one per suite, the suite on its model's asset;
- ``checkpoints/<stage>.json``: one per stage (``validasi``, ``mart``), with the result format that
  returns the key columns of every failing row and an action that updates the Data Docs.

Nothing is written under ``expectations/`` at run time (``uncommitted/`` is not used): validation results
go to ``$MONEV_HOME/gx/validations/`` (only the newest few runs of each suite are kept) and the Data Docs
to ``$MONEV_HOME/docs/gx/index.html`` (offline).

Each suite's ``meta`` names its model (``model``), its stage (``tahap``) and the columns that identify a
row of the model (``kunci``: ``["cek_id"]`` for rule models). ``run_checkpoint`` runs a stage's checkpoint
and returns, for every failing expectation, the keys of EVERY failing row.
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orchestration.settings import EXPECTATIONS_DIR

STAGES = ("validasi", "mart")
DATASOURCE = "build"
BATCH_DEFINITION = "all"
DOCS_SITE = "monev"
DOCS_ACTION = "data_docs"
# plugins/monev_gx.py: GX's update_data_docs, built once per checkpoint run instead of once per suite
DOCS_ACTION_TYPE = "update_data_docs_once"
# The variables great_expectations.yml names; GX substitutes them when it loads the context.
BUILD_DB_VAR = "MONEV_GX_BUILD_DB"
HOME_VAR = "MONEV_HOME"
# Where a run writes, relative to the home (MONEV_HOME).
VALIDATIONS_SUBDIR = Path("gx", "validations")
DOCS_SUBDIR = Path("docs", "gx")
# Results (and their Data Docs pages) kept per suite, this run included.
KEEP_RUNS = 5
# Every failing row is returned: GX applies ``partial_unexpected_count`` as the LIMIT of the query that
# fetches the failing rows (even in COMPLETE format); it is a limit, not an allocation.
ALL_ROWS = 10**9
# When the suites of one stage do not share their key columns, each asset of that stage carries them in
# one STRUCT column of this name (a checkpoint has one result format for all its suites).
KEY_STRUCT = "gx_kunci"
MODEL_SCHEMAS = {"int_": "intermediate", "stg_": "staging"}
# Stable ids: the same suites always generate the same files.
_ID_NAMESPACE = uuid.UUID("6f1d2c1e-5b7a-4f0e-9a43-2d6c1f0b7e51")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class FailedExpectation:
    """One expectation that failed in one suite, and the key columns of every row that breaks it."""

    suite: str
    expectation_type: str  # e.g. expect_column_values_to_be_in_set
    meta: Mapping[str, Any]  # the expectation's meta: aturan (rule code), cek (check code), ...
    keys: list[dict[str, Any]] = field(default_factory=list)  # per row: {key column: value} (suite meta.kunci)
    severity: str | None = None  # GX's own severity of the expectation (critical, warning, info)

    @property
    def aturan(self) -> str | None:
        return self.meta.get("aturan")

    @property
    def cek(self) -> str | None:
        return self.meta.get("cek")


class GxRunError(RuntimeError):
    """An expectation could not be run, or its failing rows could not all be named."""


# --------------------------------------------------------------------------------------------------
# The committed context files, generated from the suites


def model_relation(meta: Mapping[str, Any]) -> str:
    """``<schema>.<model>`` of a suite's model: ``meta.skema``, else by prefix (int_, stg_, else marts)."""
    model = meta["model"]
    schema = meta.get("skema") or next((s for p, s in MODEL_SCHEMAS.items() if model.startswith(p)), "marts")
    if not _IDENTIFIER.match(schema):
        raise ValueError(f"model {model}: invalid schema {schema!r}")
    return f"{schema}.{model}"


def load_suites(context_dir: Path = EXPECTATIONS_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted((context_dir / "expectations").glob("*.json"))}


def _stable_id(kind: str, name: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, f"{kind}:{name}"))


def _suite_kunci(name: str, spec: dict) -> list[str]:
    kunci = spec.get("meta", {}).get("kunci")
    if not kunci or not isinstance(kunci, list):
        raise ValueError(
            f'suite {name}: meta.kunci (the columns that identify a failing row, e.g. ["cek_id"]) is missing'
        )
    for column in kunci:
        if not isinstance(column, str) or not _IDENTIFIER.match(column):
            raise ValueError(f"suite {name}: meta.kunci has an invalid column name {column!r}")
    return list(kunci)


def _plan(suites: dict[str, dict]) -> dict:
    """What the context is made of: per stage its suites and index columns, per model its asset query."""
    stages: dict[str, list[str]] = {}
    kunci: dict[str, list[str]] = {}
    for name, spec in suites.items():
        meta = spec.get("meta", {})
        if not meta.get("model") or not _IDENTIFIER.match(meta["model"]):
            raise ValueError(f"suite {name}: meta.model (the dbt model it validates) is missing or invalid")
        if meta.get("tahap") not in STAGES:
            raise ValueError(f"suite {name}: meta.tahap must be one of {STAGES}, not {meta.get('tahap')!r}")
        if not spec.get("id"):
            raise ValueError(f"suite {name}: the suite has no id (a validation definition refers to it by id)")
        if spec.get("name", name) != name:
            raise ValueError(f"suite file {name}.json holds suite {spec.get('name')!r}")
        kunci[name] = _suite_kunci(name, spec)
        stages.setdefault(meta["tahap"], []).append(name)

    index_columns: dict[str, list[str]] = {}
    queries: dict[str, str] = {}
    for stage, names in stages.items():
        shared = {tuple(kunci[n]) for n in names}
        # One checkpoint, one result format: the suites of a stage either share their key columns, or
        # their assets carry them in one STRUCT column.
        index_columns[stage] = list(next(iter(shared))) if len(shared) == 1 else [KEY_STRUCT]
        for n in names:
            model = suites[n]["meta"]["model"]
            relation = model_relation(suites[n]["meta"])
            if len(shared) == 1:
                query = f"select * from {relation}"
            else:
                query = f"select *, struct_pack({', '.join(kunci[n])}) as {KEY_STRUCT} from {relation}"
            if queries.setdefault(model, query) != query:
                raise ValueError(
                    f"model {model}: its suites need different asset queries ({query!r} vs "
                    f"{queries[model]!r}): give its suites the same meta.kunci and stage"
                )
    return {
        "stages": {s: sorted(n) for s, n in sorted(stages.items())},
        "index_columns": index_columns,
        "queries": dict(sorted(queries.items())),
    }


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _yaml_str(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar


_YML_HEAD = f"""\
# GENERATED by orchestration/warehouse/gx_checkpoint.py from the suites in expectations/: do not edit.
# Regenerate with: uv run python -m orchestration.warehouse.gx_checkpoint
#
# A Great Expectations file context. GX substitutes ${{{BUILD_DB_VAR}}} (the run's private DuckDB build
# file, opened read-only) and ${{{HOME_VAR}}} (where validation results and Data Docs are written) when it
# loads this file: run_checkpoint passes both; to open the context by hand, export them first.
# Nothing is written in this folder at run time (uncommitted/ is not used).
config_version: 4
analytics_enabled: false
progress_bars:
  globally: false
plugins_directory: plugins/

stores:
  expectations_store:
    class_name: ExpectationsStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: expectations/
  validation_definition_store:
    class_name: ValidationDefinitionStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: validation_definitions/
  checkpoint_store:
    class_name: CheckpointStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: checkpoints/
  validation_results_store:
    # plugins/monev_gx.py: stores at most 1.000 failing rows per expectation (the audit gets them all)
    class_name: ValidationResultsStore
    module_name: monev_gx
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: ${{{HOME_VAR}}}/{VALIDATIONS_SUBDIR.as_posix()}/

expectations_store_name: expectations_store
validation_results_store_name: validation_results_store
checkpoint_store_name: checkpoint_store

data_docs_sites:
  {DOCS_SITE}:
    class_name: SiteBuilder
    show_how_to_buttons: false
    store_backend:
      class_name: TupleFilesystemStoreBackend
      base_directory: ${{{HOME_VAR}}}/{DOCS_SUBDIR.as_posix()}/
    site_index_builder:
      class_name: DefaultSiteIndexBuilder
    site_section_builders:
      profiling: None

fluent_datasources:
  {DATASOURCE}:
    type: sql
    id: {_stable_id("datasource", DATASOURCE)}
    connection_string: duckdb:///${{{BUILD_DB_VAR}}}
    kwargs:
      connect_args:
        read_only: true
    assets:
"""


def context_files(context_dir: Path = EXPECTATIONS_DIR) -> dict[str, str]:
    """The generated files of the context (path relative to ``context_dir`` -> content), from its suites."""
    suites = load_suites(context_dir)
    plan = _plan(suites)
    yml = _YML_HEAD
    for model, query in plan["queries"].items():
        yml += (
            f"      {model}:\n"
            f"        type: query\n"
            f"        id: {_stable_id('asset', model)}\n"
            f"        query: {_yaml_str(query)}\n"
            f"        batch_metadata: {{}}\n"
            f"        batch_definitions:\n"
            f"          {BATCH_DEFINITION}:\n"
            f"            id: {_stable_id('batch_definition', model)}\n"
            f"            partitioner:\n"
        )
    files = {"great_expectations.yml": yml}
    for name, spec in suites.items():
        model = spec["meta"]["model"]
        files[f"validation_definitions/{name}.json"] = _json(
            {
                "name": name,
                "id": _stable_id("validation_definition", name),
                "data": {
                    "datasource": {"name": DATASOURCE, "id": _stable_id("datasource", DATASOURCE)},
                    "asset": {"name": model, "id": _stable_id("asset", model)},
                    "batch_definition": {"name": BATCH_DEFINITION, "id": _stable_id("batch_definition", model)},
                },
                "suite": {"name": name, "id": spec["id"]},
            }
        )
    for stage, names in plan["stages"].items():
        files[f"checkpoints/{stage}.json"] = _json(
            {
                "name": stage,
                "id": _stable_id("checkpoint", stage),
                "validation_definitions": [{"name": n, "id": _stable_id("validation_definition", n)} for n in names],
                "actions": [{"name": DOCS_ACTION, "type": DOCS_ACTION_TYPE, "site_names": [DOCS_SITE]}],
                "result_format": {
                    "result_format": "COMPLETE",
                    "unexpected_index_column_names": plan["index_columns"][stage],
                    "partial_unexpected_count": ALL_ROWS,
                },
            }
        )
    return files


def _generated_paths(context_dir: Path) -> set[str]:
    """The generated files on disk (validation definitions and checkpoints of suites that are gone too)."""
    found = {"great_expectations.yml"} if (context_dir / "great_expectations.yml").exists() else set()
    for folder in ("validation_definitions", "checkpoints"):
        found |= {f"{folder}/{p.name}" for p in (context_dir / folder).glob("*.json")}
    return found


def stale_context_files(context_dir: Path = EXPECTATIONS_DIR) -> list[str]:
    """The generated files that are missing, differ from what the generator writes, or should not exist."""
    wanted = context_files(context_dir)
    stale = [p for p, text in wanted.items() if not (context_dir / p).exists() or (context_dir / p).read_text() != text]
    return sorted(stale + sorted(_generated_paths(context_dir) - set(wanted)))


def write_context_files(context_dir: Path = EXPECTATIONS_DIR) -> list[str]:
    """Write the generated files of the context from its suites; remove those of suites that are gone.
    Returns the paths that changed."""
    wanted = context_files(context_dir)
    changed = stale_context_files(context_dir)
    for relative in sorted(_generated_paths(context_dir) - set(wanted)):
        (context_dir / relative).unlink()
    for relative, text in wanted.items():
        path = context_dir / relative
        if not path.exists() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    return changed


# --------------------------------------------------------------------------------------------------
# Running a checkpoint


def validations_dir(home: Path) -> Path:
    return Path(home) / VALIDATIONS_SUBDIR


def docs_dir(home: Path) -> Path:
    return Path(home) / DOCS_SUBDIR


def docs_index(home: Path) -> Path:
    return docs_dir(home) / "index.html"


def open_context(build_db: Path, home: Path, context_dir: Path = EXPECTATIONS_DIR):
    """The committed file context, on one build file (read-only), writing results and Data Docs under home."""
    from orchestration.warehouse.gx_duckdb import import_gx

    gx = import_gx()
    path = list(sys.path)
    context = gx.get_context(
        mode="file",
        context_root_dir=str(context_dir),
        runtime_environment={BUILD_DB_VAR: str(Path(build_db).resolve()), HOME_VAR: str(Path(home).resolve())},
    )
    sys.path[:] = path + [p for p in sys.path[len(path) :] if p not in path]  # GX appends plugins/ each time
    return context


def warm_up(context_dir: Path = EXPECTATIONS_DIR) -> None:
    """Import GX and what its checkpoints load on first use (the context's plugins, the DuckDB dialect), so
    that a process started ahead of its first checkpoint (gx_worker) pays it before it is asked."""
    import tempfile

    from orchestration.warehouse.gx_duckdb import import_gx

    import_gx()
    import duckdb_engine  # noqa: F401  (the data source's SQLAlchemy dialect)
    from great_expectations.core.run_identifier import RunIdentifier  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="monev-gx-warm-") as tmp:
        open_context(Path(tmp) / "build.duckdb", Path(tmp), context_dir).checkpoints.get(STAGES[0])


def run_checkpoint(
    build_db: Path,
    stage: str,
    home: Path,
    *,
    context_dir: Path = EXPECTATIONS_DIR,
    run_name: str | None = None,
    keep_runs: int = KEEP_RUNS,
) -> list[FailedExpectation]:
    """Run the committed checkpoint of one stage (validasi | mart) on a build file.

    Returns the failing expectations, each with the key columns (suite ``meta.kunci``) of every failing
    row. Raises ``GxRunError`` when an expectation could not run or GX did not return all its failing
    rows. The validation results are stored under ``home/gx/validations`` (the newest ``keep_runs`` of
    each suite are kept) and the Data Docs under ``home/docs/gx``. Every connection to the build file is
    closed on return, so a read-write connection can follow."""
    from orchestration.warehouse.gx_duckdb import close_datasource, import_gx

    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: one of {STAGES}")
    if not Path(build_db).is_file():
        raise FileNotFoundError(build_db)
    if stale := stale_context_files(context_dir):
        raise GxRunError(
            f"{context_dir}: the context files are not those the suites generate "
            f"({', '.join(stale)}): run uv run python -m orchestration.warehouse.gx_checkpoint"
        )
    suites = load_suites(context_dir)
    names = sorted(n for n, s in suites.items() if s["meta"]["tahap"] == stage)
    if not names:
        return []
    import_gx()
    from great_expectations.core.run_identifier import RunIdentifier

    context = open_context(build_db, home, context_dir)
    checkpoint = context.checkpoints.get(stage)
    _prune_results(context, keep=max(keep_runs, 1) - 1)
    try:
        result = checkpoint.run(run_id=RunIdentifier(run_name=run_name or stage))
    finally:
        for source in _datasources(checkpoint):
            close_datasource(source)  # frees the file for the read-write connection that follows
    failed = []
    for validation in result.run_results.values():
        suite = validation.suite_name
        for outcome in validation.results:
            config = outcome.expectation_config
            if error := _raised(outcome):
                raise GxRunError(
                    f"suite {suite}: expectation {config.type} "
                    f"({json.dumps(config.meta or {}, ensure_ascii=False)}) failed to run: {error}"
                )
            if outcome.success:
                continue
            keys = _keys(suite, outcome, _suite_kunci(suite, suites[suite]))
            failed.append(
                FailedExpectation(
                    suite=suite,
                    expectation_type=config.type,
                    meta=dict(config.meta or {}),
                    keys=keys,
                    severity=_severity(config),
                )
            )
    return failed


def _severity(config) -> str | None:
    severity = getattr(config, "severity", None)
    return getattr(severity, "value", severity)


def _datasources(checkpoint) -> list:
    """The data sources the checkpoint's validation definitions ran on (each holds its own engines)."""
    sources: dict[int, Any] = {}
    for vd in checkpoint.validation_definitions:
        source = vd.data.data_asset.datasource
        sources[id(source)] = source
    return list(sources.values())


def _raised(outcome) -> str | None:
    """The error of an expectation that could not run (GX nests it per metric on SQL engines)."""
    info = outcome.exception_info or {}
    if info.get("raised_exception"):
        return info.get("exception_message") or "unknown error"
    nested = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return (nested[0].get("exception_message") or "unknown error") if nested else None


def _keys(suite: str, outcome, kunci: list[str]) -> list[dict]:
    result = outcome.result or {}
    rows = result.get("unexpected_index_list")
    expected = result.get("unexpected_count")
    config = outcome.expectation_config
    if expected is None and rows is None:
        return []  # an aggregate expectation (row count, mean...): it fails as a whole, no row to name
    rows = rows or []
    if expected is not None and expected != len(rows):
        why = (
            " (GX does not return the rows of a compound-column expectation on SQL: compute the rule in its "
            "model instead)"
            if "column_list" in config.kwargs
            else ""
        )
        raise GxRunError(
            f"suite {suite}: {expected} rows break {config.type} "
            f"({json.dumps(config.meta or {}, ensure_ascii=False)}) but GX returned {len(rows)}{why}"
        )
    if KEY_STRUCT in (result.get("unexpected_index_column_names") or []):
        return [dict(row[KEY_STRUCT]) for row in rows]
    return [{c: row[c] for c in kunci} for row in rows]


def _prune_results(context, keep: int) -> None:
    """Keep the newest ``keep`` stored validation results of each suite. Their Data Docs pages go with them:
    the index builder removes the pages whose result is gone when the checkpoint's action rebuilds it."""
    store = context.validation_results_store
    by_suite: dict[str, list] = {}
    for key in store.list_keys():
        by_suite.setdefault(key.expectation_suite_identifier.name, []).append(key)
    for keys in by_suite.values():
        keys.sort(key=lambda k: k.run_id.run_time)
        for old in keys[: max(0, len(keys) - keep)]:
            store.remove_key(old)


def main() -> int:
    try:
        changed = write_context_files()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(f"wrote expectations/{p}" for p in changed) or "expectations/: the context files are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
