"""Templates for kecamatan offices: a plan (`rencana`) or a realisasi file pre-filled with the rows the
kecamatan uses, as XLSX and CSV, read from the published warehouse.

The XLSX guards its cells: every entry column validates what is typed (a list for ``agregasi_target`` and
``arah_indikator``, numbers from 0 for targets and rupiah, the length of a code) and stops a wrong entry
with a message in Bahasa Indonesia; the reference columns (kode, uraian, indikator, satuan where
pre-filled; in a realisasi template also the triwulan's plan) stand left of the entry columns, locked in
a protected sheet (no password: the protection keeps a slip of the keyboard from overwriting them, the
entry cells are unlocked). Row 1 carries an Indonesian title over the field name in row 2
(``orchestration/domain/template_header.py``: the reader accepts exactly that header); the CSV keeps the
field names alone in row 1. Both read back with ``read_submission``.

Every cell written for people goes through `safe_cell`, so that a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from orchestration.domain.numbers import MAX_RUPIAH, MAX_TARGET, format_number, format_rupiah
from orchestration.domain.submission import (
    AGGREGATIONS,
    DIRECTIONS,
    GUIDE_SHEET,
    PLAN_MONEY,
    PLAN_OPTIONAL,
    PLAN_REQUIRED,
    PLAN_TARGETS,
    REALISASI_OPTIONAL,
    REALISASI_REQUIRED,
)
from orchestration.domain.template_header import TITLES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Reference columns first (locked where pre-filled), then what the office enters. The plan template leaves
# out rujukan_rkt, rujukan_ra and indikator_ra: they say where a transcribed document's row comes from.
PLAN_COLUMNS = (
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "pagu",
    *(c for q in (1, 2, 3, 4) for c in (f"target_tw{q}", f"pagu_tw{q}")),
    "target_akhir_tahun",
    "pagu_akhir_tahun",
    "agregasi_target",
    "arah_indikator",
    "penanggung_jawab",
    "catatan",
)
PLAN_REFERENCE = ("kode", "uraian", "indikator", "satuan")
REALISASI_COLUMNS = (
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
)
REALISASI_REFERENCE = ("kode", "uraian", "satuan", "target_triwulan", "pagu_triwulan")
TARGET_COLUMNS = (*PLAN_TARGETS, "target_triwulan", "realisasi_target")
MONEY_COLUMNS = (*PLAN_MONEY, "pagu_triwulan", "realisasi_anggaran")
# A code is 7.01.02 (program, 7 characters) up to 7.01.02.2.04.0003 (sub-kegiatan, 17): orchestration/domain/codes.py
KODE_LENGTH = (len("7.01.02"), len("7.01.02.2.04.0003"))
# Empty rows under a plan's pre-filled rows, unlocked and validated, for nodes the office adds.
EXTRA_PLAN_ROWS = 20
TITLE_ROW, NAME_ROW, FIRST_ROW = 1, 2, 3

# Number formats: Excel's format codes always write the thousands separator as "," and the decimal one as
# "."; Excel and LibreOffice show them in the user's locale, so an Indonesian one shows #,##0 as 2.758.235.300.
FORMAT_WHOLE = "#,##0"
FORMAT_RUPIAH_SEN = "#,##0.00"  # rupiah with sen (the reader accepts at most two decimals)
FORMAT_TARGET_DECIMAL = "#,##0.####"  # a target with decimals (at most four, as the reader)
FORMAT_TEXT = "@"  # codes and words stay text: 7.01 never becomes the number 701, "=..." never a formula


# What the guide sheet says of a column of free text
TEXT_NOTES = {
    "penanggung_jawab": "Nama atau jabatan penanggung jawab.",
    "catatan": "Catatan bebas, boleh kosong.",
    "keterangan": "Penjelasan capaian triwulan ini.",
    "permasalahan": "Hambatan yang dihadapi, boleh kosong.",
    "tindak_lanjut": "Langkah yang akan diambil, boleh kosong.",
}


def _choices(values) -> str:
    return ", ".join(values[:-1]) + " atau " + values[-1]


_AGREGASI = tuple(AGGREGATIONS)
_ARAH = tuple(DIRECTIONS)
_RUPIAH_MAX = format_rupiah(MAX_RUPIAH)
_TARGET_MAX = format_number(MAX_TARGET)

_TARGET_ERROR = (
    "Target tidak sah",
    f"Target harus angka dari 0 sampai {_TARGET_MAX}, tanpa satuan dan tanpa tanda %. Ketik misalnya 100 atau 12,5.",
)
_RUPIAH_ERROR = (
    "Rupiah tidak sah",
    f"Isian harus angka rupiah dari 0 sampai {_RUPIAH_MAX}, tanpa Rp dan tanpa huruf; sen paling banyak 2 angka. "
    "Ketik misalnya 1378000.",
)
_TARGET_HOW = "Ketik angka saja, tanpa satuan dan tanpa tanda %, misalnya 100 atau 12,5."
_RUPIAH_HOW = "Ketik angka saja, tanpa Rp, misalnya 1378000 (tampil 1.378.000); sen boleh 2 angka: 1378000,50."

# (prompt title, prompt, error title, error message) of each group of entry cells (see _group); Excel refuses
# to open a workbook with a title longer than 32 characters or a message longer than 255 (tested)
PROMPTS: dict[str, tuple[str, str, str, str]] = {
    "kode": (
        "Kode",
        "Kode program, kegiatan atau sub kegiatan, misalnya 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003.",
        "Kode tidak sah",
        f"Kode terdiri dari {KODE_LENGTH[0]} sampai {KODE_LENGTH[1]} karakter, "
        "misalnya 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003.",
    ),
    "target": ("Target", f"{_TARGET_HOW} Wajib diisi untuk target setahun.", *_TARGET_ERROR),
    "target_tw": ("Target triwulan", f"{_TARGET_HOW} Tulis 0 bila triwulan ini tanpa target.", *_TARGET_ERROR),
    "realisasi_target": ("Realisasi target", f"{_TARGET_HOW} Capaian triwulan ini saja.", *_TARGET_ERROR),
    "rupiah": ("Pagu (rupiah)", f"{_RUPIAH_HOW} Wajib diisi untuk pagu setahun.", *_RUPIAH_ERROR),
    "target_akhir": (
        "Target akhir tahun",
        f"{_TARGET_HOW} Kolom akhir tahun Rencana Aksi; boleh kosong.",
        *_TARGET_ERROR,
    ),
    "rupiah_akhir": (
        "Pagu akhir tahun (rupiah)",
        f"{_RUPIAH_HOW} Kolom akhir tahun Rencana Aksi; boleh kosong.",
        *_RUPIAH_ERROR,
    ),
    "rupiah_tw": ("Pagu triwulan (rupiah)", f"{_RUPIAH_HOW} Tulis 0 bila triwulan ini tanpa pagu.", *_RUPIAH_ERROR),
    "realisasi_anggaran": (
        "Realisasi anggaran (rupiah)",
        f"{_RUPIAH_HOW} Belanja triwulan ini saja; wajib diisi, tulis 0 bila tidak ada belanja.",
        *_RUPIAH_ERROR,
    ),
    "agregasi_target": (
        "Cara target triwulan",
        "Pilih jumlah (target empat triwulan dijumlahkan), tetap (tiap triwulan sama dengan target "
        "setahun) atau akhir (triwulan terakhir = target setahun). Kosong: akhir untuk %, selain itu jumlah.",
        "Pilihan tidak sah",
        f"Pilih salah satu dari daftar: {_choices(_AGREGASI)}.",
    ),
    "arah_indikator": (
        "Arah indikator",
        "Pilih naik bila makin tinggi makin baik, turun bila makin rendah makin baik. Kosong berarti naik.",
        "Pilihan tidak sah",
        f"Pilih salah satu dari daftar: {_choices(_ARAH)}.",
    ),
}


def safe_cell(value):
    """Text that a spreadsheet would evaluate (=, +, -, @ ...) is written with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Template:
    xlsx: Path
    csv: Path
    rows: int


def _plan_rows(con: duckdb.DuckDBPyConnection, kode_wilayah: str, tahun: int) -> list[dict]:
    """The kecamatan's latest published plan; if it has none, every node any kecamatan of its
    kabupaten planned that year (the nomenclature rows in use), with names from the nomenclature."""
    own = con.execute(
        """
        select kode, uraian, indikator, satuan, agregasi_target, penanggung_jawab
        from marts.fct_rencana_tahunan where kode_wilayah = ? and tahun = (
            select max(tahun) from marts.fct_rencana_tahunan where kode_wilayah = ? and tahun <= ?)
        order by kode
    """,
        [kode_wilayah, kode_wilayah, tahun],
    ).fetchall()
    if not own:
        own = con.execute(
            """
            select distinct f.kode, n.nama, n.indikator,
                   coalesce(n.satuan, any_value(f.satuan) over (partition by f.kode)), null, null
            from marts.fct_rencana_tahunan as f
            inner join marts.dim_nomenklatur as n on n.kode = f.kode
            inner join marts.dim_kecamatan as k on k.kode_wilayah = f.kode_wilayah
            where k.kode_kabupaten = (select kode_kabupaten from marts.dim_kecamatan where kode_wilayah = ?)
            order by f.kode
        """,
            [kode_wilayah],
        ).fetchall()
    keys = ("kode", "uraian", "indikator", "satuan", "agregasi_target", "penanggung_jawab")
    return [dict(zip(keys, row, strict=True)) for row in own]


def _kecamatan_name(con: duckdb.DuckDBPyConnection, kode_wilayah: str) -> str | None:
    row = con.execute(
        "select nama_kecamatan from marts.dim_kecamatan where kode_wilayah = ?", [kode_wilayah]
    ).fetchone()
    return row[0] if row else None


def plan_template(warehouse: Path, kode_wilayah: str, tahun: int, out: Path) -> Template:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        nama = _kecamatan_name(con, kode_wilayah)
        if nama is None:
            raise ValueError(
                f"kecamatan {kode_wilayah!r} tidak dikenal: seharusnya kode Kemendagri kecamatan, misalnya 73.24.10"
            )
        rows = _plan_rows(con, kode_wilayah, tahun)
    records = [{**dict.fromkeys(PLAN_COLUMNS, ""), **{k: v or "" for k, v in row.items()}} for row in rows]
    return _write(
        out,
        f"rencana_{kode_wilayah}_{tahun}",
        "rencana",
        PLAN_COLUMNS,
        PLAN_REFERENCE,
        records,
        judul=f"Rencana Aksi Kecamatan {nama} Tahun {tahun}",
        extra_rows=EXTRA_PLAN_ROWS,
        complete_reference=True,
        guide=(
            "Isi target dan pagu setahun dan per triwulan. Ketik angka saja (misalnya 1378000); Excel "
            "berbahasa Indonesia menampilkannya 1.378.000. Tulis 0 untuk triwulan tanpa target atau pagu: "
            "sel kosong dianggap hilang bila triwulan lain tidak menjumlah ke nilai setahun.",
            f"Baris kosong di bawah baris yang sudah terisi ({EXTRA_PLAN_ROWS} baris) untuk program, kegiatan "
            "atau sub kegiatan baru: isi juga kode, uraian, indikator dan satuannya.",
        ),
    )


def realisasi_template(warehouse: Path, kode_wilayah: str, tahun: int, triwulan: int, out: Path) -> Template:
    if triwulan not in (1, 2, 3, 4):
        raise ValueError(f"triwulan harus 1, 2, 3 atau 4; ditemukan {triwulan}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        nama = _kecamatan_name(con, kode_wilayah)
        rows = con.execute(
            """
            select t.kode, a.uraian, a.satuan, t.target, t.pagu
            from marts.fct_rencana_triwulan as t
            inner join marts.fct_rencana_tahunan as a using (kode_wilayah, tahun, kode)
            where t.kode_wilayah = ? and t.tahun = ? and t.triwulan = ?
            order by t.kode
        """,
            [kode_wilayah, tahun, triwulan],
        ).fetchall()
    if not rows:
        raise ValueError(
            f"belum ada rencana {kode_wilayah} tahun {tahun} yang terbit: kirim dan terbitkan rencananya dulu"
        )
    records = [
        {
            **dict.fromkeys(REALISASI_COLUMNS, ""),
            "kode": kode,
            "uraian": uraian or "",
            "satuan": satuan or "",
            "target_triwulan": target,
            "pagu_triwulan": pagu,
        }
        for kode, uraian, satuan, target, pagu in rows
    ]
    return _write(
        out,
        f"realisasi_{kode_wilayah}_{tahun}_tw{triwulan}",
        "realisasi",
        REALISASI_COLUMNS,
        REALISASI_REFERENCE,
        records,
        judul=f"Realisasi Rencana Aksi Kecamatan {nama or kode_wilayah} Tahun {tahun} Triwulan {triwulan}",
        extra_rows=0,
        complete_reference=False,
        guide=(
            "Isi realisasi triwulan ini saja, bukan kumulatif. Ketik angka saja (misalnya 1378000); Excel "
            "berbahasa Indonesia menampilkannya 1.378.000. Realisasi anggaran wajib diisi, tulis 0 bila tidak "
            "ada belanja.",
            "Kolom uraian, satuan, target dan pagu triwulan ini hanya acuan dari rencana yang terbit.",
        ),
    )


def _kind(name: str) -> str:
    """How a column's cells are shown and checked: kode, target, rupiah, a list (its own name) or teks."""
    if name == "kode":
        return "kode"
    if name in TARGET_COLUMNS:
        return "target"
    if name in MONEY_COLUMNS:
        return "rupiah"
    if name in ("agregasi_target", "arah_indikator"):
        return name
    return "teks"


def _group(name: str) -> str | None:
    """The data validation (and its prompt in ``PROMPTS``) of a column's cells; None for free text."""
    kind = _kind(name)
    if kind == "teks" or name in ("target_triwulan", "pagu_triwulan"):  # the plan's, only shown
        return None
    if name.startswith(("target_tw", "pagu_tw")):
        return f"{kind}_tw"
    if name.endswith("_akhir_tahun"):
        return f"{kind}_akhir"
    if name in ("realisasi_target", "realisasi_anggaran"):
        return name
    return kind


def _write(
    out: Path,
    stem: str,
    sheet_name: str,
    header: tuple[str, ...],
    reference: tuple[str, ...],
    records: list[dict],
    judul: str,
    extra_rows: int,
    guide: tuple[str, ...],
    complete_reference: bool,
) -> Template:
    """``complete_reference``: an empty reference cell is left unlocked for the office to fill (a plan's
    indikator or satuan not known yet, the kode and names of a node it adds); a realisasi's reference
    cells are always locked."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.styles.numbers import NumberFormat
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    assert set(header) >= set(PLAN_REQUIRED if sheet_name == "rencana" else REALISASI_REQUIRED)
    assert set(header) <= set(PLAN_REQUIRED + PLAN_OPTIONAL + REALISASI_REQUIRED + REALISASI_OPTIONAL)
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{stem}.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: safe_cell(_text(k, record.get(k))) for k in header})

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    letters = {name: get_column_letter(i) for i, name in enumerate(header, start=1)}
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    reference_fill = PatternFill("solid", fgColor="E7E6E6")  # grey: locked reference
    entry_fill = PatternFill("solid", fgColor="FFF9E5")  # light yellow: to fill in
    for column, name in enumerate(header, start=1):
        title = sheet.cell(row=TITLE_ROW, column=column, value=TITLES[name])
        title.font = Font(bold=True)
        title.fill = PatternFill("solid", fgColor="DDEBF7")
        title.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        title.border = border
        field = sheet.cell(row=NAME_ROW, column=column, value=name)
        field.font = Font(italic=True, size=9, color="595959")
        field.fill = PatternFill("solid", fgColor="F2F2F2")
        field.alignment = Alignment(horizontal="center")
        field.border = border
    last = FIRST_ROW + len(records) + extra_rows - 1
    for offset in range(len(records) + extra_rows):
        row = FIRST_ROW + offset
        record = records[offset] if offset < len(records) else {}
        for column, name in enumerate(header, start=1):
            value = record.get(name)
            cell = sheet.cell(row=row, column=column, value=_xlsx_value(name, value))
            prefilled = value not in (None, "")
            locked = name in reference and (prefilled or not complete_reference)
            cell.protection = Protection(locked=locked)
            cell.fill = reference_fill if locked else entry_fill
            cell.border = border
            kind = _kind(name)
            cell.number_format = FORMAT_WHOLE if kind in ("target", "rupiah") else FORMAT_TEXT
            if name in ("uraian", "indikator", "keterangan", "permasalahan", "tindak_lanjut", "catatan"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    # decimals where needed: a target or an amount with a fraction shows it (12,5; 1.378.000,50)
    for kind, code, number_format_id in (("target", FORMAT_TARGET_DECIMAL, 190), ("rupiah", FORMAT_RUPIAH_SEN, 4)):
        for name in (n for n in header if _kind(n) == kind):
            top = f"{letters[name]}{FIRST_ROW}"
            sheet.conditional_formatting.add(
                f"{top}:{letters[name]}{max(last, FIRST_ROW)}",
                Rule(
                    type="expression",
                    formula=[f"AND(ISNUMBER({top}),MOD({top},1)<>0)"],
                    dxf=DifferentialStyle(numFmt=NumberFormat(numFmtId=number_format_id, formatCode=code)),
                ),
            )

    rules: dict[str, DataValidation] = {}

    def rule(group: str, kind: str) -> DataValidation:
        if group not in rules:
            prompt_title, prompt, error_title, error = PROMPTS[group]
            if kind == "kode":
                spec = {"type": "textLength", "operator": "between", "formula1": str(KODE_LENGTH[0])}
                spec["formula2"] = str(KODE_LENGTH[1])
            elif kind in ("target", "rupiah"):
                limit = MAX_TARGET if kind == "target" else MAX_RUPIAH
                spec = {"type": "decimal", "operator": "between", "formula1": "0", "formula2": f"{limit:f}"}
            else:
                values = _AGREGASI if kind == "agregasi_target" else _ARAH
                spec = {"type": "list", "formula1": '"' + ",".join(values) + '"'}
            rules[group] = DataValidation(
                **spec,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle=error_title,
                error=error,
                showInputMessage=True,
                promptTitle=prompt_title,
                prompt=prompt,
            )
            sheet.add_data_validation(rules[group])
        return rules[group]

    for name in header:
        group = _group(name)
        if group is not None and last >= FIRST_ROW:
            rule(group, _kind(name)).add(f"{letters[name]}{FIRST_ROW}:{letters[name]}{last}")

    widths = {"kode": 19, "uraian": 42, "indikator": 36, "satuan": 12, "keterangan": 30}
    for name in header:
        kind = _kind(name)
        default = 16 if kind == "rupiah" else 12 if kind == "target" else 24
        sheet.column_dimensions[letters[name]].width = widths.get(name, default)
    sheet.row_dimensions[TITLE_ROW].height = 45
    sheet.freeze_panes = f"B{FIRST_ROW}"

    # protected without a password: the reference cells cannot be overwritten by mistake, the entry cells
    # are unlocked; columns and rows may still be resized
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    # print: A4 landscape, every column on the page's width, both header rows on every page
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{TITLE_ROW}:{NAME_ROW}"
    sheet.oddHeader.center.text = judul.replace("&", "&&")
    sheet.oddFooter.center.text = "Halaman &P dari &N"

    notes = book.create_sheet(GUIDE_SHEET)
    notes.column_dimensions["A"].width = 40
    notes.column_dimensions["B"].width = 22
    notes.column_dimensions["C"].width = 100
    notes.append([judul])
    notes["A1"].font = Font(bold=True, size=13)
    for line in guide:
        notes.append([line])
    notes.append(
        [
            "Kolom abu-abu adalah acuan dan terkunci; kolom kuning diisi. Lembar dilindungi tanpa kata sandi "
            "hanya agar acuan tidak tertimpa. Baris 1 judul kolom, baris 2 nama kolom: jangan diubah."
        ]
    )
    notes.append(
        [
            "Excel menolak isian yang salah dan menjelaskan isian yang benar. Isian yang ditempel (paste) "
            "tidak diperiksa Excel: berkas tetap diperiksa dengan aturan yang sama saat diterima "
            f"(monev check {stem}.xlsx)."
        ]
    )
    notes.append([])
    notes.append(["Judul kolom", "Nama kolom", "Isi"])
    for cell in notes[notes.max_row]:
        cell.font = Font(bold=True)
    for name in header:
        group = _group(name)
        what = PROMPTS[group][1] if group else TEXT_NOTES.get(name, "")
        if name in reference:
            lock = "terkunci bila sudah terisi" if complete_reference else "terkunci"
            what = f"Acuan, {lock}. " + (what if group else "")
        notes.append([TITLES[name], name, what.strip()])
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    xlsx_path = out / f"{stem}.xlsx"
    book.save(xlsx_path)
    return Template(xlsx_path, csv_path, len(records))


def _xlsx_value(name: str, value):
    """A number column gets a number (exact: a Decimal is written as its digits), any other a safe text."""
    if value is None or value == "":
        return None
    if isinstance(value, (Decimal, int, float)) and _kind(name) in ("target", "rupiah"):
        return Decimal(value)
    return safe_cell(_text(name, value)) or None


def _text(name: str, value) -> str:
    """A cell of the CSV template: money and targets the Indonesian way (1.378.000; 12,5)."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return format_rupiah(value) if _kind(name) == "rupiah" else format_number(value)
    return str(value)
