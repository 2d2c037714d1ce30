"""The Dagster code location: one job, the nightly schedule, blocking Great Expectations checks."""

import json

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.warehouse.dbt import dbt_build_args


@pytest.fixture(scope="module")
def definitions():
    return defs()


def test_nightly_schedule_runs_the_refresh_job_at_01_wita_and_is_on(definitions):
    schedule = definitions.get_schedule_def("nightly_refresh")
    assert schedule.cron_schedule == "0 1 * * *"
    assert schedule.execution_timezone == "Asia/Makassar"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    assert schedule.job_name == "monev_refresh"


def test_job_covers_ingest_transform_checks_and_publish(definitions):
    job = definitions.resolve_job_def("monev_refresh")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert {"referensi/koreksi", "kiriman/rencana", "marts/fct_rencana_triwulan", "warehouse"} <= keys
    check_names = {c.name for c in job.asset_layer.asset_graph.asset_check_keys}
    assert {"gx_pagu_anak_sama_induk", "gx_realisasi_kumulatif_dalam_pagu", "gx_capaian_wajar"} <= check_names


def test_plan_rules_block_and_realisasi_rules_quarantine(definitions):
    graph = definitions.resolve_asset_graph()
    specs = {key.name: graph.get_check_spec(key) for key in graph.asset_check_keys if key.name.startswith("gx_")}
    karantina = dg.AssetKey(["kiriman", "karantina"])
    assert specs["gx_pagu_anak_sama_induk"].blocking and specs["gx_pagu_anak_sama_induk"].asset_key == karantina
    assert not specs["gx_realisasi_kumulatif_dalam_pagu"].blocking
    # the marts are built from the audit's output, and publish waits for every mart
    marts = [k for k in graph.get_all_asset_keys() if k.path[0] == "marts"]
    assert all(karantina in graph.get_ancestor_asset_keys(k) for k in marts)
    publish_deps = graph.get(dg.AssetKey("warehouse")).parent_keys
    assert set(marts) <= publish_deps


def test_dbt_arguments():
    assert dbt_build_args() == ["build", "--vars", json.dumps({"apply_corrections": True})]
    assert dbt_build_args(apply_corrections=False, run_tests=False, before_audit_only=True) == [
        "run", "--vars", json.dumps({"apply_corrections": False}), "--exclude", "tag:setelah_validasi"]


def test_processes_loading_a_stale_manifest_at_once_all_read_a_whole_one():
    """On a fresh clone several processes load the definitions together; each must get a complete manifest."""
    import os
    import subprocess
    import sys

    from orchestration.defs.transform.project import dbt_project

    manifest = dbt_project.manifest_path
    os.utime(manifest, (0, 0))  # older than every model: the next load re-parses
    code = ("import json; from orchestration.defs.transform.project import ensure_manifest; "
            "print(len(json.loads(ensure_manifest().read_text())['nodes']))")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    counts = [int(p.communicate()[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(counts)) == 1 and counts[0] > 100
    assert manifest.stat().st_mtime > 0


def test_old_dbt_target_folders_are_pruned_to_the_newest(tmp_path):
    import os

    from orchestration.defs.transform.assets import prune_dbt_targets

    for i in range(5):
        folder = tmp_path / f"dbt_mart_models-{i:03d}"
        folder.mkdir()
        os.utime(folder, (1000 + i, 1000 + i))
    (tmp_path / "manifest.json").write_text("{}")
    prune_dbt_targets(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dbt_mart_models-003", "dbt_mart_models-004",
                                                          "manifest.json"]
