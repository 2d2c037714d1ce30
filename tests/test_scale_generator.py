"""The national-scale SAMPLE generator (``monev generate``) on a few kecamatan.

Every file it writes must be read by the submission reader without a single problem; plans must add
up exactly (sub-kegiatan -> kegiatan -> program, triwulan -> year); realisasi stay within the pagu;
the output depends only on (seed, kode_wilayah, tahun).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from orchestration import cli
from orchestration.domain.numbers import format_rupiah
from orchestration.domain.submission import read_submission
from orchestration.sample import scale

TAHUN, SEED = 2024, 20240101
FIRST_THREE = ["73.24.01", "73.24.02", "73.24.03"]  # Mangkutana, Nuha, Towuti: Luwu Timur comes first
NAMA = {"73.24.01": "Mangkutana", "73.24.02": "Nuha", "73.24.03": "Towuti"}
TEMPLATE_NAMES = ["Mangkutana", "Nuha", "Towuti", "Malili", "Angkona", "Wotu", "Burau", "Tomoni", "Wasuponda"]
# The column of each kind of file that says the row is sample data.
FLAG_COLUMN = {"rencana": "catatan", "kinerja": "sumber_data", "realisasi": "keterangan", "ikm": "keterangan"}
QUARTERS = (1, 2, 3, 4)


def names_of(kode_wilayah: str, tahun: int = TAHUN) -> list[str]:
    return [
        f"rencana_{kode_wilayah}_{tahun}.csv",
        f"kinerja_{kode_wilayah}_{tahun}.csv",
        *(f"realisasi_{kode_wilayah}_{tahun}_tw{q}.csv" for q in QUARTERS),
        f"ikm_{kode_wilayah}_{tahun}.csv",
    ]


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale3")
    assert scale.generate(3, TAHUN, out, SEED) == 3 * 7 + 1
    return out


def test_every_file_is_a_clean_submission_of_the_first_three_kecamatan(three):
    expected = sorted(name for kw in FIRST_THREE for name in names_of(kw))
    assert sorted(p.name for p in three.glob("*.csv")) == expected
    assert sorted(p.name for p in three.iterdir()) == sorted([*expected, "README.md"])
    for path in sorted(three.glob("*.csv")):
        parsed = read_submission(path)
        assert parsed.problems == [], [str(p) for p in parsed.problems]
        assert parsed.kode_wilayah in FIRST_THREE and parsed.tahun == TAHUN
        assert len(parsed.rows) >= 5
    surveys = [len(read_submission(three / f"ikm_{kw}_{TAHUN}.csv").rows) for kw in FIRST_THREE]
    assert all(100 <= n <= 150 for n in surveys)


def test_kecamatan_order_luwu_timur_then_sulawesi_selatan_then_the_rest():
    order = [w.kecamatan.kode_wilayah for w in scale.select_kecamatan(7285)]
    assert len(order) == len(set(order)) == 7285
    assert order[:11] == [f"73.24.{i:02d}" for i in range(1, 12)]
    sulsel = [kw for kw in order if kw.startswith("73.")]
    assert order[: len(sulsel)] == sulsel  # the whole province before any other
    assert sulsel[11:] == sorted(sulsel[11:])
    rest = order[len(sulsel) :]
    assert rest == sorted(rest) and rest[0].startswith("11.")
    assert [w.kecamatan.nama for w in scale.select_kecamatan(3)] == [NAMA[kw] for kw in FIRST_THREE]


def _plan(path: Path) -> dict[str, dict]:
    return {row["kode_normal"]: row for row in read_submission(path).rows}


def _money(row: dict, column: str) -> Decimal:
    return Decimal(row[f"{column}_nilai"])


def test_plan_rollups_hold_exactly(three):
    checked_parents = 0
    for kw in FIRST_THREE:
        plan = _plan(three / f"rencana_{kw}_{TAHUN}.csv")
        children = defaultdict(list)
        for kode, row in plan.items():
            if row["kode_induk"]:
                children[row["kode_induk"]].append(kode)
            quarters = [_money(row, f"pagu_tw{q}") for q in QUARTERS]
            assert sum(quarters) == _money(row, "pagu"), kode  # the quarters add up to the year
            assert all(v % 1000 == 0 and v >= 0 for v in [*quarters, _money(row, "pagu")]), kode
        assert {plan[k]["level"] for k in children} == {"program", "kegiatan"}
        for parent, kids in children.items():
            for column in ("pagu", *(f"pagu_tw{q}" for q in QUARTERS)):
                assert sum(_money(plan[k], column) for k in kids) == _money(plan[parent], column), (parent, column)
            checked_parents += 1
    assert checked_parents >= 3 * 10


def test_realisasi_within_the_pagu_and_adding_up(three):
    for kw in FIRST_THREE:
        plan = _plan(three / f"rencana_{kw}_{TAHUN}.csv")
        spent = {
            q: {
                row["kode_normal"]: _money(row, "realisasi_anggaran")
                for row in read_submission(three / f"realisasi_{kw}_{TAHUN}_tw{q}.csv").rows
            }
            for q in QUARTERS
        }
        for kode, row in plan.items():
            assert all(kode in spent[q] for q in QUARTERS)
            cumulative = sum(spent[q][kode] for q in QUARTERS)
            assert 0 < cumulative <= _money(row, "pagu"), kode
            kids = [k for k, r in plan.items() if r["kode_induk"] == kode]
            for q in QUARTERS:
                if kids:
                    assert sum(spent[q][k] for k in kids) == spent[q][kode], (kode, q)
                else:  # a sub-kegiatan spends 85-100 % of its quarterly pagu, down to a whole 1.000
                    pagu_q = _money(row, f"pagu_tw{q}")
                    assert pagu_q * Decimal("0.85") - 1000 < spent[q][kode] <= pagu_q, (kode, q)
        assert set(spent[1]) == set(plan)


def test_same_arguments_give_byte_identical_files(three, tmp_path):
    assert scale.generate(3, TAHUN, tmp_path / "again", SEED) == 22
    assert contents(tmp_path / "again") == contents(three)
    scale.generate(3, TAHUN, tmp_path / "other_seed", SEED + 1)
    for kw in FIRST_THREE:  # another seed, other amounts and answers (not only another note)
        for name, columns in (
            (f"rencana_{kw}_{TAHUN}.csv", ["pagu_nilai"]),
            (f"realisasi_{kw}_{TAHUN}_tw1.csv", ["realisasi_anggaran_nilai"]),
            (f"ikm_{kw}_{TAHUN}.csv", ["tanggal", "layanan", "u1", "u2", "u3"]),
        ):
            values = [
                [[row[c] for c in columns] for row in read_submission(folder / name).rows]
                for folder in (three, tmp_path / "other_seed")
            ]
            assert values[0] != values[1], name


def test_a_kecamatan_does_not_depend_on_n(tmp_path):
    scale.generate(2, TAHUN, tmp_path / "n2", SEED)
    scale.generate(4, TAHUN, tmp_path / "n4", SEED)
    small, large = contents(tmp_path / "n2"), contents(tmp_path / "n4")
    csv_names = sorted(name for name in small if name.endswith(".csv"))
    assert csv_names == sorted(n for kw in FIRST_THREE[:2] for n in names_of(kw))
    assert {name: large[name] for name in csv_names} == {name: small[name] for name in csv_names}
    assert len(large) == 4 * 7 + 1 and small["README.md"] != large["README.md"]


def test_parallel_writing_gives_the_same_files(three, tmp_path, monkeypatch):
    monkeypatch.setattr(scale, "PARALLEL_FROM", 2)
    monkeypatch.setattr(scale, "CHUNK", 1)
    assert scale.generate(3, TAHUN, tmp_path / "parallel", SEED) == 22
    assert contents(tmp_path / "parallel") == contents(three)


def test_every_row_of_every_file_says_it_is_sample_data(three):
    for path in sorted(three.glob("*.csv")):
        parsed = read_submission(path)
        column = FLAG_COLUMN[parsed.jenis]
        for row in parsed.rows:
            assert row[column].startswith("[SAMPEL] "), (path.name, row["baris"])
            assert f"orchestration.sample.scale, seed {SEED}" in row[column], (path.name, row["baris"])
    readme = (three / "README.md").read_text(encoding="utf-8")
    assert "GENERATED SAMPLE DATA" in readme
    assert f"monev generate --kecamatan 3 --tahun {TAHUN} --out <folder> --seed {SEED}" in readme


def test_strategic_targets_name_their_own_kecamatan(three):
    for kw in FIRST_THREE:
        rows = read_submission(three / f"kinerja_{kw}_{TAHUN}.csv").rows
        texts = " ".join(row["tujuan"] + " " + row["sasaran"] for row in rows)
        assert f"Kecamatan {NAMA[kw]}" in texts
        assert not [n for n in TEMPLATE_NAMES if n != NAMA[kw] and n in texts]
        assert {row["tahun_target"] for row in rows} == {str(TAHUN)}
        programs = [r for r in read_submission(three / f"rencana_{kw}_{TAHUN}.csv").rows if r["level"] == "program"]
        assert {r["penanggung_jawab"] for r in programs} == {f"Camat {NAMA[kw]}"}


def test_the_year_sets_file_names_survey_dates_and_targets(tmp_path):
    scale.generate(1, 2031, tmp_path, SEED)
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(names_of("73.24.01", 2031))
    for path in tmp_path.glob("*.csv"):
        assert read_submission(path).problems == []
    days = [date.fromisoformat(r["tanggal"]) for r in read_submission(tmp_path / "ikm_73.24.01_2031.csv").rows]
    assert {d.year for d in days} == {2031} and all(d.weekday() < 5 for d in days)
    assert days == sorted(days)
    with (tmp_path / "kinerja_73.24.01_2031.csv").open(encoding="utf-8") as handle:
        assert {row["tahun_target"] for row in csv.DictReader(handle)} == {"2031"}


@pytest.mark.parametrize("n", [0, -1, 7286])
def test_a_count_outside_1_to_7285_is_a_clear_error(n, tmp_path, capsys):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stopped:
        scale.main(["--kecamatan", str(n), "--tahun", str(TAHUN), "--out", str(out)])
    assert stopped.value.code != 0
    assert "choose 1 to 7285" in capsys.readouterr().err
    assert cli.main(["generate", "--kecamatan", str(n), "--tahun", str(TAHUN), "--out", str(out)]) == 1
    assert f"--kecamatan {n}: choose 1 to 7285" in capsys.readouterr().err
    assert not out.exists()


def test_cli_generate_writes_the_files(tmp_path, capsys):
    assert (
        cli.main(["generate", "--kecamatan", "1", "--tahun", str(TAHUN), "--out", str(tmp_path), "--seed", str(SEED)])
        == 0
    )
    assert "8 berkas SAMPEL (1 kecamatan, 2024" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(names_of("73.24.01"))


def test_whole_rupiah_text_is_format_rupiah():
    for value in (0, 1_000, 999_000, 1_378_000, 12_345_678_000):
        assert scale.rupiah(value) == format_rupiah(value)
