"""Transform: the dbt project (staging -> intermediate rule models -> marts) as Dagster assets."""

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.project import dbt_project, ensure_manifest
from orchestration.warehouse.dbt import dbt_build_args


class MonevTranslator(DagsterDbtTranslator):
    """Groups follow the dbt folder (staging, intermediate, marts)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "transform"


@dbt_assets(manifest=ensure_manifest(), project=dbt_project, dagster_dbt_translator=MonevTranslator(),
            pool="duckdb_writer")
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, monev: MonevHome):
    os.environ["MONEV_BUILD_DB"] = str(monev.paths().build_db(context.run.run_id))
    progress(context, "dbt build: staging, rule models, marts and dbt tests")
    yield from dbt.cli(dbt_build_args(apply_corrections=True), context=context).stream()
