"""`monev ekspor`: the published marts of one kecamatan, one kabupaten or the whole warehouse, as XLSX for
people who work in Excel and as Parquet for other tools, with a manifest.

XLSX: one sheet per table after a ``keterangan`` sheet (scope, run, sample mark, the tables and what they
hold); row 1 the Indonesian column title (``judul`` of the data dictionary, orchestration/warehouse/kamus.py),
row 2 the field name, both frozen, with a filter. Money and every other DECIMAL is written exactly (an int
when whole, else the Decimal's digits) with the number format ``#,##0`` (``#,##0.00`` where a column has
fractions): a format code always uses ``,`` for thousands and ``.`` for decimals, and Excel or LibreOffice
shows it with the reader's locale, so an Indonesian-locale Excel shows 2.758.235.300 (an explicit
``#.##0`` would be read as a decimal point). Years, triwulan, codes and row numbers carry no separator. A
time with a time zone is written in WITA (Asia/Makassar). A text cell beginning with ``=``, ``+``, ``-``,
``@`` (or a tab or carriage return) is written with a leading apostrophe, as the templates are, so that no
spreadsheet evaluates it.

Parquet: ``parquet/<table>/tahun=<t>/kode_kabupaten=<k>/data_0.parquet`` for the tables that have a year
and a region (``kode_kabupaten`` added from ``kode_wilayah`` where the table has no such column, and listed
in the manifest), ``parquet/<table>/tahun=<t>/`` for those with a year only, ``parquet/<table>/data_0.parquet``
otherwise. The partition columns are also written inside the files: read them back exactly with
``read_parquet('parquet/<table>/**/*.parquet', hive_partitioning = false)``.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

from orchestration.warehouse.kamus import dictionary

WITA = ZoneInfo("Asia/Makassar")
EXCEL_MAX_ROWS = 1_048_576
HEADER_ROWS = 2
KECAMATAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
KABUPATEN = re.compile(r"^\d{2}\.\d{2}$")
# integer columns shown with a thousands separator; the others (tahun, triwulan, nomor, peringkat ...) without
COUNT_UNITS = {"jumlah", "byte", "rupiah"}


# as the templates do (orchestration/warehouse/template.py): a text a spreadsheet would evaluate
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Text that a spreadsheet would evaluate is written with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def original_text(cell: str) -> str:
    """The text an escaped cell stands for (the inverse of safe_cell)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


class EksporError(ValueError):
    """The export cannot be made as asked; the message is in Bahasa Indonesia."""


@dataclass
class TableExport:
    name: str
    rows: int
    sample_rows: int | None
    columns: list[str]
    partitioned_by: list[str] = field(default_factory=list)
    added_columns: list[str] = field(default_factory=list)


@dataclass
class EksporResult:
    out: Path
    scope: dict
    tables: list[TableExport]
    xlsx: Path | None
    parquet: Path | None
    manifest: Path
    sample: bool


def scope_of(kecamatan: str | None, kabupaten: str | None) -> dict:
    if kecamatan and kabupaten:
        raise EksporError("pilih salah satu: --kecamatan atau --kabupaten, tidak keduanya")
    if kecamatan:
        if not KECAMATAN.match(kecamatan):
            raise EksporError(f"kode kecamatan seharusnya seperti 73.24.10; ditemukan '{kecamatan}'")
        return {"jenis": "kecamatan", "kode": kecamatan}
    if kabupaten:
        if not KABUPATEN.match(kabupaten):
            raise EksporError(f"kode kabupaten seharusnya seperti 73.24; ditemukan '{kabupaten}'")
        return {"jenis": "kabupaten", "kode": kabupaten}
    return {"jenis": "semua", "kode": None}


def _filter(columns: dict[str, str], scope: dict) -> tuple[str, list]:
    """The WHERE clause that keeps a table's rows of the scope (tables without a region keep all rows)."""
    if scope["jenis"] == "semua":
        return "true", []
    code = scope["kode"]
    if "kode_wilayah" in columns:
        if scope["jenis"] == "kecamatan":
            return "kode_wilayah = ?", [code]
        return "starts_with(kode_wilayah, ?)", [code + "."]
    if "kode_kabupaten" in columns:
        return "kode_kabupaten = ?", [code if scope["jenis"] == "kabupaten" else code[:5]]
    return "true", []


def ekspor(
    warehouse: Path,
    out: Path,
    *,
    kecamatan: str | None = None,
    kabupaten: str | None = None,
    xlsx: bool = True,
    parquet: bool = True,
) -> EksporResult:
    scope = scope_of(kecamatan, kabupaten)
    if not warehouse.exists():
        raise EksporError(f"belum ada yang dipublikasikan di {warehouse}; jalankan `monev refresh` dahulu")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return _ekspor(con, out, scope, xlsx=xlsx, parquet=parquet)
    finally:
        con.close()


def _ekspor(con: duckdb.DuckDBPyConnection, out: Path, scope: dict, *, xlsx: bool, parquet: bool) -> EksporResult:
    if scope["jenis"] != "semua":
        name = _region_name(con, scope)
        if name is None:
            raise EksporError(f"{scope['jenis']} {scope['kode']} tidak ada di gudang data (dim_kecamatan)")
        scope["nama"] = name
    run_id, published_at = con.execute(
        "select any_value(run_id), any_value(dipublikasikan_pada) from marts.publikasi"
    ).fetchone()
    tables: list[TableExport] = []
    queries: dict[str, tuple[str, list, dict[str, str]]] = {}
    for (table,) in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'marts' "
        "order by table_name"
    ).fetchall():
        columns = dict(
            con.execute(
                "select column_name, data_type from duckdb_columns() where database_name = current_database() "
                "and schema_name = 'marts' and table_name = ? order by column_index",
                [table],
            ).fetchall()
        )
        where, params = _filter(columns, scope)
        query = f'select * from marts."{table}" where {where}'
        order = [c for c in ("kode_wilayah", "tahun", "triwulan", "kode") if c in columns]
        if order:
            query += " order by " + ", ".join(order)
        rows = con.execute(f"select count(*) from ({query})", params).fetchone()[0]
        sample_rows = (
            con.execute(f"select count(*) from ({query}) where sampel", params).fetchone()[0]
            if "sampel" in columns
            else None
        )
        tables.append(TableExport(table, rows, sample_rows, list(columns)))
        queries[table] = (query, params, columns)
    out.mkdir(parents=True, exist_ok=True)
    stem = "monev_" + (scope["kode"] or "semua")
    xlsx_path = out / f"{stem}.xlsx" if xlsx else None
    parquet_dir = out / "parquet" if parquet else None
    sample = any(t.sample_rows for t in tables)
    info = {
        "run_id": run_id,
        "dipublikasikan_pada": published_at.isoformat() if published_at else None,
        "diekspor_pada": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if xlsx_path is not None:
        too_big = [t.name for t in tables if t.rows > EXCEL_MAX_ROWS - HEADER_ROWS]
        if too_big:
            raise EksporError(
                f"tabel {', '.join(too_big)} melebihi 1.048.576 baris lembar Excel; ekspor per kabupaten "
                "(--kabupaten) atau hanya Parquet (--format parquet)"
            )
        _write_xlsx(con, xlsx_path, tables, queries, scope, info, sample)
    if parquet_dir is not None:
        if parquet_dir.exists():
            shutil.rmtree(parquet_dir)
        parquet_dir.mkdir(parents=True)
        for t in tables:
            _write_parquet(con, parquet_dir, t, *queries[t.name])
    manifest = out / "manifest.json"
    document = {
        **info,
        "cakupan": scope,
        "sampel": sample,
        "catatan_sampel": (
            "Sebagian baris berasal dari DATA SAMPEL (buatan, bukan data resmi): lihat kolom `sampel`."
            if sample
            else "Tidak ada baris dari data sampel."
        ),
        "xlsx": xlsx_path.name if xlsx_path else None,
        "parquet": "parquet" if parquet_dir else None,
        "cara_baca_parquet": "read_parquet('parquet/<tabel>/**/*.parquet', hive_partitioning = false)",
        "tabel": {
            t.name: {
                "jumlah_baris": t.rows,
                "baris_sampel": t.sample_rows,
                "dipartisi_menurut": t.partitioned_by,
                "kolom_tambahan": t.added_columns,
            }
            for t in tables
        },
    }
    tmp = manifest.with_suffix(".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1))
    tmp.replace(manifest)
    return EksporResult(out, scope, tables, xlsx_path, parquet_dir, manifest, sample)


def _region_name(con: duckdb.DuckDBPyConnection, scope: dict) -> str | None:
    if scope["jenis"] == "kecamatan":
        row = con.execute("select nama_kecamatan from marts.dim_kecamatan where kode_wilayah = ?", [scope["kode"]])
    else:
        row = con.execute(
            "select any_value(nama_kabupaten) from marts.dim_kecamatan where kode_kabupaten = ?", [scope["kode"]]
        )
    found = row.fetchone()
    return found[0] if found else None


def _write_parquet(
    con: duckdb.DuckDBPyConnection, folder: Path, table: TableExport, query: str, params: list, columns: dict
) -> None:
    target = folder / table.name
    select = query
    region = None
    if "kode_kabupaten" in columns:
        region = "kode_kabupaten"
    elif "kode_wilayah" in columns:
        region = "kode_kabupaten"
        table.added_columns = ["kode_kabupaten"]
        select = f"select *, regexp_extract(kode_wilayah, '^[0-9]+\\.[0-9]+') as kode_kabupaten from ({query})"
    # an empty table is one file with its columns (a partitioned copy of no rows writes no file at all)
    partition = [c for c in ("tahun",) if c in columns] + ([region] if region else []) if table.rows else []
    table.partitioned_by = partition
    if partition:
        target.mkdir()
        options = f"format parquet, partition_by ({', '.join(partition)}), write_partition_columns true"
        con.execute(f"copy ({select}) to '{_sql_path(target)}' ({options})", params)
    else:
        target.mkdir()
        con.execute(f"copy ({select}) to '{_sql_path(target / 'data_0.parquet')}' (format parquet)", params)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _titles(table: str, columns: dict[str, str]) -> list[str]:
    described = dictionary().get(table)
    titles = []
    for name, kind in columns.items():
        column = described.columns.get(name) if described else None
        title = column.judul if column and column.judul else name.replace("_", " ").capitalize()
        if kind.startswith("TIMESTAMP WITH TIME ZONE"):
            title += " (WITA)"
        titles.append(title)
    return titles


def _excel_value(value, kind: str):
    """A value as the XLSX holds it: exact numbers, text escaped, times in WITA without a zone."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(WITA).replace(tzinfo=None)
    if isinstance(value, str):
        return safe_cell(value)
    return value


def _number_format(table: str, name: str, kind: str, values: list) -> str | None:
    if kind.startswith("DECIMAL"):
        scale = int(kind.rstrip(")").split(",")[1])
        if all(v is None or v == v.to_integral_value() for v in values):
            return "#,##0"
        return "#,##0.00" if scale <= 2 else "#,##0.00##"
    if kind in ("INTEGER", "BIGINT", "SMALLINT", "HUGEINT"):
        described = dictionary().get(table)
        column = described.columns.get(name) if described else None
        return "#,##0" if column and column.satuan in COUNT_UNITS else "0"
    if kind == "DATE":
        return "dd/mm/yyyy"
    if kind.startswith("TIMESTAMP"):
        return "dd/mm/yyyy hh:mm:ss"
    return None


def _width(title: str, name: str, values: list) -> float:
    longest = max([len(title), len(name)] + [len(_shown(v)) for v in values[:2000]])
    return float(min(max(longest + 2, 8), 60))


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return "dd/mm/yyyy hh:mm:ss"
    return str(value)


def _write_xlsx(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    tables: list[TableExport],
    queries: dict,
    scope: dict,
    info: dict,
    sample: bool,
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    field_font = Font(italic=True, color="666666")
    fill = PatternFill("solid", fgColor="DDEBF7")
    workbook = Workbook(write_only=True)
    about = workbook.create_sheet("keterangan")
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    about.column_dimensions["C"].width = 14
    published = info["dipublikasikan_pada"]
    wita = datetime.fromisoformat(published).astimezone(WITA).strftime("%d-%m-%Y %H:%M WITA") if published else "-"
    scope_text = (
        "seluruh gudang data" if scope["jenis"] == "semua" else f"{scope['jenis']} {scope['kode']} {scope['nama']}"
    )
    header = WriteOnlyCell(about, value="Ekspor Monev Kinerja (Rencana Aksi kecamatan)")
    header.font = Font(bold=True, size=14)
    about.append([header])
    about.append(["Cakupan", scope_text])
    about.append(["ID refresh", info["run_id"]])
    about.append(["Dipublikasikan pada", wita])
    about.append(
        [
            "Data sampel",
            "YA: sebagian baris adalah DATA SAMPEL (buatan, bukan data resmi); lihat kolom `sampel`."
            if sample
            else "Tidak ada baris dari data sampel.",
        ]
    )
    about.append(
        [
            "Angka",
            "Uang dalam rupiah, tepat seperti di gudang data. Pemisah ribuan mengikuti bahasa Excel/LibreOffice "
            "(Indonesia: 2.758.235.300). Sel kosong = tidak diketahui (bukan nol).",
        ]
    )
    about.append(
        ["Teks", "Teks yang diawali =, +, - atau @ diberi tanda petik (') agar tidak dijalankan sebagai rumus."]
    )
    about.append([])
    about.append(
        [_cell(about, "Lembar", bold, fill), _cell(about, "Isi", bold, fill), _cell(about, "Jumlah baris", bold, fill)]
    )
    for t in tables:
        described = dictionary().get(t.name)
        rows_cell = WriteOnlyCell(about, value=t.rows)
        rows_cell.number_format = "#,##0"
        about.append([t.name, described.description if described else "", rows_cell])

    for t in tables:
        query, params, columns = queries[t.name]
        records = con.execute(query, params).fetchall()
        sheet = workbook.create_sheet(t.name[:31])
        names = list(columns)
        kinds = list(columns.values())
        titles = _titles(t.name, columns)
        formats = []
        for i, (name, kind) in enumerate(columns.items()):
            values = [r[i] for r in records]
            formats.append(_number_format(t.name, name, kind, values))
            sheet.column_dimensions[get_column_letter(i + 1)].width = _width(titles[i], name, values)
        sheet.freeze_panes = "A3"
        last = get_column_letter(len(names))
        sheet.auto_filter.ref = f"A2:{last}{len(records) + HEADER_ROWS}"
        sheet.append([_cell(sheet, title, bold, fill) for title in titles])
        sheet.append([_cell(sheet, name, field_font) for name in names])
        for record in records:
            row = []
            for value, kind, fmt in zip(record, kinds, formats, strict=True):
                value = _excel_value(value, kind)
                if fmt is not None and value is not None:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = fmt
                    row.append(cell)
                else:
                    row.append(value)
            sheet.append(row)
    tmp = path.with_name(f".{path.name}.tmp")
    workbook.save(tmp)
    tmp.replace(path)


def _cell(sheet, value, font, fill=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell
