"""Rules of the reader (layer ``pembaca``): file names, file shape and cell formats.

The reader (``orchestration/domain/``) checks these as it reads a file; each finding it makes names
one check below and carries the parameters of the check's message. An error refuses the file version
(``karantina``); a warning is reported only (``peringatan``). Messages are in Bahasa Indonesia (what
kecamatan offices read) and English (logs). Parameter names used across rules: ``isian`` is a cell's
text as found, ``judul`` a column title as found in row 1.
"""

from __future__ import annotations

from orchestration.rules.model import Check, Rule, Text

KARANTINA = "karantina"
PERINGATAN = "peringatan"

_SUBMISSION = "orchestration.domain.submission."
_NUMBERS = "orchestration.domain.numbers."
_CODES = "orchestration.domain.codes."

SEL_KOSONG = ("sel kosong", "an empty cell")
ISIAN = ("{isian:teks}", "{isian:teks}")
CONTOH_NAMA = (
    "rencana_<kode_wilayah>_<tahun>, kinerja_<kode_wilayah>_<tahun>, realisasi_<kode_wilayah>_<tahun>_tw<1-4> "
    "atau ikm_<kode_wilayah>_<tahun>, boleh diikuti _v<n>, lalu .csv atau .xlsx "
    "(contoh rencana_73.24.10_2024.csv, realisasi_73.24.10_2024_tw2_v2.csv)",
    "rencana_<kode_wilayah>_<tahun>, kinerja_<kode_wilayah>_<tahun>, realisasi_<kode_wilayah>_<tahun>_tw<1-4> "
    "or ikm_<kode_wilayah>_<tahun>, optionally followed by _v<n>, then .csv or .xlsx "
    "(e.g. rencana_73.24.10_2024.csv, realisasi_73.24.10_2024_tw2_v2.csv)",
)


def _check(code: str, expected: tuple[str, str], found: tuple[str, str], impact: str = KARANTINA) -> Check:
    return Check(code, impact, Text(*expected), Text(*found))


def _rule(code: str, title: tuple[str, str], where: str, *checks: tuple) -> Rule:
    """A reader rule; each check is (name, expected, found[, impact]) and its code is ``<rule>.<name>``."""
    return Rule(code, Text(*title), "pembaca", where, tuple(_check(f"{code}.{name}", *rest) for name, *rest in checks))


NAMA_BERKAS = _rule(
    "nama_berkas",
    ("nama berkas", "file name"),
    _SUBMISSION + "file_name_problem",
    (
        "tanpa_folder",
        (
            f"nama berkas biasa tanpa folder, '..' atau karakter kendali: {CONTOH_NAMA[0]}",
            f"a plain file name without folders, '..' or control characters: {CONTOH_NAMA[1]}",
        ),
        ("{nama:teks}", "{nama:teks}"),
    ),
    (
        "ascii",
        (
            f"nama berkas dengan huruf ASCII biasa saja: {CONTOH_NAMA[0]}",
            f"a file name in plain ASCII: {CONTOH_NAMA[1]}",
        ),
        ("{nama:teks} (huruf non-ASCII {huruf:daftar})", "{nama:teks} (non-ASCII {huruf:daftar})"),
    ),
    (
        "bukan_utf8",
        (
            f"nama berkas dengan huruf ASCII biasa saja: {CONTOH_NAMA[0]}",
            f"a file name in plain ASCII: {CONTOH_NAMA[1]}",
        ),
        (
            "{nama:teks} (byte yang bukan UTF-8: nama berkas Latin-1?)",
            "{nama:teks} (bytes that are not UTF-8: a Latin-1 name?)",
        ),
    ),
    (
        "ekstensi",
        (
            "nama berkas yang berakhir dengan .csv atau .xlsx, tanpa apa pun sesudahnya",
            "the name to end in .csv or .xlsx, with nothing after it",
        ),
        ("{ekstensi:teks}", "{ekstensi:teks}"),
    ),
    (
        "tanpa_ekstensi",
        (
            "nama berkas yang berakhir dengan .csv atau .xlsx, tanpa apa pun sesudahnya",
            "the name to end in .csv or .xlsx, with nothing after it",
        ),
        ("nama tanpa ekstensi", "no extension"),
    ),
    (
        "jenis",
        (
            f"rencana, kinerja, realisasi atau ikm sebelum '_' pertama: {CONTOH_NAMA[0]}",
            f"rencana, kinerja, realisasi or ikm before the first '_': {CONTOH_NAMA[1]}",
        ),
        ("{jenis:teks}", "{jenis:teks}"),
    ),
    (
        "kode_wilayah",
        (
            "kode_wilayah kecamatan, tiga kali dua angka seperti 73.24.10",
            "the kecamatan's kode_wilayah, two digits three times such as 73.24.10",
        ),
        ("{kode_wilayah:teks}", "{kode_wilayah:teks}"),
    ),
    ("tahun", ("tahun empat angka seperti 2024", "a four-digit year such as 2024"), ("{tahun:teks}", "{tahun:teks}")),
    (
        "akhiran",
        ("hanya _tw<1-4> (realisasi) dan _v<n> sesudah tahun", "only _tw<1-4> (realisasi) and _v<n> after the year"),
        ("{akhiran:teks}", "{akhiran:teks}"),
    ),
    (
        "tanpa_triwulan",
        (
            "triwulan dalam nama berkas realisasi: realisasi_<kode_wilayah>_<tahun>_tw<1-4>",
            "the triwulan in a realisasi name: realisasi_<kode_wilayah>_<tahun>_tw<1-4>",
        ),
        ("tidak ada _tw<n>", "no _tw<n>"),
    ),
    (
        "triwulan",
        ("triwulan 1-4 (_tw1, _tw2, _tw3 atau _tw4)", "triwulan 1-4 (_tw1, _tw2, _tw3 or _tw4)"),
        ("{triwulan:teks}", "{triwulan:teks}"),
    ),
    (
        "triwulan_berlebih",
        (
            "tanpa triwulan dalam nama berkas {jenis} ({jenis}_<kode_wilayah>_<tahun>)",
            "no triwulan in a {jenis} name ({jenis}_<kode_wilayah>_<tahun>)",
        ),
        ("{triwulan:teks}", "{triwulan:teks}"),
    ),
    ("versi", ("nomor versi seperti _v2", "a version number such as _v2"), ("{versi:teks}", "{versi:teks}")),
    ("pola", CONTOH_NAMA, ("{nama:teks}", "{nama:teks}")),
)

JENIS_BERKAS = _rule(
    "jenis_berkas",
    ("jenis berkas", "file type"),
    _SUBMISSION + "read_submission",
    ("folder", ("berkas biasa", "a regular file"), ("sebuah folder", "a folder")),
    ("tidak_ada", ("berkas biasa", "a regular file"), ("tidak ada berkas", "nothing")),
    ("bukan_berkas_biasa", ("berkas biasa", "a regular file"), ("bukan berkas biasa", "not a regular file")),
    ("tidak_terbaca", ("berkas biasa yang dapat dibaca", "a readable regular file"), ("{galat}", "{galat}")),
    (
        "csv_berisi_xlsx",
        ("berkas teks CSV", "a CSV text file"),
        ("buku kerja ZIP/XLSX dengan nama .csv", "a ZIP/XLSX workbook with a .csv name"),
    ),
    (
        "csv_berisi_xls",
        ("berkas teks CSV", "a CSV text file"),
        (
            "berkas Excel 97-2003 .xls atau buku kerja yang dilindungi kata sandi dengan nama .csv",
            "an Excel 97-2003 .xls or a password-protected workbook with a .csv name",
        ),
    ),
    (
        "csv_berisi_pdf",
        ("berkas teks CSV", "a CSV text file"),
        ("dokumen PDF dengan nama .csv", "a PDF document with a .csv name"),
    ),
    (
        "csv_berisi_biner",
        ("berkas teks CSV", "a CSV text file"),
        ("isi biner (byte NUL) dengan nama .csv", "binary content (NUL bytes) with a .csv name"),
    ),
    (
        "xlsx_berisi_xls",
        ("buku kerja XLSX", "an XLSX workbook"),
        (
            "berkas Excel 97-2003 .xls atau buku kerja yang dilindungi kata sandi dengan nama .xlsx",
            "an Excel 97-2003 .xls or a password-protected workbook with an .xlsx name",
        ),
    ),
    (
        "xlsx_berisi_pdf",
        ("buku kerja XLSX", "an XLSX workbook"),
        ("dokumen PDF dengan nama .xlsx", "a PDF document with an .xlsx name"),
    ),
    (
        "xlsx_berisi_biner",
        ("buku kerja XLSX", "an XLSX workbook"),
        ("isi biner (byte NUL) dengan nama .xlsx", "binary content (NUL bytes) with an .xlsx name"),
    ),
    (
        "xlsx_berisi_utf16",
        ("buku kerja XLSX", "an XLSX workbook"),
        ("teks UTF-16 dengan nama .xlsx", "UTF-16 text with an .xlsx name"),
    ),
    (
        "xlsx_berisi_teks",
        ("buku kerja XLSX", "an XLSX workbook"),
        ("berkas teks (CSV?) dengan nama .xlsx", "a text file (CSV?) with an .xlsx name"),
    ),
    (
        "xlsx_bukan_zip",
        ("buku kerja XLSX", "an XLSX workbook"),
        ("berkas yang bukan buku kerja ZIP/XLSX", "a file that is not a ZIP/XLSX workbook"),
    ),
    (
        "xlsx_terpotong",
        ("buku kerja XLSX", "an XLSX workbook"),
        (
            "buku kerja terpotong atau rusak (diawali seperti ZIP tetapi daftar isinya tidak ada)",
            "a truncated or damaged workbook (it starts like a ZIP but its directory is missing)",
        ),
    ),
    (
        "xlsx_rusak",
        ("buku kerja XLSX yang dapat dibaca", "a readable XLSX workbook"),
        ("buku kerja rusak ({galat})", "a damaged workbook ({galat})"),
    ),
    ("zip_kosong", ("buku kerja XLSX", "an XLSX workbook"), ("arsip ZIP kosong", "an empty ZIP archive")),
    (
        "zip_bukan_xlsx",
        ("buku kerja XLSX", "an XLSX workbook"),
        (
            "arsip ZIP yang bukan buku kerja XLSX (berisi {isi:daftar})",
            "a ZIP archive that is not an XLSX workbook (it holds {isi:daftar})",
        ),
    ),
)

UKURAN_BERKAS = _rule(
    "ukuran_berkas",
    ("ukuran berkas", "file size"),
    _SUBMISSION + "read_submission",
    ("maksimum", ("paling besar {batas_mb} MB", "at most {batas_mb} MB"), ("{ukuran} byte", "{ukuran} bytes")),
    (
        "bagian_zip",
        ("paling banyak {batas} bagian dalam buku kerja", "at most {batas} parts in the workbook"),
        ("{jumlah} bagian", "{jumlah} parts"),
    ),
    (
        "dibuka",
        ("paling besar {batas_mb} MB setelah dibuka", "at most {batas_mb} MB unpacked"),
        (
            "{ukuran} byte setelah dibuka menurut daftar isinya (bom ZIP?)",
            "{ukuran} bytes declared unpacked (a ZIP bomb?)",
        ),
    ),
    (
        "rasio_kompresi",
        ("rasio kompresi paling tinggi {batas}:1 per bagian", "a compression ratio of at most {batas}:1 per part"),
        (
            "{bagian:teks} memadatkan {ukuran} byte menjadi {terkompresi} ({rasio}:1, bom ZIP?)",
            "{bagian:teks} packing {ukuran} bytes into {terkompresi} ({rasio}:1, a ZIP bomb?)",
        ),
    ),
    ("baris", ("paling banyak {batas} baris", "at most {batas} rows"), ("{jumlah} baris", "{jumlah} rows")),
    (
        "baris_lebih",
        ("paling banyak {batas} baris", "at most {batas} rows"),
        ("lebih dari {batas} baris", "more than {batas} rows"),
    ),
)

PENGODEAN_TEKS = _rule(
    "pengodean_teks",
    ("pengodean teks", "text encoding"),
    _SUBMISSION + "_read_csv",
    (
        "utf16",
        ("teks UTF-8 (simpan sebagai 'CSV UTF-8')", "UTF-8 text (save as 'CSV UTF-8')"),
        ("teks UTF-16 ('Unicode text')", "UTF-16 text ('Unicode text')"),
    ),
    (
        "bukan_utf8",
        ("teks UTF-8 (simpan sebagai 'CSV UTF-8')", "UTF-8 text (save as 'CSV UTF-8')"),
        (
            "byte {byte} yang bukan UTF-8 ({huruf:teks} dalam Windows-1252)",
            "byte {byte} that is not UTF-8 ({huruf:teks} in Windows-1252)",
        ),
    ),
    (
        "bukan_utf8_sel",
        ("teks UTF-8 (simpan sebagai 'CSV UTF-8')", "UTF-8 text (save as 'CSV UTF-8')"),
        (
            "byte {byte} yang bukan UTF-8 ({huruf:teks} dalam Windows-1252) di kolom {judul}: {isian:teks}",
            "byte {byte} that is not UTF-8 ({huruf:teks} in Windows-1252) in column {judul}: {isian:teks}",
        ),
    ),
)

ISI_BERKAS = _rule(
    "isi_berkas",
    ("isi berkas", "file content"),
    _SUBMISSION + "read_submission",
    ("kosong", ("baris judul kolom dan baris data", "a header row and data rows"), ("berkas kosong", "an empty file")),
    (
        "xlsx_kosong",
        ("buku kerja XLSX dengan baris judul kolom dan baris data", "an XLSX workbook with a header row and data rows"),
        ("berkas kosong (0 byte)", "an empty file (0 bytes)"),
    ),
    (
        "sheet_kosong",
        ("baris judul kolom dan baris data di sheet {sheet:teks}", "a header row and data rows in sheet {sheet:teks}"),
        ("sheet kosong", "an empty sheet"),
    ),
    (
        "sheet_kosong_lain",
        ("baris judul kolom dan baris data di sheet {sheet:teks}", "a header row and data rows in sheet {sheet:teks}"),
        (
            "sheet kosong (buku kerja ini juga memiliki sheet {lain:daftar})",
            "an empty sheet (the workbook also has {lain:daftar})",
        ),
    ),
    (
        "tanpa_baris_data",
        ("paling sedikit satu baris data di bawah judul kolom", "at least one data row under the header"),
        ("tidak ada", "none"),
    ),
    (
        "galat_pembaca",
        ("berkas yang dapat dibaca oleh sistem", "a file the system can read"),
        (
            "galat sistem saat membaca ({galat}); hubungi pengelola Monev, berkas lain tetap diproses",
            "a system error while reading ({galat}); tell the Monev administrators, other files are processed",
        ),
    ),
)

TANDA_KUTIP = _rule(
    "tanda_kutip",
    ("tanda kutip CSV", "CSV quoting"),
    _SUBMISSION + "_read_csv",
    (
        "tidak_ditutup",
        (
            'tanda " penutup untuk setiap " pembuka (tanda kutip di dalam nilai ditulis "")',
            'a closing " for every opening " (a quote inside a value is written "")',
        ),
        (
            'tanda " dibuka di baris {baris_buka} dan tidak pernah ditutup: sisa berkas ({sisa} baris) '
            "akan menjadi satu sel",
            'a " opened in row {baris_buka} that is never closed: the rest of the file ({sisa} lines) '
            "would become one cell",
        ),
    ),
    (
        "teks_sesudah",
        (
            'pemisah tepat sesudah " penutup (tanda kutip di dalam nilai ditulis "")',
            'a separator right after a closing " (a quote inside a value is written "")',
        ),
        ("teks lain sesudah tanda kutip penutup sebuah nilai", "more text after the closing quote of a value"),
    ),
    ("lain", ("tanda kutip CSV yang benar", "well-formed CSV quoting"), ("{galat}", "{galat}")),
)

ISI_SEL = _rule(
    "isi_sel",
    ("isi sel", "cell content"),
    _SUBMISSION + "_read_table",
    (
        "nul",
        ("teks tanpa karakter NUL", "text without NUL characters"),
        ("karakter NUL (byte 0x00)", "a NUL character (byte 0x00)"),
    ),
    (
        "terlalu_panjang",
        ("sel paling panjang {batas} karakter", "cells of at most {batas} characters"),
        ("sel yang lebih panjang (tanda kutip penutup terlewat?)", "a longer cell (a missing closing quote?)"),
    ),
    ("galat_excel", ("sebuah nilai, bukan galat Excel", "a value, not an Excel error"), ISIAN),
)

SHEET_DIBACA = _rule(
    "sheet_dibaca",
    ("sheet yang dibaca", "sheet read"),
    _SUBMISSION + "_read_workbook",
    (
        "tidak_ditemukan",
        (
            "sheet bernama {jenis:teks} (atau buku kerja dengan satu sheet saja)",
            "a sheet named {jenis:teks} (or a workbook with a single sheet)",
        ),
        ("sheet {sheet_ada:daftar}", "sheets {sheet_ada:daftar}"),
    ),
    (
        "tanpa_sheet",
        (
            "sheet bernama {jenis:teks} (atau buku kerja dengan satu sheet saja)",
            "a sheet named {jenis:teks} (or a workbook with a single sheet)",
        ),
        ("tidak ada sheet", "no sheet"),
    ),
    (
        "sheet_grafik",
        ("sheet berisi sel", "a sheet of cells"),
        ("sheet grafik {sheet:teks}", "a chart sheet {sheet:teks}"),
    ),
    (
        "sheet_lain",
        (
            "hanya sheet {sheet:teks} (sheet lain tidak dibaca)",
            "only the sheet {sheet:teks} (other sheets are not read)",
        ),
        ("sheet lain {lain:teks}", "another sheet {lain:teks}"),
        PERINGATAN,
    ),
)

RUMUS_EXCEL = _rule(
    "rumus_excel",
    ("rumus Excel", "Excel formula"),
    _SUBMISSION + "_read_workbook",
    (
        "rumus",
        ("nilai, bukan rumus (tempel sebagai nilai)", "values, not formulas (paste as values)"),
        ("rumus {rumus:teks} di sel {sel}", "formula {rumus:teks} in cell {sel}"),
    ),
    (
        "lainnya",
        ("nilai, bukan rumus (tempel sebagai nilai)", "values, not formulas (paste as values)"),
        ("{jumlah} rumus lagi", "{jumlah} more formulas"),
    ),
)

SEL_GABUNGAN = _rule(
    "sel_gabungan",
    ("sel gabungan", "merged cells"),
    _SUBMISSION + "_read_workbook",
    (
        "di_tabel",
        (
            "satu nilai per sel (batalkan gabung sel dan isi setiap sel)",
            "one value per cell (unmerge and fill every cell)",
        ),
        ("sel gabungan {rentang}", "merged range {rentang}"),
    ),
    (
        "di_luar_tabel",
        ("satu nilai per sel (di luar tabel: diabaikan)", "one value per cell (outside the table: ignored)"),
        ("sel gabungan {rentang}", "merged range {rentang}"),
        PERINGATAN,
    ),
)

_BERKAS_LAIN = (
    " (kolom-kolom ini milik berkas {jenis_lain}: apakah nama berkasnya benar?)",
    " (the columns of a {jenis_lain} file: is the file name right?)",
)
JUDUL_KOLOM = _rule(
    "judul_kolom",
    ("judul kolom", "header"),
    _SUBMISSION + "_check_header",
    (
        "ganda",
        ("setiap kolom sekali saja", "each column once"),
        ("{kolom_ganda:teks} dua kali", "{kolom_ganda:teks} twice"),
    ),
    (
        "baris_1_kosong",
        ("nama kolom di baris 1: {wajib:daftar}", "the column names in row 1: {wajib:daftar}"),
        ("baris 1 kosong", "an empty row 1"),
    ),
    (
        "tidak_dikenal",
        ("nama kolom di baris 1: {wajib:daftar}", "the column names in row 1: {wajib:daftar}"),
        ("baris 1 berisi {judul:daftar}", "row 1 reads {judul:daftar}"),
    ),
    (
        "tidak_dikenal_berkas_lain",
        ("nama kolom di baris 1: {wajib:daftar}", "the column names in row 1: {wajib:daftar}"),
        ("baris 1 berisi {judul:daftar}" + _BERKAS_LAIN[0], "row 1 reads {judul:daftar}" + _BERKAS_LAIN[1]),
    ),
    (
        "kurang",
        ("kolom {wajib:daftar}", "columns {wajib:daftar}"),
        ("tidak ada {kurang:daftar}", "missing {kurang:daftar}"),
    ),
    (
        "kurang_berkas_lain",
        ("kolom {wajib:daftar}", "columns {wajib:daftar}"),
        ("tidak ada {kurang:daftar}" + _BERKAS_LAIN[0], "missing {kurang:daftar}" + _BERKAS_LAIN[1]),
    ),
    (
        "salah_ketik",
        ("nama kolom {usulan:teks}", "the column name {usulan:teks}"),
        ("{judul:teks} (salah ketik?)", "{judul:teks} (misspelt?)"),
    ),
    (
        "salah_ketik_opsional",
        ("nama kolom {usulan:teks} (kolom ini diabaikan)", "the column name {usulan:teks} (this column is ignored)"),
        ("{judul:teks} (salah ketik?)", "{judul:teks} (misspelt?)"),
        PERINGATAN,
    ),
    (
        "tidak_dikenal_kolom",
        ("kolom yang dikenal (kolom ini diabaikan)", "a known column (this one is ignored)"),
        ("{judul:teks}", "{judul:teks}"),
        PERINGATAN,
    ),
    (
        "tanpa_nama",
        (
            "nama kolom di atas setiap kolom yang berisi nilai (nilai ini tidak dibaca)",
            "a column name above every column with values (these values are not read)",
        ),
        (
            "tidak ada nama di atas kolom {kolom_ke}, yang berisi nilai mulai baris {baris_awal}",
            "no name above column {kolom_ke}, which has values from row {baris_awal}",
        ),
        PERINGATAN,
    ),
)

_SEL_BERLEBIH = (
    "{jumlah} sel: {isian:teks} di kolom {kolom_ke} tidak punya nama kolom",
    "{jumlah} cells: {isian:teks} in column {kolom_ke} has no column name",
)
BENTUK_BARIS = _rule(
    "bentuk_baris",
    ("bentuk baris", "row shape"),
    _SUBMISSION + "read_submission",
    (
        "sel_berlebih",
        ("paling banyak {lebar} sel, sebanyak judul kolom", "at most {lebar} cells, as many as the header"),
        _SEL_BERLEBIH,
    ),
    (
        "sel_berlebih_csv",
        (
            "paling banyak {lebar} sel, sebanyak judul kolom (ada pemisah di dalam nilai? "
            "beri tanda kutip pada nilai itu)",
            "at most {lebar} cells, as many as the header (a separator inside a value? quote the value)",
        ),
        _SEL_BERLEBIH,
    ),
)

# Why a cell is not an Indonesian number (orchestration.domain.numbers.number_hint): one check per hint
# in each number rule, its text added to the rule's example in brackets.
NUMBER_HINTS: dict[str, tuple[str, str]] = {
    "umum": ("", ""),
    "tanda_strip": ("0 untuk tidak ada, bukan '-'", "0 for nothing, not '-'"),
    "angka_lain": ("hanya angka 0-9", "digits 0-9 only"),
    "kata": ("angka, bukan kata", "digits, not words"),
    "koma_strip": ("tanpa ',-' di belakang angka", "no ',-' after the amount"),
    "huruf": ("angka saja, tanpa kata seperti 'rupiah'", "the number alone, without words such as 'rupiah'"),
    "notasi_ilmiah": (
        "angka ditulis lengkap seperti 3.840.000, bukan notasi ilmiah",
        "the number written out in full such as 3.840.000, not in scientific notation",
    ),
    "negatif_kurung": (
        "jumlah negatif tidak diizinkan, juga tidak dalam tanda kurung",
        "negative amounts are not allowed, in brackets or otherwise",
    ),
    "pemisah_inggris": (
        "'.' di antara ribuan dan ',' sebelum desimal, seperti 1.378.000,00, bukan 1,378,000",
        "'.' between thousands and ',' before decimals, as in 1.378.000,00, not 1,378,000",
    ),
    "spasi": ("tanpa spasi di dalam angka", "no spaces inside the number"),
    "koma_ganda": ("paling banyak satu ',', sebelum desimal", "at most one ',', before the decimals"),
    "titik_desimal": (
        "',' sebelum desimal; '.' hanya memisahkan ribuan",
        "',' before decimals; '.' separates thousands",
    ),
    "kelompok_ribuan": (
        "tiga angka setelah setiap '.', bukan {kelompok:teks}",
        "groups of three digits after each '.', not {kelompok:teks}",
    ),
    "koma_akhir": ("angka sesudah ','", "digits after the ','"),
    "karakter": ("hanya angka, '.' dan ','", "only digits, '.' and ','"),
}
MONEY_HINTS = {**NUMBER_HINTS, "desimal": ("paling banyak 2 angka desimal", "at most 2 decimals")}
TARGET_HINTS = {
    **NUMBER_HINTS,
    "huruf": (
        "angka lebih dulu, lalu satuannya, seperti 6 Dokumen",
        "the number first, then its unit, as in 6 Dokumen",
    ),
    "negatif_kurung": ("angka tanpa tanda kurung", "the number without brackets"),
    "desimal": ("paling banyak 4 angka desimal", "at most 4 decimals"),
}


def _number_rule(
    code: str, title: tuple[str, str], where: str, example: tuple[str, str], hints: dict[str, tuple[str, str]]
) -> Rule:
    def text(i: int, hint: str) -> str:
        return f"{example[i]} ({hint})" if hint else example[i]

    return _rule(code, title, where, *((name, (text(0, h[0]), text(1, h[1])), ISIAN) for name, h in hints.items()))


FORMAT_RUPIAH = _number_rule(
    "format_rupiah",
    ("format rupiah", "rupiah format"),
    _NUMBERS + "parse_rupiah",
    ("rupiah seperti 1.378.000 atau 1.378.000,00", "rupiah such as 1.378.000 or 1.378.000,00"),
    MONEY_HINTS,
)
FORMAT_TARGET = _number_rule(
    "format_target",
    ("format target", "target format"),
    _NUMBERS + "parse_target",
    ("target seperti 6, 100%, 6 Dokumen atau 1,5", "a target such as 6, 100%, 6 Dokumen or 1,5"),
    TARGET_HINTS,
)

RENTANG_NILAI = _rule(
    "rentang_nilai",
    ("rentang nilai", "value range"),
    _NUMBERS + "check_range",
    (
        "rupiah",
        ("rupiah paling besar {batas:rp} per sel", "at most {batas:rp} rupiah per cell"),
        ("{isian:teks} (terlalu besar: salah ketik?)", "{isian:teks} (too large: a typing error?)"),
    ),
    (
        "target",
        ("angka paling besar {batas:angka}", "a number of at most {batas:angka}"),
        ("{isian:teks} (terlalu besar: salah ketik?)", "{isian:teks} (too large: a typing error?)"),
    ),
)

_RENTANG_TAHUN = (
    "tahun {tahun_min} sampai {tahun_maks}",
    "a year from {tahun_min} to {tahun_maks}",
)
RENTANG_TAHUN = _rule(
    "rentang_tahun",
    ("tahun di luar rentang", "year out of range"),
    _SUBMISSION + "year_problem",
    (
        "nama_berkas",
        _RENTANG_TAHUN,
        (
            "tahun {tahun} pada nama berkas, di luar rentang (salah ketik?)",
            "the year {tahun} in the file name, out of range (a typing error?)",
        ),
    ),
    (
        "sel",
        _RENTANG_TAHUN,
        ("{isian:teks}, di luar rentang (salah ketik?)", "{isian:teks}, out of range (a typing error?)"),
    ),
)

_SESUAI_NAMA = (" (berkas kecamatan, tahun atau triwulan lain?)", " (another kecamatan's, year's or triwulan's file?)")
SESUAI_NAMA_BERKAS = _rule(
    "sesuai_nama_berkas",
    ("isi sesuai nama berkas", "content agrees with the file name"),
    _SUBMISSION + "_check_identity",
    (
        "kode_wilayah",
        ("{harus}, kode_wilayah pada nama berkas", "{harus}, the kode_wilayah in the file name"),
        ("{isian:teks}" + _SESUAI_NAMA[0], "{isian:teks}" + _SESUAI_NAMA[1]),
    ),
    (
        "tahun",
        ("{harus}, tahun pada nama berkas", "{harus}, the year in the file name"),
        ("{isian:teks}" + _SESUAI_NAMA[0], "{isian:teks}" + _SESUAI_NAMA[1]),
    ),
    (
        "triwulan",
        ("{harus}, triwulan pada nama berkas", "{harus}, the triwulan in the file name"),
        ("{isian:teks}" + _SESUAI_NAMA[0], "{isian:teks}" + _SESUAI_NAMA[1]),
    ),
)

_CONTOH_KODE = (
    "kode seperti 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003",
    "a code such as 7.01.02, 7.01.02.2.04 or 7.01.02.2.04.0003",
)
FORMAT_KODE = _rule(
    "format_kode",
    ("format kode", "code format"),
    _CODES + "parse_code",
    ("umum", _CONTOH_KODE, ISIAN),
    (
        "kode_provinsi",
        (
            _CONTOH_KODE[0] + " (segmen ke-4 bernilai 2 = kabupaten/kota; 1 adalah kode provinsi)",
            _CONTOH_KODE[1] + " (4th segment 2 = kabupaten/kota; 1 is a provincial code)",
        ),
        ISIAN,
    ),
    ("kosong", _CONTOH_KODE, SEL_KOSONG),
)

FORMAT_TAHUN = _rule(
    "format_tahun",
    ("format tahun", "year format"),
    _SUBMISSION + "_parse_kinerja_row",
    ("empat_angka", ("tahun seperti 2024", "a year such as 2024"), ISIAN),
    ("kosong", ("tahun seperti 2024", "a year such as 2024"), SEL_KOSONG),
)

_TANGGAL = ("tanggal seperti 2024-03-15 (TTTT-BB-HH)", "a date such as 2024-03-15 (YYYY-MM-DD)")
_TANGGAL_ADA = (
    "tanggal yang ada, seperti 2024-03-15 (TTTT-BB-HH)",
    "a date that exists, such as 2024-03-15 (YYYY-MM-DD)",
)
TANGGAL = _rule(
    "tanggal",
    ("tanggal", "date"),
    _SUBMISSION + "_parse_ikm_row",
    ("kosong", _TANGGAL, SEL_KOSONG),
    ("format", _TANGGAL, ISIAN),
    ("bulan", _TANGGAL_ADA, ("{isian:teks} (tidak ada bulan {bulan})", "{isian:teks} (there is no month {bulan})")),
    (
        "hari",
        _TANGGAL_ADA,
        ("{isian:teks} (bulan {bulan} tidak punya tanggal {hari})", "{isian:teks} (month {bulan} has no day {hari})"),
    ),
    ("tahun", _TANGGAL_ADA, ("{isian:teks} (tidak ada tahun {tahun})", "{isian:teks} (there is no year {tahun})")),
)

ISIAN_WAJIB = _rule(
    "isian_wajib",
    ("isian wajib", "required value"),
    _SUBMISSION + "read_submission",
    ("nilai", ("sebuah nilai", "a value"), SEL_KOSONG),
    (
        "uraian",
        ("nama program, kegiatan atau sub-kegiatan", "the name of the program, kegiatan or sub-kegiatan"),
        SEL_KOSONG,
    ),
    ("indikator", ("nama indikator", "the indicator"), SEL_KOSONG),
    (
        "realisasi_anggaran",
        (
            "jumlah yang dibelanjakan dalam triwulan ini (0 bila tidak ada)",
            "the amount spent in the triwulan (0 if nothing)",
        ),
        SEL_KOSONG,
    ),
    ("jawaban", ("jawaban 1, 2, 3 atau 4", "an answer 1, 2, 3 or 4"), SEL_KOSONG),
    ("no_responden", ("nomor responden", "the respondent number"), SEL_KOSONG),
)

ISIAN_DIIZINKAN = _rule(
    "isian_diizinkan",
    ("isian yang diizinkan", "allowed value"),
    _SUBMISSION + "read_submission",
    ("pilihan", ("salah satu dari: {pilihan:daftar}", "one of: {pilihan:daftar}"), ISIAN),
    ("jawaban", ("jawaban 1, 2, 3 atau 4", "an answer 1, 2, 3 or 4"), ISIAN),
)

SATUAN_TARGET = _rule(
    "satuan_target",
    ("satuan target", "target unit"),
    _SUBMISSION + "_parse_plan_row",
    (
        "berbeda",
        (
            "target dalam satuan baris ini, {satuan:teks}, atau angka saja",
            "a target in the row's unit {satuan:teks}, or a number alone",
        ),
        (
            "{isian:teks}, dalam satuan {satuan_sel:teks} (tidak dihitung)",
            "{isian:teks}, in {satuan_sel:teks} (not counted)",
        ),
    ),
)

TIDAK_NEGATIF = _rule(
    "tidak_negatif",
    ("tidak boleh negatif", "not negative"),
    _SUBMISSION + "read_submission",
    ("nilai", ("0 atau lebih", "0 or more"), ISIAN),
)

KODE_TIDAK_GANDA = _rule(
    "kode_tidak_ganda",
    ("kode ganda", "duplicate code"),
    _SUBMISSION + "_check_duplicate_codes",
    (
        "ganda",
        ("setiap kode sekali saja (pertama di baris {baris_pertama})", "each code once (first at row {baris_pertama})"),
        ("{kode_ganda} sekali lagi", "{kode_ganda} again"),
    ),
)

RESPONDEN_TIDAK_GANDA = _rule(
    "responden_tidak_ganda",
    ("responden ganda", "duplicate respondent"),
    _SUBMISSION + "_check_duplicate_respondents",
    (
        "ganda",
        (
            "setiap responden sekali saja (pertama di baris {baris_pertama})",
            "each respondent once (first at row {baris_pertama})",
        ),
        ("responden {no_responden} sekali lagi", "respondent {no_responden} again"),
    ),
)

RULES = [
    NAMA_BERKAS,
    JENIS_BERKAS,
    UKURAN_BERKAS,
    PENGODEAN_TEKS,
    ISI_BERKAS,
    TANDA_KUTIP,
    ISI_SEL,
    SHEET_DIBACA,
    RUMUS_EXCEL,
    SEL_GABUNGAN,
    JUDUL_KOLOM,
    BENTUK_BARIS,
    FORMAT_RUPIAH,
    FORMAT_TARGET,
    RENTANG_NILAI,
    FORMAT_KODE,
    FORMAT_TAHUN,
    RENTANG_TAHUN,
    SESUAI_NAMA_BERKAS,
    TANGGAL,
    ISIAN_WAJIB,
    ISIAN_DIIZINKAN,
    SATUAN_TARGET,
    TIDAK_NEGATIF,
    KODE_TIDAK_GANDA,
    RESPONDEN_TIDAK_GANDA,
]
