"""Great Expectations runs inside DuckDB: the patch it needs, and findings that name their rows."""

import inspect
import json
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse.audit import run_audit
from orchestration.warehouse.gx_duckdb import UPSTREAM_BODY_MARKERS, patch_execute_query


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
def build(tmp_path) -> tuple[Path, Path]:
    db = tmp_path / "build.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema intermediate")
        # two parents: 7.01.01 adds up (300.000 = 100.000 + 200.000), 7.01.02 does not (500.000 vs 450.000)
        con.execute("""create table intermediate.int_cek__contoh as select * from (values
            ('73.24.10', 2024, '7.01.01', 'pagu', 300000.00::decimal(18,2), 300000.00::decimal(18,2), 'a:r.csv', 'r.csv', 4, 'x'),
            ('73.24.10', 2024, '7.01.02', 'pagu', 500000.00::decimal(18,2), 450000.00::decimal(18,2), 'a:r.csv', 'r.csv', 9, 'y'),
            ('73.24.10', 2024, '7.01.03', 'pagu', 100000.00::decimal(18,2), 100000.00::decimal(18,2), 'a:r.csv', 'r.csv', 12, 'y')
        ) v(kode_wilayah, tahun, kode, ukuran, diharapkan, ditemukan, berkas_id, nama_berkas, baris, uraian_kunci)""")
    suites = tmp_path / "suites"
    suites.mkdir()
    meta = {"model": "int_cek__contoh", "tahap": "validasi"}
    (suites / "contoh.json").write_text(json.dumps({"name": "contoh", "meta": meta, "expectations": [
        {"type": "expect_column_pair_values_to_be_equal", "kwargs": {"column_A": "diharapkan", "column_B": "ditemukan"},
         "meta": {"aturan": "contoh_jumlah", "tingkat": "error", "dampak": "karantina", "pesan": "children sum"}},
        {"type": "expect_compound_columns_to_be_unique", "kwargs": {"column_list": ["berkas_id", "uraian_kunci"]},
         "meta": {"aturan": "contoh_ganda", "tingkat": "warning", "pesan": "no duplicate names"}},
    ]}))
    return db, suites


def test_findings_name_each_failing_row_with_rupiah_values(build):
    db, suites = build
    result = run_audit(db, suites_dir=suites)
    jumlah = [f for f in result.findings if f.aturan == "contoh_jumlah"]
    assert [(f.kode, f.diharapkan, f.ditemukan, f.berkas_id) for f in jumlah] == [
        ("7.01.02", "500.000", "450.000", "a:r.csv")]
    assert "r.csv row 9" in jumlah[0].pesan
    assert result.quarantine_records()[0]["berkas_id"] == "a:r.csv"


def test_duplicates_are_reported_on_the_rows_that_hold_them(build):
    db, suites = build
    ganda = [f for f in run_audit(db, suites_dir=suites).findings if f.aturan == "contoh_ganda"]
    assert sorted(f.kode for f in ganda) == ["7.01.02", "7.01.03"]
    assert all(f.tingkat == "warning" for f in ganda)


def test_the_audit_releases_the_file_for_the_writer_that_follows(build):
    db, suites = build
    run_audit(db, suites_dir=suites)
    with duckdb.connect(str(db)) as con:  # raises if the audit still held the file read-only
        con.execute("create table raw_after_audit as select 1 as x")
