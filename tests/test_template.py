"""Templates for kecamatan offices, and safe exports."""

import csv

import duckdb
import pytest
from openpyxl import load_workbook

from orchestration.domain.submission import read_submission
from orchestration.warehouse.template import plan_template, realisasi_template, safe_cell


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "monev.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.dim_kecamatan as select * from (values "
            "('73.24.10', 'Kalaena', '73.24'), ('73.24.01', 'Mangkutana', '73.24')) "
            "as t(kode_wilayah, nama_kecamatan, kode_kabupaten)"
        )
        con.execute(
            "create table marts.dim_nomenklatur as select * from (values "
            "('7.01.03', 'PROGRAM PEMBERDAYAAN', null, null), "
            "('7.01.03.2.01', 'Koordinasi Kegiatan Pemberdayaan Desa', null, null)) "
            "as t(kode, nama, indikator, satuan)"
        )
        con.execute(
            "create table marts.fct_rencana_tahunan as select * from (values "
            "('73.24.10', 2024, '7.01.03', '=HYPERLINK(\"http://x\")', 'Persentase', '%', 'akhir', 'Camat'), "
            "('73.24.10', 2024, '7.01.03.2.01', 'Koordinasi', '+ Persentase', '%', 'akhir', '@camat')) "
            "as t(kode_wilayah, tahun, kode, uraian, indikator, satuan, agregasi_target, penanggung_jawab)"
        )
        con.execute(
            "create table marts.fct_rencana_triwulan as select * from (values "
            "('73.24.10', 2024, 2, '7.01.03', 100.0, 200000.00), "
            "('73.24.10', 2024, 2, '7.01.03.2.01', 100.0, 200000.00)) "
            "as t(kode_wilayah, tahun, triwulan, kode, target, pagu)"
        )
    return path


def test_safe_cell_escapes_formula_starts():
    assert [safe_cell(v) for v in ("=1+1", "+62", "-5", "@x", "Camat", 5)] == [
        "'=1+1",
        "'+62",
        "'-5",
        "'@x",
        "Camat",
        5,
    ]


def test_plan_template_is_prefilled_and_never_exports_a_formula(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    rows = list(csv.DictReader(made.csv.open()))
    assert [r["kode"] for r in rows] == ["7.01.03", "7.01.03.2.01"]
    assert rows[0]["uraian"] == '\'=HYPERLINK("http://x")' and rows[1]["penanggung_jawab"] == "'@camat"
    sheet = load_workbook(made.xlsx)["rencana"]
    assert sheet["B2"].value == '\'=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists and lists[0].formula1 == '"jumlah,tetap,akhir"'


def test_plan_template_for_a_kecamatan_without_a_plan_uses_the_kabupaten_rows(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.01", 2025, tmp_path / "out")
    rows = list(csv.DictReader(made.csv.open()))
    assert [(r["kode"], r["uraian"]) for r in rows] == [
        ("7.01.03", "PROGRAM PEMBERDAYAAN"),
        ("7.01.03.2.01", "Koordinasi Kegiatan Pemberdayaan Desa"),
    ]


def test_unknown_kecamatan_is_refused(warehouse, tmp_path):
    with pytest.raises(ValueError, match="unknown kecamatan"):
        plan_template(warehouse, "73.24.99", 2024, tmp_path / "out")


def test_filled_realisasi_template_reads_back_cleanly(warehouse, tmp_path):
    made = realisasi_template(warehouse, "73.24.10", 2024, 2, tmp_path / "out")
    book = load_workbook(made.xlsx)
    sheet = book["realisasi"]
    header = [c.value for c in sheet[1]]
    for row in range(2, 4):
        sheet.cell(row=row, column=header.index("realisasi_target") + 1, value=100)
        sheet.cell(row=row, column=header.index("realisasi_anggaran") + 1, value=150000)
        sheet.cell(row=row, column=header.index("keterangan") + 1, value="sesuai jadwal")
    book.save(made.xlsx)
    parsed = read_submission(made.xlsx)
    assert [p.baris_teks("id") for p in parsed.problems] == []
    assert [(r["kode_normal"], r["realisasi_anggaran_nilai"]) for r in parsed.rows] == [
        ("7.01.03", "150000.00"),
        ("7.01.03.2.01", "150000.00"),
    ]
