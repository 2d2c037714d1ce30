import json

import dagster as dg
from conftest import GOOD_PLAN, write_plan

from orchestration.defs.automation.sensors import inbox_sensor


def evaluate(cursor=None):
    return inbox_sensor(dg.build_sensor_context(cursor=cursor))


def test_sensor_requests_one_refresh_for_new_files_then_waits(monev_home):
    assert isinstance(evaluate(), dg.SkipReason)  # no inbox yet
    write_plan(monev_home / "inbox" / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    first = evaluate()
    assert [r.tags["monev/files"] for r in first.run_requests] == ["rencana_73.24.01_2024.csv"]
    assert isinstance(evaluate(first.cursor), dg.SkipReason)  # same file, same cursor: nothing to do


def test_sensor_sees_a_changed_file(monev_home):
    path = write_plan(monev_home / "inbox" / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    cursor = evaluate().cursor
    write_plan(path, GOOD_PLAN[:2])
    again = evaluate(cursor)
    assert len(again.run_requests) == 1
    assert "rencana_73.24.01_2024.csv" in json.loads(again.run_requests[0].run_key)
