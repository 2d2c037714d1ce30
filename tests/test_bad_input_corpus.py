"""The bad-input corpus: every bad file gets exactly its clear, specific problems, never a crash.

Each folder of tests/corpus holds one submission file (made by tests/corpus/make_corpus.py) and
CASES says the problems the reader must return for it: check, row, column, sheet, the exact line
`monev check` prints in Bahasa Indonesia and a piece of the English line. Positive controls must read
with no error.
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
from conftest import GOOD_PLAN, PLAN_HEADER, write_plan
from openpyxl import Workbook

from orchestration.domain.numbers import NumberFormatError, number_hint, parse_number, parse_rupiah, parse_target
from orchestration.domain.submission import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    file_name_problem,
    finding,
    parse_file_name,
    read_submission,
    safe_file_name,
)
from orchestration.rules.pembaca import CONTOH_NAMA

CORPUS = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class P:
    """One expected problem: its check, row and column, and the exact line `monev check` prints for it in
    Bahasa Indonesia (``baris_teks("id")``); ``en`` is a piece of the English line."""

    cek: str
    baris: int | None
    kolom: str | None
    teks: str
    sheet: str | None = None
    en: str = ""


CASES: dict[str, list[P]] = {
    "01_misspelt_header": [
        P(
            "judul_kolom.salah_ketik",
            1,
            "Pagu TW 3",
            "GALAT rencana_73.24.10_2024.csv, baris 1, kolom Pagu TW 3: judul kolom: seharusnya nama kolom "
            "'pagu_tw3'; ditemukan 'Pagu TW 3' (salah ketik?)",
            en="the column name 'pagu_tw3'",
        ),
        P(
            "judul_kolom.salah_ketik",
            1,
            "penangung_jawab",
            "GALAT rencana_73.24.10_2024.csv, baris 1, kolom penangung_jawab: judul kolom: seharusnya nama "
            "kolom 'penanggung_jawab'; ditemukan 'penangung_jawab' (salah ketik?)",
            en="the column name 'penanggung_jawab'",
        ),
    ],
    "02_missing_columns": [
        P(
            "judul_kolom.kurang",
            1,
            None,
            "GALAT rencana_73.24.10_2024.csv, baris 1: judul kolom: seharusnya kolom kode, uraian, indikator, "
            "satuan, target, pagu, target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, pagu_tw3, "
            "target_tw4, pagu_tw4, penanggung_jawab; ditemukan tidak ada pagu_tw3, penanggung_jawab",
            en="found missing pagu_tw3, penanggung_jawab",
        ),
    ],
    "03_empty_file": [
        P(
            "isi_berkas.kosong",
            None,
            None,
            "GALAT rencana_73.24.10_2024.csv: isi berkas: seharusnya baris judul kolom dan baris data; "
            "ditemukan berkas kosong",
            en="found an empty file",
        ),
    ],
    "04_header_only": [
        P(
            "isi_berkas.tanpa_baris_data",
            None,
            None,
            "GALAT rencana_73.24.10_2024.csv: isi berkas: seharusnya paling sedikit satu baris data di bawah "
            "judul kolom; ditemukan tidak ada",
            en="expected at least one data row under the header, found none",
        ),
    ],
    "05_bom_ok": [],
    "06_latin1_text": [
        P(
            "pengodean_teks.bukan_utf8_sel",
            3,
            None,
            "GALAT rencana_73.24.10_2024.csv, baris 3: pengodean teks: seharusnya teks UTF-8 (simpan sebagai "
            "'CSV UTF-8'); ditemukan byte 0xe9 yang bukan UTF-8 ('é' dalam Windows-1252) di kolom uraian: "
            "'Koordinasi Pemberdayaan Masyarakat Désa'",
            en="byte 0xe9 that is not UTF-8 ('é' in Windows-1252) in column uraian",
        ),
    ],
    "07_non_ascii_name": [
        P(
            "nama_berkas.ascii",
            None,
            None,
            "GALAT rencana_Kalaena_Désa_2024.csv: nama berkas: seharusnya nama berkas dengan huruf ASCII biasa "
            "saja: rencana_<kode_wilayah>_<tahun>, kinerja_<kode_wilayah>_<tahun>, "
            "realisasi_<kode_wilayah>_<tahun>_tw<1-4> atau ikm_<kode_wilayah>_<tahun>, boleh diikuti _v<n>, "
            "lalu .csv atau .xlsx (contoh rencana_73.24.10_2024.csv, realisasi_73.24.10_2024_tw2_v2.csv); "
            "ditemukan 'rencana_Kalaena_Désa_2024.csv' (huruf non-ASCII 'é')",
            en="(non-ASCII 'é')",
        ),
    ],
    "08_title_row_above_header": [
        P(
            "judul_kolom.tidak_dikenal",
            1,
            None,
            "GALAT rencana_73.24.10_2024.csv, baris 1: judul kolom: seharusnya nama kolom di baris 1: kode, "
            "uraian, indikator, satuan, target, pagu, target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, "
            "pagu_tw3, target_tw4, pagu_tw4, penanggung_jawab; ditemukan baris 1 berisi 'RENCANA AKSI KECAMATAN "
            "KALAENA TAHUN 2024'",
            en="row 1 reads 'RENCANA AKSI KECAMATAN KALAENA TAHUN 2024'",
        ),
    ],
    "09_realisasi_under_a_plan_name": [
        P(
            "judul_kolom.kurang_berkas_lain",
            1,
            None,
            "GALAT rencana_73.24.10_2024.csv, baris 1: judul kolom: seharusnya kolom kode, uraian, indikator, "
            "satuan, target, pagu, target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, pagu_tw3, "
            "target_tw4, pagu_tw4, penanggung_jawab; ditemukan tidak ada uraian, indikator, satuan, target, "
            "pagu, target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, pagu_tw3, target_tw4, pagu_tw4, "
            "penanggung_jawab (kolom-kolom ini milik berkas realisasi: apakah nama berkasnya benar?)",
            en="(the columns of a realisasi file: is the file name right?)",
        ),
    ],
    "10_unnamed_column_with_values": [
        P(
            "judul_kolom.tanpa_nama",
            1,
            None,
            "PERINGATAN rencana_73.24.10_2024.csv, baris 1: judul kolom: seharusnya nama kolom di atas setiap "
            "kolom yang berisi nilai (nilai ini tidak dibaca); ditemukan tidak ada nama di atas kolom 16, yang "
            "berisi nilai mulai baris 4",
            en="found no name above column 16, which has values from row 4",
        ),
    ],
    "11_utf16_text": [
        P(
            "pengodean_teks.utf16",
            None,
            None,
            "GALAT rencana_73.24.10_2024.csv: pengodean teks: seharusnya teks UTF-8 (simpan sebagai 'CSV "
            "UTF-8'); ditemukan teks UTF-16 ('Unicode text')",
            en="found UTF-16 text ('Unicode text')",
        ),
    ],
    "12_semicolons_ok": [],
    "13_crlf_ok": [],
    "14_unclosed_quote": [
        P(
            "tanda_kutip.tidak_ditutup",
            4,
            "uraian",
            'GALAT rencana_73.24.10_2024.csv, baris 4, kolom uraian: tanda kutip CSV: seharusnya tanda " '
            'penutup untuk setiap " pembuka (tanda kutip di dalam nilai ditulis ""); ditemukan tanda " dibuka '
            "di baris 4 dan tidak pernah ditutup: sisa berkas (2 baris) akan menjadi satu sel",
            en='a " opened in row 4 that is never closed',
        ),
    ],
    "15_ragged_rows": [
        P(
            "bentuk_baris.sel_berlebih_csv",
            3,
            None,
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 3: bentuk baris: seharusnya paling banyak 4 sel, "
            "sebanyak judul kolom (ada pemisah di dalam nilai? beri tanda kutip pada nilai itu); ditemukan 5 "
            "sel: 'sosialisasi' di kolom 5 tidak punya nama kolom",
            en="found 5 cells: 'sosialisasi' in column 5 has no column name",
        ),
    ],
    "16_binary_in_csv": [
        P(
            "jenis_berkas.csv_berisi_biner",
            None,
            None,
            "GALAT rencana_73.24.10_2024.csv: jenis berkas: seharusnya berkas teks CSV; ditemukan isi biner "
            "(byte NUL) dengan nama .csv",
            en="found binary content (NUL bytes) with a .csv name",
        ),
    ],
    "17_xlsx_that_is_csv": [
        P(
            "jenis_berkas.xlsx_berisi_teks",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: jenis berkas: seharusnya buku kerja XLSX; ditemukan berkas teks "
            "(CSV?) dengan nama .xlsx",
            en="found a text file (CSV?) with an .xlsx name",
        ),
    ],
    "18_csv_that_is_xlsx": [
        P(
            "jenis_berkas.csv_berisi_xlsx",
            None,
            None,
            "GALAT rencana_73.24.10_2024.csv: jenis berkas: seharusnya berkas teks CSV; ditemukan buku kerja "
            "ZIP/XLSX dengan nama .csv",
            en="found a ZIP/XLSX workbook with a .csv name",
        ),
    ],
    "19_xls_named_xlsx": [
        P(
            "jenis_berkas.xlsx_berisi_xls",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: jenis berkas: seharusnya buku kerja XLSX; ditemukan berkas Excel "
            "97-2003 .xls atau buku kerja yang dilindungi kata sandi dengan nama .xlsx",
            en="an Excel 97-2003 .xls or a password-protected workbook with an .xlsx name",
        ),
    ],
    "20_truncated_xlsx": [
        P(
            "jenis_berkas.xlsx_terpotong",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: jenis berkas: seharusnya buku kerja XLSX; ditemukan buku kerja "
            "terpotong atau rusak (diawali seperti ZIP tetapi daftar isinya tidak ada)",
            en="found a truncated or damaged workbook",
        ),
    ],
    "21_corrupt_sheet_xml": [
        P(
            "jenis_berkas.xlsx_rusak",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: jenis berkas: seharusnya buku kerja XLSX yang dapat dibaca; "
            "ditemukan buku kerja rusak (ParseError: unclosed token: line 1, column 2216)",
            en="found a damaged workbook (ParseError",
        ),
    ],
    "22_zip_bomb_ratio": [
        P(
            "ukuran_berkas.rasio_kompresi",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: ukuran berkas: seharusnya rasio kompresi paling tinggi 200:1 per "
            "bagian; ditemukan 'xl/worksheets/sheet1.xml' memadatkan 8393072 byte menjadi 9190 (913:1, bom "
            "ZIP?)",
            en="'xl/worksheets/sheet1.xml' packing 8393072 bytes",
        ),
    ],
    "23_zip_bomb_declared_size": [
        P(
            "ukuran_berkas.dibuka",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: ukuran berkas: seharusnya paling besar 200 MB setelah dibuka; "
            "ditemukan 3000016013 byte setelah dibuka menurut daftar isinya (bom ZIP?)",
            en="bytes declared unpacked (a ZIP bomb?)",
        ),
    ],
    "24_zip_not_xlsx": [
        P(
            "jenis_berkas.zip_bukan_xlsx",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: jenis berkas: seharusnya buku kerja XLSX; ditemukan arsip ZIP "
            "yang bukan buku kerja XLSX (berisi 'mimetype', 'content.xml')",
            en="found a ZIP archive that is not an XLSX workbook",
        ),
    ],
    "25_merged_cells": [
        P(
            "sel_gabungan.di_tabel",
            4,
            "uraian",
            "GALAT rencana_73.24.10_2024.xlsx [sheet rencana], baris 4, 7.01.03.2.01.0001, kolom uraian: sel "
            "gabungan: seharusnya satu nilai per sel (batalkan gabung sel dan isi setiap sel); ditemukan sel "
            "gabungan B4:B5",
            sheet="rencana",
            en="found merged range B4:B5",
        ),
        P(
            "isian_wajib.uraian",
            5,
            "uraian",
            "GALAT rencana_73.24.10_2024.xlsx [sheet rencana], baris 5, 7.01.03.2.01.0003, kolom uraian: isian "
            "wajib: seharusnya nama program, kegiatan atau sub-kegiatan; ditemukan sel kosong",
            sheet="rencana",
            en="found an empty cell",
        ),
    ],
    "26_extra_sheet": [
        P(
            "sheet_dibaca.sheet_lain",
            None,
            None,
            "PERINGATAN rencana_73.24.10_2024.xlsx [sheet rencana]: sheet yang dibaca: seharusnya hanya sheet "
            "'rencana' (sheet lain tidak dibaca); ditemukan sheet lain 'catatan'",
            sheet="rencana",
            en="found another sheet 'catatan'",
        ),
    ],
    "27_plan_sheet_missing": [
        P(
            "sheet_dibaca.tidak_ditemukan",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx: sheet yang dibaca: seharusnya sheet bernama 'rencana' (atau buku "
            "kerja dengan satu sheet saja); ditemukan sheet 'petunjuk', 'data'",
            en="expected a sheet named 'rencana'",
        ),
    ],
    "28_plan_sheet_empty": [
        P(
            "isi_berkas.sheet_kosong_lain",
            None,
            None,
            "GALAT rencana_73.24.10_2024.xlsx [sheet rencana]: isi berkas: seharusnya baris judul kolom dan "
            "baris data di sheet 'rencana'; ditemukan sheet kosong (buku kerja ini juga memiliki sheet "
            "'Sheet2')",
            sheet="rencana",
            en="found an empty sheet (the workbook also has 'Sheet2')",
        ),
    ],
    "29_formula": [
        P(
            "rumus_excel.rumus",
            2,
            "pagu",
            "GALAT rencana_73.24.10_2024.xlsx [sheet rencana], baris 2, kolom pagu: rumus Excel: seharusnya "
            "nilai, bukan rumus (tempel sebagai nilai); ditemukan rumus '=SUM(F3:F3)' di sel F2",
            sheet="rencana",
            en="found formula '=SUM(F3:F3)' in cell F2",
        ),
    ],
    "30_excel_error_cell": [
        P(
            "isi_sel.galat_excel",
            3,
            "uraian",
            "GALAT rencana_73.24.10_2024.xlsx [sheet rencana], baris 3, 7.01.03.2.01, kolom uraian: isi sel: "
            "seharusnya sebuah nilai, bukan galat Excel; ditemukan '#REF!'",
            sheet="rencana",
            en="expected a value, not an Excel error, found '#REF!'",
        ),
    ],
    "31_wrong_dimension_ok": [],
    "32_excel_numbers_ok": [],
    "33_survey_dates_ok": [],
    "34_numbers_with_text": [
        P(
            "format_rupiah.koma_strip",
            5,
            "pagu",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu: format rupiah: seharusnya "
            "rupiah seperti 1.378.000 atau 1.378.000,00 (tanpa ',-' di belakang angka); ditemukan 'Rp "
            "700.000,-'",
            en="(no ',-' after the amount)",
        ),
        P(
            "format_rupiah.huruf",
            5,
            "pagu_tw1",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw1: format rupiah: "
            "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (angka saja, tanpa kata seperti 'rupiah'); "
            "ditemukan '100.000 rupiah'",
            en="(the number alone, without words such as 'rupiah')",
        ),
        P(
            "format_rupiah.kata",
            5,
            "pagu_tw2",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw2: format rupiah: "
            "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (angka, bukan kata); ditemukan 'dua ratus "
            "ribu'",
            en="(digits, not words)",
        ),
    ],
    "35_malformed_numbers": [
        P(
            "format_rupiah.kelompok_ribuan",
            5,
            "pagu",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu: format rupiah: seharusnya "
            "rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '1250'); "
            "ditemukan '31.015.1250'",
            en="(groups of three digits after each '.', not '1250')",
        ),
        P(
            "format_rupiah.kelompok_ribuan",
            5,
            "pagu_tw2",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw2: format rupiah: "
            "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '00'); "
            "ditemukan '38.290.00'",
            en="(groups of three digits after each '.', not '00')",
        ),
        P(
            "format_rupiah.pemisah_inggris",
            5,
            "pagu_tw3",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw3: format rupiah: "
            "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 ('.' di antara ribuan dan ',' sebelum "
            "desimal, seperti 1.378.000,00, bukan 1,378,000); ditemukan '1,378,000'",
            en="as in 1.378.000,00, not 1,378,000",
        ),
    ],
    "36_negative_realisasi": [
        P(
            "tidak_negatif.nilai",
            5,
            "realisasi_anggaran",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 5, 7.01.03.2.01.0003, kolom realisasi_anggaran: tidak "
            "boleh negatif: seharusnya 0 atau lebih; ditemukan '-80.000'",
            en="expected 0 or more, found '-80.000'",
        ),
    ],
    "37_triwulan_5": [
        P(
            "nama_berkas.triwulan",
            None,
            None,
            "GALAT realisasi_73.24.10_2024_tw5.csv: nama berkas: seharusnya triwulan 1-4 (_tw1, _tw2, _tw3 atau "
            "_tw4); ditemukan '_tw5'",
            en="expected triwulan 1-4",
        ),
    ],
    "38_malformed_kode_wilayah": [
        P(
            "nama_berkas.kode_wilayah",
            None,
            None,
            "GALAT rencana_73.24.1_2024.csv: nama berkas: seharusnya kode_wilayah kecamatan, tiga kali dua "
            "angka seperti 73.24.10; ditemukan '73.24.1'",
            en="found '73.24.1'",
        ),
    ],
    "39_bad_codes": [
        P(
            "format_kode.kode_provinsi",
            4,
            "kode",
            "GALAT rencana_73.24.10_2024.csv, baris 4, 7.01.01.1.06.08, kolom kode: format kode: seharusnya "
            "kode seperti 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003 (segmen ke-4 bernilai 2 = "
            "kabupaten/kota; 1 adalah kode provinsi); ditemukan '7.01.01.1.06.08'",
            en="(4th segment 2 = kabupaten/kota; 1 is a provincial code)",
        ),
        P(
            "format_kode.umum",
            5,
            "kode",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.1.03.2.01.0003, kolom kode: format kode: seharusnya "
            "kode seperti 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003; ditemukan '7.1.03.2.01.0003'",
            en="found '7.1.03.2.01.0003'",
        ),
    ],
    "40_duplicate_code": [
        P(
            "kode_tidak_ganda.ganda",
            6,
            "kode",
            "GALAT rencana_73.24.10_2024.csv, baris 6, 7.01.03.2.01.0001, kolom kode: kode ganda: seharusnya "
            "setiap kode sekali saja (pertama di baris 4); ditemukan 7.01.03.2.01.0001 sekali lagi",
            en="expected each code once (first at row 4)",
        ),
    ],
    "41_survey_answer_5_and_empty": [
        P(
            "isian_diizinkan.jawaban",
            3,
            "u5",
            "GALAT ikm_73.24.10_2024.csv, baris 3, kolom u5: isian yang diizinkan: seharusnya jawaban 1, 2, 3 "
            "atau 4; ditemukan '5'",
            en="found '5'",
        ),
        P(
            "isian_wajib.jawaban",
            3,
            "u9",
            "GALAT ikm_73.24.10_2024.csv, baris 3, kolom u9: isian wajib: seharusnya jawaban 1, 2, 3 atau 4; "
            "ditemukan sel kosong",
            en="found an empty cell",
        ),
    ],
    "42_survey_duplicate_respondent": [
        P(
            "responden_tidak_ganda.ganda",
            5,
            "no_responden",
            "GALAT ikm_73.24.10_2024.csv, baris 5, kolom no_responden: responden ganda: seharusnya setiap "
            "responden sekali saja (pertama di baris 2); ditemukan responden 1 sekali lagi",
            en="expected each respondent once (first at row 2)",
        ),
    ],
    "43_survey_bad_dates": [
        P(
            "tanggal.format",
            3,
            "tanggal",
            "GALAT ikm_73.24.10_2024.csv, baris 3, kolom tanggal: tanggal: seharusnya tanggal seperti "
            "2024-03-15 (TTTT-BB-HH); ditemukan '15/03/2024'",
            en="found '15/03/2024'",
        ),
        P(
            "tanggal.hari",
            4,
            "tanggal",
            "GALAT ikm_73.24.10_2024.csv, baris 4, kolom tanggal: tanggal: seharusnya tanggal yang ada, seperti "
            "2024-03-15 (TTTT-BB-HH); ditemukan '2024-02-30' (bulan 2 tidak punya tanggal 30)",
            en="found '2024-02-30' (month 2 has no day 30)",
        ),
        P(
            "tanggal.format",
            5,
            "tanggal",
            "GALAT ikm_73.24.10_2024.csv, baris 5, kolom tanggal: tanggal: seharusnya tanggal seperti "
            "2024-03-15 (TTTT-BB-HH); ditemukan 'kemarin'",
            en="found 'kemarin'",
        ),
    ],
    # --- ranges and plausibility (issue 11); the year window is pinned to 2015-2035 below
    "44_amount_too_large": [
        P(
            "rentang_nilai.target",
            4,
            "realisasi_target",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 4, 7.01.03.2.01.0001, kolom realisasi_target: rentang "
            "nilai: seharusnya angka paling besar 1.000.000.000.000; ditemukan '12345678901234567890' (terlalu "
            "besar: salah ketik?)",
            en="expected a number of at most 1.000.000.000.000, found '12345678901234567890'",
        ),
        P(
            "rentang_nilai.rupiah",
            5,
            "realisasi_anggaran",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 5, 7.01.03.2.01.0003, kolom realisasi_anggaran: rentang "
            "nilai: seharusnya rupiah paling besar 1.000.000.000.000 per sel; ditemukan '99.999.999.999.999.999' "
            "(terlalu besar: salah ketik?)",
            en="expected at most 1.000.000.000.000 rupiah per cell",
        ),
    ],
    "45_year_1900": [
        P(
            "rentang_tahun.nama_berkas",
            None,
            None,
            "GALAT rencana_73.24.10_1900.csv: tahun di luar rentang: seharusnya tahun 2015 sampai 2035; ditemukan "
            "tahun 1900 pada nama berkas, di luar rentang (salah ketik?)",
            en="expected a year from 2015 to 2035, found the year 1900 in the file name, out of range",
        ),
    ],
    "46_target_year_2999": [
        P(
            "rentang_tahun.sel",
            3,
            "tahun_target",
            "GALAT kinerja_73.24.10_2024.csv, baris 3, kolom tahun_target: tahun di luar rentang: seharusnya tahun "
            "2015 sampai 2035; ditemukan '2999', di luar rentang (salah ketik?)",
            en="found '2999', out of range",
        ),
    ],
    "47_content_names_another_file": [
        P(
            "sesuai_nama_berkas.kode_wilayah",
            2,
            "kode_wilayah",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 2, 7.01.03, kolom kode_wilayah: isi sesuai nama berkas: "
            "seharusnya 73.24.10, kode_wilayah pada nama berkas; ditemukan '73.24.02' (berkas kecamatan, tahun "
            "atau triwulan lain?)",
            en="expected 73.24.10, the kode_wilayah in the file name, found '73.24.02'",
        ),
        P(
            "sesuai_nama_berkas.tahun",
            3,
            "tahun",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 3, 7.01.03.2.01, kolom tahun: isi sesuai nama berkas: "
            "seharusnya 2024, tahun pada nama berkas; ditemukan '2023' (berkas kecamatan, tahun atau triwulan "
            "lain?)",
            en="expected 2024, the year in the file name, found '2023'",
        ),
        P(
            "sesuai_nama_berkas.triwulan",
            4,
            "triwulan",
            "GALAT realisasi_73.24.10_2024_tw1.csv, baris 4, 7.01.03.2.01.0001, kolom triwulan: isi sesuai nama "
            "berkas: seharusnya 1, triwulan pada nama berkas; ditemukan '2' (berkas kecamatan, tahun atau "
            "triwulan lain?)",
            en="expected 1, the triwulan in the file name, found '2'",
        ),
    ],
    "48_number_hints": [
        P(
            "format_rupiah.negatif_kurung",
            5,
            "pagu_tw1",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw1: format rupiah: "
            "seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (jumlah negatif tidak diizinkan, juga tidak "
            "dalam tanda kurung); ditemukan '(Rp 100.000)'",
            en="negative amounts are not allowed",
        ),
        P(
            "format_target.notasi_ilmiah",
            5,
            "target_tw1",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom target_tw1: format target: "
            "seharusnya target seperti 6, 100%, 6 Dokumen atau 1,5 (angka ditulis lengkap seperti 3.840.000, "
            "bukan notasi ilmiah); ditemukan '3,84E6 Laporan'",
            en="not in scientific notation",
        ),
        P(
            "format_target.desimal",
            5,
            "target_tw2",
            "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom target_tw2: format target: "
            "seharusnya target seperti 6, 100%, 6 Dokumen atau 1,5 (paling banyak 4 angka desimal); ditemukan "
            "'3,00005'",
            en="(at most 4 decimals), found '3,00005'",
        ),
    ],
}


@pytest.fixture(autouse=True)
def year_window(monkeypatch):
    """The year window the messages above name, whatever the current year."""
    monkeypatch.setenv("MONEV_TAHUN_MIN", "2015")
    monkeypatch.setenv("MONEV_TAHUN_MAX", "2035")


def corpus_file(case: str) -> Path:
    files = [f for f in (CORPUS / case).iterdir() if f.is_file()]
    assert len(files) == 1, files
    return files[0]


def assert_problems(path: Path, expected: list[P]):
    parsed = read_submission(path)  # must not raise
    actual = list(parsed.problems)
    key = lambda p: (p.cek, p.baris, p.kolom, p.sheet)  # noqa: E731
    assert sorted(map(key, actual), key=repr) == sorted(map(key, expected), key=repr), [
        p.baris_teks("id") for p in actual
    ]
    for want in expected:
        got = [p for p in actual if key(p) == key(want)]
        lines = [p.baris_teks("id") for p in got]
        if want.teks.endswith("..."):
            assert any(line.startswith(want.teks[:-3]) for line in lines), (want.teks, lines)
        else:
            assert want.teks in lines, (want.teks, lines)
        assert any(want.en in p.baris_teks("en") for p in got), (want.en, [p.baris_teks("en") for p in got])
    for problem in actual:
        assert problem.nama_berkas == path.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        problem.baris_teks("id").encode("utf-8")  # printable and storable as text
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
        assert_problems(
            path,
            [
                P(
                    "ukuran_berkas.maksimum",
                    None,
                    None,
                    "GALAT rencana_73.24.10_2024.csv: ukuran berkas: seharusnya paling besar 20 MB; "
                    f"ditemukan {100 * 1024 * 1024} byte",
                    en=f"found {100 * 1024 * 1024} bytes",
                )
            ],
        )
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
    parsed = assert_problems(
        path,
        [
            P(
                "ukuran_berkas.baris",
                None,
                None,
                "GALAT realisasi_73.24.10_2024_tw1.csv: ukuran berkas: seharusnya paling "
                f"banyak {MAX_ROWS} baris; ditemukan {MAX_ROWS + 1} baris",
                en=f"expected at most {MAX_ROWS} rows, found {MAX_ROWS + 1} rows",
            )
        ],
    )
    assert parsed.rows == []


def test_xlsx_over_the_row_limit(tmp_path):
    path = tmp_path / "realisasi_73.24.10_2024_tw1.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("realisasi")
    sheet.append(["kode", "realisasi_target", "realisasi_anggaran", "keterangan"])
    for i in range(1, MAX_ROWS + 2):
        sheet.append([f"7.01.03.2.01.{i:04d}", 1, 1000, None])
    book.save(path)
    assert_problems(
        path,
        [
            P(
                "ukuran_berkas.baris_lebih",
                None,
                None,
                "GALAT realisasi_73.24.10_2024_tw1.xlsx [sheet realisasi]: ukuran berkas: seharusnya "
                f"paling banyak {MAX_ROWS} baris; ditemukan lebih dari {MAX_ROWS} baris",
                sheet="realisasi",
                en=f"found more than {MAX_ROWS} rows",
            )
        ],
    )


def test_cell_longer_than_the_csv_field_limit(tmp_path):
    rows = [{**GOOD_PLAN[0], "uraian": "x" * 200_000}, *GOOD_PLAN[1:]]
    path = write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows)
    assert_problems(
        path,
        [
            P(
                "isi_sel.terlalu_panjang",
                2,
                "uraian",
                "GALAT rencana_73.24.10_2024.csv, baris 2, kolom uraian: isi sel: seharusnya sel paling "
                "panjang 131072 karakter; ditemukan sel yang lebih panjang (tanda kutip penutup "
                "terlewat?)",
                en="found a longer cell (a missing closing quote?)",
            )
        ],
    )


def test_a_folder_with_a_submission_name(tmp_path):
    folder = tmp_path / "rencana_73.24.10_2024.csv"
    folder.mkdir()
    assert_problems(
        folder,
        [
            P(
                "jenis_berkas.folder",
                None,
                None,
                "GALAT rencana_73.24.10_2024.csv: jenis berkas: seharusnya berkas biasa; ditemukan sebuah folder",
                en="expected a regular file, found a folder",
            )
        ],
    )


def test_latin1_bytes_in_the_file_name(tmp_path):
    try:
        path = Path(os.fsdecode(bytes(tmp_path) + b"/rencana_Kalaena_D\xe9sa_2024.csv"))
        shutil.copyfile(corpus_file("05_bom_ok"), path)
    except (OSError, UnicodeError):
        pytest.skip("this file system only holds UTF-8 names")
    parsed = assert_problems(
        path,
        [
            P(
                "nama_berkas.bukan_utf8",
                None,
                None,
                "GALAT rencana_Kalaena_D\\xe9sa_2024.csv: nama berkas: seharusnya nama berkas "
                "dengan huruf ASCII biasa saja: " + CONTOH_NAMA[0] + "; ditemukan "
                "'rencana_Kalaena_D\\\\xe9sa_2024.csv' (byte yang bukan UTF-8: nama berkas "
                "Latin-1?)",
                en="(bytes that are not UTF-8: a Latin-1 name?)",
            )
        ],
    )
    assert parsed.problems[0].nama_berkas == "rencana_Kalaena_D\\xe9sa_2024.csv"


@pytest.mark.parametrize(
    "name, cek, found, en",
    [
        (
            "..rencana_73.24.10_2024.csv",
            "tanpa_folder",
            "'..rencana_73.24.10_2024.csv'",
            "without folders, '..' or control characters",
        ),
        ("rencana_73.24.10_2024.csv.exe", "ekstensi", "'.csv.exe'", "found '.csv.exe'"),
        ("rencana_73.24.10_2024.CSV ", "ekstensi", "'.CSV '", "found '.CSV '"),
        (
            "rencana_73.24.10_\uff12\uff10\uff12\uff14.csv",
            "ascii",  # full-width digits
            "'rencana_73.24.10_\uff12\uff10\uff12\uff14.csv' (huruf non-ASCII '\uff10', '\uff12', '\uff14')",
            "non-ASCII",
        ),
        ("realisasi_73.24.10_2024.csv", "tanpa_triwulan", "tidak ada _tw<n>", "the triwulan in a realisasi name"),
        ("rencana_73.24.10_2024_tw1.csv", "triwulan_berlebih", "'_tw1'", "no triwulan in a rencana name"),
        ("rencana_73.24.10_24.csv", "tahun", "'24'", "a four-digit year"),
        ("plan_73.24.10_2024.csv", "jenis", "'plan'", "rencana, kinerja, realisasi or ikm before the first '_'"),
        (
            "rencana_73.24.10_2024_final.csv",
            "akhiran",
            "'_final'",
            "only _tw<1-4> (realisasi) and _v<n> after the year",
        ),
        ("rencana_73.24.10_2024_v1a.csv", "versi", "'_v1a'", "a version number such as _v2"),
        ("rencana_73.24.10_2024", "tanpa_ekstensi", "nama tanpa ekstensi", "found no extension"),
    ],
)
def test_file_names_that_break_the_contract(tmp_path, name, cek, found, en):
    path = tmp_path / name
    shutil.copyfile(corpus_file("05_bom_ok"), path)
    parsed = read_submission(path)
    (problem,) = parsed.problems
    assert (problem.cek, problem.baris, problem.kolom) == (f"nama_berkas.{cek}", None, None)
    assert problem.baris_teks("id").startswith(f"GALAT {name}: nama berkas: seharusnya ")
    assert problem.baris_teks("id").endswith(f"; ditemukan {found}")
    assert en in problem.baris_teks("en")
    assert parsed.jenis is None and parsed.rows == []


@pytest.mark.parametrize(
    "name",
    [
        "../rencana_73.24.10_2024.csv",
        "a/b",
        "..\\x",
        "x\x00",
        "rencana_73.24.10_2024.csv\n",
        "..rencana_73.24.10_2024.csv",
        "rencana_73.24.10_2024.csv.exe",
        "rencana_73.24.10_2024.CSV ",
        "sub/rencana_73.24.10_2024.csv",
        "sub\\rencana_73.24.10_2024.csv",
        "rencana_73.24.10_2024\u200b.csv",
        "realisasi_73.24.10_2024_tw5.csv",
        "rencana_73.24.1_2024.csv",
        "rencana_\u0667\u0663.24.10_2024.csv",
        "",
    ],
)
def test_unsafe_or_off_contract_names_are_refused(name):
    assert safe_file_name(name) is None
    assert parse_file_name(name) is None
    cek, params = file_name_problem(name)
    assert cek.startswith("nama_berkas.")
    finding(cek, params, nama_berkas=name).baris_teks("id")  # every refusal renders


@pytest.mark.parametrize(
    "name",
    [
        "rencana_73.24.10_2024.csv",
        "realisasi_73.24.10_2024_tw2_v2.xlsx",
        "ikm_73.24.10_2024.csv",
        "KINERJA_73.24.10_2024.XLSX",
    ],
)
def test_contract_names_are_safe(name):
    assert safe_file_name(name) == name
    assert file_name_problem(name) is None


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["\u0661\u0662\u0663", "\uff11.\uff10\uff10\uff10", "1.\u0660\u0660\u0660"])
def test_digits_of_other_scripts_are_not_numbers(text):
    for parse, rule in (
        (parse_number, "format_target"),
        (parse_rupiah, "format_rupiah"),
        (parse_target, "format_target"),
    ):
        with pytest.raises(NumberFormatError) as error:
            parse(text)
        assert error.value.cek == f"{rule}.angka_lain"
        assert "(hanya angka 0-9)" in _message(error.value, "id") and "(digits 0-9 only)" in _message(error.value, "en")


@pytest.mark.parametrize(
    "text, cek, hint, en",
    [
        ("Rp 1.000.000,-", "koma_strip", "tanpa ',-' di belakang angka", "no ',-' after the amount"),
        ("1.000.000 rupiah", "huruf", "angka saja, tanpa kata seperti 'rupiah'", "without words such as 'rupiah'"),
        ("satu juta", "kata", "angka, bukan kata", "digits, not words"),
        ("38.290.00", "kelompok_ribuan", "tiga angka setelah setiap '.', bukan '00'", "not '00'"),
        ("31.015.1250", "kelompok_ribuan", "tiga angka setelah setiap '.', bukan '1250'", "not '1250'"),
        ("1,378,000", "pemisah_inggris", "seperti 1.378.000,00, bukan 1,378,000", "not 1,378,000"),
        ("1.5", "titik_desimal", "',' sebelum desimal", "',' before decimals"),
        ("1 378 000", "spasi", "tanpa spasi di dalam angka", "no spaces inside the number"),
        ("-", "tanda_strip", "0 untuk tidak ada, bukan '-'", "0 for nothing"),
        ("(3.840.000)", "negatif_kurung", "jumlah negatif tidak diizinkan", "negative amounts are not allowed"),
        ("3.84E6", "notasi_ilmiah", "bukan notasi ilmiah", "not in scientific notation"),
        ("925.921,475", "desimal", "paling banyak 2 angka desimal", "at most 2 decimals"),
    ],
)
def test_money_errors_say_what_is_wrong(text, cek, hint, en):
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah(text)
    assert error.value.cek == f"format_rupiah.{cek}" and error.value.found == text
    assert _message(error.value, "id").startswith("seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (")
    assert _message(error.value, "id").endswith(f"); ditemukan {text!r}")
    assert hint in _message(error.value, "id") and en in _message(error.value, "en")
    assert "1.378.000" in str(error.value) and en in str(error.value)  # the English message of the exception
    assert number_hint("1.378.000,00") is None
    assert parse_rupiah("Rp 1.378.000,00") == Decimal("1378000.00")


def test_accounting_negatives_and_scientific_notation_get_their_own_hint_not_the_groups_hint():
    for text in ("(3.840.000)", "3.84E6", "3,84E+06"):
        with pytest.raises(NumberFormatError) as error:
            parse_rupiah(text)
        assert "kelompok_ribuan" not in error.value.cek and "huruf" not in error.value.cek
    with pytest.raises(NumberFormatError) as error:
        parse_target("3.84E6")  # never 3,84 of the unit "E6"
    assert error.value.cek == "format_target.notasi_ilmiah"


def _message(error: NumberFormatError, bahasa: str) -> str:
    f = finding(error.cek, error.params)
    return (
        f"{'seharusnya' if bahasa == 'id' else 'expected'} {f.diharapkan(bahasa)}"
        f"{'; ditemukan ' if bahasa == 'id' else ', found '}{f.ditemukan(bahasa)}"
    )


@pytest.mark.parametrize(
    "titles, extra",
    [
        ([" Rencana "], []),
        (["Sheet1"], []),
        (
            ["catatan", "RENCANA"],
            [
                P(
                    "sheet_dibaca.sheet_lain",
                    None,
                    None,
                    "PERINGATAN rencana_73.24.10_2024.xlsx [sheet RENCANA]: sheet yang dibaca: seharusnya "
                    "hanya sheet 'RENCANA' (sheet lain tidak dibaca); ditemukan sheet lain 'catatan'",
                    sheet="RENCANA",
                    en="found another sheet 'catatan'",
                )
            ],
        ),
    ],
)
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
