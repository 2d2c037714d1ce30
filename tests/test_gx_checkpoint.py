"""The committed Great Expectations file context: generated files, checkpoint runs, results and Data Docs."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.settings import EXPECTATIONS_DIR
from orchestration.warehouse import gx_checkpoint as gc


def _suite(context: Path, name: str, meta: dict, expectations: list[dict]) -> None:
    spec = {"name": name, "id": gc._stable_id("test-suite", name), "meta": meta, "expectations": expectations}
    (context / "expectations" / f"{name}.json").write_text(json.dumps(spec))


def _between(column, cek, **bounds):
    return {
        "type": "expect_column_values_to_be_between",
        "kwargs": {"column": column, **bounds},
        "meta": {"aturan": "contoh", "cek": cek},
        "severity": "critical",
    }


@pytest.fixture
def context(tmp_path) -> Path:
    """A context like expectations/ (the committed plugins) with two hand-made suites, generated."""
    ctx = tmp_path / "expectations"
    (ctx / "expectations").mkdir(parents=True)
    shutil.copytree(EXPECTATIONS_DIR / "plugins", ctx / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(EXPECTATIONS_DIR / "expectations" / ".ge_store_backend_id", ctx / "expectations")
    rule = {"model": "int_cek__contoh", "tahap": "validasi", "kunci": ["cek_id"]}
    _suite(
        ctx,
        "contoh",
        rule,
        [
            # rows 2 and 5 differ; row 7 differs too but is an accepted exception (not checked here)
            {
                "type": "expect_column_pair_values_to_be_equal",
                "kwargs": {
                    "column_A": "diharapkan",
                    "column_B": "ditemukan",
                    "row_condition": {
                        "column": {"name": "perlakuan"},
                        "operator": "==",
                        "parameter": "periksa",
                        "type": "comparison",
                    },
                },
                "meta": {"aturan": "contoh", "cek": "contoh"},
                "severity": "critical",
            },
            # rows 3 and 4 have a negative pagu
            _between("pagu", "contoh.negatif", min_value=0),
        ],
    )
    _suite(ctx, "lulus", rule, [_between("pagu", "lulus.batas", min_value=-100)])
    # two mart suites whose keys differ: their checkpoint carries the keys in one STRUCT column
    _suite(
        ctx,
        "capaian",
        {"model": "mart_capaian", "tahap": "mart", "kunci": ["kode_wilayah", "tahun", "kode"]},
        [{**_between("capaian_persen", "capaian", max_value=150), "severity": "warning"}],
    )
    _suite(
        ctx,
        "ikm",
        {"model": "mart_ikm", "tahap": "mart", "kunci": ["kode_wilayah", "unsur"]},
        [{**_between("responden", "ikm", min_value=10), "severity": "warning"}],
    )
    gc.write_context_files(ctx)
    return ctx


@pytest.fixture
def build(tmp_path) -> Path:
    db = tmp_path / "run" / "build.duckdb"
    db.parent.mkdir()
    with duckdb.connect(str(db)) as con:
        con.execute("create schema intermediate; create schema marts")
        con.execute("""create table intermediate.int_cek__contoh as select * from (values
            ('r1', 'periksa', 100.00::decimal(18,2), 100.00::decimal(18,2), 5),
            ('r2', 'periksa', 300.00::decimal(18,2), 250.00::decimal(18,2), 5),
            ('r3', 'periksa', 10.00::decimal(18,2), 10.00::decimal(18,2), -1),
            ('r4', 'periksa', 10.00::decimal(18,2), 10.00::decimal(18,2), -7),
            ('r5', 'periksa', 0.00::decimal(18,2), 0.01::decimal(18,2), 0),
            ('r6', 'periksa', 1.00::decimal(18,2), 1.00::decimal(18,2), 1),
            ('r7', 'pengecualian', 1.00::decimal(18,2), 2.00::decimal(18,2), 1)
        ) v(cek_id, perlakuan, diharapkan, ditemukan, pagu)""")
        con.execute("""create table marts.mart_capaian as select * from (values
            ('73.24.10', 2024, '7.01.01', 95.5), ('73.24.10', 2024, '7.01.02', 151.0), ('73.24.01', 2025, '7.01', 300.0)
        ) v(kode_wilayah, tahun, kode, capaian_persen)""")
        con.execute("""create table marts.mart_ikm as select * from (values
            ('73.24.10', 'u1', 12), ('73.24.10', 'u2', 9), ('73.24.01', 'u1', 40)
        ) v(kode_wilayah, unsur, responden)""")
    return db


def _failures(found):
    return {(f.suite, f.cek): f for f in found}


def test_failing_keys_are_exactly_the_hand_computed_rows(context, build, tmp_path):
    found = _failures(gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context))
    assert set(found) == {("contoh", "contoh"), ("contoh", "contoh.negatif")}
    pair = found["contoh", "contoh"]
    assert sorted(k["cek_id"] for k in pair.keys) == ["r2", "r5"]
    assert pair.keys[0] == {"cek_id": pair.keys[0]["cek_id"]}  # the key columns only
    assert pair.expectation_type == "expect_column_pair_values_to_be_equal"
    assert (pair.aturan, pair.severity) == ("contoh", "critical")
    assert sorted(k["cek_id"] for k in found["contoh", "contoh.negatif"].keys) == ["r3", "r4"]


def test_keys_of_suites_with_different_key_columns_in_one_stage(context, build, tmp_path):
    found = _failures(gc.run_checkpoint(build, "mart", tmp_path / "home", context_dir=context))
    assert sorted(found["capaian", "capaian"].keys, key=str) == [
        {"kode_wilayah": "73.24.01", "tahun": 2025, "kode": "7.01"},
        {"kode_wilayah": "73.24.10", "tahun": 2024, "kode": "7.01.02"},
    ]
    assert found["ikm", "ikm"].keys == [{"kode_wilayah": "73.24.10", "unsur": "u2"}]
    assert found["ikm", "ikm"].severity == "warning"


def test_a_passing_suite_returns_nothing(context, build, tmp_path):
    found = gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)
    assert found and not [f for f in found if f.suite == "lulus"]


def test_every_failing_row_is_returned_and_the_stored_result_is_bounded(context, build, tmp_path):
    """More failing rows than GX's own limits (20 partial rows, 200 values): all reach the audit; the stored
    result (and so the Data Docs) keeps a bounded sample with the full count."""
    with duckdb.connect(str(build)) as con:
        con.execute(
            "insert into intermediate.int_cek__contoh select 'n' || i, 'periksa', 1, 1, -i from range(1, 1201) t(i)"
        )
    home = tmp_path / "home"
    found = _failures(gc.run_checkpoint(build, "validasi", home, context_dir=context))
    import monev_gx  # the context's plugin (expectations/plugins/monev_gx.py), importable once GX loaded it

    keys = [k["cek_id"] for k in found["contoh", "contoh.negatif"].keys]
    assert len(keys) == len(set(keys)) == 1202
    [stored] = (home / "gx" / "validations" / "contoh").rglob("*.json")
    result = next(
        r["result"]
        for r in json.loads(stored.read_text())["results"]
        if r["expectation_config"]["meta"]["cek"] == "contoh.negatif"
    )
    assert result["unexpected_count"] == 1202
    assert len(result["unexpected_index_list"]) == monev_gx.STORED_ROWS < 1202


def test_data_docs_and_results_land_under_the_home_not_in_the_context(context, build, tmp_path):
    def snapshot():
        return {
            p.relative_to(context): p.read_bytes()
            for p in context.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }

    before = snapshot()
    home = tmp_path / "home"
    gc.run_checkpoint(build, "validasi", home, context_dir=context)
    gc.run_checkpoint(build, "mart", home, context_dir=context)
    assert snapshot() == before
    assert not (context / "uncommitted").exists()
    index = gc.docs_index(home)
    assert index == home / "docs" / "gx" / "index.html" and index.is_file()
    text = index.read_text()
    assert "contoh" in text and "capaian" in text
    stored = sorted(p.relative_to(home).parts[:3] for p in gc.validations_dir(home).rglob("*.json"))
    assert stored == [("gx", "validations", s) for s in ("capaian", "contoh", "ikm", "lulus")]
    assert list((home / "docs" / "gx" / "validations" / "contoh").rglob("*.html"))


def test_only_the_newest_runs_are_kept_with_their_pages(context, build, tmp_path):
    home = tmp_path / "home"
    for run in ("a", "b", "c"):
        gc.run_checkpoint(build, "validasi", home, context_dir=context, run_name=run, keep_runs=2)
    for folder, suffix in ((gc.validations_dir(home), "json"), (gc.docs_dir(home) / "validations", "html")):
        runs = sorted(p.relative_to(folder).parts[1] for p in (folder / "contoh").rglob(f"*.{suffix}"))
        assert runs == ["b", "c"], folder


def test_the_run_releases_the_file_for_the_writer_that_follows(context, build, tmp_path):
    gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)
    with duckdb.connect(str(build)) as con:  # raises if the run still held the file read-only
        con.execute("create table after_audit as select 1 as x")


def _add_broken_suite(context: Path) -> None:
    """A suite ``rusak`` whose expectation names a column its model does not have, generated into the context."""
    _suite(
        context,
        "rusak",
        {"model": "int_cek__contoh", "tahap": "validasi", "kunci": ["cek_id"]},
        [_between("kolom_yang_tidak_ada", "rusak.kolom", min_value=0)],
    )
    gc.write_context_files(context)


def test_a_broken_expectation_raises_naming_the_suite(context, build, tmp_path):
    _add_broken_suite(context)
    with pytest.raises(
        gc.GxRunError, match=r"suite rusak: expectation expect_column_values_to_be_between .*rusak\.kolom"
    ):
        gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)
    with duckdb.connect(str(build)) as con:  # closed on failure too
        con.execute("create table after_failure as select 1 as x")


def test_a_failing_count_without_its_rows_raises(context, build, tmp_path):
    """GX counts the duplicates of a compound key on SQL but does not return their rows: the audit would
    miss them, so the run fails instead."""
    _suite(
        context,
        "ganda",
        {"model": "int_cek__contoh", "tahap": "validasi", "kunci": ["cek_id"]},
        [
            {
                "type": "expect_compound_columns_to_be_unique",
                "kwargs": {"column_list": ["perlakuan", "pagu"]},
                "meta": {"aturan": "ganda", "cek": "ganda"},
            }
        ],
    )
    gc.write_context_files(context)
    with pytest.raises(gc.GxRunError, match=r"suite ganda: 2 rows break expect_compound_columns_to_be_unique"):
        gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)


def test_a_suite_without_key_columns_is_an_error(context):
    spec = json.loads((context / "expectations" / "lulus.json").read_text())
    del spec["meta"]["kunci"]
    (context / "expectations" / "lulus.json").write_text(json.dumps(spec))
    with pytest.raises(ValueError, match=r"suite lulus: meta\.kunci"):
        gc.write_context_files(context)


def test_a_suite_added_without_regenerating_is_detected(context, build, tmp_path):
    assert gc.stale_context_files(context) == []
    _suite(
        context,
        "baru",
        {"model": "int_cek__contoh", "tahap": "validasi", "kunci": ["cek_id"]},
        [_between("pagu", "baru", min_value=-100)],
    )
    assert gc.stale_context_files(context) == ["checkpoints/validasi.json", "validation_definitions/baru.json"]
    with pytest.raises(gc.GxRunError, match="checkpoints/validasi.json"):
        gc.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)
    (context / "expectations" / "baru.json").unlink()
    (context / "expectations" / "lulus.json").unlink()
    assert gc.stale_context_files(context) == ["checkpoints/validasi.json", "validation_definitions/lulus.json"]
    gc.write_context_files(context)
    assert gc.stale_context_files(context) == []
    assert not (context / "validation_definitions" / "lulus.json").exists()


def test_the_committed_context_files_are_what_the_generator_writes():
    """Regenerate with: uv run python -m orchestration.warehouse.gx_checkpoint"""
    assert gc.stale_context_files(EXPECTATIONS_DIR) == []


def test_the_committed_context_substitutes_the_build_file_and_the_home(tmp_path):
    context = gc.open_context(tmp_path / "build.duckdb", tmp_path / "home")
    source = context.data_sources.get(gc.DATASOURCE)
    engine = source.get_engine()
    url = engine.render_as_string() if hasattr(engine, "render_as_string") else str(engine.url)
    engine.dispose()
    assert url == f"duckdb:///{(tmp_path / 'build.duckdb').resolve()}"
    assert source.kwargs == {"connect_args": {"read_only": True}}
    store = context.validation_results_store._store_backend
    assert Path(store.full_base_directory) == tmp_path / "home" / "gx" / "validations"
    site = context.variables.data_docs_sites[gc.DOCS_SITE]["store_backend"]["base_directory"]
    assert Path(site) == tmp_path / "home" / "docs" / "gx"
    assert {gc.DATASOURCE} == set(context.data_sources.all())
    checkpoint = context.checkpoints.get("validasi")
    assert all(vd.data.data_asset.datasource.name == gc.DATASOURCE for vd in checkpoint.validation_definitions)


def test_the_context_runs_by_hand_with_the_variables_from_the_environment(context, build, tmp_path, monkeypatch):
    """Plain GX, as its users know it: export the two variables, open the context, run a checkpoint."""
    import great_expectations as gx

    monkeypatch.setenv(gc.BUILD_DB_VAR, str(build))
    monkeypatch.setenv(gc.HOME_VAR, str(tmp_path / "home"))
    result = gx.get_context(mode="file", context_root_dir=str(context)).checkpoints.get("mart").run()
    assert {v.suite_name: v.success for v in result.run_results.values()} == {"capaian": False, "ikm": False}
    assert gc.docs_index(tmp_path / "home").is_file()
    assert len(list(gc.validations_dir(tmp_path / "home").rglob("*.json"))) == 2


# --------------------------------------------------------------------------------------------------
# The checkpoints in a worker process (orchestration/warehouse/gx_worker.py), as the refresh runs them


def _as_tuples(found):
    return sorted((f.suite, f.cek, f.expectation_type, f.severity, sorted(map(str, f.keys))) for f in found)


def test_the_worker_returns_what_the_checkpoint_returns_here_raises_its_errors_and_ends_when_closed(
    context, build, tmp_path
):
    """One worker (starting one imports GX, ~3 s) for every request a run makes of it."""
    from orchestration.warehouse.gx_worker import GxWorker

    here = gc.run_checkpoint(build, "validasi", tmp_path / "here", context_dir=context)
    worker = GxWorker()
    process = worker._process
    there = worker.run_checkpoint(build, "validasi", tmp_path / "there", context_dir=context)
    assert _as_tuples(there) == _as_tuples(here)
    assert sorted(k["cek_id"] for f in there if f.cek == "contoh" for k in f.keys) == ["r2", "r5"]
    # the worker wrote the results under the home it was given (its Data Docs follow the reply: checked below)
    assert list((tmp_path / "there" / "gx" / "validations").rglob("*.json"))
    # the checkpoint's own errors are raised in the caller, and the worker still answers after them
    with pytest.raises(ValueError, match="unknown stage 'lain'"):
        worker.run_checkpoint(build, "lain", tmp_path / "there", context_dir=context)
    _add_broken_suite(context)
    with pytest.raises(gc.GxRunError, match=r"suite rusak: expectation expect_column_values_to_be_between"):
        worker.run_checkpoint(build, "validasi", tmp_path / "there", context_dir=context)
    marts = worker.run_checkpoint(build, "mart", tmp_path / "there", context_dir=context)
    assert {f.suite for f in marts} == {"capaian", "ikm"}
    worker.close()
    assert process.returncode == 0 and worker.pid is None
    # the Data Docs of both stages were built after the replies, before the worker ended
    pages = {p.read_text() for p in (tmp_path / "there" / "docs" / "gx" / "validations").rglob("*.html")}
    assert (tmp_path / "there" / "docs" / "gx" / "index.html").is_file()
    assert [suite for suite in ("capaian", "ikm", "contoh") if not any(suite in page for page in pages)] == []


def test_a_killed_worker_leaves_the_checkpoint_to_the_caller(context, build, tmp_path):
    import os
    import signal

    from orchestration.warehouse.gx_worker import GxWorker

    worker = GxWorker()
    os.kill(worker.pid, signal.SIGKILL)
    worker._process.wait()  # dead before it is asked (the other way, dying mid-request, ends the same)
    found = worker.run_checkpoint(build, "validasi", tmp_path / "home", context_dir=context)
    assert sorted(k["cek_id"] for f in found if f.cek == "contoh.negatif" for k in f.keys) == ["r3", "r4"]
    assert worker.pid is None  # gone, and not started again
    worker.close()


def test_a_run_in_a_process_that_imported_gx_runs_its_checkpoints_there():
    """The refresh's resource starts a worker to import GX on the other core; a process that has GX already (a
    test worker, a long-lived process) would only pay the import again, so it starts none."""
    import dagster as dg

    from orchestration.defs.resources import GreatExpectations
    from orchestration.warehouse.gx_duckdb import import_gx

    import_gx()
    resource = GreatExpectations()
    with resource.yield_for_execution(dg.build_init_resource_context()) as ready:
        assert ready._worker is None
