"""The bad-input corpus: every bad file gets exactly its clear, specific problems, never a crash.

Each folder of tests/corpus holds one submission file (made by tests/corpus/make_corpus.py) and
CASES says the problems the reader must return for it: rule, row, column, severity, sheet and a
piece of text that `found` or `expected` must contain. Positive controls must read with no error.
Files too big to commit, or with names a checkout could not hold, are made here in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import tracemalloc
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import GOOD_PLAN, PLAN_HEADER, write_plan
from orchestration.domain.numbers import NumberFormatError, number_hint, parse_number, parse_rupiah, parse_target
from orchestration.domain.submission import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    file_name_problem,
    parse_file_name,
    read_submission,
    safe_file_name,
)

CORPUS = Path(__file__).parent / "corpus"
E, W = "error", "warning"


@dataclass(frozen=True)
class P:
    """One expected problem; ``text`` must be in its found or its expected."""
    rule: str
    row: int | None
    column: str | None
    severity: str
    text: str
    sheet: str | None = None


CASES: dict[str, list[P]] = {
    # --- header and shape
    "01_misspelt_header": [P("header", 1, "Pagu TW 3", E, "the column name 'pagu_tw3'"),
                           P("header", 1, "penangung_jawab", E, "the column name 'penanggung_jawab'")],
    "02_missing_columns": [P("header", 1, None, E, "missing pagu_tw3, penanggung_jawab")],
    "03_empty_file": [P("content", None, None, E, "an empty file")],
    "04_header_only": [P("data rows", None, None, E, "at least one data row")],
    "05_bom_ok": [],
    "06_latin1_text": [P("text encoding", 3, None, E,
                         "byte 0xe9 that is not UTF-8 ('é' in Windows-1252) in column uraian")],
    "07_non_ascii_name": [P("file name", None, None, E, "(non-ASCII 'é')")],
    "08_title_row_above_header": [P("header", 1, None, E, "row 1 reads 'RENCANA AKSI KECAMATAN KALAENA")],
    "09_realisasi_under_a_plan_name": [P("header", 1, None, E, "the columns of a realisasi file")],
    "10_unnamed_column_with_values": [P("header", 1, None, W, "no name above column 16, which has values from row 4")],
    # --- text encoding and CSV syntax
    "11_utf16_text": [P("text encoding", None, None, E, "UTF-16")],
    "12_semicolons_ok": [],
    "13_crlf_ok": [],
    "14_unclosed_quote": [P("quoting", 4, "uraian", E, 'a " opened in row 4 that is never closed')],
    "15_ragged_rows": [P("row shape", 3, None, E, "5 cells: 'sosialisasi' in column 5 has no column name")],
    "16_binary_in_csv": [P("file type", None, None, E, "binary content (NUL bytes) with a .csv name")],
    # --- file type and ZIP
    "17_xlsx_that_is_csv": [P("file type", None, None, E, "a text file (CSV?) with an .xlsx name")],
    "18_csv_that_is_xlsx": [P("file type", None, None, E, "a ZIP/XLSX workbook with a .csv name")],
    "19_xls_named_xlsx": [P("file type", None, None, E, "Excel 97-2003 .xls")],
    "20_truncated_xlsx": [P("file type", None, None, E, "a truncated or damaged workbook")],
    "21_corrupt_sheet_xml": [P("file type", None, None, E, "a damaged workbook (ParseError")],
    "22_zip_bomb_ratio": [P("file size", None, None, E, "'xl/worksheets/sheet1.xml' packing 8393072 bytes")],
    "23_zip_bomb_declared_size": [P("file size", None, None, E, "bytes declared unpacked (a ZIP bomb?)")],
    "24_zip_not_xlsx": [P("file type", None, None, E, "a ZIP archive that is not an XLSX workbook")],
    # --- workbook structure
    "25_merged_cells": [P("merged cells", 4, "uraian", E, "merged range B4:B5", "rencana"),
                        P("required value", 5, "uraian", E, "an empty cell", "rencana")],
    "26_extra_sheet": [P("sheet", None, None, W, "another sheet 'catatan'", "rencana")],
    "27_plan_sheet_missing": [P("sheet", None, None, E, "a sheet named 'rencana'")],
    "28_plan_sheet_empty": [P("content", None, None, E, "an empty sheet (the workbook also has 'Sheet2')",
                              "rencana")],
    "29_formula": [P("cell content", 2, None, E, "formula '=SUM(F3:F3)' in cell F2 (pagu)", "rencana")],
    "30_excel_error_cell": [P("cell content", 3, "uraian", E, "'#REF!'", "rencana")],
    "31_wrong_dimension_ok": [],
    "32_excel_numbers_ok": [],
    "33_survey_dates_ok": [],
    # --- numbers, codes, names, duplicates
    "34_numbers_with_text": [P("number format", 5, "pagu", E, "no ',-' after the amount"),
                             P("number format", 5, "pagu_tw1", E, "without words such as 'rupiah'"),
                             P("number format", 5, "pagu_tw2", E, "digits, not words")],
    "35_malformed_numbers": [P("number format", 5, "pagu", E, "groups of three digits after each '.', not '1250'"),
                             P("number format", 5, "pagu_tw2", E, "groups of three digits after each '.', not '00'"),
                             P("number format", 5, "pagu_tw3", E, "not 1,378,000")],
    "36_negative_realisasi": [P("not negative", 5, "realisasi_anggaran", E, "0 or more")],
    "37_triwulan_5": [P("file name", None, None, E, "triwulan 1-4")],
    "38_malformed_kode_wilayah": [P("file name", None, None, E, "'73.24.1'")],
    "39_bad_codes": [P("code format", 4, "kode", E, "1 is a provincial code"),
                     P("code format", 5, "kode", E, "'7.1.03.2.01.0003'")],
    "40_duplicate_code": [P("unique code", 6, "kode", E, "first at row 4")],
    # --- survey
    "41_survey_answer_5_and_empty": [P("allowed value", 3, "u5", E, "'5'"),
                                     P("required value", 3, "u9", E, "an empty cell")],
    "42_survey_duplicate_respondent": [P("unique respondent", 5, "no_responden", E, "first at row 2")],
    "43_survey_bad_dates": [P("date", 3, "tanggal", E, "'15/03/2024'"),
                            P("date", 4, "tanggal", E, "'2024-02-30' (day is out of range for month)"),
                            P("date", 5, "tanggal", E, "'kemarin'")],
}


def corpus_file(case: str) -> Path:
    files = [f for f in (CORPUS / case).iterdir() if f.is_file()]
    assert len(files) == 1, files
    return files[0]


def assert_problems(path: Path, expected: list[P]):
    parsed = read_submission(path)  # must not raise
    actual = list(parsed.problems)
    key = lambda p: (p.rule, p.row, p.column, p.severity, p.sheet)  # noqa: E731
    assert sorted(map(key, actual), key=repr) == sorted(map(key, expected), key=repr), [str(p) for p in actual]
    for want in expected:
        assert any(key(got) == key(want) and (want.text in got.found or want.text in got.expected)
                   for got in actual), (want, [str(p) for p in actual])
    for problem in actual:
        assert problem.file == path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        str(problem).encode("utf-8")  # printable and storable as text
    return parsed


def test_every_corpus_folder_has_a_case_and_a_readme_line():
    folders = sorted(f.name for f in CORPUS.iterdir() if f.is_dir() and f.name[:2].isdigit())
    assert folders == sorted(CASES)
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert [f for f in folders if f"`{f}`" not in readme] == []
    assert len([c for c, problems in CASES.items() if problems]) >= 25


@pytest.mark.parametrize("case", sorted(CASES))
def test_corpus_file(case):
    parsed = assert_problems(corpus_file(case), CASES[case])
    if not CASES[case]:
        assert parsed.rows


@pytest.mark.parametrize("case", ["05_bom_ok", "12_semicolons_ok", "13_crlf_ok", "31_wrong_dimension_ok"])
def test_positive_controls_read_every_row(case):
    parsed = read_submission(corpus_file(case))
    assert [r["kode_normal"] for r in parsed.rows] == [r["kode"] for r in GOOD_PLAN]
    assert [r["baris"] for r in parsed.rows] == [2, 3, 4, 5]
    assert parsed.rows[0]["kode"] == "7.01.03"  # no BOM left in the first column
    assert parsed.rows[1]["pagu_nilai"] == "1000000.00"


def test_excel_numbers_percentages_and_dates_read_as_typed():
    plan = read_submission(corpus_file("32_excel_numbers_ok"))
    assert [(r["target"], r["pagu_nilai"]) for r in plan.rows[:2]] == [("100%", "1000000.00")] * 2
    survey = read_submission(corpus_file("33_survey_dates_ok"))
    assert [r["tanggal_nilai"] for r in survey.rows] == ["2024-05-01", "2024-05-02", "2024-05-03"]


def test_refused_files_yield_no_rows():
    for case in ("06_latin1_text", "14_unclosed_quote", "17_xlsx_that_is_csv", "22_zip_bomb_ratio", "29_formula"):
        assert read_submission(corpus_file(case)).rows == []


def test_zip_bombs_are_refused_before_openpyxl_opens_them(monkeypatch):
    import openpyxl

    def forbidden(*args, **kwargs):
        raise AssertionError("openpyxl must not open a ZIP bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)
    for case in ("22_zip_bomb_ratio", "23_zip_bomb_declared_size", "24_zip_not_xlsx"):
        assert_problems(corpus_file(case), CASES[case])


# --- generated at test time -------------------------------------------------------------


def test_huge_file_is_refused_by_size_without_reading_it_into_memory(tmp_path, monkeypatch):
    path = tmp_path / "rencana_73.24.10_2024.csv"
    with path.open("wb") as handle:
        handle.write(b"kode,uraian\n")
        handle.truncate(100 * 1024 * 1024)  # 100 MB, sparse

    def forbidden(self):
        raise AssertionError("the whole file must not be read")

    monkeypatch.setattr(Path, "read_bytes", forbidden)
    monkeypatch.setattr(Path, "read_text", forbidden)
    tracemalloc.start()
    try:
        assert_problems(path, [P("file size", None, None, E, f"{100 * 1024 * 1024} bytes")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024
    assert MAX_FILE_BYTES < 100 * 1024 * 1024


def test_csv_over_the_row_limit(tmp_path):
    path = tmp_path / "realisasi_73.24.10_2024_tw1.csv"
    lines = ["kode,realisasi_target,realisasi_anggaran,keterangan"]
    lines += [f"7.01.03.2.01.{i:04d},1,1.000," for i in range(1, MAX_ROWS + 2)]
    path.write_text("\n".join(lines) + "\n")
    parsed = assert_problems(path, [P("row count", None, None, E, str(MAX_ROWS + 1))])
    assert parsed.rows == []


def test_xlsx_over_the_row_limit(tmp_path):
    path = tmp_path / "realisasi_73.24.10_2024_tw1.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("realisasi")
    sheet.append(["kode", "realisasi_target", "realisasi_anggaran", "keterangan"])
    for i in range(1, MAX_ROWS + 2):
        sheet.append([f"7.01.03.2.01.{i:04d}", 1, 1000, None])
    book.save(path)
    assert_problems(path, [P("row count", None, None, E, f"more than {MAX_ROWS}", "realisasi")])


def test_cell_longer_than_the_csv_field_limit(tmp_path):
    rows = [{**GOOD_PLAN[0], "uraian": "x" * 200_000}, *GOOD_PLAN[1:]]
    path = write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows)
    assert_problems(path, [P("cell content", 2, "uraian", E, "a longer cell")])


def test_a_folder_with_a_submission_name(tmp_path):
    folder = tmp_path / "rencana_73.24.10_2024.csv"
    folder.mkdir()
    assert_problems(folder, [P("file type", None, None, E, "a folder")])


def test_latin1_bytes_in_the_file_name(tmp_path):
    try:
        path = Path(os.fsdecode(bytes(tmp_path) + b"/rencana_Kalaena_D\xe9sa_2024.csv"))
        shutil.copyfile(corpus_file("05_bom_ok"), path)
    except (OSError, UnicodeError):
        pytest.skip("this file system only holds UTF-8 names")
    parsed = assert_problems(path, [P("file name", None, None, E, "bytes that are not UTF-8 (a Latin-1 name?)")])
    assert parsed.problems[0].file == "rencana_Kalaena_D\\xe9sa_2024.csv"


@pytest.mark.parametrize("name, text", [
    ("..rencana_73.24.10_2024.csv", "without folders, '..' or control characters"),
    ("rencana_73.24.10_2024.csv.exe", "'.csv.exe'"),
    ("rencana_73.24.10_2024.CSV ", "'.CSV '"),
    ("rencana_73.24.10_\uff12\uff10\uff12\uff14.csv", "non-ASCII"),       # full-width digits
    ("realisasi_73.24.10_2024.csv", "the triwulan in a realisasi name"),
    ("rencana_73.24.10_2024_tw1.csv", "no triwulan in a rencana name"),
    ("rencana_73.24.10_24.csv", "a four-digit year"),
    ("plan_73.24.10_2024.csv", "rencana, kinerja, realisasi or ikm before the first '_'"),
    ("rencana_73.24.10_2024_final.csv", "only _tw<1-4> (realisasi) and _v<n> after the year"),
    ("rencana_73.24.10_2024_v1a.csv", "a version number such as _v2"),
    ("rencana_73.24.10_2024", "no extension"),
])
def test_file_names_that_break_the_contract(tmp_path, name, text):
    path = tmp_path / name
    shutil.copyfile(corpus_file("05_bom_ok"), path)
    parsed = assert_problems(path, [P("file name", None, None, E, text)])
    assert parsed.jenis is None and parsed.rows == []


@pytest.mark.parametrize("name", [
    "../rencana_73.24.10_2024.csv", "a/b", "..\\x", "x\x00", "rencana_73.24.10_2024.csv\n",
    "..rencana_73.24.10_2024.csv", "rencana_73.24.10_2024.csv.exe", "rencana_73.24.10_2024.CSV ",
    "sub/rencana_73.24.10_2024.csv", "sub\\rencana_73.24.10_2024.csv", "rencana_73.24.10_2024\u200b.csv",
    "realisasi_73.24.10_2024_tw5.csv", "rencana_73.24.1_2024.csv", "rencana_\u0667\u0663.24.10_2024.csv", "",
])
def test_unsafe_or_off_contract_names_are_refused(name):
    assert safe_file_name(name) is None
    assert parse_file_name(name) is None
    assert file_name_problem(name) is not None


@pytest.mark.parametrize("name", ["rencana_73.24.10_2024.csv", "realisasi_73.24.10_2024_tw2_v2.xlsx",
                                  "ikm_73.24.10_2024.csv", "KINERJA_73.24.10_2024.XLSX"])
def test_contract_names_are_safe(name):
    assert safe_file_name(name) == name
    assert file_name_problem(name) is None


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\u0661\u0662\u0663", "\uff11.\uff10\uff10\uff10", "1.\u0660\u0660\u0660"])
def test_digits_of_other_scripts_are_not_numbers(text):
    for parse in (parse_number, parse_rupiah, parse_target):
        with pytest.raises(NumberFormatError) as error:
            parse(text)
        assert "digits 0-9 only" in error.value.expected


@pytest.mark.parametrize("text, hint", [
    ("Rp 1.000.000,-", "no ',-' after the amount"),
    ("1.000.000 rupiah", "without words such as 'rupiah'"),
    ("satu juta", "digits, not words"),
    ("38.290.00", "not '00'"),
    ("31.015.1250", "not '1250'"),
    ("1,378,000", "not 1,378,000"),
    ("1.5", "',' before decimals"),
    ("1 378 000", "no spaces inside the number"),
    ("-", "0 for nothing"),
])
def test_money_errors_say_what_is_wrong(text, hint):
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah(text)
    assert hint in error.value.expected and "1.378.000" in error.value.expected
    assert error.value.found == text
    assert number_hint("1.378.000,00") is None
    assert parse_rupiah("Rp 1.378.000,00") == Decimal("1378000.00")


@pytest.mark.parametrize("titles, extra", [([" Rencana "], []), (["Sheet1"], []),
                                           (["catatan", "RENCANA"], [P("sheet", None, None, W, "'catatan'",
                                                                         "RENCANA")])])
def test_plan_sheet_is_found_by_name_in_any_case_or_is_the_only_sheet(tmp_path, titles, extra):
    book = Workbook()
    book.remove(book.active)
    for title in titles:
        sheet = book.create_sheet(title)
    sheet.append(PLAN_HEADER)
    for row in GOOD_PLAN:
        sheet.append([row.get(h, "") or None for h in PLAN_HEADER])
    path = tmp_path / "rencana_73.24.10_2024.xlsx"
    book.save(path)
    parsed = assert_problems(path, extra)
    assert len(parsed.rows) == 4
