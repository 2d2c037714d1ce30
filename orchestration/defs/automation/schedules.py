"""Automation: one job runs everything; the schedule runs it every night at 01:00 WITA."""

import dagster as dg

monev_refresh = dg.define_asset_job(
    "monev_refresh",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,  # DuckDB allows one writer: the steps run one after another
    description="Ingest every file, build the warehouse model, audit it and publish it if clean.",
)

nightly_refresh = dg.ScheduleDefinition(
    name="nightly_refresh",
    job=monev_refresh,
    cron_schedule="0 1 * * *",
    execution_timezone="Asia/Makassar",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
