"""Templates for kecamatan offices: a plan (`rencana`) or a realisasi file pre-filled with the rows the
kecamatan uses, as XLSX (headers, units, data validation) and CSV, read from the published warehouse.

Every cell written for people goes through `safe_cell`, so that a spreadsheet never runs it as a formula.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from orchestration.domain.numbers import format_number, format_rupiah
from orchestration.domain.submission import (
    GUIDE_SHEET,
    PLAN_OPTIONAL,
    PLAN_REQUIRED,
    REALISASI_OPTIONAL,
    REALISASI_REQUIRED,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def plan_template(warehouse: Path, kode_wilayah: str, tahun: int, out: Path) -> Template:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        known = con.execute(
            "select count(*) from marts.dim_kecamatan where kode_wilayah = ?", [kode_wilayah]
        ).fetchone()[0]
        if not known:
            raise ValueError(f"unknown kecamatan {kode_wilayah!r}: expected a Kemendagri code such as 73.24.10")
        rows = _plan_rows(con, kode_wilayah, tahun)
    header = [*PLAN_REQUIRED, *PLAN_OPTIONAL]
    records = [{**dict.fromkeys(header, ""), **{k: v or "" for k, v in row.items()}} for row in rows]
    return _write(
        out,
        f"rencana_{kode_wilayah}_{tahun}",
        "rencana",
        header,
        records,
        guide=(
            "Isi target dan pagu per triwulan; angka ditulis 1.378.000 atau 1.378.000,00; "
            "agregasi_target: jumlah / tetap / akhir."
        ),
    )


def realisasi_template(warehouse: Path, kode_wilayah: str, tahun: int, triwulan: int, out: Path) -> Template:
    if triwulan not in (1, 2, 3, 4):
        raise ValueError(f"triwulan must be 1, 2, 3 or 4, found {triwulan}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
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
        raise ValueError(f"no published plan for {kode_wilayah} {tahun}: send and publish the plan first")
    header = [*REALISASI_REQUIRED, *REALISASI_OPTIONAL]
    records = [
        {
            "kode": kode,
            "uraian": uraian,
            "satuan": satuan or "",
            "target_triwulan": format_number(target) if target is not None else "",
            "pagu_triwulan": format_rupiah(pagu) if pagu is not None else "",
            **dict.fromkeys(
                ("realisasi_target", "realisasi_anggaran", "keterangan", "permasalahan", "tindak_lanjut"), ""
            ),
        }
        for kode, uraian, satuan, target, pagu in rows
    ]
    return _write(
        out,
        f"realisasi_{kode_wilayah}_{tahun}_tw{triwulan}",
        "realisasi",
        header,
        records,
        guide=(
            "Isi realisasi triwulan ini saja (bukan kumulatif). Kolom uraian, satuan, "
            "target_triwulan dan pagu_triwulan hanya sebagai acuan."
        ),
    )


def _write(out: Path, stem: str, sheet_name: str, header: list[str], records: list[dict], guide: str) -> Template:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"{stem}.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: safe_cell(_text(v)) for k, v in record.items() if k in header})
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for record in records:
        sheet.append([safe_cell(_text(record.get(h, ""))) or None for h in header])
    last = len(records) + 1
    columns = {name: i for i, name in enumerate(header, start=1)}

    def letter(name: str) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(columns[name])

    if "agregasi_target" in columns:
        rule = DataValidation(type="list", formula1='"jumlah,tetap,akhir"', allow_blank=True)
        rule.error, rule.errorTitle = "Pilih jumlah, tetap atau akhir", "agregasi_target"
        sheet.add_data_validation(rule)
        rule.add(f"{letter('agregasi_target')}2:{letter('agregasi_target')}{max(last, 2)}")
    money = [c for c in header if c.startswith(("pagu", "realisasi_anggaran")) and c != "pagu_triwulan"]
    if money:
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        rule.error, rule.errorTitle = "Rupiah, 0 atau lebih", "pagu / realisasi"
        sheet.add_data_validation(rule)
        for name in money:
            rule.add(f"{letter(name)}2:{letter(name)}{max(last, 2)}")
    sheet.freeze_panes = "B2"
    for name in columns:
        sheet.column_dimensions[letter(name)].width = 40 if name in ("uraian", "indikator") else 16
    notes = book.create_sheet(GUIDE_SHEET)
    notes.append([guide])
    xlsx_path = out / f"{stem}.xlsx"
    book.save(xlsx_path)
    return Template(xlsx_path, csv_path, len(records))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)
