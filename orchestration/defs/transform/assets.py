"""Transform: the dbt project as Dagster assets, in two steps around the audit, run by dbt's programmatic
runner in the job's own process (one manifest per process, from the pickle of the last parse; no subprocess).

1. dbt_validation_models: staging, the plan and realisasi models and the rule models (int_cek__*);
2. (the audit runs the Great Expectations suites and writes raw.karantina)
3. dbt_mart_models: everything tagged `setelah_validasi`: the accepted realisasi and the marts.
"""

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.project import dbt_project, ensure_manifest
from orchestration.warehouse.dbt import AFTER_AUDIT_TAG, dbt_build_args, run_dbt

MANIFEST = ensure_manifest()


class MonevTranslator(DagsterDbtTranslator):
    """Groups follow the order the lineage reads: staging, intermediate, aturan (the rule models),
    then, after the quality gate, diterima (the accepted versions) and marts."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_group(dbt_resource_props.get("fqn", []), dbt_resource_props.get("tags", []))


def dbt_group(fqn: list[str], tags: list[str]) -> str:
    folder = fqn[1] if len(fqn) > 2 else "transform"
    if folder == "marts":
        return "marts"
    if AFTER_AUDIT_TAG in tags:
        return "diterima"
    if folder == "intermediate" and len(fqn) > 3 and fqn[2] == "cek":
        return "aturan"
    return folder


# The dbt data tests (unique keys, relationships, staging's not-null and accepted values) and the marts'
# contract constraints (not null and accepted values, checked by DuckDB as each table is built, at no node's
# cost) fail their step when they fail; the tests are not Dagster asset checks (each would cost two stored
# events per run, a quarter of a small refresh): the Dagster checks are the rules' Great Expectations suites
# (defs/quality).
TRANSLATOR = MonevTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=False))
MANIFEST_CONTENT = json.loads(Path(MANIFEST).read_text())


def step_args(step: str) -> list[str]:
    """The dbt arguments of a step: a build with the corrections applied, on the step's selection."""
    selection = ["--select" if step == "marts" else "--exclude", f"tag:{AFTER_AUDIT_TAG}"]
    return [*dbt_build_args(apply_corrections=True), *selection]


def _build(context: dg.AssetExecutionContext, monev: MonevHome, step: str, what: str):
    """dbt in this process (orchestration/warehouse/dbt.py), its events turned into Dagster's asset
    materializations and asset check results the way dagster-dbt reads dbt's structured log."""
    paths = monev.paths()
    build_db = paths.build_db(context.run.run_id)
    target = build_db.parent / f"dbt_{step}"
    progress(context, f"dbt build: {what}")
    run = run_dbt(step_args(step), build_db, target_dir=target)
    for event in run.events:
        message = DbtCoreCliEventMessage(raw_event=event, event_history_metadata={})
        for dagster_event in message.to_default_asset_events(
            manifest=MANIFEST_CONTENT,
            dagster_dbt_translator=TRANSLATOR,
            context=context,
            target_path=target,
            project=dbt_project,
        ):
            if isinstance(dagster_event, dg.AssetObservation):
                continue  # a data test's result: a failure fails the build below
            if _selected(context, dagster_event):
                yield dagster_event
    if not run.success:
        raise dg.Failure(description="dbt build failed:\n" + "\n".join(run.errors)[-6000:])


def _selected(context: dg.AssetExecutionContext, event) -> bool:
    """A run may materialize part of a step (from the UI): report only what it selected."""
    if isinstance(event, dg.Output):
        return context.assets_def.keys_by_output_name[event.output_name] in context.selected_asset_keys
    if isinstance(event, dg.AssetCheckResult):
        return any(
            k.asset_key == event.asset_key and k.name == event.check_name for k in context.selected_asset_check_keys
        )
    return True


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=TRANSLATOR,
    exclude=f"tag:{AFTER_AUDIT_TAG}",
    name="dbt_validation_models",
)
def dbt_validation_models(context: dg.AssetExecutionContext, monev: MonevHome):
    yield from _build(context, monev, "validasi", "staging and rule models")


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=TRANSLATOR,
    select=f"tag:{AFTER_AUDIT_TAG}",
    name="dbt_mart_models",
)
def dbt_mart_models(context: dg.AssetExecutionContext, monev: MonevHome):
    yield from _build(context, monev, "marts", "accepted realisasi and marts")
