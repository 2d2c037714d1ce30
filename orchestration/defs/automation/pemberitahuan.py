"""Automation: notices (orchestration/layanan/pemberitahuan.py) for every run that fails, and after every refresh
that quarantined a file version, refused or skipped an inbox entry or failed to publish to PostgreSQL. Both
sensors run under the daemon (`monev layanan`); `monev refresh` writes the same notices itself, once per run."""

import dagster as dg

from orchestration.defs.automation.schedules import monev_refresh
from orchestration.defs.automation.sensors import notice_interval_seconds
from orchestration.layanan import pemberitahuan
from orchestration.settings import paths

NOTICE_INTERVAL_SECONDS = notice_interval_seconds()


def failed_steps(context: dg.RunFailureSensorContext) -> list[tuple[str, str]]:
    steps = [
        (event.step_key or "?", pemberitahuan.error_text(event.event_specific_data.error))
        for event in context.get_step_failure_events()
    ]
    return steps or [("run", context.failure_event.message or "")]


@dg.run_failure_sensor(
    name="pemberitahuan_run_gagal",
    minimum_interval_seconds=NOTICE_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="A notice in $MONEV_HOME/pemberitahuan (and by e-mail when configured) for every failed run.",
)
def pemberitahuan_run_gagal(context: dg.RunFailureSensorContext):
    run = context.dagster_run
    pemberitahuan.run_failed(paths(), run.run_id, run.job_name, failed_steps(context))
    if run.job_name == monev_refresh.name:  # what it refused at the inbox before failing is told too
        pemberitahuan.after_refresh(paths(), run.run_id)


@dg.run_status_sensor(
    name="pemberitahuan_penyegaran",
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[monev_refresh],
    minimum_interval_seconds=NOTICE_INTERVAL_SECONDS,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="A notice after a refresh that quarantined a file, refused or skipped an inbox entry.",
)
def pemberitahuan_penyegaran(context: dg.RunStatusSensorContext):
    pemberitahuan.after_refresh(paths(), context.dagster_run.run_id)
