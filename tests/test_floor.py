"""The floor of the benchmark (orchestration/bench/floor.sql): DuckDB alone builds the same published
marts as the whole pipeline from the same valid files, and parses Indonesian numbers into DECIMAL."""

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import project_env, seeds_copy
from orchestration.bench.floor import build_floor, helpers_sql
from orchestration.domain.codes import CodeFormatError, parse_code
from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target

pytestmark = pytest.mark.xdist_group("floor")

REPO = Path(__file__).resolve().parents[1]
PYTHON = REPO / ".venv" / "bin" / "python"
# Two generated kecamatan: every kind of file, and a kabupaten with more than one kecamatan to rank.
KECAMATAN = ("73.24.01", "73.24.02")
# Mart columns left out of the equivalence test, with the reason. None: the floor reproduces every
# column, provenance included (berkas_id from read_blob + sha256).
EXCLUDED: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def fixture_files(tmp_path_factory) -> Path:
    """The valid sample files of KECAMATAN (no _v2 re-submission: those are the deliberately defective ones)."""
    files = tmp_path_factory.mktemp("floor_files")
    for kw in KECAMATAN:
        for path in sorted((REPO / "seeds" / "sampel").glob(f"*_{kw}_2024*.csv")):
            if "_v" not in path.stem.split("_2024", 1)[1]:
                shutil.copy2(path, files / path.name)
    names = sorted(p.name for p in files.iterdir())
    assert len(names) == 7 * len(KECAMATAN), names  # rencana, kinerja, ikm, realisasi tw1-tw4
    return files


@pytest.fixture(scope="module")
def floor_db(fixture_files, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("floor_out") / "floor.duckdb"
    counts = build_floor(fixture_files, REPO / "seeds" / "referensi", out)
    return out, counts


@pytest.fixture(scope="module")
def published(fixture_files, tmp_path_factory) -> Path:
    """The real refresh on the same files: seeds with the reference data, an empty corrections log, no
    dokumen and the fixture files as sampel. Returns the published warehouse."""
    root = tmp_path_factory.mktemp("floor_pipeline")
    seeds = seeds_copy(root / "seeds", sample_kecamatan=KECAMATAN)
    shutil.rmtree(seeds / "dokumen")
    (seeds / "dokumen").mkdir()
    header = (REPO / "seeds" / "koreksi.csv").read_text(encoding="utf-8").splitlines()[0]
    (seeds / "koreksi.csv").write_text(header + "\n", encoding="utf-8")
    for path in (seeds / "sampel").glob("*.csv"):
        path.unlink()
    for path in fixture_files.iterdir():
        shutil.copy2(path, seeds / "sampel" / path.name)
    home = root / "home"
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    run = subprocess.run([python, "-m", "orchestration.cli", "refresh"], cwd=REPO, env=project_env(home, seeds),
                         capture_output=True, text=True, timeout=600)
    warehouse = home / "warehouse" / "monev.duckdb"
    assert run.returncode == 0 and warehouse.exists(), run.stdout + run.stderr
    return warehouse


def _columns(con, database: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = 'marts' and table_name = ? order by column_index",
        [database, table]).fetchall()


def test_floor_equals_published_marts(published, floor_db):
    out, counts = floor_db
    required = {"dim_kecamatan", "fct_rencana_tahunan", "fct_rencana_triwulan", "fct_realisasi_triwulan",
                "mart_capaian_triwulan", "mart_ikm", "mart_kinerja_utama", "mart_kabupaten_triwulan",
                "mart_program_kabupaten"}
    assert required <= set(counts), required - set(counts)
    con = duckdb.connect()
    try:
        con.execute(f"attach '{published}' as pub (read_only)")
        con.execute(f"attach '{out}' as floor (read_only)")
        differences = []
        for table in sorted(counts):
            pub_columns, floor_columns = _columns(con, "pub", table), _columns(con, "floor", table)
            assert pub_columns, f"{table} is not a published mart"
            skipped = EXCLUDED.get(table, set())
            # Same names, order and types (DECIMAL(18,2) money against DECIMAL(18,2) money).
            assert [c for c in floor_columns if c[0] not in skipped] == \
                [c for c in pub_columns if c[0] not in skipped], table
            shared = ", ".join(f'"{name}"' for name, _ in floor_columns if name not in skipped)
            pub_rows = con.execute(f"select count(*) from pub.marts.{table}").fetchone()[0]
            assert counts[table] == pub_rows, (table, counts[table], pub_rows)
            assert counts[table] > 0, table
            for left, right in (("pub", "floor"), ("floor", "pub")):
                extra = con.execute(f"select {shared} from {left}.marts.{table} "
                                    f"except all select {shared} from {right}.marts.{table}").fetchall()
                if extra:
                    differences.append(f"{table}: {len(extra)} rows only in {left}, e.g. {extra[:2]}")
        assert not differences, "\n".join(differences)
    finally:
        con.close()


@pytest.fixture(scope="module")
def helpers():
    con = duckdb.connect()
    con.execute(helpers_sql())
    yield con
    con.close()


@pytest.mark.parametrize("text, expected", [
    ("1.275.442.000", Decimal("1275442000")),
    ("1.000.000,00", Decimal("1000000")),
    ("1.378.000,5", Decimal("1378000.50")),
    ("925", Decimal("925")),
    ("0", Decimal("0")),
    ("Rp 1.378.000", Decimal("1378000")),
    ("38.290.00", None),      # a printed typo: not a number
    ("1,378,000", None),      # English grouping
    ("1.000,505", None),      # more than two decimals of a rupiah
    ("31.015.1250", None),
])
def test_rupiah_parsing(helpers, text, expected):
    value, kind = helpers.execute("select rupiah(?), typeof(rupiah(?))", [text, text]).fetchone()
    assert kind == "DECIMAL(18,2)"
    assert value == expected
    try:  # and the pipeline's own parser agrees
        assert parse_rupiah(text) == expected
    except NumberFormatError:
        assert expected is None


@pytest.mark.parametrize("text, expected", [
    ("12,5", Decimal("12.5")),
    ("100%", Decimal("100")),
    ("100 %", Decimal("100")),
    ("5 Lembaga Kemasyarakatan", Decimal("5")),
    ("12 Laporan", Decimal("12")),
    ("16 Orang/ Bulan", Decimal("16")),
    ("1.000 Dokumen", Decimal("1000")),
    ("3", Decimal("3")),
    ("1,5 %", Decimal("1.5")),
    ("1.5", None),            # '.' groups thousands: one decimal after '.' is not a number
    ("satu", None),
])
def test_target_parsing(helpers, text, expected):
    value, kind = helpers.execute("select target_angka(?), typeof(target_angka(?))", [text, text]).fetchone()
    assert kind == "DECIMAL(18,4)"
    assert value == expected
    try:
        assert parse_target(text).value == expected
    except NumberFormatError:
        assert expected is None


@pytest.mark.parametrize("text", ["7.01.02", "7.01.02.2.04", "7.01.02.2.04.0003", "7.01.02.2.04.03",
                                  " 7.01.02.2.04.X001 ", "7.01.02.1.04", "7.1.02", "kode"])
def test_code_parsing_agrees_with_the_pipeline(helpers, text):
    row = helpers.execute("select kode_normal(kode_bagian(?)), kode_level(kode_bagian(?)), kode_induk(kode_bagian(?))",
                          [text, text, text]).fetchone()
    try:
        code = parse_code(text)
        assert row == (code.kode, code.level, code.kode_induk)
    except CodeFormatError:
        assert row == (None, None, None)


def test_capaian_kategori_serapan_by_hand(helpers):
    row = helpers.execute("""select capaian(2, 4, 'naik'), kategori(capaian(2, 4, 'naik')),
                                    capaian(3, 4, 'turun'), capaian(9, 4, 'turun'), capaian(1, 0, 'naik'),
                                    kategori(90.99), kategori(91), serapan(414069000.00, 450354000.00)""").fetchone()
    assert row == (Decimal("50.00"), "Sangat Kurang", Decimal("125.00"), Decimal("0.00"), None,
                   "Baik", "Sangat Baik", Decimal("91.94"))


def test_percentages_round_half_away_from_zero_exactly(helpers):
    """8,145 % is 8,15, 90,995 % is 91,00 and (2 x 20.000 - 20.001) / 20.000 = 99,995 % is 100,00."""
    row = helpers.execute("""select serapan(1629000.00, 20000000.00), capaian(18199, 20000, 'naik'),
                                    kategori(capaian(18199, 20000, 'naik')), capaian(1, 3, 'naik'),
                                    capaian(20001, 20000, 'turun'),
                                    serapan(9999999999999999.99::decimal(18, 2), 9999999999999999.99::decimal(18, 2)),
                                    serapan(117498900000000.00::decimal(18, 2), 234997800000000.00::decimal(18, 2))
                           """).fetchone()
    assert row == (Decimal("8.15"), Decimal("91.00"), "Sangat Baik", Decimal("33.33"), Decimal("100.00"),
                   Decimal("100.00"), Decimal("50.00"))  # the largest DECIMAL(18, 2) amounts do not overflow


def test_money_is_decimal_never_double(floor_db):
    out, _ = floor_db
    con = duckdb.connect(str(out), read_only=True)
    try:
        columns = con.execute("select table_name, column_name, data_type from information_schema.columns "
                              "where table_schema = 'marts'").fetchall()
    finally:
        con.close()
    money = [(t, c, d) for t, c, d in columns  # *_terbit: the text as printed, beside the value
             if c.startswith(("pagu", "realisasi_anggaran")) and not c.endswith("_terbit")]
    assert {t for t, _, _ in money} >= {"fct_rencana_tahunan", "fct_rencana_triwulan", "fct_realisasi_triwulan",
                                        "mart_capaian_triwulan", "mart_kabupaten_triwulan", "mart_program_kabupaten"}
    assert all(d == "DECIMAL(18,2)" for _, _, d in money), [m for m in money if m[2] != "DECIMAL(18,2)"]
    assert not [(t, c, d) for t, c, d in columns if d in ("DOUBLE", "FLOAT", "REAL")]


def test_floor_refuses_more_than_one_version(fixture_files, tmp_path):
    files = tmp_path / "files"
    shutil.copytree(fixture_files, files)
    shutil.copy2(files / "realisasi_73.24.01_2024_tw1.csv", files / "realisasi_73.24.01_2024_tw1_v2.csv")
    with pytest.raises(duckdb.Error, match="one version per key"):
        build_floor(files, REPO / "seeds" / "referensi", tmp_path / "floor.duckdb")


def test_floor_reads_what_the_scale_generator_writes(tmp_path):
    """The floor and `monev generate` share the submission formats: the benchmark runs one on the other."""
    from orchestration.sample.scale import generate
    from orchestration.settings import SEEDS_DIR

    files = tmp_path / "files"
    generate(3, 2025, files)
    plan_rows = {p.name.split("_")[1]: len(p.read_text(encoding="utf-8").splitlines()) - 1
                 for p in files.glob("rencana_*.csv")}
    counts = build_floor(files, SEEDS_DIR / "referensi", tmp_path / "floor.duckdb")
    assert counts["fct_rencana_tahunan"] == sum(plan_rows.values())
    assert counts["fct_rencana_triwulan"] == 4 * sum(plan_rows.values())
    with duckdb.connect(str(tmp_path / "floor.duckdb"), read_only=True) as con:
        per_kecamatan = dict(con.execute("select kode_wilayah, count(*) from marts.mart_capaian_triwulan "
                                         "where tahun = 2025 group by 1").fetchall())
        assert per_kecamatan == {kw: 4 * n for kw, n in plan_rows.items()}
        assert con.execute("select count(distinct kode_wilayah) from marts.mart_ikm where tahun = 2025").fetchone()[0] == 3


def test_mean_capaian_is_exact(helpers):
    """(90,99 + 91,00) / 2 = 90,995 is 91,00, the mean of 66,67, 100 and 83,33 is 83,33; nulls are left out."""
    first = helpers.execute("select rata_rata(x) from (values (90.99::decimal(10, 2)), (91.00), (null)) v(x)").fetchone()
    second = helpers.execute("select rata_rata(x) from (values (66.67::decimal(10, 2)), (100.00), (83.33)) v(x)").fetchone()
    assert (first, second) == ((Decimal("91.00"),), (Decimal("83.33"),))
