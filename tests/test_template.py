"""Templates for kecamatan offices (`monev template`): pre-filled, guarded cells, Indonesian throughout, and
read back by the reader as they are written and once filled in."""

import csv
import re
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from orchestration.domain.codes import parse_code
from orchestration.domain.submission import AGGREGATIONS, DIRECTIONS, read_submission
from orchestration.domain.template_header import TITLES
from orchestration.warehouse.template import KODE_LENGTH, plan_template, realisasi_template, safe_cell

PLAN_HEADER = [
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "pagu",
    "target_tw1",
    "pagu_tw1",
    "target_tw2",
    "pagu_tw2",
    "target_tw3",
    "pagu_tw3",
    "target_tw4",
    "pagu_tw4",
    "target_akhir_tahun",
    "pagu_akhir_tahun",
    "agregasi_target",
    "arah_indikator",
    "penanggung_jawab",
    "catatan",
]
REALISASI_HEADER = [
    "kode",
    "uraian",
    "satuan",
    "target_triwulan",
    "pagu_triwulan",
    "realisasi_target",
    "realisasi_anggaran",
    "keterangan",
    "permasalahan",
    "tindak_lanjut",
]
# Words an English template would use; none may appear in what the template shows
ENGLISH = re.compile(r"\b(the|must|enter|value|number|between|invalid|please|select|amount|empty|page|of)\b", re.I)


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
            "('7.01.03.2.01', 'Koordinasi Kegiatan Pemberdayaan Desa', null, null), "
            "('7.01.03.2.01.0001', 'Musrenbang Desa', null, null)) "
            "as t(kode, nama, indikator, satuan)"
        )
        con.execute(
            "create table marts.fct_rencana_tahunan as select * from (values "
            "('73.24.10', 2024, '7.01.03', '=HYPERLINK(\"http://x\")', 'Persentase', '%', 'akhir', 'Camat'), "
            "('73.24.10', 2024, '7.01.03.2.01', 'Koordinasi', '+ Persentase', '%', 'akhir', '@camat'), "
            "('73.24.10', 2024, '7.01.03.2.01.0001', 'Musrenbang Desa', 'Jumlah Lembaga', null, null, 'Kasi PMD')) "
            "as t(kode_wilayah, tahun, kode, uraian, indikator, satuan, agregasi_target, penanggung_jawab)"
        )
        con.execute(
            "create table marts.fct_rencana_triwulan as select kode_wilayah, tahun, triwulan, kode, "
            "target::decimal(18, 4) as target, pagu::decimal(18, 2) as pagu from (values "
            "('73.24.10', 2024, 2, '7.01.03', 100.0, 200000.00), "
            "('73.24.10', 2024, 2, '7.01.03.2.01', 12.5, 1378000.50), "
            "('73.24.10', 2024, 2, '7.01.03.2.01.0001', null, null)) "
            "as t(kode_wilayah, tahun, triwulan, kode, target, pagu)"
        )
    return path


def _validations(sheet) -> dict[str, object]:
    return {str(v.sqref): v for v in sheet.data_validations.dataValidation}


def _put(book, sheet_name: str, cells: dict[str, object]):
    sheet = book[sheet_name]
    for ref, value in cells.items():
        sheet[ref] = value


def test_safe_cell_escapes_formula_starts():
    assert [safe_cell(v) for v in ("=1+1", "+62", "-5", "@x", "Camat", 5)] == [
        "'=1+1",
        "'+62",
        "'-5",
        "'@x",
        "Camat",
        5,
    ]


def test_plan_template_titles_over_field_names_reference_columns_first(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    assert made.rows == 3
    book = load_workbook(made.xlsx)
    assert book.sheetnames == ["rencana", "petunjuk"]
    sheet = book["rencana"]
    assert [c.value for c in sheet[2]] == PLAN_HEADER
    titles = {c.column_letter: c.value for c in sheet[1]}
    assert titles["A"] == "Kode"
    assert titles["B"] == "Uraian Program / Kegiatan / Sub Kegiatan"
    assert titles["D"] == "Satuan"
    assert titles["E"] == "Target Setahun"
    assert titles["F"] == "Pagu Setahun (Rp)"
    assert titles["I"] == "Target Triwulan II"
    assert titles["N"] == "Pagu Triwulan IV (Rp)"
    assert titles["Q"] == "Cara Target Triwulan Membentuk Target Setahun"
    assert titles["R"] == "Arah Indikator"
    assert titles["S"] == "Penanggung Jawab"
    assert all(not ENGLISH.search(t) for t in titles.values())
    # the data start in row 3, pre-filled, and no cell is a formula
    assert [sheet[f"A{r}"].value for r in (3, 4, 5, 6)] == ["7.01.03", "7.01.03.2.01", "7.01.03.2.01.0001", None]
    assert sheet["B3"].value == '\'=HYPERLINK("http://x")' and sheet["B3"].data_type == "s"
    assert sheet["C4"].value == "'+ Persentase" and sheet["S4"].value == "'@camat"
    assert (sheet["Q3"].value, sheet["Q5"].value, sheet["S5"].value) == ("akhir", None, "Kasi PMD")
    # reference columns (locked where pre-filled) stand left of every entry column
    locked = [c.column_letter for c in sheet[3] if c.protection.locked]
    assert locked == ["A", "B", "C", "D"]
    # the CSV: the same columns in the same order, the field names alone in its header
    rows = list(csv.reader(made.csv.open(encoding="utf-8")))
    assert rows[0] == PLAN_HEADER
    assert [r[0] for r in rows[1:]] == ["7.01.03", "7.01.03.2.01", "7.01.03.2.01.0001"]
    assert rows[1][1] == '\'=HYPERLINK("http://x")' and rows[2][18] == "'@camat"


def test_plan_template_validations_stop_a_wrong_entry_with_an_indonesian_message(warehouse, tmp_path):
    sheet = load_workbook(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").xlsx)["rencana"]
    rules = _validations(sheet)
    # 3 pre-filled rows and 20 empty ones for new nodes: rows 3 to 25
    assert {ref: (v.type, v.operator, v.formula1, v.formula2) for ref, v in rules.items()} == {
        "A3:A25": ("textLength", "between", "7", "17"),
        "E3:E25": ("decimal", "between", "0", "1000000000000"),
        "O3:O25": ("decimal", "between", "0", "1000000000000"),
        "G3:G25 I3:I25 K3:K25 M3:M25": ("decimal", "between", "0", "1000000000000"),
        "F3:F25": ("decimal", "between", "0", "1000000000000"),
        "P3:P25": ("decimal", "between", "0", "1000000000000"),
        "H3:H25 J3:J25 L3:L25 N3:N25": ("decimal", "between", "0", "1000000000000"),
        "Q3:Q25": ("list", None, '"jumlah,tetap,akhir"', None),
        "R3:R25": ("list", None, '"naik,turun"', None),
    }
    for ref, rule in rules.items():
        assert rule.showErrorMessage and rule.errorStyle == "stop", ref
        assert rule.showInputMessage and rule.allow_blank, ref
        # Excel refuses to open a workbook with a longer title (32) or message (255)
        assert 0 < len(rule.errorTitle) <= 32 and 0 < len(rule.promptTitle) <= 32, ref
        assert 0 < len(rule.error) <= 255 and 0 < len(rule.prompt) <= 255, ref
        for text in (rule.errorTitle, rule.error, rule.promptTitle, rule.prompt):
            assert not ENGLISH.search(text), (ref, text)
    # showDropDown is inverted in the file format: 1 would hide the list's arrow
    assert rules["Q3:Q25"].showDropDown is False and rules["R3:R25"].showDropDown is False
    assert rules["Q3:Q25"].error == "Pilih salah satu dari daftar: jumlah, tetap atau akhir."
    assert rules["R3:R25"].error == "Pilih salah satu dari daftar: naik atau turun."
    assert rules["F3:F25"].errorTitle == "Rupiah tidak sah"
    assert "tanpa Rp" in rules["F3:F25"].error and "sen paling banyak 2 angka" in rules["F3:F25"].error
    assert "Tulis 0 bila triwulan ini tanpa pagu" in rules["H3:H25 J3:J25 L3:L25 N3:N25"].prompt
    assert "tanpa tanda %" in rules["E3:E25"].prompt
    assert "Wajib diisi untuk target setahun" in rules["E3:E25"].prompt
    assert rules["P3:P25"].prompt.endswith("Kolom akhir tahun Rencana Aksi; boleh kosong.")  # optional
    assert rules["A3:A25"].error.startswith("Kode terdiri dari 7 sampai 17 karakter")
    # free text has no rule: B, C, D (names), S (penanggung_jawab), T (catatan)


def test_the_lists_are_the_readers_own_contract(warehouse, tmp_path):
    """The lists are written from the reader's AGGREGATIONS and DIRECTIONS: every value the list offers is
    accepted by the reader, and a value it does not offer is refused by both."""
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    rules = _validations(load_workbook(made.xlsx)["rencana"])
    offered = rules["Q3:Q25"].formula1.strip('"').split(","), rules["R3:R25"].formula1.strip('"').split(",")
    assert offered == (list(AGGREGATIONS), list(DIRECTIONS))
    book = load_workbook(made.xlsx)
    for row, (agregasi, arah) in enumerate([("jumlah", "naik"), ("tetap", "turun"), ("akhir", "naik")], start=3):
        _put(book, "rencana", {f"E{row}": 1, f"F{row}": 1000, f"Q{row}": agregasi, f"R{row}": arah})
    _put(book, "rencana", {"D5": "Lembaga"})
    book.save(made.xlsx)
    parsed = read_submission(made.xlsx)
    assert parsed.problems == []
    assert [(r["agregasi_target_normal"], r["arah_indikator_normal"]) for r in parsed.rows] == [
        ("jumlah", "naik"),
        ("tetap", "turun"),
        ("akhir", "naik"),
    ]
    _put(book, "rencana", {"Q4": "rata", "R5": "tetap"})
    book.save(made.xlsx)
    assert [(p.cek, p.baris, p.kolom, p.params["pilihan"]) for p in read_submission(made.xlsx).problems] == [
        ("isian_diizinkan.pilihan", 4, "agregasi_target", ["jumlah", "tetap", "akhir"]),
        ("isian_diizinkan.pilihan", 5, "arah_indikator", ["naik", "turun"]),
    ]


def test_plan_template_number_formats_show_indonesian_thousands_and_decimals_where_needed(warehouse, tmp_path):
    sheet = load_workbook(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").xlsx)["rencana"]
    # "#,##0": Excel's code for grouped thousands, shown 2.758.235.300 by an Indonesian-locale Excel
    assert {sheet[f"{c}3"].number_format for c in "EFGHIJKLMNOP"} == {"#,##0"}
    assert {sheet[f"{c}25"].number_format for c in "EFGHIJKLMNOP"} == {"#,##0"}
    # codes and words are text: 7.01 never turns into a number, =... never into a formula
    assert {sheet[f"{c}3"].number_format for c in "ABCDQRST"} == {"@"}
    formats = {}
    for formatting in sheet.conditional_formatting:
        for rule in formatting.rules:
            formats[str(formatting.sqref)] = (rule.formula, rule.dxf.numFmt.formatCode)
    assert formats == {
        **{f"{c}3:{c}25": ([f"AND(ISNUMBER({c}3),MOD({c}3,1)<>0)"], "#,##0.####") for c in "EGIKMO"},
        **{f"{c}3:{c}25": ([f"AND(ISNUMBER({c}3),MOD({c}3,1)<>0)"], "#,##0.00") for c in "FHJLNP"},
    }


def test_plan_template_locks_the_reference_cells_in_a_sheet_protected_without_password(warehouse, tmp_path):
    sheet = load_workbook(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").xlsx)["rencana"]
    assert sheet.protection.sheet is True and sheet.protection.password is None
    assert sheet.protection.formatColumns is False  # columns may still be widened
    assert all(c.protection.locked for r in (1, 2) for c in sheet[r])  # titles and field names
    assert [c.column_letter for c in sheet[4] if c.protection.locked] == ["A", "B", "C", "D"]
    # row 5 has no satuan yet: that cell is the office's to fill, the rest of its reference is locked
    assert [c.column_letter for c in sheet[5] if c.protection.locked] == ["A", "B", "C"]
    # the empty rows for new nodes are open throughout, the last one included
    assert [c.column_letter for r in (6, 25) for c in sheet[r] if c.protection.locked] == []
    assert sheet.max_row == 25
    assert sheet["A3"].fill.fgColor.rgb != sheet["E3"].fill.fgColor.rgb  # grey reference, yellow entry


def test_plan_template_prints_a4_landscape_fit_to_width_with_its_header_rows_on_every_page(warehouse, tmp_path):
    sheet = load_workbook(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").xlsx)["rencana"]
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")  # 9: A4 in the OOXML paper sizes
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, as many pages long as needed
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddHeader.center.text == "Rencana Aksi Kecamatan Kalaena Tahun 2024"
    assert sheet.oddFooter.center.text == "Halaman &P dari &N"
    assert sheet.freeze_panes == "B3"


def test_guide_sheet_explains_every_column_in_indonesian(warehouse, tmp_path):
    book = load_workbook(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").xlsx)
    guide = book["petunjuk"]
    lines = [[c.value for c in row] for row in guide.iter_rows()]
    assert lines[0] == ["Rencana Aksi Kecamatan Kalaena Tahun 2024", None, None]
    table = lines[lines.index(["Judul kolom", "Nama kolom", "Isi"]) + 1 :]
    assert [(t, n) for t, n, _ in table] == [(TITLES[n], n) for n in PLAN_HEADER]
    assert table[0][2].startswith("Acuan, terkunci bila sudah terisi. Kode program")
    assert table[18][1:] == ["penanggung_jawab", "Nama atau jabatan penanggung jawab."]
    assert all(isinstance(c, str) and not ENGLISH.search(c) for row in lines for c in row if c)


def test_filled_plan_template_reads_back_with_its_values_and_spreadsheet_rows(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    book = load_workbook(made.xlsx)
    quarters = "GHIJKLMN"  # target_tw1, pagu_tw1, ..., target_tw4, pagu_tw4
    filled = {
        3: [100, 1000000, 100, 400000, 100, 200000, 100, 200000, 100, 200000],
        4: [12.5, 1378000.5, 3, 344500, 3, 344500, 3, 344500, 3.5, 344500.5],
        5: [5, 300000, 5, 300000, 0, 0, 0, 0, 0, 0],
        6: [12, 700000, 3, 100000, 3, 200000, 3, 200000, 3, 200000],  # a node the office adds
    }
    for row, values in filled.items():
        _put(book, "rencana", dict(zip([f"{c}{row}" for c in "EF" + quarters], values, strict=True)))
    _put(book, "rencana", {"D5": "Lembaga", "Q5": "jumlah", "R5": "naik", "T3": "sesuai DPA"})
    _put(
        book, "rencana", {"A6": "7.01.03.2.01.0003", "B6": "Laporan Kegiatan", "C6": "Jumlah Laporan", "D6": "Laporan"}
    )
    _put(book, "rencana", {"S6": "Kasi PMD"})
    book.save(made.xlsx)
    parsed = read_submission(made.xlsx)
    assert parsed.problems == []
    assert [
        (r["baris"], r["kode_normal"], r["satuan_normal"], r["target_nilai"], r["pagu_nilai"], r["pagu_tw4_nilai"])
        for r in parsed.rows
    ] == [
        (3, "7.01.03", "%", "100", "1000000.00", "200000.00"),
        (4, "7.01.03.2.01", "%", "12.5", "1378000.50", "344500.50"),
        (5, "7.01.03.2.01.0001", "Lembaga", "5", "300000.00", "0.00"),
        (6, "7.01.03.2.01.0003", "Laporan", "12", "700000.00", "200000.00"),
    ]
    assert [r["target_tw4_nilai"] for r in parsed.rows] == ["100", "3.5", "0", "3"]
    assert [(r["agregasi_target_normal"], r["catatan"]) for r in parsed.rows] == [
        ("akhir", "sesuai DPA"),
        ("akhir", ""),
        ("jumlah", ""),
        ("jumlah", ""),
    ]


def test_a_wrong_value_in_a_filled_template_gets_the_readers_located_error(warehouse, tmp_path):
    """Excel stops a wrong entry typed into a cell, not one pasted or written by another program: the
    reader still names the cell, in the spreadsheet's own row numbers."""
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    book = load_workbook(made.xlsx)
    for row in (3, 4, 5):
        _put(book, "rencana", {f"E{row}": 1, f"F{row}": 1000})
    _put(book, "rencana", {"D5": "Lembaga", "J4": "1.378.00", "F5": 1000.555, "H3": -400000, "E4": "seratus"})
    book.save(made.xlsx)
    problems = read_submission(made.xlsx).problems
    assert [(p.cek, p.baris, p.kode, p.kolom) for p in problems] == [
        ("tidak_negatif.nilai", 3, "7.01.03", "pagu_tw1"),
        ("format_rupiah.kelompok_ribuan", 4, "7.01.03.2.01", "pagu_tw2"),
        ("format_target.kata", 4, "7.01.03.2.01", "target"),
        ("format_rupiah.desimal", 5, "7.01.03.2.01.0001", "pagu"),
    ]
    assert all(p.tingkat == "error" for p in problems)
    assert problems[3].baris_teks("id") == (
        "GALAT rencana_73.24.10_2024.xlsx [sheet rencana], baris 5, 7.01.03.2.01.0001, kolom pagu: format rupiah: "
        "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (paling banyak 2 angka desimal); ditemukan '1000,555'"
    )


def test_realisasi_template_shows_the_triwulans_plan_exactly_and_locks_it(warehouse, tmp_path):
    made = realisasi_template(warehouse, "73.24.10", 2024, 2, tmp_path / "out")
    assert made.rows == 3
    book = load_workbook(made.xlsx)
    sheet = book["realisasi"]
    assert [c.value for c in sheet[2]] == REALISASI_HEADER
    assert [c.value for c in sheet[1]] == [
        "Kode",
        "Uraian Program / Kegiatan / Sub Kegiatan",
        "Satuan",
        "Target Triwulan Ini (acuan)",
        "Pagu Triwulan Ini (Rp, acuan)",
        "Realisasi Target Triwulan Ini",
        "Realisasi Anggaran Triwulan Ini (Rp)",
        "Keterangan",
        "Permasalahan",
        "Tindak Lanjut",
    ]
    # the plan of the triwulan as numbers: 1.378.000,50 stays 1378000.5, shown with its sen
    plan = [(sheet[f"D{r}"].value, sheet[f"E{r}"].value) for r in (3, 4, 5)]
    assert plan == [(100, 200000), (12.5, 1378000.5), (None, None)]
    assert (sheet["E4"].number_format, sheet["D4"].number_format) == ("#,##0", "#,##0")
    # every reference cell is locked, even an empty one (row 5 has no plan for the triwulan); no extra rows
    assert [[c.column_letter for c in sheet[r] if c.protection.locked] for r in (3, 5)] == [list("ABCDE")] * 2
    assert sheet.max_row == 5 and sheet.protection.sheet is True
    assert {ref: (v.type, v.formula1, v.formula2, v.promptTitle) for ref, v in _validations(sheet).items()} == {
        "A3:A5": ("textLength", "7", "17", "Kode"),
        "F3:F5": ("decimal", "0", "1000000000000", "Realisasi target"),
        "G3:G5": ("decimal", "0", "1000000000000", "Realisasi anggaran (rupiah)"),
    }
    assert "wajib diisi, tulis 0 bila tidak ada belanja" in _validations(sheet)["G3:G5"].prompt
    assert sheet.oddHeader.center.text == "Realisasi Rencana Aksi Kecamatan Kalaena Tahun 2024 Triwulan 2"
    assert (sheet.page_setup.orientation, sheet.print_title_rows) == ("landscape", "$1:$2")
    # the CSV: the plan in Indonesian figures, reference only
    rows = list(csv.DictReader(made.csv.open(encoding="utf-8")))
    assert [(r["target_triwulan"], r["pagu_triwulan"]) for r in rows] == [
        ("100", "200.000"),
        ("12,5", "1.378.000,50"),
        ("", ""),
    ]


def test_filled_realisasi_template_reads_back_and_a_wrong_value_is_located(warehouse, tmp_path):
    made = realisasi_template(warehouse, "73.24.10", 2024, 2, tmp_path / "out")
    book = load_workbook(made.xlsx)
    _put(book, "realisasi", {"F3": 100, "G3": 150000, "H3": "sesuai jadwal"})
    _put(book, "realisasi", {"F4": 12.5, "G4": 1378000.5, "I4": "cuaca", "J4": "dijadwal ulang"})
    _put(book, "realisasi", {"F5": 0, "G5": 0})
    book.save(made.xlsx)
    parsed = read_submission(made.xlsx)
    assert parsed.problems == []
    assert [
        (r["baris"], r["kode_normal"], r["realisasi_target_nilai"], r["realisasi_anggaran_nilai"], r["tindak_lanjut"])
        for r in parsed.rows
    ] == [
        (3, "7.01.03", "100", "150000.00", ""),
        (4, "7.01.03.2.01", "12.5", "1378000.50", "dijadwal ulang"),
        (5, "7.01.03.2.01.0001", "0", "0.00", ""),
    ]
    _put(book, "realisasi", {"G4": -1378000.5, "G5": None})
    book.save(made.xlsx)
    assert [(p.cek, p.baris, p.kode, p.kolom) for p in read_submission(made.xlsx).problems] == [
        ("tidak_negatif.nilai", 4, "7.01.03.2.01", "realisasi_anggaran"),
        ("isian_wajib.realisasi_anggaran", 5, "7.01.03.2.01.0001", "realisasi_anggaran"),
    ]


def test_csv_templates_read_back_once_filled(warehouse, tmp_path):
    made = realisasi_template(warehouse, "73.24.10", 2024, 2, tmp_path / "out")
    with made.csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row, (target, money) in zip(rows, [("100", "150.000"), ("12,5", "1.378.000,50"), ("0", "0")], strict=True):
        row.update(realisasi_target=target, realisasi_anggaran=money)
    with made.csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REALISASI_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    parsed = read_submission(made.csv)
    assert parsed.problems == []
    assert [(r["baris"], r["realisasi_anggaran_nilai"]) for r in parsed.rows] == [
        (2, "150000.00"),
        (3, "1378000.50"),
        (4, "0.00"),
    ]
    # the plan CSV as written: read, and only the values still to fill are missing (target and pagu of 3 rows)
    plan = read_submission(plan_template(warehouse, "73.24.10", 2024, tmp_path / "out").csv)
    assert [(p.cek, p.baris, p.kolom) for p in plan.problems] == [
        ("isian_wajib.nilai", b, c) for b in (2, 3, 4) for c in ("pagu", "target")
    ]


def test_the_reader_accepts_exactly_the_templates_two_row_header(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.10", 2024, tmp_path / "out")
    book = load_workbook(made.xlsx)
    for row in (3, 4, 5):
        _put(book, "rencana", {f"E{row}": 1, f"F{row}": 1000})
    _put(book, "rencana", {"D5": "Lembaga"})
    book.save(made.xlsx)
    assert read_submission(made.xlsx).problems == []
    # one title that is not the template's: row 1 is read as the header, as in any other file (corpus 08),
    # and the file is refused for the field names row 1 lacks (a few titles are field names: Satuan)
    _put(book, "rencana", {"A1": "Kode Program"})
    book.save(made.xlsx)
    parsed = read_submission(made.xlsx)
    assert parsed.rows == [] and [p.cek for p in parsed.errors] == ["judul_kolom.kurang"]
    assert parsed.errors[0].baris == 1 and parsed.errors[0].params["kurang"][:3] == ["kode", "uraian", "target"]


def test_unknown_kecamatan_and_missing_plan_are_refused_in_indonesian(warehouse, tmp_path):
    with pytest.raises(ValueError, match=r"kecamatan '73\.24\.99' tidak dikenal"):
        plan_template(warehouse, "73.24.99", 2024, tmp_path / "out")
    with pytest.raises(ValueError, match=r"belum ada rencana 73\.24\.01 tahun 2024 yang terbit"):
        realisasi_template(warehouse, "73.24.01", 2024, 2, tmp_path / "out")
    with pytest.raises(ValueError, match=r"triwulan harus 1, 2, 3 atau 4; ditemukan 5"):
        realisasi_template(warehouse, "73.24.10", 2024, 5, tmp_path / "out")


def test_plan_template_for_a_kecamatan_without_a_plan_uses_the_kabupaten_rows(warehouse, tmp_path):
    made = plan_template(warehouse, "73.24.01", 2025, tmp_path / "out")
    rows = list(csv.DictReader(made.csv.open()))
    assert [(r["kode"], r["uraian"]) for r in rows] == [
        ("7.01.03", "PROGRAM PEMBERDAYAAN"),
        ("7.01.03.2.01", "Koordinasi Kegiatan Pemberdayaan Desa"),
        ("7.01.03.2.01.0001", "Musrenbang Desa"),
    ]
    sheet = load_workbook(made.xlsx)["rencana"]
    assert sheet.oddHeader.center.text == "Rencana Aksi Kecamatan Mangkutana Tahun 2025"
    # the nomenclature has no indikator and the plans no satuan for 7.01.03: the office fills them
    assert [c.column_letter for c in sheet[3] if c.protection.locked] == ["A", "B", "D"]


def test_code_lengths_of_the_template_are_the_codes_the_reader_accepts():
    shortest, longest = KODE_LENGTH
    assert (shortest, longest) == (7, 17)
    for code in ("7.01.02", "7.01.02.2.04", "7.01.02.2.04.03", "7.01.02.2.04.0003", "7.01.02.2.04.X001"):
        assert shortest <= len(code) <= longest and parse_code(code).kode.startswith(code[:7])


@pytest.mark.e2e  # reads the shared published build (a refresh): not in make test-fast
def test_templates_of_the_published_kalaena_plan(kalaena_published, tmp_path, monkeypatch):
    """`monev template 73.24.10 2025` and `monev template 73.24.10 2024 --triwulan 2` on the real published
    warehouse; the realisasi template filled with the plan of the triwulan reads back to the same rupiah."""
    from conftest import monev

    home, seeds, _ = kalaena_published
    warehouse = home / "warehouse" / "monev.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        planned = con.execute(
            "select count(*) from marts.fct_rencana_tahunan where kode_wilayah = '73.24.10' and tahun = 2024"
        ).fetchone()[0]
        tw2 = dict(
            con.execute(
                "select kode, pagu from marts.fct_rencana_triwulan "
                "where kode_wilayah = '73.24.10' and tahun = 2024 and triwulan = 2"
            ).fetchall()
        )
    code, out = monev(["template", "73.24.10", "2025", "--out", str(tmp_path)], home, seeds, monkeypatch)
    args = ["template", "73.24.10", "2024", "--triwulan", "2", "--out", str(tmp_path)]
    code_tw, out_tw = monev(args, home, seeds, monkeypatch)
    assert (code, code_tw) == (0, 0), out + out_tw
    plan = load_workbook(tmp_path / "rencana_73.24.10_2025.xlsx")["rencana"]
    codes = [plan.cell(row=r, column=1).value for r in range(3, plan.max_row + 1)]
    assert len([c for c in codes if c]) == planned > 40
    assert all(KODE_LENGTH[0] <= len(c) <= KODE_LENGTH[1] for c in codes if c)
    # the realisasi template: spend exactly the plan of the triwulan, achieve its target
    path = tmp_path / "realisasi_73.24.10_2024_tw2.xlsx"
    book = load_workbook(path)
    sheet = book["realisasi"]
    for row in range(3, sheet.max_row + 1):
        sheet[f"F{row}"] = sheet[f"D{row}"].value or 0
        sheet[f"G{row}"] = sheet[f"E{row}"].value or 0
    book.save(path)
    parsed = read_submission(path)
    assert parsed.problems == []
    assert len(parsed.rows) == len(tw2) == planned
    assert {r["kode_normal"]: Decimal(r["realisasi_anggaran_nilai"]) for r in parsed.rows} == {
        k: (v or Decimal(0)) for k, v in tw2.items()
    }
