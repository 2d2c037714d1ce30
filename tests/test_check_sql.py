"""The pieces of `monev check`'s quick way, each on a hand-made table: the expectations as SQL (with GX's
treatment of NULL), the compiled models' plan (rebuilt when a model changes) and where it is kept.
test_check_engines.py compares the whole with dbt and Great Expectations."""

import json
import shutil

import duckdb
import pytest

from orchestration.rules import sql as rule_sql
from orchestration.warehouse import check_models
from orchestration.warehouse.check_suites import NotTranslated, stage_suites, supported, unexpected_sql

# cek_id, perlakuan, a, b, x, ok
ROWS = [
    ("r1", "periksa", 1, 1, 0, True),
    ("r2", "periksa", 1, 2, 1, False),
    ("r3", "periksa", 1, None, None, None),
    ("r4", "periksa", None, None, 2, False),
    ("r5", "tidak_lengkap", 1, 2, 3, False),
    ("r6", None, 1, 2, 4, False),
    ("r7", "periksa", None, 3, -1, True),
]


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    con.execute("create table t (cek_id varchar, perlakuan varchar, a integer, b integer, x integer, ok boolean)")
    con.executemany("insert into t values (?, ?, ?, ?, ?, ?)", ROWS)
    return con


def failing(con, expectation) -> list[str]:
    where, params = unexpected_sql(expectation)
    return [r[0] for r in con.execute(f"select cek_id from t where {where} order by cek_id", params).fetchall()]


def test_pair_equal_fails_on_a_difference_and_on_one_missing_side_not_on_both_missing(con):
    # r2: 1 <> 2; r3 and r7: one side NULL (GX: not (a = b and not (a is null or b is null))); r4: both NULL,
    # ignored (ignore_row_if both_values_are_missing); r5, r6: not 'periksa'
    assert failing(con, rule_sql.pair_equal("a", "b")) == ["r2", "r3", "r7"]


def test_a_at_least_b_fails_only_where_the_comparison_is_false(con):
    # r2: 1 >= 2 is false; r3, r7: NULL >= or >= NULL is unknown, which GX's WHERE does not count
    assert failing(con, rule_sql.not_above("a", "b")) == ["r2"]


def test_between_ignores_nulls(con):
    # at most 0 among 'periksa': r2 (1) and r4 (2); r3 is NULL; r7 (-1) and r1 (0) pass
    assert failing(con, rule_sql.at_most("x", 0)) == ["r2", "r4"]


def test_in_set_ignores_nulls(con):
    assert failing(con, rule_sql.is_true("ok")) == ["r2", "r4"]


def test_null_and_not_null(con):
    assert failing(con, rule_sql.is_null("b")) == ["r1", "r2", "r7"]
    assert failing(con, rule_sql.not_null("b")) == ["r3", "r4"]


def test_other_row_conditions(con):
    condition = rule_sql.when("perlakuan", "tidak_lengkap")
    assert failing(con, rule_sql.at_most("x", 0, condition)) == ["r5"]
    assert failing(con, rule_sql.at_most("x", 0, None)) == ["r2", "r4", "r5", "r6"]
    either = {
        "type": "or",
        "conditions": [{"type": "nullity", "column": {"name": "perlakuan"}, "is_null": True}, condition],
    }
    assert failing(con, rule_sql.at_most("x", 0, either)) == ["r5", "r6"]


def test_an_expectation_not_translated_is_refused():
    with pytest.raises(NotTranslated):
        unexpected_sql({"type": "expect_column_values_to_match_regex", "kwargs": {"column": "a", "regex": "x"}})
    with pytest.raises(NotTranslated):
        unexpected_sql({"type": "expect_column_values_to_be_null", "kwargs": {"column": "a", "mostly": 0.9}})


def test_every_committed_validation_suite_is_translated():
    # else `monev check` falls back to dbt and Great Expectations (correct, but ~10 s)
    assert supported("validasi")
    assert len(stage_suites("validasi")) >= 20


@pytest.fixture
def project(tmp_path, monkeypatch):
    copy = tmp_path / "dbt_project"
    shutil.copytree(check_models.DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setattr(check_models, "DBT_PROJECT_DIR", copy)
    monkeypatch.setenv("MONEV_HOME", str(tmp_path / "home"))
    return copy


def test_the_plan_is_stale_when_a_model_macro_or_var_changes(project):
    first = check_models.fingerprint(False)
    assert check_models.fingerprint(False) == first
    assert check_models.fingerprint(True) != first
    model = project / "models" / "intermediate" / "cek" / "int_cek__rencana_lengkap.sql"
    model.write_text(model.read_text() + "\n-- changed\n")
    second = check_models.fingerprint(False)
    assert second != first
    macro = project / "macros" / "tandai_cek.sql"
    macro.write_text(macro.read_text() + "\n")
    third = check_models.fingerprint(False)
    assert third != second
    generic_test = project / "tests" / "generic" / "unique_combination.sql"
    generic_test.write_text(generic_test.read_text() + "\n")
    assert check_models.fingerprint(False) != third


def test_a_plan_file_of_another_fingerprint_is_not_used(project, tmp_path):
    digest = check_models.fingerprint(False)
    folder = check_models.plan_dirs()[0]
    folder.mkdir(parents=True)
    step = {"name": "m", "schema": "s", "relation": '"build"."s"."m"', "materialized": "view", "sql": "select 1"}
    plan = {"version": check_models.PLAN_VERSION, "fingerprint": digest, "database": "build", "steps": [step]}
    path = folder / "plan.json"
    path.write_text(json.dumps(plan))
    assert check_models._read_plan(path, digest).steps[0].sql == "select 1"
    assert check_models._read_plan(path, "another") is None
    path.write_text(json.dumps({**plan, "version": check_models.PLAN_VERSION + 1}))
    assert check_models._read_plan(path, digest) is None


def test_plan_orders_models_after_what_they_read_and_builds_them():
    def node(name, sql, deps, materialized="table", schema="intermediate"):
        return {
            "resource_type": "model",
            "name": name,
            "schema": schema,
            "database": "build",
            "relation_name": f'"build"."{schema}"."{name}"',
            "compiled_code": sql,
            "depends_on": {"nodes": deps},
            "config": {"materialized": materialized, "contract": {"enforced": False}},
        }

    manifest = {
        "nodes": {
            "model.p.c": node("c", 'select n * 2 as n from "build"."staging"."b"', ["model.p.b"]),
            "model.p.b": node("b", 'select n + 1 as n from "build"."raw"."a"', ["source.p.a"], "view", "staging"),
            "test.p.x": {"resource_type": "test", "compiled_code": "select 1"},
        }
    }
    plan = check_models.plan_from_manifest(manifest, "f")
    assert [s.name for s in plan.steps] == ["b", "c"]
    con = duckdb.connect()
    con.execute("attach ':memory:' as build")
    con.execute("use build")
    con.execute("create schema raw")
    con.execute("create table raw.a as select 20 as n")
    plan.build(con)
    assert con.execute("select n from intermediate.c").fetchall() == [(42,)]  # (20 + 1) * 2
    assert con.execute("select table_type from information_schema.tables where table_name = 'b'").fetchall() == [
        ("VIEW",)
    ]


def test_the_context_is_what_discover_submissions_finds_for_those_kecamatan_and_years(tmp_path):
    from orchestration.warehouse.archive import archive_inbox
    from orchestration.warehouse.check import received_of
    from orchestration.warehouse.ingest import discover_submissions

    seeds = tmp_path / "seeds"
    names = {
        "dokumen": ["rencana_73.24.01_2024.csv", "kinerja_73.24.01_2024.csv", "rencana_73.24.02_2024.csv"],
        "sampel": [
            "realisasi_73.24.01_2024_tw2.csv",
            "realisasi_73.24.01_2024_tw1.XLSX",
            "realisasi_73.24.01_2025_tw1.csv",
            "ikm_73.24.01_2024.csv",
            "catatan_73.24.01_2024.txt",  # not csv or xlsx
            "realisasi_73.24.11_2024_tw1.csv",  # another kecamatan whose code begins alike
            "realisasi_73.24.03_2024_tw1.csv",
        ],
    }
    for folder, files in names.items():
        (seeds / folder).mkdir(parents=True)
        for name in files:
            (seeds / folder / name).write_text("x", encoding="utf-8")
    (seeds / "sampel" / "rencana_73.24.01_2024_v2.csv").mkdir()  # a folder, not a file
    inbox, archive = tmp_path / "inbox", tmp_path / "arsip"
    inbox.mkdir()
    for name in ("realisasi_73.24.01_2024_tw3.csv", "realisasi_73.24.03_2024_tw3.csv"):
        (inbox / name).write_text(name, encoding="utf-8")
    archive_inbox(inbox, archive)
    wanted = {("73.24.01", 2024), ("73.24.03", 2024)}

    def keyed(s):
        return "_".join(s.path.name.split("_")[1:3]).split(".csv")[0].split(".XLSX")[0]

    expected = [s for s in discover_submissions(seeds, archive) if keyed(s) in {"73.24.01_2024", "73.24.03_2024"}]
    assert received_of(seeds, archive, wanted) == expected
    assert [(s.path.name, s.sumber) for s in expected] == [
        ("kinerja_73.24.01_2024.csv", "dokumen"),
        ("rencana_73.24.01_2024.csv", "dokumen"),
        ("ikm_73.24.01_2024.csv", "sampel"),
        ("realisasi_73.24.01_2024_tw1.XLSX", "sampel"),
        ("realisasi_73.24.01_2024_tw2.csv", "sampel"),
        ("realisasi_73.24.03_2024_tw1.csv", "sampel"),
        ("realisasi_73.24.01_2024_tw3.csv", "kiriman"),
        ("realisasi_73.24.03_2024_tw3.csv", "kiriman"),
    ]


def test_the_reference_copied_from_the_homes_cache_is_what_ingest_reference_writes(tmp_path, monkeypatch):
    from orchestration.settings import SEEDS_DIR
    from orchestration.warehouse import check
    from orchestration.warehouse.ingest import ingest_reference

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR / "referensi", seeds / "referensi")
    shutil.copy(SEEDS_DIR / "koreksi.csv", seeds / "koreksi.csv")

    def tables(con):
        found = {}
        for table in ("nomenklatur", "wilayah", "koreksi"):
            columns = con.execute(f"describe raw.{table}").fetchall()
            found[table] = (columns, con.execute(f"select * from raw.{table} order by all").fetchall())
        return found

    def direct():
        con = duckdb.connect()
        ingest_reference(con, seeds)
        return tables(con)

    def copied(home):
        monkeypatch.setenv("MONEV_HOME", str(home))
        con = duckdb.connect()
        check._copy_reference(con, seeds)
        return tables(con)

    home = tmp_path / "home"
    assert copied(home) == direct()  # written to the cache
    cache = home / "cache" / "check"
    assert len(list(cache.glob("referensi-*.duckdb"))) == 1
    assert copied(home) == direct()  # read from it
    # a changed corrections log (its last entry removed) is read again; the old copy is removed
    lines = (seeds / "koreksi.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (seeds / "koreksi.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    changed = direct()
    assert len(changed["koreksi"][1]) == len(lines) - 2  # header and the removed entry
    assert copied(home) == changed
    assert len(list(cache.glob("referensi-*.duckdb"))) == 1
    # a home whose cache cannot be written: read directly
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    assert copied(blocked) == changed
