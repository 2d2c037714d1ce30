"""`monev ekspor`: the XLSX re-read with openpyxl and the Parquet read back with DuckDB equal the marts."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import pytest

from orchestration.warehouse.ekspor import WITA, EksporError, ekspor, original_text, safe_cell, scope_of


def _xlsx_value(value, kind: str):
    """What the exported cell must hold for a mart value (money exact: an int when whole)."""
    if value is None or value == "":
        return None  # an empty text is an empty cell, as NULL is (a spreadsheet keeps no empty string)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(WITA).replace(tzinfo=None)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _read_back(cell):
    if isinstance(cell, str):
        return original_text(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell))  # the digits written; a float that changed would differ from the mart
    return cell


def assert_xlsx_equals_marts(xlsx: Path, warehouse: Path, where: dict[str, tuple[str, list]]) -> int:
    book = openpyxl.load_workbook(xlsx)
    con = duckdb.connect(str(warehouse), read_only=True)
    checked = 0
    for table, (condition, params) in where.items():
        sheet = book[table]
        columns = con.execute(
            "select column_name, data_type from duckdb_columns() where schema_name = 'marts' and table_name = ? "
            "order by column_index",
            [table],
        ).fetchall()
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[1]) == [c for c, _ in columns], table
        assert sheet.freeze_panes == "A3"
        expected = [
            tuple(_xlsx_value(v, k) for v, (_, k) in zip(r, columns, strict=True))
            for r in con.execute(f"select * from marts.{table} where {condition}", params).fetchall()
        ]
        found = [tuple(_read_back(v) for v in r) for r in rows[2:]]
        for row in found:  # whole money is an int in the file, never a float
            for value, (_, kind) in zip(row, columns, strict=True):
                if kind == "DECIMAL(18,2)" and value is not None:
                    assert isinstance(value, int | Decimal), (table, value)
        key = lambda r: tuple((v is None, str(v)) for v in r)  # noqa: E731
        assert sorted(found, key=key) == sorted(expected, key=key), table
        checked += len(found)
    return checked


def test_scope_is_checked_with_indonesian_messages():
    assert scope_of("73.24.10", None) == {"jenis": "kecamatan", "kode": "73.24.10"}
    assert scope_of(None, "73.24") == {"jenis": "kabupaten", "kode": "73.24"}
    assert scope_of(None, None)["jenis"] == "semua"
    with pytest.raises(EksporError, match="seharusnya seperti 73.24.10; ditemukan '73.24.1'"):
        scope_of("73.24.1", None)
    with pytest.raises(EksporError, match="seharusnya seperti 73.24; ditemukan '7324'"):
        scope_of(None, "7324")


def test_formula_text_is_escaped_and_restored():
    for text in ('=HYPERLINK("http://x")', "+62 812", "-", "@SUM(A1)", "\tx"):
        assert safe_cell(text) == "'" + text and original_text(safe_cell(text)) == text
    assert safe_cell("7.01.01") == "7.01.01" and original_text("'biasa") == "'biasa"


@pytest.fixture
def small_warehouse(tmp_path) -> Path:
    """Two kecamatan of two kabupaten, money with and without sen, formula-like text, a time with a zone."""
    path = tmp_path / "monev.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute(
        "create table marts.dim_kecamatan as select * from (values ('73.24.10', 'Kalaena', '73.24', 'Luwu Timur'), "
        "('73.25.01', 'Lain', '73.25', 'Lain')) t(kode_wilayah, nama_kecamatan, kode_kabupaten, nama_kabupaten)"
    )
    con.execute(
        "create table marts.fct_rencana_tahunan (kode_wilayah varchar, tahun integer, kode varchar, uraian varchar, "
        "pagu decimal(18,2), target decimal(18,4), sampel boolean, diterima_pada timestamptz)"
    )
    con.execute(
        "insert into marts.fct_rencana_tahunan values "
        "('73.24.10', 2024, '7.01.01', '=1+1', 2590643300.00, 100, false, '2024-03-31 16:30:00+00'), "
        "('73.24.10', 2024, '7.01.02', '-', 1851842.95, 6.5, true, null), "
        "('73.24.10', 2025, '7.01.01', '@x', null, null, false, null), "
        "('73.25.01', 2024, '7.01.01', '+62', 12.34, 1, false, null)"
    )
    con.execute("create table marts.dim_periode as select 2024 as tahun, date '2024-01-01' as tanggal_mulai")
    con.execute(
        "create table marts.publikasi as select 'run-1' as run_id, "
        "timestamptz '2024-04-01 00:00:00+00' as dipublikasikan_pada, 'fct_rencana_tahunan' as tabel, 4 as jumlah_baris"
    )
    con.close()
    return path


def test_kecamatan_export_round_trips(small_warehouse, tmp_path):
    result = ekspor(small_warehouse, tmp_path / "out", kecamatan="73.24.10")
    rows = {t.name: t.rows for t in result.tables}
    assert rows == {"dim_kecamatan": 1, "dim_periode": 1, "fct_rencana_tahunan": 3, "publikasi": 1}
    where = {
        "fct_rencana_tahunan": ("kode_wilayah = ?", ["73.24.10"]),
        "dim_kecamatan": ("kode_wilayah = ?", ["73.24.10"]),
        "dim_periode": ("true", []),
        "publikasi": ("true", []),
    }
    assert assert_xlsx_equals_marts(result.xlsx, small_warehouse, where) == 6
    sheet = openpyxl.load_workbook(result.xlsx)["fct_rencana_tahunan"]
    # whole rupiah as an integer with the thousands format that an Indonesian-locale spreadsheet shows as
    # 2.758.235.300 (checked in LibreOffice Calc 7.4, locale id-ID); a column with sen gets two decimals
    assert sheet["E3"].value == 2590643300 and sheet["E3"].number_format == "#,##0.00"  # 1851842.95 has sen
    assert sheet["E4"].value == 1851842.95 and sheet["B3"].number_format == "0"  # a year: no separator
    assert sheet["D3"].value == "'=1+1" and sheet["D3"].data_type == "s"  # text, never a formula
    assert sheet["H3"].value == datetime(2024, 4, 1, 0, 30)  # 16:30 UTC = 00:30 WITA the next day
    assert sheet["H1"].value.endswith("(WITA)")
    manifest = json.loads(result.manifest.read_text())
    assert manifest["run_id"] == "run-1" and manifest["sampel"] is True
    assert manifest["cakupan"] == {"jenis": "kecamatan", "kode": "73.24.10", "nama": "Kalaena"}
    assert manifest["tabel"]["fct_rencana_tahunan"]["jumlah_baris"] == 3
    assert manifest["tabel"]["fct_rencana_tahunan"]["baris_sampel"] == 1
    # Parquet: partitioned by year and kabupaten, read back exactly
    folder = result.parquet / "fct_rencana_tahunan"
    assert sorted(p.relative_to(folder).parent.as_posix() for p in folder.rglob("*.parquet")) == [
        "tahun=2024/kode_kabupaten=73.24",
        "tahun=2025/kode_kabupaten=73.24",
    ]
    con = duckdb.connect(str(small_warehouse), read_only=True)
    back = con.execute(
        f"select * exclude (kode_kabupaten) from read_parquet('{folder}/**/*.parquet', hive_partitioning = false) "
        "order by tahun, kode"
    ).fetchall()
    assert (
        back
        == con.execute(
            "select * from marts.fct_rencana_tahunan where kode_wilayah = '73.24.10' order by tahun, kode"
        ).fetchall()
    )
    assert back[1][4] == Decimal("1851842.95")


def test_kabupaten_and_whole_exports_keep_their_rows(small_warehouse, tmp_path):
    kabupaten = ekspor(small_warehouse, tmp_path / "kab", kabupaten="73.25", xlsx=False)
    assert kabupaten.xlsx is None
    assert {t.name: t.rows for t in kabupaten.tables}["fct_rencana_tahunan"] == 1
    everything = ekspor(small_warehouse, tmp_path / "semua", parquet=False)
    assert everything.parquet is None and everything.scope["jenis"] == "semua"
    assert {t.name: t.rows for t in everything.tables}["fct_rencana_tahunan"] == 4
    with pytest.raises(EksporError, match="kabupaten 73.99 tidak ada"):
        ekspor(small_warehouse, tmp_path / "x", kabupaten="73.99")


@pytest.mark.e2e
def test_kalaena_export_equals_the_published_marts(kalaena_published, tmp_path, monkeypatch):
    from conftest import monev

    home, seeds, _ = kalaena_published
    warehouse = home / "warehouse" / "monev.duckdb"
    out = tmp_path / "ekspor"
    code, printed = monev(["ekspor", "--kecamatan", "73.24.10", "--out", str(out)], home, seeds, monkeypatch)
    assert code == 0, printed
    assert "Ekspor kecamatan 73.24.10 Kalaena" in printed and "DATA SAMPEL" in printed
    con = duckdb.connect(str(warehouse), read_only=True)
    tables = [
        r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    ]
    where = {}
    for table in tables:
        columns = {
            r[0]
            for r in con.execute("select column_name from duckdb_columns() where table_name = ?", [table]).fetchall()
        }
        where[table] = ("kode_wilayah = '73.24.10'", []) if "kode_wilayah" in columns else ("true", [])
    where["mart_program_kabupaten"] = ("kode_kabupaten = '73.24'", [])
    assert assert_xlsx_equals_marts(out / "monev_73.24.10.xlsx", warehouse, where) > 1000
    # the program totals in the sheet add up to Kalaena's total pagu, to the rupiah
    sheet = openpyxl.load_workbook(out / "monev_73.24.10.xlsx")["fct_rencana_tahunan"]
    header = [c.value for c in sheet[2]]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    pagu = [r[header.index("pagu")] for r in rows if r[header.index("level")] == "program"]
    assert all(isinstance(p, int) for p in pagu) and sum(pagu) == 2_758_235_300
    assert sheet.cell(1, header.index("pagu") + 1).value == "Pagu tahunan (Rp)"
    # Parquet back with DuckDB: the same rows as the mart, table by table
    manifest = json.loads((out / "manifest.json").read_text())
    run_id = con.execute("select any_value(run_id) from marts.publikasi").fetchone()[0]
    assert manifest["run_id"] == run_id and manifest["sampel"] is True
    for table in tables:
        condition, params = where[table]
        assert (
            manifest["tabel"][table]["jumlah_baris"]
            == con.execute(f"select count(*) from marts.{table} where {condition}", params).fetchone()[0]
        )
        extra = manifest["tabel"][table]["kolom_tambahan"]
        select = "select * exclude (kode_kabupaten)" if extra else "select *"
        back = f"{select} from read_parquet('{out}/parquet/{table}/**/*.parquet', hive_partitioning = false)"
        mart = f"select * from marts.{table} where {condition}"
        differs = con.execute(
            f"select count(*) from (({back}) except all ({mart})) union all "
            f"select count(*) from (({mart}) except all ({back}))",
            params + params,
        ).fetchall()
        assert differs == [(0,), (0,)], table
    assert (out / "parquet" / "fct_rencana_tahunan" / "tahun=2024" / "kode_kabupaten=73.24").is_dir()
    assert datetime.fromisoformat(manifest["dipublikasikan_pada"]) <= datetime.now(UTC)
