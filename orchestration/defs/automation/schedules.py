"""Automation: one job runs everything; the schedule runs it every night at 01:00 WITA
when anything is new."""

import dagster as dg

from orchestration.settings import paths, seeds_dir
from orchestration.warehouse.fingerprint import nothing_new

monev_refresh = dg.define_asset_job(
    "monev_refresh",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,  # DuckDB allows one writer: the steps run one after another
    description="Ingest every file, build the warehouse model, audit it and publish it if clean.",
)


@dg.schedule(
    name="nightly_refresh",
    job=monev_refresh,
    cron_schedule="0 1 * * *",
    execution_timezone="Asia/Makassar",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def nightly_refresh(context: dg.ScheduleEvaluationContext):
    """Every night, unless nothing was received and no input changed since the published build."""
    report = nothing_new(paths(), seeds_dir())
    if report is not None:
        return dg.SkipReason(f"nothing new since the published build (run {report['run_id'][:8]})")
    return dg.RunRequest()
