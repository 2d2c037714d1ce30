"""The Dagster code location: one job, the nightly schedule, blocking Great Expectations checks."""

import json

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.rules.registry import sql_rules
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


def test_job_covers_ingest_transform_checks_gate_and_publish(definitions):
    job = definitions.resolve_job_def("monev_refresh")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert {
        "referensi/koreksi",
        "kiriman/rencana",
        "gerbang/karantina",
        "marts/fct_rencana_triwulan",
        "warehouse",
        "laporan",
    } <= keys
    check_names = {c.name for c in job.asset_layer.asset_graph.asset_check_keys}
    assert {f"gx_{r.code}" for r in sql_rules()} <= check_names


def test_checks_hang_on_the_rule_models_they_validate(definitions):
    graph = definitions.resolve_asset_graph()
    specs = {key.name: graph.get_check_spec(key) for key in graph.asset_check_keys if key.name.startswith("gx_")}
    for rule in sql_rules():
        spec = specs[f"gx_{rule.code}"]
        assert spec.asset_key.path[-1] == rule.where
        assert spec.blocking  # a failing blokir check stops the run; other failures report as WARN and go on


ORDER = ["ingest", "staging", "intermediate", "aturan", "gerbang", "diterima", "marts", "publish", "laporan"]


def test_the_lineage_reads_one_way(definitions):
    """ingest -> staging -> intermediate -> rule models -> gate -> accepted versions -> marts -> publish -> laporan."""
    graph = definitions.resolve_asset_graph()
    groups = {key: graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert set(groups.values()) <= set(ORDER)
    for key in graph.get_all_asset_keys():
        for parent in graph.get(key).parent_keys:
            assert ORDER.index(groups[parent]) <= ORDER.index(groups[key]), (parent, key)
    gate = dg.AssetKey(["gerbang", "karantina"])
    rule_models = {
        graph.get_check_spec(k).asset_key
        for k in graph.asset_check_keys
        if groups.get(graph.get_check_spec(k).asset_key) == "aturan"
    }
    assert rule_models <= graph.get_ancestor_asset_keys(gate)
    marts = [k for k in graph.get_all_asset_keys() if groups[k] == "marts"]
    assert marts and all(gate in graph.get_ancestor_asset_keys(k) for k in marts)
    assert set(marts) <= graph.get(dg.AssetKey("warehouse")).parent_keys
    # The reports read the published warehouse only, and nothing reads the reports.
    laporan = [k for k in graph.get_all_asset_keys() if groups[k] == "laporan"]
    assert laporan == [dg.AssetKey("laporan")]
    assert graph.get(dg.AssetKey("laporan")).parent_keys == {dg.AssetKey("warehouse")}
    assert not graph.get(dg.AssetKey("laporan")).child_keys


def test_dbt_arguments():
    assert dbt_build_args() == [
        "build",
        "--no-write-json",
        "--vars",
        json.dumps({"apply_corrections": True}),
        "--exclude-resource-type",
        "unit_test",
    ]
    assert dbt_build_args(apply_corrections=False, run_tests=False, before_audit_only=True) == [
        "run",
        "--no-write-json",
        "--vars",
        json.dumps({"apply_corrections": False}),
        "--exclude",
        "tag:setelah_validasi",
    ]


# These two start processes that load the whole stack: one makes the project's manifest stale on purpose, which
# would make the other parse it again if they ran at once.
@pytest.mark.e2e
@pytest.mark.xdist_group("definitions_processes")
def test_processes_loading_a_stale_manifest_at_once_all_read_a_whole_one():
    """On a fresh clone several processes load the definitions together; each must get a complete manifest."""
    import os
    import subprocess
    import sys

    from orchestration.defs.transform.project import dbt_project

    manifest = dbt_project.manifest_path
    os.utime(manifest, (0, 0))  # older than every model: the next load re-parses
    code = (
        "import json; from orchestration.defs.transform.project import ensure_manifest; "
        "print(len(json.loads(ensure_manifest().read_text())['nodes']))"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(2)]
    counts = [int(p.communicate()[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert len(set(counts)) == 1 and counts[0] > 100
    assert manifest.stat().st_mtime > 0


@pytest.mark.e2e
@pytest.mark.xdist_group("definitions_processes")
def test_loading_the_definitions_and_the_refresh_summary_leaves_the_report_writer_unloaded():
    """What every refresh process imports stays light: the report writer (jinja2 templates, altair charts,
    WeasyPrint) loads only when reports are written, and psycopg only when PostgreSQL is configured. And the
    process collects cyclic garbage at the package's thresholds (orchestration/__init__.py), not Python's."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from orchestration.definitions import defs\n"
        "defs().resolve_job_def('monev_refresh')\n"
        "import orchestration.laporan.perintah, orchestration.postgres.outcome\n"
        "print(sorted(m for m in ('altair', 'weasyprint', 'psycopg', 'orchestration.laporan.tulis') "
        "if m in sys.modules))\n"
        "import gc; print(gc.get_threshold())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MONEV_POSTGRES_URL"}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    unloaded, thresholds = shown.stdout.splitlines()
    assert unloaded == "[]"
    assert thresholds == "(20000, 20, 100)"
