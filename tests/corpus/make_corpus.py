"""Writes the bad-input corpus: one folder per defect, each with one small submission file.

Run once from the repository root after changing a case: ``.venv/bin/python tests/corpus/make_corpus.py``.
The files are committed; `tests/test_bad_input_corpus.py` says what each must produce, and README.md
in this folder lists them. Files that are too big to commit (100 MB, over the row limit) or whose
names a checkout could not hold are made by the test itself in a temporary folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import struct
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from conftest import GOOD_PLAN, PLAN_HEADER, plan_with  # noqa: E402

REALISASI_HEADER = ["kode", "realisasi_target", "realisasi_anggaran", "keterangan"]
GOOD_TW1 = [
    {"kode": "7.01.03", "realisasi_target": "100", "realisasi_anggaran": "380.000", "keterangan": "Sesuai jadwal"},
    {"kode": "7.01.03.2.01", "realisasi_target": "100", "realisasi_anggaran": "380.000", "keterangan": ""},
    {"kode": "7.01.03.2.01.0001", "realisasi_target": "5", "realisasi_anggaran": "300.000", "keterangan": ""},
    {"kode": "7.01.03.2.01.0003", "realisasi_target": "2", "realisasi_anggaran": "80.000", "keterangan": ""},
]
IKM_HEADER = ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10))]
FIXED_TIME = dt.datetime(2024, 7, 1, 8, 0, 0)


def respondents(n: int = 3) -> list[dict]:
    return [
        {
            "no_responden": str(i),
            "tanggal": f"2024-05-0{i}",
            "layanan": "Legalisasi Dokumen",
            **{f"u{u}": str(3 + (i + u) % 2) for u in range(1, 10)},
        }
        for i in range(1, n + 1)
    ]


def csv_text(header: list[str], rows: list[dict], delimiter: str = ",", newline: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=header, delimiter=delimiter, lineterminator=newline, extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows({h: r.get(h, "") for h in header} for r in rows)
    return buffer.getvalue()


def put(case: str, name: str, data: bytes | str) -> Path:
    folder = HERE / case
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def workbook(sheets: dict[str, list[list]], edit=None) -> bytes:
    """An XLSX with the given sheets (name -> rows); ``edit(book)`` may change it before saving."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    if edit:
        edit(book)
    book.properties.created = book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_rows(rows: list[dict] = GOOD_PLAN, header: list[str] = PLAN_HEADER) -> list[list]:
    return [header, *([row.get(h, "") or None for h in header] for row in rows)]


def rewrite_zip(data: bytes, change) -> bytes:
    """The same ZIP with ``change(name, bytes) -> bytes`` applied to every part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info.filename)))
    return buffer.getvalue()


def declare_size(data: bytes, part: str, size: int) -> bytes:
    """Patch the ZIP directory so that ``part`` claims ``size`` bytes unpacked (its data is unchanged)."""
    data = bytearray(data)
    encoded = part.encode()
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, at + 24, size)  # central directory: uncompressed size
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", data, local + 22, size)  # local header: uncompressed size
        at += 4
    return bytes(data)


def main() -> None:
    for old in HERE.iterdir():
        if old.is_dir() and old.name[:2].isdigit():
            shutil.rmtree(old)
    plan_csv = csv_text(PLAN_HEADER, GOOD_PLAN)
    good_xlsx = workbook({"rencana": plan_rows()})

    # --- header and shape -----------------------------------------------------------------
    misspelt = [{"pagu_tw3": "Pagu TW 3", "penanggung_jawab": "penangung_jawab"}.get(h, h) for h in PLAN_HEADER]
    text = csv_text(PLAN_HEADER, GOOD_PLAN).split("\n", 1)[1]
    put("01_misspelt_header", "rencana_73.24.10_2024.csv", ",".join(misspelt) + "\n" + text)
    missing = [h for h in PLAN_HEADER if h not in ("pagu_tw3", "penanggung_jawab")]
    put("02_missing_columns", "rencana_73.24.10_2024.csv", csv_text(missing, GOOD_PLAN))
    put("03_empty_file", "rencana_73.24.10_2024.csv", b"")
    put("04_header_only", "rencana_73.24.10_2024.csv", csv_text(PLAN_HEADER, []))
    put("05_bom_ok", "rencana_73.24.10_2024.csv", "\ufeff" + plan_csv)
    latin = plan_with({"7.01.03.2.01": {"uraian": "Koordinasi Pemberdayaan Masyarakat D\xe9sa"}})
    put("06_latin1_text", "rencana_73.24.10_2024.csv", csv_text(PLAN_HEADER, latin).encode("latin-1"))
    put("07_non_ascii_name", "rencana_Kalaena_D\u00e9sa_2024.csv", plan_csv)
    put(
        "08_title_row_above_header",
        "rencana_73.24.10_2024.csv",
        "RENCANA AKSI KECAMATAN KALAENA TAHUN 2024\n" + plan_csv,
    )
    put("09_realisasi_under_a_plan_name", "rencana_73.24.10_2024.csv", csv_text(REALISASI_HEADER, GOOD_TW1))
    unnamed = [h if h != "agregasi_target" else "" for h in PLAN_HEADER]
    rows = plan_with({"7.01.03.2.01.0001": {"agregasi_target": "jumlah"}})
    put(
        "10_unnamed_column_with_values",
        "rencana_73.24.10_2024.csv",
        ",".join(unnamed) + "\n" + csv_text(PLAN_HEADER, rows).split("\n", 1)[1],
    )

    # --- text encoding and CSV syntax -----------------------------------------------------
    put("11_utf16_text", "rencana_73.24.10_2024.csv", plan_csv.encode("utf-16"))
    put(
        "12_semicolons_ok",
        "rencana_73.24.10_2024.csv",
        csv_text(PLAN_HEADER, plan_with({"7.01.03.2.01": {"pagu": "1.000.000,00"}}), delimiter=";"),
    )
    put("13_crlf_ok", "rencana_73.24.10_2024.csv", csv_text(PLAN_HEADER, GOOD_PLAN, newline="\r\n"))
    lines = plan_csv.split("\n")
    lines[3] = lines[3].replace("Peningkatan Partisipasi", '"Peningkatan Partisipasi', 1)
    put("14_unclosed_quote", "rencana_73.24.10_2024.csv", "\n".join(lines))
    ragged = csv_text(REALISASI_HEADER, GOOD_TW1).split("\n")
    ragged[2] = "7.01.03.2.01,100,380.000,Rapat koordinasi, sosialisasi"  # unquoted comma: 5 cells
    ragged[3] = "7.01.03.2.01.0001,5,300.000"  # keterangan left out: 3 cells
    put("15_ragged_rows", "realisasi_73.24.10_2024_tw1.csv", "\n".join(ragged))
    put("16_binary_in_csv", "rencana_73.24.10_2024.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))

    # --- file type and ZIP -----------------------------------------------------------------
    put("17_xlsx_that_is_csv", "rencana_73.24.10_2024.xlsx", plan_csv)
    put("18_csv_that_is_xlsx", "rencana_73.24.10_2024.csv", good_xlsx)
    put("19_xls_named_xlsx", "rencana_73.24.10_2024.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    put("20_truncated_xlsx", "rencana_73.24.10_2024.xlsx", good_xlsx[: len(good_xlsx) // 2])
    corrupt = rewrite_zip(
        good_xlsx, lambda name, body: body[: len(body) // 2] if name == "xl/worksheets/sheet1.xml" else body
    )
    put("21_corrupt_sheet_xml", "rencana_73.24.10_2024.xlsx", corrupt)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in zipfile.ZipFile(io.BytesIO(good_xlsx)).infolist():
            body = zipfile.ZipFile(io.BytesIO(good_xlsx)).read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", b"</sheetData>" + b" " * (8 * 1024 * 1024))
            archive.writestr(info.filename, body)
    put("22_zip_bomb_ratio", "rencana_73.24.10_2024.xlsx", bomb.getvalue())
    put(
        "23_zip_bomb_declared_size",
        "rencana_73.24.10_2024.xlsx",
        declare_size(good_xlsx, "xl/worksheets/sheet1.xml", 3_000_000_000),
    )
    not_xlsx = io.BytesIO()
    with zipfile.ZipFile(not_xlsx, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    put("24_zip_not_xlsx", "rencana_73.24.10_2024.xlsx", not_xlsx.getvalue())

    # --- workbook structure ------------------------------------------------------------------
    def merge(book):
        book["rencana"].merge_cells("B4:B5")

    put("25_merged_cells", "rencana_73.24.10_2024.xlsx", workbook({"rencana": plan_rows()}, merge))
    put(
        "26_extra_sheet",
        "rencana_73.24.10_2024.xlsx",
        workbook({"rencana": plan_rows(), "catatan": [["Catatan"], ["Dikirim ulang 2 Juli"]]}),
    )
    put(
        "27_plan_sheet_missing",
        "rencana_73.24.10_2024.xlsx",
        workbook({"petunjuk": [["Isi sheet data"]], "data": plan_rows()}),
    )
    put("28_plan_sheet_empty", "rencana_73.24.10_2024.xlsx", workbook({"rencana": [], "Sheet2": plan_rows()}))

    def formula(book):
        book["rencana"]["F2"] = "=SUM(F3:F3)"

    put("29_formula", "rencana_73.24.10_2024.xlsx", workbook({"rencana": plan_rows()}, formula))

    def excel_error(book):
        cell = book["rencana"]["B3"]
        cell.value, cell.data_type = "#REF!", "e"

    put("30_excel_error_cell", "rencana_73.24.10_2024.xlsx", workbook({"rencana": plan_rows()}, excel_error))
    short = rewrite_zip(
        good_xlsx,
        lambda name, body: (
            body.replace(b'<dimension ref="A1:R5" />', b'<dimension ref="A1:R2" />')
            if name == "xl/worksheets/sheet1.xml"
            else body
        ),
    )
    assert short != good_xlsx
    put("31_wrong_dimension_ok", "rencana_73.24.10_2024.xlsx", short)

    def percent_and_numbers(book):
        sheet = book["rencana"]
        for row in (2, 3):
            sheet.cell(row=row, column=5, value=1).number_format = "0%"  # target 100% typed as a percentage
            sheet.cell(row=row, column=6, value=1000000)  # pagu typed as a number

    put("32_excel_numbers_ok", "rencana_73.24.10_2024.xlsx", workbook({"rencana": plan_rows()}, percent_and_numbers))
    dated = [
        IKM_HEADER,
        *(
            [
                dt.datetime(2024, 5, int(r["no_responden"]))
                if h == "tanggal"
                else int(r[h])
                if h.startswith("u")
                else r[h]
                for h in IKM_HEADER
            ]
            for r in respondents()
        ),
    ]
    put("33_survey_dates_ok", "ikm_73.24.10_2024.xlsx", workbook({"ikm": dated}))

    # --- numbers, codes, duplicates -------------------------------------------------------
    put(
        "34_numbers_with_text",
        "rencana_73.24.10_2024.csv",
        csv_text(
            PLAN_HEADER,
            plan_with(
                {
                    "7.01.03.2.01.0003": {
                        "pagu": "Rp 700.000,-",
                        "pagu_tw1": "100.000 rupiah",
                        "pagu_tw2": "dua ratus ribu",
                    }
                }
            ),
        ),
    )
    put(
        "35_malformed_numbers",
        "rencana_73.24.10_2024.csv",
        csv_text(
            PLAN_HEADER,
            plan_with({"7.01.03.2.01.0003": {"pagu_tw2": "38.290.00", "pagu": "31.015.1250", "pagu_tw3": "1,378,000"}}),
        ),
    )
    put(
        "36_negative_realisasi",
        "realisasi_73.24.10_2024_tw1.csv",
        csv_text(REALISASI_HEADER, [*GOOD_TW1[:3], {**GOOD_TW1[3], "realisasi_anggaran": "-80.000"}]),
    )
    put("37_triwulan_5", "realisasi_73.24.10_2024_tw5.csv", csv_text(REALISASI_HEADER, GOOD_TW1))
    put("38_malformed_kode_wilayah", "rencana_73.24.1_2024.csv", plan_csv)
    put(
        "39_bad_codes",
        "rencana_73.24.10_2024.csv",
        csv_text(
            PLAN_HEADER,
            plan_with(
                {"7.01.03.2.01.0001": {"kode": "7.01.01.1.06.08"}, "7.01.03.2.01.0003": {"kode": "7.1.03.2.01.0003"}}
            ),
        ),
    )
    put("40_duplicate_code", "rencana_73.24.10_2024.csv", csv_text(PLAN_HEADER, [*GOOD_PLAN, GOOD_PLAN[2]]))

    # --- survey ---------------------------------------------------------------------------
    answers = respondents()
    answers[1] = {**answers[1], "u5": "5", "u9": ""}
    put("41_survey_answer_5_and_empty", "ikm_73.24.10_2024.csv", csv_text(IKM_HEADER, answers))
    put(
        "42_survey_duplicate_respondent",
        "ikm_73.24.10_2024.csv",
        csv_text(IKM_HEADER, [*respondents(), {**respondents()[0], "tanggal": "2024-05-09"}]),
    )
    dates = respondents(4)
    for r, value in zip(dates[1:], ("15/03/2024", "2024-02-30", "kemarin"), strict=True):
        r["tanggal"] = value
    put("43_survey_bad_dates", "ikm_73.24.10_2024.csv", csv_text(IKM_HEADER, dates))

    # --- ranges and plausibility (issue 11) -------------------------------------------------
    put(
        "44_amount_too_large",
        "realisasi_73.24.10_2024_tw1.csv",
        csv_text(
            REALISASI_HEADER,
            [
                *GOOD_TW1[:2],
                {**GOOD_TW1[2], "realisasi_target": "12345678901234567890"},
                {**GOOD_TW1[3], "realisasi_anggaran": "99.999.999.999.999.999"},
            ],
        ),
    )
    put("45_year_1900", "rencana_73.24.10_1900.csv", plan_csv)
    put(
        "46_target_year_2999",
        "kinerja_73.24.10_2024.csv",
        csv_text(
            ["tabel", "no", "indikator", "tahun_target", "target"],
            [
                {
                    "tabel": "iku",
                    "no": "1",
                    "indikator": "Indeks Kepuasan Masyarakat",
                    "tahun_target": "2024",
                    "target": "80",
                },
                {
                    "tabel": "iku",
                    "no": "1",
                    "indikator": "Indeks Kepuasan Masyarakat",
                    "tahun_target": "2999",
                    "target": "82",
                },
            ],
        ),
    )
    identity = ["kode_wilayah", "tahun", "triwulan", *REALISASI_HEADER]
    put(
        "47_content_names_another_file",
        "realisasi_73.24.10_2024_tw1.csv",
        csv_text(
            identity,
            [
                {**GOOD_TW1[0], "kode_wilayah": "73.24.02", "tahun": "2024", "triwulan": "1"},
                {**GOOD_TW1[1], "kode_wilayah": "73.24.10", "tahun": "2023", "triwulan": "TW 1"},
                {**GOOD_TW1[2], "kode_wilayah": "73.24.10", "tahun": "2024", "triwulan": "2"},
                {**GOOD_TW1[3], "kode_wilayah": "", "tahun": "", "triwulan": "I"},
            ],
        ),
    )
    put(
        "48_number_hints",
        "rencana_73.24.10_2024.csv",
        csv_text(
            PLAN_HEADER,
            plan_with(
                {
                    "7.01.03.2.01.0003": {
                        "pagu_tw1": "(Rp 100.000)",
                        "target_tw1": "3,84E6 Laporan",
                        "target_tw2": "3,00005",
                    }
                }
            ),
        ),
    )


if __name__ == "__main__":
    main()
