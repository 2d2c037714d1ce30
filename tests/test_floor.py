"""The floor of the benchmark (orchestration/bench/floor.sql): DuckDB alone builds the same published
marts as the whole pipeline from the same valid files, and parses Indonesian numbers into DECIMAL."""

import csv
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import run_refresh, seeds_copy

from orchestration.bench.floor import build_floor, helpers_sql
from orchestration.domain.codes import CodeFormatError, parse_code
from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("floor")]

REPO = Path(__file__).resolve().parents[1]
# Two generated kecamatan: every kind of file, and a kabupaten with more than one kecamatan to rank.
KECAMATAN = ("73.24.01", "73.24.02")
# Mart columns left out of the equivalence test, with the reason. None: the floor reproduces every
# column, provenance included (berkas_id from read_blob + sha256).
EXCLUDED: dict[str, set[str]] = {}

# The plan of the first kecamatan is made incomplete, as the real Kalaena plan is, so that the equivalence
# also covers what the marts do with missing cells: the TW3 target and pagu of program 7.01.05 and its
# kegiatan and sub-kegiatan are lost (hilang; the corrections log accepts them, as it does for Kalaena), and
# the printed zero quarters of kegiatan 7.01.01.2.07 and its sub-kegiatan are left empty (their other
# quarters add up to the year, so they are implied zeros: nol_tersirat).
INCOMPLETE_PLAN = "rencana_73.24.01_2024.csv"
LOST = dict.fromkeys(("7.01.05", "7.01.05.2.01", "7.01.05.2.01.X001"), ("target_tw3", "pagu_tw3"))
EMPTIED_ZEROS = ("7.01.01.2.07", "7.01.01.2.07.0006", "7.01.01.2.07.0010")
QUARTER_CELLS = tuple(f"{kind}_tw{q}" for q in (1, 2, 3, 4) for kind in ("target", "pagu"))


def _make_incomplete(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    emptied = 0
    for row in rows:
        for column in LOST.get(row["kode"], ()):
            row[column] = ""
        if row["kode"] in EMPTIED_ZEROS:
            for column in QUARTER_CELLS:
                if row[column].strip() == "0":
                    row[column], emptied = "", emptied + 1
    # 7.01.01.2.07: pagu TW3, TW4; .0006: target and pagu TW3, TW4; .0010: target and pagu TW1, TW3, TW4
    assert emptied == 2 + 4 + 6, emptied
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")  # one per test worker, kept across modules
def fixture_files(tmp_path_factory) -> Path:
    """The valid sample files of KECAMATAN (no _v2 re-submission: those are the deliberately defective ones)."""
    files = tmp_path_factory.mktemp("floor_files")
    for kw in KECAMATAN:
        for path in sorted((REPO / "seeds" / "sampel").glob(f"*_{kw}_2024*.csv")):
            if "_v" not in path.stem.split("_2024", 1)[1]:
                shutil.copy2(path, files / path.name)
    names = sorted(p.name for p in files.iterdir())
    assert len(names) == 7 * len(KECAMATAN), names  # rencana, kinerja, ikm, realisasi tw1-tw4
    _make_incomplete(files / INCOMPLETE_PLAN)
    return files


@pytest.fixture(scope="session")  # one per test worker, kept across modules
def floor_db(fixture_files, tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("floor_out") / "floor.duckdb"
    counts = build_floor(fixture_files, REPO / "seeds" / "referensi", out)
    return out, counts


@pytest.fixture(scope="session")  # one per test worker, kept across modules
def published(fixture_files, tmp_path_factory) -> Path:
    """The real refresh on the same files: seeds with the reference data, an empty corrections log, no
    dokumen and the fixture files as sampel. Returns the published warehouse."""
    root = tmp_path_factory.mktemp("floor_pipeline")
    seeds = seeds_copy(root / "seeds", sample_kecamatan=KECAMATAN)
    shutil.rmtree(seeds / "dokumen")
    (seeds / "dokumen").mkdir()
    header = (REPO / "seeds" / "koreksi.csv").read_text(encoding="utf-8").splitlines()[0]
    # the lost cells are accepted (rule rencana_lengkap), as the corrections log accepts Kalaena's; no value is
    # corrected, so the floor (which has no corrections log) computes the same marts
    accepted = "".join(
        f'{KECAMATAN[0]},2024,{code},,,,pengecualian,rencana_lengkap,"TW3 lost (test fixture).",test,2026-01-01,,,,'
        '"TW3 hilang (fixture uji).",\n'
        for code in LOST
    )
    (seeds / "koreksi.csv").write_text(header + "\n" + accepted, encoding="utf-8")
    for path in (seeds / "sampel").glob("*.csv"):
        path.unlink()
    for path in fixture_files.iterdir():
        shutil.copy2(path, seeds / "sampel" / path.name)
    home = root / "home"
    run = run_refresh(home, seeds)
    warehouse = home / "warehouse" / "monev.duckdb"
    assert run.returncode == 0 and warehouse.exists(), run.stdout + run.stderr
    return warehouse


def _columns(con, database: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = 'marts' and table_name = ? order by column_index",
        [database, table],
    ).fetchall()


def test_floor_equals_published_marts(published, floor_db):
    out, counts = floor_db
    required = {
        "dim_kecamatan",
        "fct_rencana_tahunan",
        "fct_rencana_triwulan",
        "fct_realisasi_triwulan",
        "mart_capaian_triwulan",
        "mart_ikm",
        "mart_kinerja_utama",
        "mart_kabupaten_triwulan",
        "mart_program_kabupaten",
    }
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
            assert [c for c in floor_columns if c[0] not in skipped] == [
                c for c in pub_columns if c[0] not in skipped
            ], table
            shared = ", ".join(f'"{name}"' for name, _ in floor_columns if name not in skipped)
            pub_rows = con.execute(f"select count(*) from pub.marts.{table}").fetchone()[0]
            assert counts[table] == pub_rows, (table, counts[table], pub_rows)
            assert counts[table] > 0, table
            for left, right in (("pub", "floor"), ("floor", "pub")):
                extra = con.execute(
                    f"select {shared} from {left}.marts.{table} except all select {shared} from {right}.marts.{table}"
                ).fetchall()
                if extra:
                    differences.append(f"{table}: {len(extra)} rows only in {left}, e.g. {extra[:2]}")
        assert not differences, "\n".join(differences)
    finally:
        con.close()


def _rupiah_sum(files: Path, kode_wilayah: str, kode: str, quarters) -> Decimal:
    total = Decimal(0)
    for q in quarters:
        with (files / f"realisasi_{kode_wilayah}_2024_tw{q}.csv").open(encoding="utf-8", newline="") as f:
            total += sum(parse_rupiah(r["realisasi_anggaran"]) for r in csv.DictReader(f) if r["kode"] == kode)
    return total


def test_the_published_marts_are_honest_about_the_lost_quarter(published, fixture_files):
    """The incomplete plan as published (the floor is compared with it above). By hand, program 7.01.05 of
    73.24.01 (annual pagu 25.959.000 in its plan file) has lost its TW3 target and pagu: serapan to date is null
    from TW3 on (the old sum of the known quarters divided TW1-TW3 realisasi by the TW1+TW2 pagu), serapan of
    the year = realisasi TW1..TW3 / 25.959.000; at TW4 the akhir target of TW4 is printed, so capaian to date is
    known again while serapan to date stays null. The kecamatan has no serapan rank at TW3 and TW4 and the other
    is ranked 1 of 1; both are ranked on serapan of the year. The emptied zeros are implied zeros: 0, not null."""
    with duckdb.connect(str(published), read_only=True) as con:
        rows = {
            q: r
            for q, *r in con.execute(
                "select triwulan, serapan_kumulatif_persen, serapan_tahunan_persen, capaian_kumulatif_persen, "
                "serapan_lengkap, catatan_kelengkapan from marts.mart_capaian_triwulan "
                "where kode_wilayah = ? and kode = '7.01.05' order by triwulan",
                [KECAMATAN[0]],
            ).fetchall()
        }
        ranks = con.execute(
            "select triwulan, kode_wilayah, peringkat_serapan, peringkat_serapan_tahunan, dasar_peringkat "
            "from marts.mart_kabupaten_triwulan order by triwulan, kode_wilayah"
        ).fetchall()
        zeros = con.execute(
            "select keadaan_pagu, pagu, count(*) from marts.fct_rencana_triwulan where kode_wilayah = ? "
            "and kode in ('7.01.01.2.07', '7.01.01.2.07.0006', '7.01.01.2.07.0010') and pagu_terbit is null "
            "group by all",
            [KECAMATAN[0]],
        ).fetchall()
    expected_year = (100 * _rupiah_sum(fixture_files, KECAMATAN[0], "7.01.05", (1, 2, 3)) / Decimal(25959000)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert rows[3][0] is None and rows[3][3] is False and rows[3][4] == "target TW3 hilang; pagu TW3 hilang"
    assert rows[3][1] == expected_year
    assert rows[4][0] is None and rows[4][2] is not None and rows[4][4] == "pagu TW3 hilang"
    assert rows[2][0] is not None and rows[2][3] is True and rows[2][4] is None
    by_quarter = {(q, kw): (p, pt, d) for q, kw, p, pt, d in ranks}
    for q in (3, 4):
        assert by_quarter[q, KECAMATAN[0]][0] is None and by_quarter[q, KECAMATAN[1]][0] == 1
        assert "serapan kumulatif 1 dari 2" in by_quarter[q, KECAMATAN[0]][2]
    assert all(by_quarter[q, kw][1] in (1, 2) for q in (1, 2, 3, 4) for kw in KECAMATAN)
    assert sorted(by_quarter[1, kw][0] for kw in KECAMATAN) == [1, 2]
    # the emptied pagu cells: 7.01.01.2.07 TW3, TW4; .0006 TW3, TW4; .0010 TW1, TW3, TW4 = 7 quarters
    assert zeros == [("nol_tersirat", Decimal("0.00"), 7)]


@pytest.fixture(scope="module")
def helpers():
    con = duckdb.connect()
    con.execute(helpers_sql())
    yield con
    con.close()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.275.442.000", Decimal("1275442000")),
        ("1.000.000,00", Decimal("1000000")),
        ("1.378.000,5", Decimal("1378000.50")),
        ("925", Decimal("925")),
        ("0", Decimal("0")),
        ("Rp 1.378.000", Decimal("1378000")),
        ("38.290.00", None),  # a printed typo: not a number
        ("1,378,000", None),  # English grouping
        ("1.000,505", None),  # more than two decimals of a rupiah
        ("31.015.1250", None),
    ],
)
def test_rupiah_parsing(helpers, text, expected):
    value, kind = helpers.execute("select rupiah(?), typeof(rupiah(?))", [text, text]).fetchone()
    assert kind == "DECIMAL(18,2)"
    assert value == expected
    try:  # and the pipeline's own parser agrees
        assert parse_rupiah(text) == expected
    except NumberFormatError:
        assert expected is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12,5", Decimal("12.5")),
        ("100%", Decimal("100")),
        ("100 %", Decimal("100")),
        ("5 Lembaga Kemasyarakatan", Decimal("5")),
        ("12 Laporan", Decimal("12")),
        ("16 Orang/ Bulan", Decimal("16")),
        ("1.000 Dokumen", Decimal("1000")),
        ("3", Decimal("3")),
        ("1,5 %", Decimal("1.5")),
        ("1.5", None),  # '.' groups thousands: one decimal after '.' is not a number
        ("satu", None),
    ],
)
def test_target_parsing(helpers, text, expected):
    value, kind = helpers.execute("select target_angka(?), typeof(target_angka(?))", [text, text]).fetchone()
    assert kind == "DECIMAL(18,4)"
    assert value == expected
    try:
        assert parse_target(text).value == expected
    except NumberFormatError:
        assert expected is None


@pytest.mark.parametrize(
    "text",
    [
        "7.01.02",
        "7.01.02.2.04",
        "7.01.02.2.04.0003",
        "7.01.02.2.04.03",
        " 7.01.02.2.04.X001 ",
        "7.01.02.1.04",
        "7.1.02",
        "kode",
    ],
)
def test_code_parsing_agrees_with_the_pipeline(helpers, text):
    row = helpers.execute(
        "select kode_normal(kode_bagian(?)), kode_level(kode_bagian(?)), kode_induk(kode_bagian(?))", [text, text, text]
    ).fetchone()
    try:
        code = parse_code(text)
        assert row == (code.kode, code.level, code.kode_induk)
    except CodeFormatError:
        assert row == (None, None, None)


def test_capaian_kategori_serapan_by_hand(helpers):
    row = helpers.execute("""select capaian(2, 4, 'naik'), kategori(capaian(2, 4, 'naik')),
                                    capaian(3, 4, 'turun'), capaian(9, 4, 'turun'), capaian(1, 0, 'naik'),
                                    kategori(90.99), kategori(91), serapan(414069000.00, 450354000.00)""").fetchone()
    assert row == (
        Decimal("50.00"),
        "Sangat Kurang",
        Decimal("125.00"),
        Decimal("0.00"),
        None,
        "Baik",
        "Sangat Baik",
        Decimal("91.94"),
    )


def test_percentages_round_half_away_from_zero_exactly(helpers):
    """8,145 % is 8,15, 90,995 % is 91,00 and (2 x 20.000 - 20.001) / 20.000 = 99,995 % is 100,00."""
    row = helpers.execute("""select serapan(1629000.00, 20000000.00), capaian(18199, 20000, 'naik'),
                                    kategori(capaian(18199, 20000, 'naik')), capaian(1, 3, 'naik'),
                                    capaian(20001, 20000, 'turun'),
                                    serapan(9999999999999999.99::decimal(18, 2), 9999999999999999.99::decimal(18, 2)),
                                    serapan(117498900000000.00::decimal(18, 2), 234997800000000.00::decimal(18, 2))
                           """).fetchone()
    assert row == (
        Decimal("8.15"),
        Decimal("91.00"),
        "Sangat Baik",
        Decimal("33.33"),
        Decimal("100.00"),
        Decimal("100.00"),
        Decimal("50.00"),
    )  # the largest DECIMAL(18, 2) amounts do not overflow


def test_money_is_decimal_never_double(floor_db):
    out, _ = floor_db
    con = duckdb.connect(str(out), read_only=True)
    try:
        columns = con.execute(
            "select table_name, column_name, data_type from information_schema.columns where table_schema = 'marts'"
        ).fetchall()
    finally:
        con.close()
    money = [
        (t, c, d)
        for t, c, d in columns  # *_terbit: the text as printed, beside the value
        if c.startswith(("pagu", "realisasi_anggaran")) and not c.endswith("_terbit")
    ]
    assert {t for t, _, _ in money} >= {
        "fct_rencana_tahunan",
        "fct_rencana_triwulan",
        "fct_realisasi_triwulan",
        "mart_capaian_triwulan",
        "mart_kabupaten_triwulan",
        "mart_program_kabupaten",
    }
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
    plan_rows = {
        p.name.split("_")[1]: len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in files.glob("rencana_*.csv")
    }
    counts = build_floor(files, SEEDS_DIR / "referensi", tmp_path / "floor.duckdb")
    assert counts["fct_rencana_tahunan"] == sum(plan_rows.values())
    assert counts["fct_rencana_triwulan"] == 4 * sum(plan_rows.values())
    with duckdb.connect(str(tmp_path / "floor.duckdb"), read_only=True) as con:
        per_kecamatan = dict(
            con.execute(
                "select kode_wilayah, count(*) from marts.mart_capaian_triwulan where tahun = 2025 group by 1"
            ).fetchall()
        )
        assert per_kecamatan == {kw: 4 * n for kw, n in plan_rows.items()}
        assert (
            con.execute("select count(distinct kode_wilayah) from marts.mart_ikm where tahun = 2025").fetchone()[0] == 3
        )


def test_mean_capaian_is_exact(helpers):
    """(90,99 + 91,00) / 2 = 90,995 is 91,00, the mean of 66,67, 100 and 83,33 is 83,33; nulls are left out."""
    first = helpers.execute(
        "select rata_rata(x) from (values (90.99::decimal(10, 2)), (91.00), (null)) v(x)"
    ).fetchone()
    second = helpers.execute(
        "select rata_rata(x) from (values (66.67::decimal(10, 2)), (100.00), (83.33)) v(x)"
    ).fetchone()
    assert (first, second) == ((Decimal("91.00"),), (Decimal("83.33"),))
