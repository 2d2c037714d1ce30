"""The dbt models `monev check` needs, compiled once by dbt and then run directly in DuckDB.

The check builds the same staging and rule models as the refresh (everything but the models tagged
``setelah_validasi``), with the same SQL: dbt compiles it (``dbt compile``, our project's macros and vars), and
the compiled SQL of each model is kept, in dependency order, in a small plan file. A check then only runs
``create view|table <relation> as (<compiled SQL>)`` for each, as dbt-duckdb's view and table materializations
do, in an in-memory database: no dbt start-up (~2 s import, ~2 s parse, ~3 s run for 40 models of a few hundred
rows each) for what takes DuckDB 0,2 s.

The plan is keyed by a fingerprint of everything that changes the compiled SQL (the models, macros, tests, project
and profile files, the vars, the dbt versions): a change to any model makes the next check compile again.
It is prepared at install (``python -m orchestration.warehouse.check_models``, run by ``make install``) or at
first use, in ``dbt_project/target/monev-check/`` (or ``$MONEV_HOME/cache/check/`` where that cannot be written).
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.settings import DBT_PROJECT_DIR

PLAN_VERSION = 1  # the layout of the plan file
MATERIALIZATIONS = ("view", "table")
BUILD_DATABASE = "build.duckdb"  # the file name the refresh's and the check's builds use (catalog "build")


@dataclass(frozen=True)
class Step:
    """One model: its relation (``"build"."schema"."name"``), materialization and compiled SQL."""

    name: str
    schema: str
    relation: str
    materialized: str
    sql: str

    def ddl(self) -> str:
        return f"create or replace {self.materialized} {self.relation} as (\n{self.sql}\n)"


@dataclass(frozen=True)
class Plan:
    fingerprint: str
    database: str  # the catalog the compiled SQL names
    steps: tuple[Step, ...]

    def build(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create every model, in dependency order, in the current database of ``con`` (named ``database``)."""
        for schema in dict.fromkeys(s.schema for s in self.steps):
            con.execute(f'create schema if not exists "{self.database}"."{schema}"')
        for step in self.steps:
            con.execute(step.ddl())


def fingerprint(apply_corrections: bool) -> str:
    """What the compiled SQL depends on: the dbt project's files and dbt's versions (dbt.project_digest), the
    vars."""
    from orchestration.warehouse.dbt import project_digest

    digest = hashlib.sha256(f"plan {PLAN_VERSION} apply_corrections={apply_corrections}\n".encode())
    digest.update(project_digest(DBT_PROJECT_DIR).encode())
    return digest.hexdigest()[:20]


def plan_dirs() -> list[Path]:
    """Where plans are kept, in order of preference."""
    from orchestration.settings import paths

    return [DBT_PROJECT_DIR / "target" / "monev-check", paths().home / "cache" / "check"]


def _plan_name(apply_corrections: bool, digest: str) -> str:
    return f"plan-{'koreksi' if apply_corrections else 'apa-adanya'}-{digest}.json"


_PLANS: dict[str, Plan] = {}
_COMPILING = threading.Lock()  # dbt is not thread-safe: the portal's threads compile one at a time


def plan_for(apply_corrections: bool) -> Plan:
    """The compiled models for these vars: from this process's memory, a plan file, or dbt (then saved)."""
    digest = fingerprint(apply_corrections)
    key = f"{apply_corrections}-{digest}"
    if key in _PLANS:
        return _PLANS[key]
    name = _plan_name(apply_corrections, digest)
    plan = next((p for folder in plan_dirs() if (p := _read_plan(folder / name, digest)) is not None), None)
    if plan is None:
        with _COMPILING:
            if key in _PLANS:  # another thread compiled it meanwhile
                return _PLANS[key]
            plan = compile_plan(apply_corrections, digest)
            _save(plan, name)
    _PLANS[key] = plan
    return plan


def _read_plan(path: Path, digest: str) -> Plan | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != digest or data.get("version") != PLAN_VERSION:
        return None
    return Plan(digest, data["database"], tuple(Step(**s) for s in data["steps"]))


def _save(plan: Plan, name: str) -> None:
    """Write the plan atomically (two processes compiling at once both write the same content)."""
    text = json.dumps(
        {
            "version": PLAN_VERSION,
            "fingerprint": plan.fingerprint,
            "database": plan.database,
            "steps": [s.__dict__ for s in plan.steps],
        },
        ensure_ascii=False,
        indent=1,
    )
    for folder in plan_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".tmp", delete=False, encoding="utf-8") as f:
                f.write(text)
            os.replace(f.name, folder / name)
            _remove_others(folder, name)
            return
        except OSError:
            continue


def _remove_others(folder: Path, name: str) -> None:
    """The plans of the same vars for older versions of the models are of no more use."""
    kind = name.rsplit("-", 1)[0]
    for other in folder.glob(f"{kind}-*.json"):
        if other.name != name:
            other.unlink(missing_ok=True)


class CompileError(RuntimeError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("dbt could not compile the check's models:\n" + "\n".join(errors))


def check_selection(apply_corrections: bool) -> list[str]:
    """`dbt compile` of exactly the models `monev check`'s dbt run builds (dbt_build_args(before_audit_only))."""
    from orchestration.warehouse.dbt import AFTER_AUDIT_TAG, dbt_vars

    return [
        "compile",
        "--vars",
        json.dumps(dbt_vars(apply_corrections=apply_corrections)),
        "--select",
        "resource_type:model",
        "--exclude",
        f"tag:{AFTER_AUDIT_TAG}",
    ]


def compile_plan(apply_corrections: bool, digest: str | None = None) -> Plan:
    """Compile the models with dbt (in this process) and order them by their dependencies.

    dbt parses the project afresh here (not the manifest a long-running process parsed once, which would
    predate a changed model: the plan would carry the old SQL under the new fingerprint)."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    from orchestration.warehouse.dbt import dbt_common_args, release_duckdb

    digest = digest or fingerprint(apply_corrections)
    errors: list[str] = []

    def collect(event) -> None:
        record = msg_to_dict(event)
        if record["info"].get("level") == "error":
            errors.append(record["info"]["msg"])

    with tempfile.TemporaryDirectory(prefix="monev-check-compile-") as tmp:
        target = Path(tmp) / "target"
        before = os.environ.get("MONEV_BUILD_DB")
        os.environ["MONEV_BUILD_DB"] = str(Path(tmp) / BUILD_DATABASE)  # the profile's database: the name counts
        try:
            result = dbtRunner(callbacks=[collect]).invoke(
                [*check_selection(apply_corrections), *dbt_common_args(target)]
            )
        finally:
            release_duckdb()
            if before is None:
                os.environ.pop("MONEV_BUILD_DB", None)
            else:
                os.environ["MONEV_BUILD_DB"] = before
        if not result.success:
            raise CompileError(errors + ([str(result.exception)] if result.exception is not None else []))
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return plan_from_manifest(manifest, digest)


def plan_from_manifest(manifest: dict, digest: str) -> Plan:
    """The compiled models of a manifest (those dbt compiled), each after the models it depends on."""
    nodes = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node.get("compiled_code") is not None
    }
    for uid, node in nodes.items():
        config = node["config"]
        if config["materialized"] not in MATERIALIZATIONS:
            raise CompileError([f"{uid}: materialization {config['materialized']!r} is not run by the check"])
        if config.get("pre-hook") or config.get("post-hook") or config.get("contract", {}).get("enforced"):
            raise CompileError([f"{uid}: hooks and contracts are not run by the check"])
    graph = {uid: [d for d in node["depends_on"]["nodes"] if d in nodes] for uid, node in nodes.items()}
    order = graphlib.TopologicalSorter(dict(sorted(graph.items()))).static_order()
    steps = tuple(
        Step(
            name=nodes[uid]["name"],
            schema=nodes[uid]["schema"],
            relation=nodes[uid]["relation_name"],
            materialized=nodes[uid]["config"]["materialized"],
            sql=nodes[uid]["compiled_code"],
        )
        for uid in order
    )
    databases = {nodes[uid]["database"] for uid in nodes}
    if len(databases) != 1:
        raise CompileError([f"the models name {len(databases)} databases: {sorted(databases)}"])
    return Plan(digest, databases.pop(), steps)


def main() -> int:
    """Prepare both plans (as submitted, and with corrections): `make install` runs this."""
    for apply_corrections in (False, True):
        plan = plan_for(apply_corrections)
        corrections = "with corrections" if apply_corrections else "as submitted"
        print(f"monev check: {len(plan.steps)} models compiled, {corrections} ({plan.fingerprint})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
