"""The reader's and the audit's "expected" and "found" texts in Bahasa Indonesia, for the quarantine
reports that kecamatan offices read. The warehouse keeps the English texts (analysts and logs); this is
the one place where they are put into Indonesian. Values quoted from the file are never translated.

Each entry is a regular expression over a whole English text and its Indonesian form; groups carry
the values (codes, names, numbers) across. A text no entry matches is shown as it is.
"""

from __future__ import annotations

import re

RUPIAH_HINTS = {
    "'.' between thousands and ',' before decimals, as in 1.378.000,00, not 1,378,000":
        "'.' di antara ribuan dan ',' sebelum desimal, seperti 1.378.000,00, bukan 1,378,000",
    "digits, not words": "angka, bukan kata",
    "no ',-' after the amount": "tanpa ',-' di belakang angka",
    "the number alone, without words such as 'rupiah'": "angka saja, tanpa kata seperti 'rupiah'",
}

NAMA_BERKAS = ("rencana_<kode_wilayah>_<tahun>, kinerja_<kode_wilayah>_<tahun>, realisasi_<kode_wilayah>_<tahun>"
               "_tw<1-4> atau ikm_<kode_wilayah>_<tahun>, boleh diikuti _v<n>, lalu .csv atau .xlsx (contoh "
               "rencana_73.24.10_2024.csv, realisasi_73.24.10_2024_tw2_v2.csv)")


def _rupiah(match: re.Match) -> str:
    hint = match.group(1)
    if hint is None:
        return "rupiah seperti 1.378.000 atau 1.378.000,00"
    groups = re.fullmatch(r"groups of three digits after each '\.', not '(.*)'", hint)
    if groups:
        hint = f"tiga angka setelah setiap '.', bukan '{groups.group(1)}'"
    return f"rupiah seperti 1.378.000 atau 1.378.000,00 ({RUPIAH_HINTS.get(hint, hint)})"


CATALOGUE: list[tuple[str, object]] = [
    # expected
    (r"rupiah such as 1\.378\.000 or 1\.378\.000,00(?: \((.*)\))?", _rupiah),
    (r"a number such as (.*)", r"angka seperti \1"),
    (r"an answer 1, 2, 3 or 4", "jawaban 1, 2, 3 atau 4"),
    (r"a value, not an Excel error", "sebuah nilai, bukan galat Excel"),
    (r"values, not formulas \(paste as values\)", "nilai, bukan rumus (tempel sebagai nilai)"),
    (r"a code such as (\S+), (\S+) or (\S+) \(4th segment 2 = kabupaten/kota; 1 is a provincial code\)",
     r"kode seperti \1, \2 atau \3 (segmen ke-4 bernilai 2 = kabupaten/kota; 1 adalah kode provinsi)"),
    (r"a code such as (\S+), (\S+) or (\S+)", r"kode seperti \1, \2 atau \3"),
    (r"a header row and data rows in sheet '(.*)'", r"baris judul kolom dan baris data di sheet '\1'"),
    (r"a header row and data rows", "baris judul kolom dan baris data"),
    (r"at least one data row under the header", "paling sedikit satu baris data di bawah judul kolom"),
    (r"a date that exists, such as (\S+) \(YYYY-MM-DD\)", r"tanggal yang ada, seperti \1 (TTTT-BB-HH)"),
    (r"a date such as (\S+) \(YYYY-MM-DD\)", r"tanggal seperti \1 (TTTT-BB-HH)"),
    (r"a file name in plain ASCII: .*", "nama berkas hanya dengan huruf ASCII biasa: " + NAMA_BERKAS),
    (r"rencana_<kode_wilayah>_<tahun>, .*", NAMA_BERKAS),
    (r"the kecamatan's kode_wilayah, two digits three times such as (\S+)",
     r"kode_wilayah kecamatan, tiga kali dua angka seperti \1"),
    (r"triwulan 1-4 \(_tw1, _tw2, _tw3 or _tw4\)", "triwulan 1-4 (_tw1, _tw2, _tw3 atau _tw4)"),
    (r"a compression ratio of at most (\S+) per part", r"rasio kompresi paling tinggi \1 per bagian"),
    (r"at most (\d+) MB unpacked", r"paling besar \1 MB setelah dibuka"),
    (r"at most (\d+) MB", r"paling besar \1 MB"),
    (r"at most (\d+) rows", r"paling banyak \1 baris"),
    (r"a CSV text file", "berkas teks CSV"),
    (r"a readable XLSX workbook", "buku kerja XLSX yang dapat dibaca"),
    (r"an XLSX workbook", "buku kerja XLSX"),
    (r"a readable regular file", "berkas biasa yang dapat dibaca"),
    (r"a regular file", "berkas biasa"),
    (r"a column name above every column with values \(these values are not read\)",
     "nama kolom di atas setiap kolom yang berisi nilai (nilai ini tidak dibaca)"),
    (r"the column names in row 1: (.*)", r"nama kolom di baris 1: \1"),
    (r"the column name '(.*)'", r"nama kolom '\1'"),
    (r"columns (.*)", r"kolom \1"),
    (r"each column once", "setiap kolom sekali saja"),
    (r"a known column \(ignored.*", "kolom yang dikenal (kolom lain diabaikan)"),
    (r"one value per cell \(unmerge and fill every cell\)",
     "satu nilai per sel (batalkan gabung sel dan isi setiap sel)"),
    (r"0 or more", "0 atau lebih"),
    (r"a closing \" for every opening \" \(a quote inside a value is written \"\"\)",
     "tanda \" penutup untuk setiap \" pembuka (tanda kutip di dalam nilai ditulis \"\")"),
    (r"the name of the program, kegiatan or sub-kegiatan", "nama program, kegiatan atau sub-kegiatan"),
    (r"at most (\d+) cells, as many as the header \(a separator inside a value\? quote the value\)",
     r"paling banyak \1 sel, sebanyak judul kolom (ada pemisah di dalam nilai? beri tanda kutip)"),
    (r"a sheet named '(.*)' \(or a workbook with a single sheet\)", r"sheet bernama '\1' (atau buku kerja dengan satu sheet)"),
    (r"only the sheet '(.*)' \(other sheets are not read\)", r"hanya sheet '\1' (sheet lain tidak dibaca)"),
    (r"UTF-8 text \(save as 'CSV UTF-8'\)", "teks UTF-8 (simpan sebagai 'CSV UTF-8')"),
    (r"each code once \(first at row (\d+)\)", r"setiap kode sekali saja (pertama di baris \1)"),
    (r"each respondent once \(first at row (\d+)\)", r"setiap responden sekali saja (pertama di baris \1)"),
    # the audit's expected texts
    (r"at most (.*)", r"paling besar \1"),
    (r"a value in (\w+)", r"isian pada \1"),
    (r"(\w+) in \[(.*)\]", r"\1 salah satu dari [\2]"),
    (r"(\w+) of at least (.*)", r"\1 paling sedikit \2"),
    (r"(\w+) of (\S+) or more", r"\1 \2 atau lebih"),
    (r"(\w+) of (\S+) or less", r"\1 \2 atau kurang"),
    (r"(\w+) between (\S+) and (\S+)", r"\1 antara \2 dan \3"),
    (r"a unique (.*)", r"\1 yang unik"),
    # found
    (r"\(empty\)", "(kosong)"),
    (r"(.*) \(cell reads (.*)\)", r"\1 (sel berisi \2)"),
    (r"a duplicate: (.*)", r"ganda: \1"),
    (r"an empty cell", "sel kosong"),
    (r"an empty file", "berkas kosong"),
    (r"an empty sheet \(the workbook also has (.*)\)", r"sheet kosong (buku kerja juga memiliki \1)"),
    (r"none", "tidak ada"),
    (r"missing (.*)", r"tidak ada \1"),
    (r"(.*) \(misspelt\?\)", r"\1 (salah ketik?)"),
    (r"binary content \(NUL bytes\) with a \.csv name", "isi biner (byte NUL) dengan nama .csv"),
    (r"a text file \(CSV\?\) with an \.xlsx name", "berkas teks (CSV?) dengan nama .xlsx"),
    (r"a damaged workbook \((.*)", r"buku kerja rusak (\1"),
    (r"byte (0x[0-9a-f]{2}) that is not UTF-8 \((.*) in Windows-1252\)(.*)",
     r"byte \1 yang bukan UTF-8 (\2 dalam Windows-1252)\3"),
    (r"merged range (\S+)", r"sel gabungan \1"),
    (r"formula (.*) in cell (\S+)(.*)", r"rumus \1 di sel \2\3"),
    (r"(\d+) cells: (.*) in column (\d+) has no column name", r"\1 sel: \2 di kolom \3 tidak punya nama kolom"),
    (r"sheets (.*)", r"sheet \1"),
    (r"another sheet (.*)", r"sheet lain \1"),
    (r"row 1 reads (.*)", r"baris 1 berisi \1"),
    (r"no name above column (\d+), which has values from row (\d+)",
     r"tidak ada nama di atas kolom \1, yang berisi nilai mulai baris \2"),
    (r"(\d+) bytes declared unpacked \(a ZIP bomb\?\)", r"\1 byte setelah dibuka (bom ZIP?)"),
    (r"(.*) packing (\d+) bytes into (\d+)(.*)", r"\1 memadatkan \2 byte menjadi \3\4"),
    (r"(.*) \(day is out of range for month\)", r"\1 (tanggal tidak ada pada bulan itu)"),
    (r"UTF-16 text \('Unicode text'\)", "teks UTF-16 ('Unicode text')"),
    (r"a ZIP archive that is not an XLSX workbook \(it holds (.*)\)", r"arsip ZIP yang bukan buku kerja XLSX (berisi \1)"),
    (r"a \" opened in row (\d+) that is never closed: the rest of the file \((\d+) lines\) would become one cell",
     r"tanda \" dibuka di baris \1 dan tidak pernah ditutup: sisa berkas (\2 baris) akan menjadi satu sel"),
    (r"a ZIP/XLSX workbook with a \.csv name", "buku kerja ZIP/XLSX dengan nama .csv"),
    (r"a truncated or damaged workbook \(it starts like a ZIP but its directory is missing\)",
     "buku kerja terpotong atau rusak (diawali seperti ZIP tetapi daftar isinya tidak ada)"),
    (r"an Excel 97-2003 \.xls or a password-protected workbook with an \.xlsx name",
     "berkas Excel 97-2003 .xls atau buku kerja berkata sandi dengan nama .xlsx"),
    (r"a folder", "sebuah folder"),
    (r"nothing", "tidak ada berkas"),
    (r"not a regular file", "bukan berkas biasa"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), replacement) for pattern, replacement in CATALOGUE]


def indonesia(text: str | None) -> str:
    """The Indonesian form of an expected/found text, or the text itself when it is a value."""
    if text is None:
        return "-"
    for pattern, replacement in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return replacement(match) if callable(replacement) else match.expand(replacement)
    return text
