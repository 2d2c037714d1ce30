"""Realisasi and survey versions end to end: every blocking realisasi rule quarantines a bad
re-submission while the version accepted before it stays published."""

import csv
from decimal import Decimal

import duckdb
import pytest
from conftest import GOOD_PLAN, REALISASI_HEADER, monev, run_refresh, seeds_copy, write_plan

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("realisasi_e2e")]
# TW1 of the good plan: pagu 400.000 = 300.000 (sub 0001) + 100.000 (sub 0003).
GOOD_TW1 = [
    {"kode": "7.01.03", "realisasi_target": "100", "realisasi_anggaran": "380.000"},
    {"kode": "7.01.03.2.01", "realisasi_target": "100", "realisasi_anggaran": "380.000"},
    {"kode": "7.01.03.2.01.0001", "realisasi_target": "5", "realisasi_anggaran": "300.000"},
    {"kode": "7.01.03.2.01.0003", "realisasi_target": "2", "realisasi_anggaran": "80.000"},
]
BAD_V2 = {
    # kecamatan: (rows of the bad second version, the rule that must quarantine it)
    "73.24.01": (
        [
            {**r, "realisasi_anggaran": a}
            for r, a in zip(GOOD_TW1, ["480.000", "480.000", "400.000", "80.000"], strict=True)
        ],
        "realisasi_kumulatif_dalam_pagu",
    ),  # sub 0001: 400.000 above its annual pagu 300.000
    "73.24.02": (
        [{**GOOD_TW1[0]}, {**GOOD_TW1[1], "realisasi_anggaran": "500.000"}, *GOOD_TW1[2:]],
        "realisasi_anak_sama_induk",
    ),  # kegiatan 500.000, children 380.000
    "73.24.03": (
        [*GOOD_TW1, {"kode": "7.01.03.2.01.0002", "realisasi_target": "1", "realisasi_anggaran": "0"}],
        "realisasi_kode_dalam_rencana",
    ),  # a sub-kegiatan that is not in the plan
    "73.24.04": ([*GOOD_TW1, GOOD_TW1[3]], "berkas_terbaca"),  # the same node reported twice
}


def write_rows(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({h: r.get(h, "") for h in header} for r in rows)
    return path


def survey(path, answers):
    header = ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10))]
    rows = [
        {
            "no_responden": str(n),
            "tanggal": "2024-05-02",
            "layanan": "Legalisasi Dokumen",
            **{f"u{i}": str(a) for i, a in enumerate(row, start=1)},
        }
        for n, row in enumerate(answers, start=1)
    ]
    return write_rows(path, header, rows)


def refresh(home):
    seeds = home.parent / "seeds"
    if not seeds.exists():
        seeds_copy(seeds, sample_kecamatan=("73.24.10",))  # Kalaena's sample realisasi, no other sample
    return run_refresh(home, seeds)


@pytest.fixture(scope="session")  # one per test worker, kept across modules
def home(tmp_path_factory):
    home = tmp_path_factory.mktemp("realisasi") / "monev_home"
    inbox = home / "inbox"
    for kw in [*BAD_V2, "73.24.05"]:
        write_plan(inbox / f"rencana_{kw}_2024.csv", GOOD_PLAN)
        write_rows(inbox / f"realisasi_{kw}_2024_tw1.csv", REALISASI_HEADER, GOOD_TW1)
    survey(inbox / "ikm_73.24.05_2024.csv", [[4] * 9, [3] * 9])
    return home


@pytest.fixture(scope="session")  # one per test worker, kept across modules
def runs(home):
    first = refresh(home)
    for kw, (rows, _) in BAD_V2.items():
        write_rows(home / "inbox" / f"realisasi_{kw}_2024_tw1_v2.csv", REALISASI_HEADER, rows)
    survey(home / "inbox" / "ikm_73.24.05_2024_v2.csv", [[4] * 9, [3, 3, 3, 3, 5, 3, 3, 3, 3]])
    second = refresh(home)
    return first, second


def rule_text(code):
    """How a refused version's reason names the rule: its title, or for unreadable files the read problem."""
    from orchestration.rules.registry import RULES

    return "kode ganda" if code == "berkas_terbaca" else RULES[code].title.id


def query(home, sql, params=()):
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def test_both_refreshes_publish(runs):
    for run in runs:
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("kode_wilayah", list(BAD_V2))
def test_bad_version_is_quarantined_by_its_rule(runs, home, kode_wilayah):
    rule = BAD_V2[kode_wilayah][1]
    [(status, alasan)] = query(
        home,
        "select status, alasan from marts.fct_versi_kiriman where nama_berkas = ?",
        [f"realisasi_{kode_wilayah}_2024_tw1_v2.csv"],
    )
    assert status == "dikarantina" and rule_text(rule) in alasan
    assert f"realisasi_{kode_wilayah}_2024_tw1_v2.csv" in runs[1].stdout


@pytest.mark.parametrize("kode_wilayah", list(BAD_V2))
def test_previously_accepted_realisasi_stays_published(runs, home, kode_wilayah):
    rows = query(
        home,
        "select kode, realisasi_anggaran, versi from marts.fct_realisasi_triwulan "
        "where kode_wilayah = ? and triwulan = 1 order by kode",
        [kode_wilayah],
    )
    assert rows == [(r["kode"], Decimal(r["realisasi_anggaran"].replace(".", "")), 1) for r in GOOD_TW1]


def test_bad_survey_version_is_quarantined_and_the_first_stays(runs, home):
    [(status,)] = query(
        home, "select status from marts.fct_versi_kiriman where nama_berkas = 'ikm_73.24.05_2024_v2.csv'"
    )
    assert status == "dikarantina"
    # first version: U1..U9 = (4 + 3) / 2 = 3,5 -> IKM 3,5 -> 87,50 (mutu B)
    assert query(
        home, "select distinct ikm_konversi, mutu, responden from marts.mart_ikm where kode_wilayah = '73.24.05'"
    ) == [(Decimal("87.50"), "B", 2)]


def test_capaian_and_serapan_of_the_accepted_version(runs, home):
    # sub 0003 TW1: target 3, realisasi 2 -> 66,67% (Cukup); serapan 80.000 / 100.000 = 80,00%
    assert query(
        home,
        "select capaian_persen, kategori, serapan_persen, serapan_tahunan_persen "
        "from marts.mart_capaian_triwulan where kode_wilayah = '73.24.01' and triwulan = 1 "
        "and kode = '7.01.03.2.01.0003'",
    ) == [(Decimal("66.67"), "Cukup", Decimal("80.00"), Decimal("11.43"))]


def test_check_reports_the_rule_for_a_bad_realisasi_file(runs, home, monkeypatch):
    bad = next((home / "arsip").glob("*/*/realisasi_73.24.01_2024_tw1_v2.csv"))  # archived, gone from the inbox
    code, out = monev(["check", str(bad)], home, home.parent / "seeds", monkeypatch)
    assert code == 1
    assert (
        "GALAT realisasi_73.24.01_2024_tw1_v2.csv, baris 4, 7.01.03.2.01.0001, kolom realisasi_anggaran, "
        "triwulan 1: realisasi anggaran kumulatif tidak melebihi pagu setahun: seharusnya paling besar 300.000 "
        "(pagu setahun); ditemukan 400.000, realisasi anggaran TW1 sampai TW1" in out
    )


def test_kalaena_sample_realisasi_is_published_and_flagged(runs, home):
    versions = dict(
        query(
            home,
            "select nama_berkas, status from marts.fct_versi_kiriman where kode_wilayah = '73.24.10' "
            "and jenis = 'realisasi'",
        )
    )
    assert versions["realisasi_73.24.10_2024_tw2.csv"] == "dikarantina"
    assert versions["realisasi_73.24.10_2024_tw2_v2.csv"] == "diterima"
    assert query(home, "select distinct sampel from marts.fct_realisasi_triwulan where kode_wilayah = '73.24.10'") == [
        (True,)
    ]
    assert query(
        home, "select count(distinct triwulan) from marts.fct_realisasi_triwulan where kode_wilayah = '73.24.10'"
    ) == [(4,)]


def test_quarantine_report_in_bahasa_indonesia_names_the_problem(runs, home):
    report = (home / "reports" / "karantina" / "realisasi_73.24.01_2024_tw1_v2.csv.txt").read_text()
    assert "DIKARANTINA" in report and "Kecamatan : 73.24.01" in report
    assert (
        "baris 4, 7.01.03.2.01.0001, kolom realisasi_anggaran, triwulan 1: realisasi anggaran kumulatif tidak "
        "melebihi pagu setahun: seharusnya paling besar 300.000 (pagu setahun); ditemukan 400.000" in report
    )
    duplicate = (home / "reports" / "karantina" / "realisasi_73.24.04_2024_tw1_v2.csv.txt").read_text()
    assert "baris 6, 7.01.03.2.01.0003, kolom kode: kode ganda: seharusnya setiap kode sekali saja" in duplicate


def test_check_reads_realisasi_against_a_plan_passed_in_the_same_call(runs, home, tmp_path, monkeypatch):
    """An office checks its new plan and its first realisasi together, before sending either."""
    plan = write_plan(tmp_path / "rencana_73.24.09_2024.csv", GOOD_PLAN)
    tw1 = write_rows(tmp_path / "realisasi_73.24.09_2024_tw1.csv", REALISASI_HEADER, GOOD_TW1)
    seeds = home.parent / "seeds"
    code, alone = monev(["check", str(tw1)], home, seeds, monkeypatch)
    assert code == 1 and "kode realisasi ada dalam rencana kecamatan ini" in alone  # no plan received yet
    code, together = monev(["check", str(plan), str(tw1)], home, seeds, monkeypatch)
    assert code == 0, together
    assert "2 berkas diperiksa" in together


def test_the_benchmark_queries_run_on_a_published_warehouse(runs, home):
    """`make bench` times these analyst queries; they must keep matching the marts' columns."""
    from orchestration.bench.run import QUERIES, TAHUN, time_queries

    timings = time_queries(home / "warehouse" / "monev.duckdb", "73.24.01", "73.24")
    assert set(timings) == set(QUERIES) and all(ms >= 0 for ms in timings.values())
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
        ranked = con.execute(
            QUERIES["kecamatan of one kabupaten ranked by serapan, TW4"].format(kw="73.24.01", kab="73.24", tahun=TAHUN)
        ).fetchall()
    assert ranked and ranked[0][2] == 1  # the first row is rank 1
