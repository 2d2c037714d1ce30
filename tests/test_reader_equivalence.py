"""The reader's shortcuts read exactly what its full path reads.

For the national refresh the reader takes shortcuts: a plain Indonesian number (``1.234.567``, ``1.234,5``,
``100%``, ``12 Laporan``) is read without Decimal, a code, unit, target or survey date is read once per
process, and the raw tables are written column by column. Each shortcut must give what the full path gives:
the same value and the same findings for every cell, the same rows and problems for every file (good or
bad), the same raw tables in the same order. These tests fail when a shortcut diverges.
"""

from __future__ import annotations

import csv
import itertools
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import GOOD_PLAN, PLAN_HEADER, write_plan, write_realisasi_csv, write_realisasi_xlsx
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.domain import numbers, submission
from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target, rupiah_text, target_text
from orchestration.domain.submission import read_submission
from orchestration.settings import SEEDS_DIR
from orchestration.warehouse import ingest

CORPUS = Path(__file__).parent / "corpus"

# Cells as offices write them, right and wrong: Indonesian numbers, what a spreadsheet or an accountant
# makes of them, signs, spaces, units, other scripts' digits, the bounds of the columns.
CELLS = [
    *("1.234.567", "1.234,5", "1.234,56", "1.234,567", "1.234,5678", "1.234,56789", "1234567", "0", "0,5", "0,00"),
    *("(3.840.000)", "(Rp 3.840.000)", "(3.840.000)%", "3.84E6", "3,84E+06", "1e3", "1,5E3 Dokumen", "3.84E6%"),
    *("", " ", "-", "--", "- ", "-5", "-1.000", "- 5", "+5", "-0", "-0,00", "Rp -1.000"),
    *(" 1.000 ", "1 234", "1\u00a0000", "\u00a01.000\u00a0", "1.000\u00a0", "1\t000", "1\n000", "12 ", " 12"),
    *("100%", "100 %", "100%%", "1 %%", "%", "50 persen", "6 Dokumen", "16 Orang/ Bulan", "16 Orang /Bulan"),
    *("12 Laporan", "12Laporan", "12  Laporan", "1,5 Orang", "0,5 Kegiatan", "3 e", "5 E", "3 E6", "12 Laporan2"),
    *("1,378,000", "Rp 1.000.000,-", "Rp. 1.000", "rp1.000", "Rp", "38.290.00", "31.015.1250", "1..000"),
    *("1.0000", "1.2", "1.23", "1.2345", "12,", "1,2,3", ",5", ".5", "1.000,", "1000,50", "1000,505", "'100"),
    *("007", "00012", "0012.345", "0.000", "000", "01,5", "0,0001", "0,00001", "satu juta", "x", "12abc", "é"),
    *("\u0663", "\uff11\uff12", "1.\u0660\u0660\u0660", "\u200b5", "a,b", "1.000 Dokumen", "3,5%"),
    *("999.999.999.999", "999999999999", "999.999.999.999,99", "999999999999,9999", "999999999999%"),
    *("1.000.000.000.000", "1000000000000", "1.000.000.000.000,01", "1.000.000.000.001", "9" * 30),
]


def slow_money(text: str) -> tuple:
    """A money cell read by parse_rupiah alone: value text, negative, findings."""
    try:
        value = parse_rupiah(text)
    except NumberFormatError as exc:
        return None, False, [("pagu", exc.cek, exc.params)]
    return f"{value:f}", value < 0, []


def slow_target(text: str) -> tuple:
    """A target cell read by parse_target alone: value text, unit, negative, findings."""
    try:
        target = parse_target(text)
    except NumberFormatError as exc:
        return None, None, False, [("target", exc.cek, exc.params)]
    return f"{target.value:f}", target.unit, target.value < 0, []


def read_money(text: str) -> tuple:
    issues = []
    value, negative = submission._money_text(text, "pagu", lambda c, k, **p: issues.append((c, k, p)))
    return value, negative, issues


def read_target(text: str) -> tuple:
    issues = []
    value, unit, negative = submission._target_text(text, "target", lambda c, k, **p: issues.append((c, k, p)))
    return value, unit, negative, issues


def assert_same_reading(text: str) -> None:
    fast = rupiah_text(text)
    if fast is not None:
        assert fast == f"{parse_rupiah(text):f}", text
    fast_target = target_text(text)
    if fast_target is not None:
        target = parse_target(text)
        assert fast_target == (f"{target.value:f}", target.unit), text
    if text:  # the reader reads a number only from a cell that is not empty
        assert read_money(text) == slow_money(text), text
        assert read_target(text) == slow_target(text), text


@pytest.mark.parametrize("text", CELLS)
def test_a_cell_reads_the_same_by_the_fast_path_and_the_full_path(text):
    assert_same_reading(text)


def test_the_fast_path_reads_the_plain_cells_and_leaves_the_rest_to_the_full_path():
    assert rupiah_text("1.234.567") == "1234567.00"
    assert rupiah_text("1.234,5") == "1234.50"
    assert rupiah_text("0") == "0.00"
    assert target_text("1.234,5") == ("1234.5", None)
    assert target_text("100%") == ("100", "%")
    assert target_text("12 Laporan") == ("12", "Laporan")
    assert target_text("0,50") == ("0.50", None)
    for text in ("", " ", "-", "(3.840.000)", "3.84E6", " 1.000", "1.000 ", "-5", "007", "1.000.000.000.000"):
        assert rupiah_text(text) is None and target_text(text) is None, text
    assert rupiah_text("1.234,567") is None and target_text("1,23456") is None  # too many decimals
    assert target_text("16 Orang/ Bulan") is None and target_text("100 %") is None


DIGITS = st.text("0123456789", min_size=1, max_size=16)
NUMBERISH = st.builds(
    lambda sign, whole, sep, frac, unit, wrap: wrap.format(f"{sign}{whole}{sep}{frac}{unit}"),
    st.sampled_from(["", "", "-", "+", "Rp ", "("]),
    st.one_of(
        DIGITS,
        st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=6).map(".".join),
        st.integers(min_value=0, max_value=10**16).map(lambda n: f"{n:,}".replace(",", ".")),
    ),
    st.sampled_from(["", "", ",", "."]),
    st.one_of(st.just(""), st.text("0123456789", max_size=6)),
    st.sampled_from(["", "", "%", " %", " Dokumen", " Laporan", "Laporan", " E6", "e+06", " Orang/ Bulan", ")"]),
    st.sampled_from(["{}", "{}", " {}", "{} ", "{}\u00a0"]),
)


@settings(max_examples=1500, deadline=None, derandomize=True, database=None)
@given(st.one_of(NUMBERISH, st.text(st.sampled_from("0123456789.,-%( )EeRp \u00a0"), max_size=14)))
def test_any_numberish_cell_reads_the_same_by_the_fast_path_and_the_full_path(text):
    assert_same_reading(text)


# --- whole files: the reader with its shortcuts and without them ---------------------------------


@pytest.fixture
def full_path_only(monkeypatch):
    """Turns every shortcut of the reader off: numbers by Decimal, codes, units and dates read every time."""

    def without_shortcuts():
        monkeypatch.setattr(submission, "rupiah_text", lambda text: None)
        monkeypatch.setattr(submission, "_plain_target", lambda text: None)
        monkeypatch.setattr(submission, "_code_fields", submission._code_fields.__wrapped__)
        monkeypatch.setattr(submission, "_unit", numbers.normalise_unit)
        monkeypatch.setattr(submission, "_date_problem_once", submission._date_problem)

    return without_shortcuts


def odd_files(folder: Path) -> list[Path]:
    """Plans, realisasi (CSV and workbook) and surveys holding every cell of CELLS somewhere."""
    files = []
    for n, chunk in enumerate(CELLS[i : i + 6] for i in range(0, len(CELLS), 6)):
        plan = [dict(row) for row in GOOD_PLAN]
        for k, cell in enumerate(chunk):  # money and target columns, of every level
            plan[k % len(plan)][("pagu", "target", "pagu_tw1", "target_tw2", "pagu_akhir_tahun", "target_tw4")[k]] = (
                cell
            )
        plan[1]["satuan"] = chunk[0] if n % 2 else "Laporan"
        files.append(write_plan(folder / f"p{n}" / "rencana_73.24.10_2024.csv", plan, PLAN_HEADER))
        realisasi = [
            [f"7.01.03.2.01.{i + 1:04d}", cell, other, ""]
            for i, (cell, other) in enumerate(zip(chunk, reversed(chunk), strict=True))
        ]
        files.append(write_realisasi_csv(folder / f"r{n}" / "realisasi_73.24.10_2024_tw1.csv", realisasi))
        files.append(write_realisasi_xlsx(folder / f"x{n}" / "realisasi_73.24.10_2024_tw2.xlsx", realisasi))
    survey = folder / "s" / "ikm_73.24.10_2024.csv"
    survey.parent.mkdir(parents=True)
    dates = ["2024-05-02", "2024-02-30", "2024-13-01", "1900-05-02", "0000-01-01", "24-05-02", "", "2024-05-02"]
    with survey.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["no_responden", "tanggal", "layanan", *submission.UNSUR])
        for i, (date, answer) in enumerate(zip(itertools.cycle(dates), CELLS[:40], strict=False)):
            writer.writerow([str(i % 30), date, "Legalisasi", answer, *"432143214"[1:]])
    files.append(survey)
    return files


def whole_reading(path: Path) -> tuple:
    parsed = read_submission(path)
    return [list(row.items()) for row in parsed.rows], parsed.problems, parsed.sha256


def test_every_file_reads_the_same_with_and_without_the_shortcuts(tmp_path, full_path_only):
    files = [
        *sorted(p for p in SEEDS_DIR.rglob("*") if p.suffix in (".csv", ".xlsx") and "referensi" not in p.parts),
        *sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".csv", ".xlsx")),
        *odd_files(tmp_path),
    ]
    fast = [whole_reading(p) for p in files]
    assert sum(len(rows) for rows, _, _ in fast) > 1000 and sum(len(problems) for _, problems, _ in fast) > 200
    full_path_only()
    for path, reading in zip(files, fast, strict=True):
        assert whole_reading(path) == reading, path


# --- the raw tables, written column by column ----------------------------------------------------


def record_by_record(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], files: list) -> None:
    """The raw table as a record per row, ``{**row, **ident}``, each value as str() writes it."""
    ingest.write_records(con, table, columns, [{**row, **ident} for ident, rows in files for row in rows])


@pytest.mark.parametrize("same_keys", [True, False])
def test_raw_rows_written_column_by_column_equal_record_by_record(same_keys):
    columns = ["berkas_id", "tahun", "versi", "diterima_pada", "baris", "kode", "nilai", "flag", "teks"]

    def row(i: int) -> dict:
        values = {"baris": i + 2, "kode": f"7.01.{i:02d}", "nilai": None if i % 3 else str(Decimal(i) / 4)}
        values |= {"flag": (None, True, False)[i % 3], "teks": "é\u00a0" * (i % 2)}
        if not same_keys and i % 4 == 1:
            del values["teks"]  # a row without a column writes it empty (None), as record by record
        return values

    files = [
        ({"berkas_id": f"b{f}", "tahun": 2024, "versi": f + 1, "diterima_pada": None}, [row(i) for i in range(n)])
        for f, n in enumerate((3, 0, 5, 1))
    ]
    con = duckdb.connect()
    ingest._write_rows(con, "by_column", columns, files)
    record_by_record(con, "by_record", columns, files)
    ingest._write_rows(con, "empty", columns, [])
    by_column = con.execute("select * from by_column order by rowid").fetchall()
    assert by_column == con.execute("select * from by_record order by rowid").fetchall()
    assert len(by_column) == 9 and by_column[0] == ("b0", "2024", "1", None, "2", "7.01.00", "0", None, "")
    assert con.execute("select count(*) from empty").fetchone() == (0,)
    assert [d[0] for d in con.execute("select * from empty").description] == columns
