"""Reading submission files: every problem names file, row, column, expected and found."""

from decimal import Decimal

from openpyxl import Workbook

from conftest import GOOD_PLAN, PLAN_HEADER, plan_with, write_plan
from orchestration.domain.submission import read_submission


def _problems(parsed):
    return [(p.row, p.column, p.rule, p.severity) for p in parsed.problems]


def test_good_plan_reads_without_problems(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN))
    assert parsed.problems == []
    assert (parsed.jenis, parsed.kode_wilayah, parsed.tahun) == ("rencana", "73.24.10", 2024)
    first = parsed.rows[0]
    assert first["baris"] == 2
    assert first["pagu"] == "1.000.000" and first["pagu_nilai"] == "1000000.00"
    assert first["agregasi_target_normal"] == "akhir"  # a percent target defaults to last value
    assert parsed.rows[3]["agregasi_target_normal"] == "jumlah"


def test_malformed_cells_are_errors_that_name_the_cell(tmp_path):
    rows = plan_with({"7.01.03.2.01.0003": {"pagu_tw2": "38.290.00", "target": "dua belas"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    problems = {(p.row, p.column): p for p in parsed.errors}
    assert set(problems) == {(5, "pagu_tw2"), (5, "target")}
    money = problems[(5, "pagu_tw2")]
    assert money.found == "'38.290.00'" and "1.378.000" in money.expected
    assert "rencana_73.24.10_2024.csv, row 5, column pagu_tw2" in str(money)
    # the row is kept as received, with no value guessed
    assert parsed.rows[3]["pagu_tw2"] == "38.290.00" and parsed.rows[3]["pagu_tw2_nilai"] is None


def test_header_is_case_insensitive_and_order_free_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "rencana_73.24.10_2024.csv"
    header = [h.upper() for h in reversed(PLAN_HEADER)]
    lines = [";".join(header)]
    for row in GOOD_PLAN:
        lines.append(";".join(row.get(h.lower(), "") for h in header))
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    parsed = read_submission(path)
    assert parsed.errors == []
    assert [r["kode_normal"] for r in parsed.rows] == [r["kode"] for r in GOOD_PLAN]


def test_missing_columns_are_listed(tmp_path):
    header = [h for h in PLAN_HEADER if h not in ("pagu_tw3", "penanggung_jawab")]
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN, header))
    assert _problems(parsed) == [(1, None, "header", "error")]
    assert parsed.problems[0].found == "missing pagu_tw3, penanggung_jawab"
    assert parsed.rows == []


def test_unknown_column_is_a_warning(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN, PLAN_HEADER + ["Keterangan"]))
    assert _problems(parsed) == [(1, "Keterangan", "header", "warning")]


def test_file_name_must_follow_the_contract(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "plan kalaena.csv", GOOD_PLAN))
    assert _problems(parsed) == [(None, None, "file name", "error")]
    assert "rencana_<kode_wilayah>_<tahun>" in parsed.problems[0].expected


def test_non_utf8_text_names_the_line(tmp_path):
    path = tmp_path / "rencana_73.24.10_2024.csv"
    text = ",".join(PLAN_HEADER) + "\n7.01.03,Pemberdayaan Masyarakat D\xe9sa\n"
    path.write_bytes(text.encode("latin-1"))
    parsed = read_submission(path)
    assert _problems(parsed) == [(2, None, "text encoding", "error")]
    assert "0xe9" in parsed.problems[0].found


def test_duplicate_code_is_an_error(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN + [GOOD_PLAN[3]]))
    assert _problems(parsed) == [(6, "kode", "unique code", "error")]
    assert "first at row 5" in parsed.problems[0].expected


def test_bad_code_and_aggregation_values(tmp_path):
    rows = plan_with({"7.01.03.2.01.0001": {"kode": "7.01.03.1.01.0001", "agregasi_target": "rata-rata"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    assert _problems(parsed) == [(4, "kode", "code format", "error"), (4, "agregasi_target", "allowed value", "error")]


def test_unit_in_target_differing_from_satuan_is_a_warning(tmp_path):
    rows = plan_with({"7.01.03.2.01.0003": {"target": "12 Dokumen"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    assert _problems(parsed) == [(5, "target", "unit", "warning")]


def _xlsx(path, rows, extra=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "rencana"
    sheet.append(PLAN_HEADER)
    for row in rows:
        sheet.append([row.get(h, "") or None for h in PLAN_HEADER])
    if extra:
        extra(sheet)
    book.save(path)
    return path


def test_xlsx_plan_reads_like_csv_including_excel_numbers(tmp_path):
    rows = plan_with({"7.01.03.2.01.0001": {"pagu": 300000, "pagu_tw1": 300000.0}})
    parsed = read_submission(_xlsx(tmp_path / "rencana_73.24.10_2024.xlsx", rows))
    assert parsed.errors == []
    sub = parsed.rows[2]
    assert sub["pagu_nilai"] == "300000.00" and sub["pagu_tw1_nilai"] == "300000.00"
    assert Decimal(sub["pagu_tw1_nilai"]) == Decimal("300000")


def test_xlsx_formulas_are_refused_not_evaluated(tmp_path):
    path = _xlsx(tmp_path / "rencana_73.24.10_2024.xlsx", GOOD_PLAN,
                 extra=lambda sheet: sheet.cell(row=5, column=6, value="=F3-F4"))
    parsed = read_submission(path)
    assert _problems(parsed) == [(5, None, "cell content", "error")]
    assert parsed.problems[0].sheet == "rencana"


def test_file_that_is_not_what_it_claims(tmp_path):
    fake_xlsx = write_plan(tmp_path / "rencana_73.24.10_2024.xlsx", GOOD_PLAN)
    assert _problems(read_submission(fake_xlsx)) == [(None, None, "file type", "error")]
    real_xlsx = _xlsx(tmp_path / "book.xlsx", GOOD_PLAN)
    fake_csv = tmp_path / "rencana_73.24.10_2024.csv"
    fake_csv.write_bytes(real_xlsx.read_bytes())
    assert _problems(read_submission(fake_csv)) == [(None, None, "file type", "error")]


def test_empty_and_header_only_files(tmp_path):
    empty = tmp_path / "rencana_73.24.10_2024.csv"
    empty.write_text("")
    assert _problems(read_submission(empty)) == [(None, None, "content", "error")]
    header_only = write_plan(tmp_path / "rencana_73.24.11_2024.csv", [])
    assert _problems(read_submission(header_only)) == [(None, None, "data rows", "error")]
