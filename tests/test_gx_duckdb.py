"""Great Expectations runs inside DuckDB through duckdb-engine: the patch it needs, and closing its connections."""

import inspect

import duckdb
import pytest

from orchestration.warehouse.gx_duckdb import (
    UPSTREAM_BODY_MARKERS,
    close_datasource,
    duckdb_datasource,
    gx_context,
    patch_execute_query,
)


def test_the_patched_upstream_method_is_still_the_one_with_the_bug():
    """If GX changes execute_query, this fails: re-check great_expectations#10738 before keeping the patch."""
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    patch_execute_query()
    source = inspect.getsource(SqlAlchemyExecutionEngine._upstream_execute_query)
    for marker in UPSTREAM_BODY_MARKERS:
        assert marker in source
    # the upstream method returns after leaving the connection block: that is the bug the patch fixes
    assert source.rstrip().endswith("return result")


@pytest.fixture
def build(tmp_path):
    db = tmp_path / "build.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema intermediate")
        # two parents: 7.01.01 adds up (300.000), 7.01.02 does not (500.000 vs 450.000)
        con.execute("""create table intermediate.int_cek__contoh as select * from (values
            ('7.01.01', 300000.00::decimal(18,2), 300000.00::decimal(18,2)),
            ('7.01.02', 500000.00::decimal(18,2), 450000.00::decimal(18,2))
        ) v(kode, diharapkan, ditemukan)""")
    return db


def _validate(db):
    import great_expectations as gx

    context = gx_context()
    source = duckdb_datasource(context, "build", db)
    try:
        batch = (
            source.add_query_asset(name="contoh", query="select * from intermediate.int_cek__contoh")
            .add_batch_definition_whole_table("all")
            .get_batch()
        )
        suite = gx.ExpectationSuite(
            name="contoh",
            expectations=[
                {
                    "type": "expect_column_pair_values_to_be_equal",
                    "kwargs": {"column_A": "diharapkan", "column_B": "ditemukan"},
                }
            ],
        )
        [outcome] = batch.validate(
            suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["kode"]}
        ).results
        return outcome
    finally:
        close_datasource(source)


def test_with_the_patch_a_sql_expectation_finds_the_failing_row(build):
    outcome = _validate(build)
    assert not outcome.exception_info.get("raised_exception")
    assert not outcome.success
    assert [row["kode"] for row in outcome.result["unexpected_index_list"]] == ["7.01.02"]


def test_without_the_patch_the_metrics_fail_on_duckdb(build, monkeypatch):
    """The bug the patch works around is still there: if this fails, GX fixed it, drop the patch."""
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    from orchestration.warehouse import gx_duckdb

    patch_execute_query()
    monkeypatch.setattr(gx_duckdb, "patch_execute_query", lambda: None)
    monkeypatch.setattr(SqlAlchemyExecutionEngine, "execute_query", SqlAlchemyExecutionEngine._upstream_execute_query)
    outcome = _validate(build)
    info = outcome.exception_info or {}
    errors = [info] + [v for v in info.values() if isinstance(v, dict)]
    messages = [e.get("exception_message") or "" for e in errors if e.get("raised_exception")]
    assert "list index out of range" in messages  # the IndexError of great_expectations#10738


def test_close_datasource_releases_the_file_for_a_writer(build):
    _validate(build)
    with duckdb.connect(str(build)) as con:  # raises if GX still held the file read-only
        con.execute("create table after_audit as select 1 as x")
