"""End to end: `monev refresh` runs the real Dagster job (ingest, dbt, Great Expectations, publish)
in a temporary MONEV_HOME, and the published warehouse matches the Kalaena document at every level."""

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from decimal import Decimal

import duckdb
import pytest
from conftest import GOOD_PLAN, copy_home, plan_with, run_refresh, seeds_copy, write_plan

pytestmark = pytest.mark.e2e  # runs monev refresh

MONEV = [sys.executable, "-m", "orchestration.cli"]

# Annual pagu per node as printed in the RKT (Tabel 3.1), after the corrections log:
# 7.01.04.2.02 (audit R4), 7.01.01.2.06 (R10) and the four 7.01.01.2.08 sub-kegiatan (R12, the RA amounts).
RKT = {
    "7.01.02": 4_570_000,
    "7.01.02.2.04": 4_570_000,
    "7.01.02.2.04.X001": 4_570_000,
    "7.01.03": 96_774_000,
    "7.01.03.2.01": 96_774_000,
    "7.01.03.2.01.0001": 10_893_500,
    "7.01.03.2.01.0003": 85_880_500,
    "7.01.04": 21_349_000,
    "7.01.04.2.01": 19_340_000,
    "7.01.04.2.01.0001": 12_523_000,
    "7.01.04.2.01.X001": 6_817_000,
    "7.01.04.2.02": 2_009_000,
    "7.01.04.2.02.0001": 2_009_000,
    "7.01.05": 22_571_000,
    "7.01.05.2.01": 22_571_000,
    "7.01.05.2.01.X001": 22_571_000,
    "7.01.06": 22_328_000,
    "7.01.06.2.01": 22_328_000,
    "7.01.06.2.01.X001": 11_857_500,
    "7.01.06.2.01.0018": 10_470_500,
    "7.01.01": 2_590_643_300,
    "7.01.01.2.01": 33_146_700,
    "7.01.01.2.01.0001": 14_271_500,
    "7.01.01.2.01.0002": 5_303_000,
    "7.01.01.2.01.0004": 5_248_200,
    "7.01.01.2.01.0007": 8_324_000,
    "7.01.01.2.02": 1_874_097_250,
    "7.01.01.2.02.0001": 1_851_842_950,
    "7.01.01.2.02.0007": 22_254_300,
    "7.01.01.2.03": 13_340_000,
    "7.01.01.2.03.0006": 13_340_000,
    "7.01.01.2.04": 13_094_000,
    "7.01.01.2.04.0007": 13_094_000,
    "7.01.01.2.05": 34_795_500,
    "7.01.01.2.05.0003": 5_125_500,
    "7.01.01.2.05.0011": 29_670_000,
    "7.01.01.2.06": 310_151_250,
    "7.01.01.2.06.0001": 1_790_000,
    "7.01.01.2.06.0004": 3_061_250,
    "7.01.01.2.06.0005": 10_250_000,
    "7.01.01.2.06.0006": 5_880_000,
    "7.01.01.2.06.0008": 114_400_000,
    "7.01.01.2.06.0009": 174_770_000,
    "7.01.01.2.07": 54_150_000,
    "7.01.01.2.07.0006": 26_000_000,
    "7.01.01.2.07.0010": 28_150_000,
    "7.01.01.2.08": 222_460_600,
    "7.01.01.2.08.0001": 9_119_000,
    "7.01.01.2.08.0002": 36_441_600,
    "7.01.01.2.08.0003": 5_900_000,
    "7.01.01.2.08.0004": 171_000_000,
    "7.01.01.2.09": 35_408_000,
    "7.01.01.2.09.0002": 21_968_000,
    "7.01.01.2.09.0006": 10_690_000,
}
# Quarterly program pagu as printed in the Rencana Aksi (7.01.01 TW4 derived in the corrections log).
RA_PROGRAM = {
    "7.01.02": [1_378_000, 1_018_000, 1_120_000, 1_054_000],
    "7.01.03": [41_139_000, 16_682_500, 22_270_000, 16_682_500],
    "7.01.04": [6_394_000, 4_915_000, 5_125_000, 4_915_000],
    "7.01.05": [4_483_500, 6_000_000, None, None],
    "7.01.06": [None, None, None, None],
    "7.01.01": [1_168_598_675, 732_480_487, 364_257_394, 325_306_744],
}


def refresh(home, seeds):
    return run_refresh(home, seeds)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def published(kalaena_published):
    return kalaena_published


@pytest.fixture(scope="module")
def home(published):
    """The shared published home: read it only (tests that refresh again work on a copy)."""
    return published[0]


@pytest.fixture(scope="module")
def first_run(published):
    return published[2]


@pytest.fixture
def own_home(published, tmp_path):
    """A private copy of the published home and its seeds, for a test that sends files and refreshes again."""
    return copy_home(published[0], tmp_path / "monev_home"), published[1]


def warehouse(home):
    return duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True)


def test_refresh_publishes_kalaena(first_run, home):
    assert first_run.returncode == 0, first_run.stdout + first_run.stderr
    assert (home / "warehouse" / "monev.duckdb").exists()
    summary = [line for line in first_run.stdout.splitlines() if line.startswith("73.24.10")]
    assert len(summary) == 1
    assert "2.758.235.300" in summary[0] and summary[0].endswith("  diterbitkan")


def test_accepted_exceptions_are_warnings_in_the_summary(first_run):
    out = first_run.stdout
    assert "Galat yang menahan publikasi" not in out
    r13 = [line for line in out.splitlines() if "7.01.01.2.09, kolom pagu:" in line]
    assert len(r13) == 1 and r13[0].strip().startswith(
        "PERINGATAN rencana_73.24.10_2024.csv, baris 53, 7.01.01.2.09, kolom pagu: pagu program/kegiatan sama "
        "dengan jumlah pagu di bawahnya: seharusnya 35.408.000, pagu kegiatan ini; ditemukan 32.658.000, jumlah 2 "
        "sub-kegiatan (selisih 2.750.000) (pengecualian yang diterima: Audit R13: kedua sub-kegiatan yang tercetak "
        "berjumlah 32.658.000"
    )


def test_conflicting_ikm_targets_are_a_warning(first_run):
    # domain reference O1: IKM 2024 is 90 in Tabel 2.1 but 95 in the IKU table and the Perjanjian Kinerja
    assert (
        "PERINGATAN kinerja_73.24.10_2024.csv, baris 4, ikm, kolom target: satu indikator punya satu target "
        "per tahun di setiap tabel: seharusnya target 2024 yang sama di setiap tabel untuk 'Indeks Kepuasan "
        "Masyarakat (IKM)'; ditemukan tujuan_sasaran 90, iku 95, perjanjian_kinerja 95" in first_run.stdout
    )


def test_annual_pagu_matches_the_rkt_at_every_level(first_run, home):
    with warehouse(home) as con:
        rows = dict(
            con.execute(
                "select kode, pagu from marts.fct_rencana_tahunan where kode_wilayah = '73.24.10' and tahun = 2024"
            ).fetchall()
        )
        levels = dict(con.execute("select level, count(*) from marts.fct_rencana_tahunan group by level").fetchall())
    assert rows == {k: Decimal(v) for k, v in RKT.items()}
    assert all(isinstance(v, Decimal) for v in rows.values())
    assert levels == {"program": 6, "kegiatan": 15, "sub_kegiatan": 33}


def test_quarterly_program_pagu_matches_the_rencana_aksi(first_run, home):
    with warehouse(home) as con:
        got = con.execute(
            "select kode, list(pagu order by triwulan) from marts.fct_rencana_triwulan "
            "where level = 'program' group by kode"
        ).fetchall()
    assert {k: [None if v is None else int(v) for v in q] for k, q in got} == RA_PROGRAM


def test_published_and_corrected_values_are_both_kept(first_run, home):
    with warehouse(home) as con:
        adm = con.execute(
            "select pagu, pagu_terbit, dikoreksi from marts.fct_rencana_tahunan where kode = '7.01.01.2.06'"
        ).fetchone()
        r4 = con.execute(
            "select uraian, uraian_terbit, pagu, pagu_terbit from marts.fct_rencana_tahunan where kode = '7.01.04.2.02'"
        ).fetchone()
        log = con.execute(
            "select count(*) filter (where jenis = 'koreksi'), count(*) filter "
            "(where jenis = 'pengecualian') from marts.fct_koreksi"
        ).fetchone()
        sources = con.execute("select distinct sumber from marts.fct_rencana_triwulan").fetchall()
    assert adm == (Decimal("310151250.00"), "31.015.1250", True)
    assert r4 == (
        "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
        "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
        Decimal("2009000.00"),
        "19.340.000",
    )
    assert log[0] > 0 and log[1] > 0
    assert sources == [("dokumen",)]


def test_strategic_targets_are_published(first_run, home):
    with warehouse(home) as con:
        pk = con.execute(
            "select indikator, target from marts.fct_target_kinerja where tabel = 'perjanjian_kinerja' order by no_urut"
        ).fetchall()
        renstra_ikm = con.execute(
            "select list(target order by tahun_target) from marts.fct_target_kinerja "
            "where tabel = 'tujuan_sasaran' and no_urut = 1"
        ).fetchone()[0]
    assert [int(t) for _, t in pk] == [95, 98]
    assert [int(t) for t in renstra_ikm] == [85, 87, 90, 95, 98]


@pytest.fixture(scope="module")
def second_refresh(published, tmp_path_factory):
    """A second refresh of a copy of the published home, after one good plan (73.24.01) and one that does not add
    up (73.24.02) arrived, while an analyst holds the warehouse open read-only: the reader's row counts before
    and after, and the refresh."""
    home = copy_home(published[0], tmp_path_factory.mktemp("second") / "monev_home")
    write_plan(home / "inbox" / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    write_plan(
        home / "inbox" / "rencana_73.24.02_2024.csv",
        plan_with({"7.01.03": {"pagu": "1.200.000", "pagu_tw1": "600.000"}}),
    )
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(home / "warehouse" / "monev.duckdb")!r}, read_only=True)
            count = lambda: con.execute('select count(*) from marts.fct_rencana_tahunan').fetchone()[0]
            print(count(), flush=True)
            sys.stdin.readline()
            print(count(), flush=True)
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        before = reader.stdout.readline().strip()
        run = refresh(home, published[1])
        reader.stdin.write("\n")
        reader.stdin.flush()
        after = reader.stdout.readline().strip()
    finally:
        reader.kill()
    return home, run, (before, after)


def test_reader_keeps_its_snapshot_while_a_refresh_publishes(second_refresh):
    """An analyst holds the warehouse open read-only; the refresh still succeeds and replaces it."""
    home, run, (before, after) = second_refresh
    assert run.returncode == 0, run.stdout + run.stderr
    assert (before, after) == ("54", "54")  # the old snapshot, consistent
    with warehouse(home) as con:
        assert con.execute("select count(*) from marts.fct_rencana_tahunan").fetchone()[0] == 58  # 54 + 73.24.01
    assert (home / "warehouse" / "monev.previous.duckdb").exists()


def test_a_bad_plan_version_is_quarantined_and_the_others_publish(second_refresh):
    """A plan that does not add up is left out (with its reasons); every other kecamatan publishes."""
    home, run, _ = second_refresh
    assert run.returncode == 0, run.stdout + run.stderr
    assert (
        "GALAT rencana_73.24.02_2024.csv, baris 2, 7.01.03, kolom pagu: pagu program/kegiatan sama dengan "
        "jumlah pagu di bawahnya: seharusnya 1.200.000, pagu program ini; ditemukan 1.000.000, jumlah 1 "
        "kegiatan (selisih 200.000)" in run.stdout
    )
    with warehouse(home) as con:
        published = dict(
            con.execute("select kode_wilayah, count(*) from marts.fct_rencana_tahunan group by all").fetchall()
        )
        state = con.execute(
            "select status from marts.fct_versi_kiriman where nama_berkas = 'rencana_73.24.02_2024.csv'"
        ).fetchall()
    assert published == {"73.24.10": 54, "73.24.01": 4}
    assert state == [("dikarantina",)]
    summary = [line for line in run.stdout.splitlines() if line.startswith("73.24.02")]
    assert len(summary) == 1 and summary[0].endswith("TIDAK diterbitkan")


def test_a_blocking_failure_leaves_the_published_warehouse_byte_for_byte(own_home, tmp_path):
    """A broken nomenclature would corrupt every rollup: the audit blocks and nothing is replaced."""
    home, _ = own_home

    def published_files():
        return {p.name: sha256(p) for p in (home / "warehouse").glob("*.duckdb")}

    before = published_files()
    assert "monev.duckdb" in before
    seeds = seeds_copy(tmp_path / "seeds", sample_kecamatan=("73.24.10",))
    nomenklatur = seeds / "referensi" / "nomenklatur.csv"
    lines = nomenklatur.read_text().splitlines(keepends=True)
    nomenklatur.write_text("".join(line for line in lines if not line.startswith("7.01.03.2.01,")))
    bad = refresh(home, seeds)
    assert bad.returncode == 1
    assert "TIDAK diterbitkan: gudang data" in bad.stdout
    assert (
        "7.01.03.2.01.0001, kolom kode_induk: nomenklatur berbentuk pohon: setiap kegiatan dan sub-kegiatan "
        "punya induk satu tingkat di atasnya: seharusnya induk 7.01.03.2.01 ada dalam nomenklatur; ditemukan "
        "7.01.03.2.01 tidak ada" in bad.stdout
    )
    assert published_files() == before


def test_dbt_unit_tests_pass_on_the_build(home, tmp_path):
    """The dbt unit tests beside the models (rules, cell states, capaian, serapan, ranks, IKM) run on their own
    (the refresh leaves them out: they test the models' SQL, not the data)."""
    from orchestration.warehouse.dbt import run_dbt

    with warehouse(home) as con:  # the build behind the published warehouse has every model
        [(run_id,)] = con.execute("select distinct run_id from marts.publikasi").fetchall()
    build_db = tmp_path / "build" / "build.duckdb"
    build_db.parent.mkdir()
    shutil.copy(home / "build" / run_id / "build.duckdb", build_db)
    result = run_dbt(
        ["test", "--vars", json.dumps({"apply_corrections": True}), "--select", "test_type:unit"],
        build_db,
        cache_dir=tmp_path / "cache",
    )
    assert result.success, result.errors
    manifest = json.loads((build_db.parent / "dbt_target" / "manifest.json").read_text())
    passed = [e for e in result.events if e["info"]["name"] == "LogTestResult" and e["data"]["status"] == "pass"]
    assert len(manifest["unit_tests"]) >= 10 and len(passed) == len(manifest["unit_tests"])


def test_dbt_opens_the_build_with_the_memory_limit_of_monev_duckdb_memory(tmp_path, monkeypatch):
    """The build's DuckDB memory limit (MONEV_DUCKDB_MEMORY, the profile's config_options) is the database's
    own, set when dbt opens it: a query run by dbt sees it."""
    from orchestration.warehouse.dbt import run_dbt

    monkeypatch.setenv("MONEV_DUCKDB_MEMORY", "1536MB")  # DuckDB shows 1536 MB (10^6 bytes) as 1.4 GiB
    result = run_dbt(
        [
            "show",
            "--vars",
            json.dumps({"apply_corrections": True}),
            "--inline",
            "select current_setting('memory_limit')",
        ],
        tmp_path / "build.duckdb",
        target_dir=tmp_path / "target",
    )
    assert result.success, result.errors
    [shown] = [e["data"]["preview"] for e in result.events if e["info"]["name"] == "ShowNode"]
    assert "1.4 GiB" in shown, shown
