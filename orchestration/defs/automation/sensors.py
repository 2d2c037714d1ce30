"""Automation: run the refresh when a file arrives in or changes in $MONEV_HOME/inbox (or the portal archives one).

The run it starts reads only what changed: every file already received is served from the parse
cache (orchestration/warehouse/parse_cache.py), so the new or changed files are the only ones read
and checked cell by cell; the set-based dbt models and the audit then run over the whole warehouse,
so that totals, ranks and cross-file rules (realisasi against the accepted plan) stay consistent.
The run is tagged with the names of the files that triggered it.

No redundant refresh: a change is acted on only when the inputs differ from those of the published build
(orchestration/warehouse/fingerprint.py), so the entries still in the inbox when the daemon starts (a fresh
cursor), or a file already archived, start nothing; and while a refresh runs the sensor waits (its cursor
unchanged), so what that run archives and removes from the inbox does not start a second one.
"""

import json
import os
import time

import dagster as dg

from orchestration.defs.automation.schedules import monev_refresh
from orchestration.settings import paths, seeds_dir
from orchestration.warehouse.archive import HIDDEN_SETTLE_SECONDS, LEDGER
from orchestration.warehouse.fingerprint import nothing_new

# How often the daemon looks at the inbox, in seconds (MONEV_SENSOR_INTERVAL_DETIK; a test sets it low).
DEFAULT_INTERVAL_SECONDS = 60
ARCHIVE_KEY = f"arsip/{LEDGER}"  # files the portal archives directly: the ledger grows


def interval_seconds() -> int:
    value = os.environ.get("MONEV_SENSOR_INTERVAL_DETIK", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_INTERVAL_SECONDS


def notice_interval_seconds() -> int:
    """How soon a notice follows its run: within 30 s (Dagster's default for run status sensors), or within the
    inbox sensor's interval when that is shorter."""
    return min(30, interval_seconds())


def inbox_state() -> dict[str, list[float]]:
    """Each inbox entry by lstat (a link is not followed, a FIFO not opened, so that what the refresh refuses
    is seen too; a hidden name only once it has settled, as archiving treats it) and the archive ledger."""
    p = paths()
    state = {}
    if p.inbox.is_dir():
        now = time.time()
        for entry in sorted(os.scandir(p.inbox), key=lambda e: e.name):
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.startswith(".") and now - info.st_mtime < HIDDEN_SETTLE_SECONDS:
                continue  # perhaps an upload in progress
            state[entry.name] = [info.st_mtime, info.st_size]
    ledger = p.archive / LEDGER
    if ledger.is_file():
        info = ledger.stat()
        state[ARCHIVE_KEY] = [info.st_mtime, info.st_size]
    return state


def refresh_in_progress(context: dg.SensorEvaluationContext) -> str | None:
    """The id of a refresh queued or running in this instance (None without an instance, as in unit tests)."""
    if context.instance_ref is None and getattr(context, "_instance", None) is None:
        return None
    runs = context.instance.get_runs(
        filters=dg.RunsFilter(job_name=monev_refresh.name, statuses=list(IN_PROGRESS)), limit=1
    )
    return runs[0].run_id if runs else None


IN_PROGRESS = (
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
)


@dg.sensor(
    job=monev_refresh,
    minimum_interval_seconds=interval_seconds(),
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def inbox_sensor(context: dg.SensorEvaluationContext):
    seen = json.loads(context.cursor) if context.cursor else {}
    state = inbox_state()
    changed = sorted(name for name, stamp in state.items() if seen.get(name) != stamp)
    if not changed:
        return dg.SkipReason("no new or changed file in the inbox")
    running = refresh_in_progress(context)
    if running:
        return dg.SkipReason(f"a refresh is queued or running ({running[:8]}); looked at again after it")
    published = nothing_new(paths(), seeds_dir())
    if published is not None:
        return dg.SensorResult(
            skip_reason=f"nothing new since the published build (run {published['run_id'][:8]})",
            cursor=json.dumps(state),
        )
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=json.dumps({n: state[n] for n in changed}), tags={"monev/files": ", ".join(changed)[:200]}
            )
        ],
        cursor=json.dumps(state),
    )
