"""Automation: run the refresh when a file arrives in or changes in $MONEV_HOME/inbox.

The run it starts reads only what changed: every file already received is served from the parse
cache (orchestration/warehouse/parse_cache.py), so the new or changed files are the only ones read
and checked cell by cell; the set-based dbt models and the audit then run over the whole warehouse,
so that totals, ranks and cross-file rules (realisasi against the accepted plan) stay consistent.
The run is tagged with the names of the files that triggered it.
"""

import json

import dagster as dg

from orchestration.defs.automation.schedules import monev_refresh
from orchestration.settings import paths


def inbox_state() -> dict[str, list[float]]:
    inbox = paths().inbox
    if not inbox.is_dir():
        return {}
    return {p.name: [p.stat().st_mtime, p.stat().st_size] for p in sorted(inbox.iterdir()) if p.is_file()}


@dg.sensor(job=monev_refresh, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def inbox_sensor(context: dg.SensorEvaluationContext):
    seen = json.loads(context.cursor) if context.cursor else {}
    state = inbox_state()
    changed = sorted(name for name, stamp in state.items() if seen.get(name) != stamp)
    if not changed:
        return dg.SkipReason("no new or changed file in the inbox")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=json.dumps({n: state[n] for n in changed}), tags={"monev/files": ", ".join(changed)[:200]}
            )
        ],
        cursor=json.dumps(state),
    )
