"""Transform: the dbt project as Dagster assets, in two steps around the audit.

1. dbt_validation_models: staging, the plan and realisasi models and the rule models (int_cek__*);
2. (the audit runs the Great Expectations suites and writes raw.karantina)
3. dbt_mart_models: everything tagged `setelah_validasi`: the accepted realisasi and the marts.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.project import dbt_project, ensure_manifest
from orchestration.warehouse.dbt import AFTER_AUDIT_TAG, dbt_build_args
from orchestration.warehouse.folders import remove_all_but_newest

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


KEEP_DBT_TARGETS = 10


def prune_dbt_targets(target_dir: Path, keep: int = KEEP_DBT_TARGETS) -> None:
    """dagster-dbt gives every dbt invocation its own target folder; keep the newest few for diagnosis."""
    remove_all_but_newest((p for p in target_dir.glob("dbt_*_models-*") if p.is_dir()), keep)


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource, monev: MonevHome, what: str):
    os.environ["MONEV_BUILD_DB"] = str(monev.paths().build_db(context.run.run_id))
    prune_dbt_targets(Path(MANIFEST).parent)
    progress(context, f"dbt build: {what}")
    yield from dbt.cli(dbt_build_args(apply_corrections=True), context=context).stream()


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=MonevTranslator(),
    exclude=f"tag:{AFTER_AUDIT_TAG}",
    name="dbt_validation_models",
)
def dbt_validation_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, monev: MonevHome):
    yield from _build(context, dbt, monev, "staging and rule models")


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=MonevTranslator(),
    select=f"tag:{AFTER_AUDIT_TAG}",
    name="dbt_mart_models",
)
def dbt_mart_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, monev: MonevHome):
    yield from _build(context, dbt, monev, "accepted realisasi and marts")
