"""The sample generator on a small hand-made warehouse (two tables of ``marts``, built directly).

Fixture plan (73.24.10, 2024), hand-checked:
  program 7.01.03 = kegiatan 7.01.03.2.01 = 3.200.000 = 500.000 + 500.000 + 1.100.000 + 1.100.000
    sub 0001 (tetap, 6 Paket)     1.200.000 = 300.000 x 4   <- the overspent code in the test
    sub 0003 (jumlah, 12 Laporan) 2.000.000 = 200.000 + 200.000 + 800.000 + 800.000, 3 per triwulan
  program 7.01.06 = kegiatan 7.01.06.2.01 = sub 0018 (jumlah, 4 Laporan) 1.000.000, quarterly split unknown
Only 0003 can be late (0001 is the overspent code; 0018 has no quarterly plan): exactly one delay.

The same warehouse also holds the kecamatan of a small kabupaten 73.24 (and one of 73.25, ignored) and
Kalaena's strategic targets, for the whole-kabupaten mode (SAMPLE plans derived from this one, their
realisasi and the four defective re-submissions).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from orchestration.domain.numbers import NumberFormatError, parse_number, parse_rupiah, parse_target
from orchestration.domain.submission import read_submission
from orchestration.sample.defects import NOTE as DEFECT_NOTE
from orchestration.sample.defects import UNKNOWN_KODE
from orchestration.sample.generate import IKM_COLUMNS, REALISASI_COLUMNS, generate, generate_kabupaten, main
from orchestration.sample.plan import KINERJA_COLUMNS, PLAN_COLUMNS, split_thousands

WILAYAH, TAHUN, SEED = "73.24.10", 2024, 20240101
OVERSPEND = "7.01.03.2.01.0001"
PREFIX = f"realisasi_{WILAYAH}_{TAHUN}"
# kode: level, induk, satuan, agregasi, target, pagu, quarterly targets, quarterly pagu
PLAN = {
    "7.01.03": (
        "program",
        None,
        "%",
        "akhir",
        100,
        3_200_000,
        (100, 100, 100, 100),
        (500_000, 500_000, 1_100_000, 1_100_000),
    ),
    "7.01.03.2.01": (
        "kegiatan",
        "7.01.03",
        "%",
        "akhir",
        100,
        3_200_000,
        (100, 100, 100, 100),
        (500_000, 500_000, 1_100_000, 1_100_000),
    ),
    "7.01.03.2.01.0001": (
        "sub_kegiatan",
        "7.01.03.2.01",
        "Paket",
        "tetap",
        6,
        1_200_000,
        (6, 6, 6, 6),
        (300_000, 300_000, 300_000, 300_000),
    ),
    "7.01.03.2.01.0003": (
        "sub_kegiatan",
        "7.01.03.2.01",
        "Laporan",
        "jumlah",
        12,
        2_000_000,
        (3, 3, 3, 3),
        (200_000, 200_000, 800_000, 800_000),
    ),
    "7.01.06": ("program", None, "%", "akhir", 100, 1_000_000, (None,) * 4, (None,) * 4),
    "7.01.06.2.01": ("kegiatan", "7.01.06", "%", "akhir", 100, 1_000_000, (None,) * 4, (None,) * 4),
    "7.01.06.2.01.0018": ("sub_kegiatan", "7.01.06.2.01", "Laporan", "jumlah", 4, 1_000_000, (None,) * 4, (None,) * 4),
}
LIMITS = {kode: Decimal(row[5]) for kode, row in PLAN.items()}
# kabupaten 73.24 of the fixture: name, kelurahan, desa (the defects go to 73.24.04, .06, .07 and .08)
KECAMATAN = {
    "73.24.02": ("Nuha", 1, 4),
    "73.24.04": ("Malili", 1, 14),
    "73.24.06": ("Wotu", 0, 17),
    "73.24.07": ("Burau", 0, 18),
    "73.24.08": ("Tomoni", 1, 12),
    "73.24.10": ("Kalaena", 0, 7),
}
PK_IKM = "Indeks Kepuasan Masyarakat (IKM)"
PK_PENUNJANG = "Persentase Capaian Kinerja Program Penunjang Urusan Pemerintahan Kabupaten di Kecamatan (%)"
# tabel, no, sasaran, indikator, satuan, tahun_target, target (the 2025 target must be ignored)
KINERJA = [
    ("tujuan_sasaran", 1, "Meningkatnya pelayanan Kecamatan Kalaena", PK_IKM, None, 2024, 90),
    ("tujuan_sasaran", 1, "Meningkatnya pelayanan Kecamatan Kalaena", PK_IKM, None, 2025, 95),
    ("perjanjian_kinerja", 1, "Meningkatnya pelayanan Kecamatan Kalaena", PK_IKM, None, 2024, 95),
    ("perjanjian_kinerja", 2, "Meningkatnya kinerja Kecamatan Kalaena", PK_PENUNJANG, "%", 2024, 98),
]
SUBS = [k for k, row in PLAN.items() if row[0] == "sub_kegiatan"]


def build_warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("""create table marts.fct_rencana_tahunan (kode_wilayah varchar, tahun integer, kode varchar,
            level varchar, kode_induk varchar, uraian varchar, indikator varchar, satuan varchar,
            target decimal(18,4), pagu decimal(18,2), agregasi_target varchar)""")
        con.execute("""create table marts.fct_rencana_triwulan (kode_wilayah varchar, tahun integer,
            triwulan integer, kode varchar, level varchar, kode_induk varchar, target decimal(18,4),
            pagu decimal(18,2))""")
        for kode, (level, induk, satuan, agregasi, target, pagu, targets, pagus) in PLAN.items():
            con.execute(
                "insert into marts.fct_rencana_tahunan values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [WILAYAH, TAHUN, kode, level, induk, f"Uraian {kode}", "Indikator", satuan, target, pagu, agregasi],
            )
            for q in range(4):
                con.execute(
                    "insert into marts.fct_rencana_triwulan values (?, ?, ?, ?, ?, ?, ?, ?)",
                    [WILAYAH, TAHUN, q + 1, kode, level, induk, targets[q], pagus[q]],
                )
        # another year of the same kecamatan must be ignored
        con.execute(
            "insert into marts.fct_rencana_tahunan values (?, 2025, '7.01.02', 'program', null, 'x', 'x', "
            "'%', 100, 5000000, 'akhir')",
            [WILAYAH],
        )
        con.execute("""create table marts.dim_kecamatan (kode_wilayah varchar, nama_kecamatan varchar,
            kode_kabupaten varchar, jumlah_kelurahan integer, jumlah_desa integer)""")
        for kw, (nama, kelurahan, desa) in {**KECAMATAN, "73.25.01": ("Lain", 0, 9)}.items():
            con.execute("insert into marts.dim_kecamatan values (?, ?, ?, ?, ?)", [kw, nama, kw[:5], kelurahan, desa])
        con.execute("""create table marts.fct_target_kinerja (kode_wilayah varchar, tahun integer, tabel varchar,
            no_urut integer, tujuan varchar, sasaran varchar, indikator varchar, satuan varchar, formulasi varchar,
            sumber_data varchar, penanggung_jawab varchar, tahun_target integer, target decimal(18,4),
            baris integer)""")
        for baris, (tabel, no, sasaran, indikator, satuan, tahun_target, target) in enumerate(KINERJA, start=2):
            con.execute(
                "insert into marts.fct_target_kinerja values (?, ?, ?, ?, null, ?, ?, ?, null, null, null, ?, ?, ?)",
                [WILAYAH, TAHUN, tabel, no, sasaran, indikator, satuan, tahun_target, target, baris],
            )
    return path


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_kode(name: str, out: Path) -> dict[str, dict]:
    rows = read(out / f"{PREFIX}_{name}.csv")
    assert len(rows) == len({r["kode"] for r in rows}), f"{name}: duplicate kode"
    return {r["kode"]: r for r in rows}


def money(row: dict) -> Decimal:
    return parse_rupiah(row["realisasi_anggaran"])


def over_pagu(files: list[dict[str, dict]]) -> set[str]:
    """Codes whose cumulative spending over these consecutive triwulan exceeds the annual pagu."""
    return {
        kode
        for kode in PLAN
        if any(sum(money(f[kode]) for f in files[:q]) > LIMITS[kode] for q in range(1, len(files) + 1))
    }


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("wh") / "monev.duckdb")


@pytest.fixture(scope="module")
def out(warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sampel")
    main(
        [
            "--warehouse",
            str(warehouse),
            "--kode-wilayah",
            WILAYAH,
            "--tahun",
            str(TAHUN),
            "--out",
            str(folder),
            "--seed",
            str(SEED),
            "--overspend-kode",
            OVERSPEND,
        ]
    )
    return folder


@pytest.fixture(scope="module")
def files(out) -> dict[str, dict[str, dict]]:
    return {name: by_kode(name, out) for name in ("tw1", "tw2", "tw2_v2", "tw3", "tw4")}


def test_same_warehouse_and_seed_give_identical_bytes(warehouse, out, tmp_path):
    again = generate(warehouse, WILAYAH, TAHUN, tmp_path, SEED, OVERSPEND)
    assert len(again) == 7
    for path in again:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name
    other = generate(warehouse, WILAYAH, TAHUN, tmp_path / "other", SEED + 1, OVERSPEND)
    assert any(p.read_bytes() != (out / p.name).read_bytes() for p in other if p.suffix == ".csv")


def test_every_row_is_flagged_sample_and_every_code_is_in_the_plan(out, files):
    for name, rows in files.items():
        assert list(read(out / f"{PREFIX}_{name}.csv")[0]) == REALISASI_COLUMNS
        assert set(rows) == set(PLAN), name  # every plan node, nothing else (not the 2025 program)
        for row in rows.values():
            assert row["keterangan"].startswith("[SAMPEL]")
            assert money(row) >= 0 and parse_number(row["realisasi_target"]) >= 0
    assert "GENERATED SAMPLE" in (out / "README.md").read_text(encoding="utf-8")


def test_rule_1_breaks_only_for_the_overspent_code_in_the_first_tw2(files):
    assert over_pagu([files["tw1"], files["tw2_v2"], files["tw3"], files["tw4"]]) == set()
    assert over_pagu([files["tw1"], files["tw2"]]) == {OVERSPEND}
    tw1, v1, v2 = (money(files[n][OVERSPEND]) for n in ("tw1", "tw2", "tw2_v2"))
    remaining = 1_200_000 - int(tw1)  # what is left of the pagu, plus a quarter of it, up to a whole 1.000
    assert v1 == -(-(remaining + max(1000, remaining // 4)) // 1000) * 1000
    assert tw1 + v2 <= 1_200_000 < tw1 + v1
    corrected = {k for k in PLAN if files["tw2"][k] != files["tw2_v2"][k]}
    assert corrected == {OVERSPEND, "7.01.03.2.01", "7.01.03"}
    assert all(
        files["tw2_v2"][k]["keterangan"].startswith("[SAMPEL] versi 2: koreksi realisasi anggaran") for k in corrected
    )


def test_rule_2_parents_are_exactly_the_sum_of_their_children(files):
    for name, rows in files.items():
        for kode, (level, *_rest) in PLAN.items():
            if level != "sub_kegiatan":
                children = [k for k, row in PLAN.items() if row[1] == kode]
                assert money(rows[kode]) == sum(money(rows[c]) for c in children), (name, kode)


def test_sub_kegiatan_spending_follows_the_plan(files):
    quarters = [files[n] for n in ("tw1", "tw2_v2", "tw3", "tw4")]
    for kode in SUBS:
        for rows in quarters:
            assert money(rows[kode]) % 1000 == 0
    # unknown split: floor(90 % of 1.000.000) = 900.000 spread over the year; target 4 in TW4 only
    assert sum(money(rows["7.01.06.2.01.0018"]) for rows in quarters) == 900_000
    assert [parse_number(rows["7.01.06.2.01.0018"]["realisasi_target"]) for rows in quarters] == [0, 0, 0, 4]
    assert [rows["7.01.06.2.01"]["realisasi_target"] for rows in quarters] == ["100"] * 4  # nothing due: 100
    # tetap: the annual level every triwulan; spending 85-100 % of the plan (its TW2 as corrected)
    for rows in quarters:
        assert parse_number(rows[OVERSPEND]["realisasi_target"]) == 6
        assert 255_000 <= money(rows[OVERSPEND]) <= 300_000


def test_one_delay_is_caught_up_in_the_next_triwulan(files):
    quarters = [files[n] for n in ("tw1", "tw2_v2", "tw3", "tw4")]
    late = [q for q, rows in enumerate(quarters) if any(r["permasalahan"] for r in rows.values())]
    assert len(late) == 1 and late[0] < 3
    q = late[0]
    delayed = quarters[q]["7.01.03.2.01.0003"]
    assert delayed["permasalahan"] and delayed["tindak_lanjut"] == "Dilaksanakan pada triwulan berikutnya"
    plan_q = PLAN["7.01.03.2.01.0003"][7][q]
    assert Decimal("0.30") * plan_q <= money(delayed) <= Decimal("0.60") * plan_q
    # jumlah: 3 per triwulan, one less when late and one more the next triwulan; 12 over the year
    targets = [parse_number(rows["7.01.03.2.01.0003"]["realisasi_target"]) for rows in quarters]
    assert targets[q] == 2 and targets[q + 1] == 4 and sum(targets) == 12
    # kegiatan: 100 x (6 + 2) / (6 + 3) = 88,89 -> 88,9; catch-up (6 + 4) / 9 capped at 100
    assert quarters[q]["7.01.03.2.01"]["realisasi_target"] == "88,9"
    assert quarters[q + 1]["7.01.03.2.01"]["realisasi_target"] == "100"
    assert "susulan" in quarters[q + 1]["7.01.03.2.01.0003"]["keterangan"]
    # the shortfall is spent on top of the next plan: the year still spends 85-100 % of 2.000.000
    assert 1_700_000 <= sum(money(rows["7.01.03.2.01.0003"]) for rows in quarters) <= 2_000_000


def test_survey_answers_are_1_to_4(out):
    rows = read(out / f"ikm_{WILAYAH}_{TAHUN}.csv")
    assert list(rows[0]) == IKM_COLUMNS
    assert len(rows) == 120 and [r["no_responden"] for r in rows] == [str(i) for i in range(1, 121)]
    for row in rows:
        assert all(row[f"u{i}"] in {"1", "2", "3", "4"} for i in range(1, 10))
        assert row["tanggal"].startswith(f"{TAHUN}-") and row["keterangan"].startswith("[SAMPEL]")
    mean = Decimal(sum(int(r[f"u{i}"]) for r in rows for i in range(1, 10))) / (9 * len(rows))
    assert 82 <= 25 * mean <= 92  # the IKM the pipeline will compute lands in the intended range


def test_overspend_code_must_be_in_the_plan(warehouse, tmp_path):
    with pytest.raises(ValueError, match="7.01.01.2.06.0001"):
        generate(warehouse, WILAYAH, TAHUN, tmp_path, SEED)  # the default code is not in this plan


# --- the whole kabupaten: SAMPLE plans derived from the fixture plan, their realisasi and the defects --------

QUARTERS = (1, 2, 3, 4)
DERIVED = [kw for kw in KECAMATAN if kw != WILAYAH]
DEFECTIVE = {
    "73.24.04": f"rencana_73.24.04_{TAHUN}_v2.csv",
    "73.24.06": f"realisasi_73.24.06_{TAHUN}_tw2_v2.csv",
    "73.24.07": f"realisasi_73.24.07_{TAHUN}_tw3_v2.csv",
    "73.24.08": f"realisasi_73.24.08_{TAHUN}_tw1_v2.csv",
}
PAGU_COLUMNS = ["pagu", *(f"pagu_tw{q}" for q in QUARTERS)]


def desa(kw: str) -> int:
    return KECAMATAN[kw][1] + KECAMATAN[kw][2]


def plan_of(folder: Path, kw: str, suffix: str = "") -> dict[str, dict]:
    rows = read(folder / f"rencana_{kw}_{TAHUN}{suffix}.csv")
    assert len(rows) == len({r["kode"] for r in rows})
    return {r["kode"]: r for r in rows}


def rollup_errors(plan: dict[str, dict]) -> set[tuple[str, str]]:
    """(kode, column) where a parent is not the sum of its children, or (kode, 'triwulan') where a node's
    four triwulan do not add up to its year."""
    errors = set()
    for kode, row in plan.items():
        if sum(parse_rupiah(row[f"pagu_tw{q}"]) for q in QUARTERS) != parse_rupiah(row["pagu"]):
            errors.add((kode, "triwulan"))
        children = [plan[k] for k in plan if PLAN[k][1] == kode]
        for column in PAGU_COLUMNS:
            if children and sum(parse_rupiah(c[column]) for c in children) != parse_rupiah(row[column]):
                errors.add((kode, column))
    return errors


def without(rows: list[dict], column: str) -> list[dict]:
    return [{k: v for k, v in row.items() if k != column} for row in rows]


@pytest.fixture(scope="module")
def kabupaten(warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kabupaten")
    main(
        [
            "--warehouse",
            str(warehouse),
            "--kabupaten",
            "73.24",
            "--out",
            str(folder),
            "--seed",
            str(SEED),
            "--overspend-kode",
            OVERSPEND,
        ]
    )
    return folder


def test_split_thousands_keeps_the_total_and_zero_quarters():
    assert split_thousands(1_000_000, [1, 1, 1, 0]) == [333_000, 333_000, 334_000, 0]
    assert split_thousands(5_000, [0, 7, 0, 0]) == [0, 5_000, 0, 0]


def test_kabupaten_writes_every_kecamatan_and_leaves_the_basis_files_as_they_were(out, kabupaten):
    names = {p.name for p in kabupaten.iterdir()}
    expected = {"README.md", *(p.name for p in out.iterdir() if p.suffix == ".csv"), *DEFECTIVE.values()}
    for kw in DERIVED:
        expected |= {
            f"rencana_{kw}_{TAHUN}.csv",
            f"kinerja_{kw}_{TAHUN}.csv",
            f"ikm_{kw}_{TAHUN}.csv",
            *(f"realisasi_{kw}_{TAHUN}_tw{q}.csv" for q in QUARTERS),
        }
    assert names == expected  # nothing for 73.25.01, no second version of TW2 outside the basis
    for path in out.glob("*.csv"):  # the basis kecamatan: byte for byte what the single-kecamatan mode writes
        assert path.read_bytes() == (kabupaten / path.name).read_bytes(), path.name


def test_derived_plans_add_up_at_every_level_and_triwulan(kabupaten):
    for kw in DERIVED:
        plan = plan_of(kabupaten, kw)
        assert list(plan) == list(PLAN) and rollup_errors(plan) == set(), kw
        for row in plan.values():
            assert list(row) == PLAN_COLUMNS
            assert all(row[c] and parse_rupiah(row[c]) % 1000 == 0 for c in PAGU_COLUMNS), (kw, row["kode"])
        # the pipeline's own reader: no error and no warning, nothing to correct
        assert read_submission(kabupaten / f"rencana_{kw}_{TAHUN}.csv").problems == []


def test_derived_quarterly_targets_follow_agregasi(kabupaten):
    for kw in DERIVED:
        for kode, row in plan_of(kabupaten, kw).items():
            annual = parse_target(row["target"]).value
            quarters = [parse_number(row[f"target_tw{q}"]) for q in QUARTERS]
            assert row["agregasi_target"] == PLAN[kode][3] and row["satuan"] == PLAN[kode][2]
            if row["agregasi_target"] == "jumlah":
                assert sum(quarters) == annual, (kw, kode)
            else:
                assert quarters == [annual] * 4, (kw, kode)
            if row["satuan"] == "%":
                assert annual == 100 and row["target"] == "100%"


def test_derived_plans_scale_with_the_kecamatan(kabupaten):
    totals = {}
    for kw in DERIVED:
        plan, n = plan_of(kabupaten, kw), desa(kw)
        totals[kw] = sum(parse_rupiah(plan[k]["pagu"]) for k in ("7.01.03", "7.01.06"))
        for kode, row in plan.items():
            assert (row["uraian"], row["indikator"]) == (f"Uraian {kode}", "Indikator")
            assert not row["penanggung_jawab"] or row["penanggung_jawab"].startswith(("Camat", "Sekretaris", "Kasi"))
            if PLAN[kode][0] == "sub_kegiatan":  # factor (7 + n) / 14, +-5 % per kecamatan, +-10 % per row
                base, pagu = PLAN[kode][5] * Decimal(7 + n) / 14, parse_rupiah(row["pagu"])
                assert base * Decimal("0.855") - 500 <= pagu <= base * Decimal("1.155") + 500, (kw, kode)
        # per-desa codes: 6 paket and 4 reports for 7 desa, rounded half up
        for kode, basis in (("7.01.03.2.01.0001", 6), ("7.01.06.2.01.0018", 4)):
            scaled = (Decimal(basis * n) / 7).quantize(Decimal(1), "ROUND_HALF_UP")
            assert parse_target(plan[kode]["target"]) == parse_target(f"{scaled} {PLAN[kode][2]}"), (kw, kode)
        # quarterly split unknown in the basis: seeded, every triwulan filled
        assert all(parse_rupiah(plan["7.01.06.2.01.0018"][f"pagu_tw{q}"]) > 0 for q in QUARTERS)
        # an unchanged target keeps the basis split; an even basis split of money stays even
        assert plan["7.01.03.2.01.0003"]["target"] == "12 Laporan"
        assert [plan["7.01.03.2.01.0003"][f"target_tw{q}"] for q in QUARTERS] == ["3"] * 4
        quarters = [parse_rupiah(plan["7.01.03.2.01.0001"][f"pagu_tw{q}"]) for q in QUARTERS]
        assert max(quarters) - min(quarters) < 4000
    assert totals["73.24.02"] < totals["73.24.04"] < totals["73.24.07"]  # 5, 15 and 18 desa/kelurahan


def test_derived_kinerja_repeat_the_basis_targets_for_the_year(kabupaten):
    for kw in DERIVED:
        rows = read(kabupaten / f"kinerja_{kw}_{TAHUN}.csv")
        assert list(rows[0]) == KINERJA_COLUMNS
        assert [(r["tabel"], r["indikator"]) for r in rows] == [
            ("tujuan_sasaran", PK_IKM),
            ("perjanjian_kinerja", PK_IKM),
            ("perjanjian_kinerja", PK_PENUNJANG),
        ]
        assert {r["tahun_target"] for r in rows} == {str(TAHUN)}
        assert all(KECAMATAN[kw][0] in r["sasaran"] and "Kalaena" not in r["sasaran"] for r in rows)
        assert int(rows[1]["target"]) in (85, 87, 88, 90, 92) and int(rows[2]["target"]) in (95, 96, 97, 98)
        assert rows[0]["target"] == rows[1]["target"]
        assert read_submission(kabupaten / f"kinerja_{kw}_{TAHUN}.csv").problems == []


def test_every_generated_row_is_flagged_sample(kabupaten):
    flag = {"rencana": "catatan", "kinerja": "sumber_data", "realisasi": "keterangan", "ikm": "keterangan"}
    for path in kabupaten.glob("*.csv"):
        rows = read(path)
        assert rows and all(r[flag[path.name.split("_")[0]]].startswith("[SAMPEL]") for r in rows), path.name


def test_kabupaten_same_warehouse_and_seed_give_identical_bytes(warehouse, kabupaten, tmp_path):
    again = generate_kabupaten(warehouse, "73.24", TAHUN, tmp_path / "again", SEED, overspend_kode=OVERSPEND)
    assert {p.name for p in again} == {p.name for p in kabupaten.iterdir()}
    assert all(p.read_bytes() == (kabupaten / p.name).read_bytes() for p in again)
    other = generate_kabupaten(warehouse, "73.24", TAHUN, tmp_path / "other", SEED + 1, overspend_kode=OVERSPEND)
    assert all(p.read_bytes() != (kabupaten / p.name).read_bytes() for p in other if p.name.startswith("rencana"))


def test_derived_realisasi_follow_rules_1_and_2(kabupaten):
    for kw in DERIVED:
        plan = plan_of(kabupaten, kw)
        quarters = [{r["kode"]: r for r in read(kabupaten / f"realisasi_{kw}_{TAHUN}_tw{q}.csv")} for q in QUARTERS]
        for q, rows in enumerate(quarters):
            assert list(rows) == list(PLAN)
            for kode in PLAN:
                children = [k for k in PLAN if PLAN[k][1] == kode]
                if children:
                    assert money(rows[kode]) == sum(money(rows[c]) for c in children), (kw, q, kode)
                spent = sum(money(f[kode]) for f in quarters[: q + 1])
                assert spent <= parse_rupiah(plan[kode]["pagu"]), (kw, q, kode)


def test_rollup_defect_breaks_only_one_kegiatan(kabupaten):
    good, bad = plan_of(kabupaten, "73.24.04"), plan_of(kabupaten, "73.24.04", "_v2")
    changed = {(k, c) for k in good for c in PLAN_COLUMNS if c != "catatan" and good[k][c] != bad[k][c]}
    (sub,) = {k for k, _ in changed}
    (quarter,) = {c for _, c in changed} - {"pagu"}
    assert list(bad) == list(good) and PLAN[sub][0] == "sub_kegiatan" and quarter.startswith("pagu_tw")
    raised = {c: parse_rupiah(bad[sub][c]) - parse_rupiah(good[sub][c]) for c in ("pagu", quarter)}
    assert raised["pagu"] == raised[quarter] > 0 and raised["pagu"] % 1000 == 0
    assert rollup_errors(bad) == {(PLAN[sub][1], "pagu"), (PLAN[sub][1], quarter)}
    assert all(r["catatan"].startswith(DEFECT_NOTE) and sub in r["catatan"] for r in bad.values())
    assert read_submission(kabupaten / DEFECTIVE["73.24.04"]).problems == []


def test_unknown_code_defect_adds_one_row(kabupaten):
    good = read(kabupaten / f"realisasi_73.24.06_{TAHUN}_tw2.csv")
    bad = read(kabupaten / DEFECTIVE["73.24.06"])
    (extra,) = [r for r in bad if r["kode"] not in PLAN]
    assert extra["kode"] == UNKNOWN_KODE and UNKNOWN_KODE.rsplit(".", 1)[0] not in {r["kode"] for r in bad}
    assert without([r for r in bad if r is not extra], "keterangan") == without(good, "keterangan")
    assert all(r["keterangan"].startswith(DEFECT_NOTE) and UNKNOWN_KODE in r["keterangan"] for r in bad)
    assert read_submission(kabupaten / DEFECTIVE["73.24.06"]).problems == []


def test_malformed_number_defect_changes_one_program_cell(kabupaten):
    good = read(kabupaten / f"realisasi_73.24.07_{TAHUN}_tw3.csv")
    bad = read(kabupaten / DEFECTIVE["73.24.07"])
    cells = [
        (g["kode"], c)
        for g, b in zip(good, bad, strict=True)
        for c in REALISASI_COLUMNS
        if c != "keterangan" and g[c] != b[c]
    ]
    assert len(cells) == 1 and cells[0][1] == "realisasi_anggaran" and PLAN[cells[0][0]][0] == "program"
    row = next(b for b in bad if b["kode"] == cells[0][0])
    assert row["realisasi_anggaran"] == "38.290.00"
    with pytest.raises(NumberFormatError):
        parse_rupiah(row["realisasi_anggaran"])
    assert all(r["keterangan"].startswith(DEFECT_NOTE) for r in bad)
    (problem,) = read_submission(kabupaten / DEFECTIVE["73.24.07"]).problems
    assert (problem.kolom, problem.cek, problem.ditemukan("id")) == (
        "realisasi_anggaran",
        "format_rupiah.kelompok_ribuan",
        "'38.290.00'",
    )


def test_duplicate_row_defect_repeats_one_program_row(kabupaten):
    good = read(kabupaten / f"realisasi_73.24.08_{TAHUN}_tw1.csv")
    bad = read(kabupaten / DEFECTIVE["73.24.08"])
    (i,) = [i for i in range(len(bad) - 1) if bad[i] == bad[i + 1]]
    assert PLAN[bad[i]["kode"]][0] == "program"
    assert without(bad[: i + 1] + bad[i + 2 :], "keterangan") == without(good, "keterangan")
    assert all(r["keterangan"].startswith(DEFECT_NOTE) for r in bad)
    (problem,) = read_submission(kabupaten / DEFECTIVE["73.24.08"]).problems
    assert (problem.cek, problem.baris) == ("kode_tidak_ganda.ganda", i + 3)


def test_readme_lists_every_kecamatan_and_defect(kabupaten):
    text = (kabupaten / "README.md").read_text(encoding="utf-8")
    assert "GENERATED SAMPLE" in text and f"--kabupaten 73.24 --basis {WILAYAH}" in text and f"--seed {SEED}" in text
    for kw in DERIVED:
        assert f"| {kw} | {KECAMATAN[kw][0]} | {desa(kw)} |" in text
    for name in DEFECTIVE.values():
        assert f"`{name}`" in text
