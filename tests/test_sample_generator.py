"""The sample generator on a small hand-made warehouse (two tables of ``marts``, built directly).

Fixture plan (73.24.10, 2024), hand-checked:
  program 7.01.03 = kegiatan 7.01.03.2.01 = 3.200.000 = 500.000 + 500.000 + 1.100.000 + 1.100.000
    sub 0001 (tetap, 6 Paket)     1.200.000 = 300.000 x 4   <- the overspent code in the test
    sub 0003 (jumlah, 12 Laporan) 2.000.000 = 200.000 + 200.000 + 800.000 + 800.000, 3 per triwulan
  program 7.01.06 = kegiatan 7.01.06.2.01 = sub 0018 (jumlah, 4 Laporan) 1.000.000, quarterly split unknown
Only 0003 can be late (0001 is the overspent code; 0018 has no quarterly plan): exactly one delay.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from orchestration.domain.numbers import parse_number, parse_rupiah
from orchestration.sample.generate import IKM_COLUMNS, REALISASI_COLUMNS, generate, main

WILAYAH, TAHUN, SEED = "73.24.10", 2024, 20240101
OVERSPEND = "7.01.03.2.01.0001"
PREFIX = f"realisasi_{WILAYAH}_{TAHUN}"
# kode: level, induk, satuan, agregasi, target, pagu, quarterly targets, quarterly pagu
PLAN = {
    "7.01.03": ("program", None, "%", "akhir", 100, 3_200_000,
                (100, 100, 100, 100), (500_000, 500_000, 1_100_000, 1_100_000)),
    "7.01.03.2.01": ("kegiatan", "7.01.03", "%", "akhir", 100, 3_200_000,
                     (100, 100, 100, 100), (500_000, 500_000, 1_100_000, 1_100_000)),
    "7.01.03.2.01.0001": ("sub_kegiatan", "7.01.03.2.01", "Paket", "tetap", 6, 1_200_000,
                          (6, 6, 6, 6), (300_000, 300_000, 300_000, 300_000)),
    "7.01.03.2.01.0003": ("sub_kegiatan", "7.01.03.2.01", "Laporan", "jumlah", 12, 2_000_000,
                          (3, 3, 3, 3), (200_000, 200_000, 800_000, 800_000)),
    "7.01.06": ("program", None, "%", "akhir", 100, 1_000_000, (None,) * 4, (None,) * 4),
    "7.01.06.2.01": ("kegiatan", "7.01.06", "%", "akhir", 100, 1_000_000, (None,) * 4, (None,) * 4),
    "7.01.06.2.01.0018": ("sub_kegiatan", "7.01.06.2.01", "Laporan", "jumlah", 4, 1_000_000,
                          (None,) * 4, (None,) * 4),
}
LIMITS = {kode: Decimal(row[5]) for kode, row in PLAN.items()}
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
            con.execute("insert into marts.fct_rencana_tahunan values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [WILAYAH, TAHUN, kode, level, induk, f"Uraian {kode}", "Indikator", satuan, target, pagu,
                         agregasi])
            for q in range(4):
                con.execute("insert into marts.fct_rencana_triwulan values (?, ?, ?, ?, ?, ?, ?, ?)",
                            [WILAYAH, TAHUN, q + 1, kode, level, induk, targets[q], pagus[q]])
        # another year of the same kecamatan must be ignored
        con.execute("insert into marts.fct_rencana_tahunan values (?, 2025, '7.01.02', 'program', null, 'x', 'x', "
                    "'%', 100, 5000000, 'akhir')", [WILAYAH])
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
    return {kode for kode in PLAN
            if any(sum(money(f[kode]) for f in files[:q]) > LIMITS[kode] for q in range(1, len(files) + 1))}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("wh") / "monev.duckdb")


@pytest.fixture(scope="module")
def out(warehouse, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sampel")
    main(["--warehouse", str(warehouse), "--kode-wilayah", WILAYAH, "--tahun", str(TAHUN), "--out", str(folder),
          "--seed", str(SEED), "--overspend-kode", OVERSPEND])
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
    assert all(files["tw2_v2"][k]["keterangan"].startswith("[SAMPEL] versi 2: koreksi realisasi anggaran")
               for k in corrected)


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
