"""How certain is each fill of the corrections log? The placements the Kalaena text leaves open, enumerated.

The extracted text of the Rencana Aksi loses the column of some printed amounts and some cells altogether.
Where a fill of `seeds/koreksi.csv` depends on such a placement, the log marks it `kepastian = asumsi` and
states in `alternatif` how many readings keep the document's sums. This test recomputes every such count
from the transcription (`seeds/dokumen/rencana_73.24.10_2024.csv`) and the log itself, so the log cannot
claim a number the data does not give. Nothing here reads outside the repository.

Placements enumerated (printed amounts keep their order):
- program 7.01.01, kegiatan 7.01.01.2.01 and sub-kegiatan 7.01.01.2.02.0001 (gaji) print three quarters
  each: the lost quarter (annual minus the three printed) may be any of the four;
- kegiatan 7.01.01.2.07 and sub-kegiatan 7.01.01.2.08.0003 print two pairs: the first is TW1, the second
  may be TW2, TW3 or TW4;
- kegiatan 7.01.01.2.09 is what is left of the program in each quarter; a reading is feasible when every
  quarter of it is 0 or more (its quarters always sum to its RKT amount);
- kegiatan 7.01.01.2.05 is printed in full, its two sub-kegiatan one amount each: which quarter each is,
  and how the lost rest splits (every whole-rupiah split counts);
- kegiatan 7.01.05.2.01 prints two pairs and loses the rest: the second may be TW2, TW3 or TW4.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PLAN = SEEDS / "dokumen" / "rencana_73.24.10_2024.csv"
LOG = SEEDS / "koreksi.csv"
WILAYAH, TAHUN = "73.24.10", "2024"
QUARTERS = range(4)
RUPIAH = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})*")

PROGRAM, K01, K02, GAJI, LK = "7.01.01", "7.01.01.2.01", "7.01.01.2.02", "7.01.01.2.02.0001", "7.01.01.2.02.0007"
K05, PENDATAAN, BIMTEK = "7.01.01.2.05", "7.01.01.2.05.0003", "7.01.01.2.05.0011"
K07, K08, S0803, K09 = "7.01.01.2.07", "7.01.01.2.08", "7.01.01.2.08.0003", "7.01.01.2.09"
K0805, X0805 = "7.01.05.2.01", "7.01.05.2.01.X001"
FULLY_PRINTED = ("7.01.01.2.03", "7.01.01.2.04", K05, "7.01.01.2.06")  # every quarter printed
K08_SUBS = ("7.01.01.2.08.0001", "7.01.01.2.08.0002", S0803, "7.01.01.2.08.0004")


def indonesian(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@cache
def plan() -> dict[str, dict]:
    with PLAN.open(encoding="utf-8", newline="") as handle:
        return {row["kode"]: row for row in csv.DictReader(handle)}


@cache
def log() -> tuple[dict, ...]:
    with LOG.open(encoding="utf-8", newline="") as handle:
        return tuple(r for r in csv.DictReader(handle) if r["kode_wilayah"] == WILAYAH and r["tahun"] == TAHUN)


def koreksi(kode: str, kolom: str) -> dict | None:
    rows = [r for r in log() if r["jenis"] == "koreksi" and r["kode"] == kode and r["kolom"] == kolom]
    assert len(rows) <= 1, f"{kode} {kolom}: {len(rows)} corrections"
    return rows[0] if rows else None


def rupiah(text: str) -> int:
    assert RUPIAH.fullmatch(text), text
    return int(text.replace(".", ""))


def printed(kode: str, kolom: str) -> int | None:
    """A money cell as printed; a misprinted one read through its `ditentukan` correction; None if lost."""
    text = plan()[kode][kolom].strip()
    if not text:
        return None
    if RUPIAH.fullmatch(text):
        return rupiah(text)
    fix = koreksi(kode, kolom)
    assert fix and fix["nilai_terbit"] == text and fix["kepastian"] == "ditentukan", (kode, kolom, text)
    return rupiah(fix["nilai_koreksi"])


def quarters(kode: str) -> list[int | None]:
    return [printed(kode, f"pagu_tw{q + 1}") for q in QUARTERS]


def printed_in_order(kode: str) -> list[int]:
    return [v for v in quarters(kode) if v is not None]


def annual(kode: str) -> int:
    return printed(kode, "pagu")


def with_lost_quarter(kode: str, position: int) -> tuple[int, ...]:
    """Three printed quarters in order, the lost one (annual minus them) at `position`."""
    values = printed_in_order(kode)
    assert len(values) == 3, kode
    values.insert(position, annual(kode) - sum(values))
    return tuple(values)


def with_second_pair(values: list[int], position: int) -> tuple[int, ...]:
    """Two printed amounts: the first in TW1, the second in quarter `position` (1-3), nothing elsewhere."""
    assert len(values) == 2 and position in (1, 2, 3)
    quarter = [values[0], 0, 0, 0]
    quarter[position] += values[1]
    return tuple(quarter)


def as_transcribed_position(kode: str) -> int:
    """Where the transcription puts the lost quarter (three printed) or the second pair (two printed)."""
    cells = quarters(kode)
    if sum(v is not None for v in cells) == 3:
        return cells.index(None)
    return max(q for q in QUARTERS if cells[q] is not None)


@dataclass(frozen=True)
class Reading:
    """One placement of the open amounts of program 7.01.01 and what it leaves for kegiatan 7.01.01.2.09."""

    positions: tuple[int, int, int, int, int]  # program, gaji, K 2.01 lost quarter; K 2.07, 2.08.0003 second pair
    nodes: dict

    @property
    def k09(self) -> tuple[int, ...]:
        return self.nodes[K09]

    @property
    def feasible(self) -> bool:
        return all(v >= 0 for v in self.k09)

    @property
    def whole_thousands(self) -> bool:
        return all(v % 1000 == 0 for v in self.k09)


def reading(program: int, gaji: int, k01: int, k07: int, s0803: int) -> Reading:
    nodes = {
        PROGRAM: with_lost_quarter(PROGRAM, program),
        GAJI: with_lost_quarter(GAJI, gaji),
        K01: with_lost_quarter(K01, k01),
        K07: with_second_pair(printed_in_order(K07), k07),
        S0803: with_second_pair(printed_in_order(S0803), s0803),
    }
    nodes[K02] = tuple(g + c for g, c in zip(nodes[GAJI], quarters(LK), strict=True))
    subs = [nodes[S0803] if s == S0803 else tuple(quarters(s)) for s in K08_SUBS]
    nodes[K08] = tuple(map(sum, zip(*subs, strict=True)))
    others = [nodes[K01], nodes[K02], *(tuple(quarters(k)) for k in FULLY_PRINTED), nodes[K07], nodes[K08]]
    nodes[K09] = tuple(p - sum(o) for p, *o in zip(nodes[PROGRAM], *others, strict=True))
    return Reading((program, gaji, k01, k07, s0803), nodes)


@cache
def readings() -> tuple[Reading, ...]:
    return tuple(reading(*p) for p in product(QUARTERS, QUARTERS, QUARTERS, (1, 2, 3), (1, 2, 3)))


@cache
def taken() -> Reading:
    return reading(*(as_transcribed_position(k) for k in (PROGRAM, GAJI, K01, K07, S0803)))


def feasible() -> list[Reading]:
    return [r for r in readings() if r.feasible]


def distinct(values) -> int:
    return len(set(values))


def asumsi_text(kode: str, kolom: str) -> str:
    return koreksi(kode, kolom)["asumsi"]


def is_fill(row: dict | None) -> bool:
    """A correction that fills a lost cell (not one that reads a misprinted one)."""
    return row is not None and row["nilai_terbit"].strip() == ""


# ---- the inputs are what the enumeration assumes ----------------------------------------------------------


def test_the_enumerated_rows_print_what_the_enumeration_assumes():
    for kode in (PROGRAM, GAJI, K01):
        assert len(printed_in_order(kode)) == 3, kode
    for kode in (K07, S0803):  # two pairs, nothing lost: the printed amounts make the whole year
        assert len(printed_in_order(kode)) == 2 and quarters(kode)[0] is not None, kode
    assert sum(printed_in_order(K07)) == annual(K07)
    assert sum(printed_in_order(S0803)) == printed(S0803, "pagu_akhir_tahun")
    for kode in (*FULLY_PRINTED, LK, *(s for s in K08_SUBS if s != S0803)):
        assert None not in quarters(kode), kode
    # the program total is the sum of its kegiatan (audit R14): what is left for 2.09 sums to its RKT amount
    assert all(sum(r.k09) == annual(K09) for r in readings())


def test_the_taken_reading_is_the_one_the_log_fills_and_it_is_feasible():
    t = taken()
    assert t.positions == (3, 3, 3, 1, 3)  # lost TW4 (x3), second pairs in TW2 and TW4
    assert t.feasible
    for kode in (PROGRAM, K01, GAJI, K02, K08, K09):
        for q in QUARTERS:
            fix = koreksi(kode, f"pagu_tw{q + 1}")
            value = rupiah(fix["nilai_koreksi"]) if is_fill(fix) else quarters(kode)[q]
            assert value == t.nodes[kode][q], (kode, q + 1)


# ---- kegiatan 7.01.01.2.09: the counts of its asumsi text ------------------------------------------------


def test_kegiatan_2_09_alternatives_as_stated_in_the_log():
    t = taken()
    # what audit 7.2 leaves open: K 2.01's lost quarter x the second 2.950.000, the rest as transcribed
    asked = [
        r
        for r in readings()
        if r.positions[0] == t.positions[0] and r.positions[1] == t.positions[1] and r.positions[3] == t.positions[3]
    ]
    assert len(asked) == 12
    ok = [r for r in asked if r.feasible]
    thousands = [r for r in ok if r.whole_thousands]
    assert (len(ok), len(thousands)) == (11, 5)
    assert not t.whole_thousands  # the one taken is not among them
    # every feasible reading, distinct by what it leaves for 2.09
    every = {r.k09 for r in feasible()}
    other = {r.k09 for r in feasible() if r.nodes[PROGRAM] != t.nodes[PROGRAM]}
    assert {r.k09 for r in ok} | other == every and not {r.k09 for r in ok} & other
    assert not any(all(v % 1000 == 0 for v in k09) for k09 in other)
    lost_program = {r.positions[0] for r in feasible() if r.nodes[PROGRAM] != t.nodes[PROGRAM]}
    assert lost_program == {1}  # TW2

    text = asumsi_text(K09, "pagu_tw1")
    assert f"{len(ok)} of the {len(asked)} combinations" in text
    assert f"{len(thousands)} of them in whole thousands, not the one taken" in text
    assert f"{len(other)} more with the program's lost quarter in TW2 (none in whole thousands)" in text
    assert text.endswith(f"{len(every)} alternatives.")
    for q in QUARTERS:
        row = koreksi(K09, f"pagu_tw{q + 1}")
        assert row["asumsi"] == text and int(row["alternatif"]) == len(every)


def test_program_lost_quarter_alternatives():
    t = taken()
    alternatives = {r.nodes[PROGRAM] for r in feasible()}
    positions = {r.positions[0] for r in feasible()}
    assert positions == {1, 3}  # lost TW2 or TW4; TW1 and TW3 make a quarter of 2.09 negative
    other = next(r for r in feasible() if r.positions[0] == 1)
    assert {r.positions[1] for r in feasible() if r.positions[0] == 1} == {1}  # gaji lost TW2 too
    assert {r.positions[3] for r in feasible() if r.positions[0] == 1} == {3}  # K 2.07 second pair TW4
    assert {r.positions[3] for r in feasible() if r.positions[0] == 3} == {1}  # else K 2.07 is forced to TW2
    text = asumsi_text(PROGRAM, "pagu_tw4")
    assert "(TW2 {}, TW3 {}, TW4 {})".format(*map(indonesian, other.nodes[PROGRAM][1:])) in text
    assert text.endswith(f"{len(alternatives)} alternatives.")
    assert int(koreksi(PROGRAM, "pagu_tw4")["alternatif"]) == len(alternatives) == 2
    assert t.nodes[PROGRAM] in alternatives


def test_kegiatan_2_01_lost_quarter_alternatives():
    positions = {r.positions[2] for r in feasible()}
    assert positions == set(QUARTERS)
    alternatives = distinct(r.nodes[K01] for r in feasible())
    assert int(koreksi(K01, "pagu_tw4")["alternatif"]) == alternatives == 4
    assert asumsi_text(K01, "pagu_tw4").endswith(f"{alternatives} alternatives.")


def test_second_2_950_000_of_2_08_0003_alternatives():
    alternatives = distinct(r.nodes[K08] for r in feasible())
    assert {r.positions[4] for r in feasible()} == {1, 2, 3}
    for q in (2, 3, 4):
        assert int(koreksi(K08, f"pagu_tw{q}")["alternatif"]) == alternatives == 3
        assert asumsi_text(K08, f"pagu_tw{q}").endswith(f"{alternatives} alternatives.")


def test_kegiatan_2_02_alternatives():
    other = {r.nodes[K02] for r in feasible()} - {taken().nodes[K02]}
    assert len(other) == 1
    tw2, tw3 = list(other)[0][1:3]
    for q in (2, 3):
        row = koreksi(K02, f"pagu_tw{q}")
        assert int(row["alternatif"]) == 2
        assert f"TW2 is {indonesian(tw2)} and TW3 {indonesian(tw3)}" in row["asumsi"]


def test_gaji_tw4_is_the_same_whichever_quarter_is_lost():
    assert distinct(with_lost_quarter(GAJI, p)[3] for p in QUARTERS) == 1


# ---- one rule for every fill the enumeration covers ----------------------------------------------------


def enumerated_cells() -> dict[tuple[str, str], tuple[str, int | None, int]]:
    """(kode, kolom) -> (kepastian, alternatif, value) as the feasible readings give them."""
    cells = {}
    for kode in (PROGRAM, K01, GAJI, K02, K08, K09):
        for q in QUARTERS:
            values = {r.nodes[kode][q] for r in feasible()}
            if len(values) == 1:
                cells[(kode, f"pagu_tw{q + 1}")] = ("ditentukan", None, values.pop())
            else:
                cells[(kode, f"pagu_tw{q + 1}")] = (
                    "asumsi",
                    distinct(r.nodes[kode] for r in feasible()),
                    taken().nodes[kode][q],
                )
    return cells


def test_every_enumerated_fill_is_classified_as_the_readings_give_it():
    checked = 0
    for (kode, kolom), (kepastian, alternatif, value) in enumerated_cells().items():
        row = koreksi(kode, kolom)
        if not is_fill(row):
            continue  # printed (a misprint's correction only reads the cell), not filled
        checked += 1
        assert row["kepastian"] == kepastian, (kode, kolom)
        assert rupiah(row["nilai_koreksi"]) == value, (kode, kolom)
        assert (int(row["alternatif"]) if row["alternatif"] else None) == alternatif, (kode, kolom)
    assert checked == 15  # 7.01.01 TW4, 2.01 TW4, gaji TW4, 2.02 x4, 2.08 x4, 2.09 x4


# ---- kegiatan 7.01.01.2.05: the Bimtek / Pendataan split -----------------------------------------------


@dataclass(frozen=True)
class Family:
    """Splits with Pendataan's printed amount in quarter i and Bimtek's in quarter j: Bimtek's quarters are
    fixed at i and j, and b[r1] = t, b[r2] = rest - t for t in [lo, hi] (whole rupiah)."""

    i: int
    j: int
    fixed: dict
    r1: int
    r2: int
    rest: int
    lo: int
    hi: int

    def bimtek(self, t: int) -> tuple[int, ...]:
        return tuple(self.fixed.get(q, t if q == self.r1 else self.rest - t) for q in QUARTERS)

    def points_matching(self, q: int, value: int) -> set | None:
        """t where Bimtek's quarter q equals value: None = every t, else the (at most one) t."""
        if q in self.fixed:
            return None if self.fixed[q] == value else set()
        t = value if q == self.r1 else self.rest - value
        return {t} if self.lo <= t <= self.hi else set()


def split_families() -> list[Family]:
    k = quarters(K05)
    [p_printed], [b_printed] = printed_in_order(PENDATAAN), printed_in_order(BIMTEK)
    assert annual(PENDATAAN) + annual(BIMTEK) == sum(k) == annual(K05)
    families = []
    for i, j in product(QUARTERS, QUARTERS):
        if i == j:  # both printed amounts in one quarter: they must make the kegiatan's quarter
            assert p_printed + b_printed not in k
            continue
        fixed = {i: k[i] - p_printed, j: b_printed}
        if not all(0 <= v <= k[q] for q, v in fixed.items()):
            continue
        r1, r2 = [q for q in QUARTERS if q not in fixed]
        rest = annual(BIMTEK) - sum(fixed.values())
        lo, hi = max(0, rest - k[r2]), min(k[r1], rest)
        if lo <= hi:
            families.append(Family(i, j, fixed, r1, r2, rest, lo, hi))
    return families


def count_splits(families: list[Family]) -> int:
    """Distinct whole-rupiah splits over all families (a split may belong to two)."""
    [p_printed], [b_printed] = printed_in_order(PENDATAAN), printed_in_order(BIMTEK)
    k = quarters(K05)
    total = 0
    for m, family in enumerate(families):
        seen, everything = set(), False
        for earlier in families[:m]:
            a = family.points_matching(earlier.i, k[earlier.i] - p_printed)
            b = family.points_matching(earlier.j, b_printed)
            if a is None and b is None:
                everything = True
            else:
                seen |= b if a is None else a if b is None else a & b
        total += 0 if everything else family.hi - family.lo + 1 - len(seen)
    return total


def test_bimtek_pendataan_split_alternatives():
    families = split_families()
    k = quarters(K05)
    # Bimtek's printed 13.410.000 is TW3 in every split; Pendataan's 1.234.500 is TW4 or TW2
    assert {f.j for f in families} == {2} and {f.i for f in families} == {1, 3}
    assert [f.hi - f.lo for f in families] == [1_234_500, 1_236_500]
    splits = count_splits(families)
    assert splits == 2_471_001
    # the split does not reach kegiatan 2.09: the kegiatan row of 2.05 is printed in all four quarters
    assert None not in k
    # Pendataan TW3 is forced; TW1, TW2 and Bimtek TW1 are the audit's point of a range
    b3 = {f.fixed[2] for f in families}
    assert {k[2] - b for b in b3} == {rupiah(koreksi(PENDATAAN, "pagu_tw3")["nilai_koreksi"])}
    assert koreksi(PENDATAAN, "pagu_tw3")["kepastian"] == "ditentukan"
    taken_family = next(f for f in families if f.i == 3)  # Pendataan's amount in TW4
    bimtek = taken_family.bimtek(annual(BIMTEK) - printed_in_order(BIMTEK)[0])  # nothing in TW2
    assert bimtek == (rupiah(koreksi(BIMTEK, "pagu_tw1")["nilai_koreksi"]), 0, printed(BIMTEK, "pagu_tw3"), 0)
    pendataan = [kq - bq for kq, bq in zip(k, bimtek, strict=True)]
    for q in (1, 2, 3):
        assert rupiah(koreksi(PENDATAAN, f"pagu_tw{q}")["nilai_koreksi"]) == pendataan[q - 1]
    for kode, kolom in ((PENDATAAN, "pagu_tw1"), (PENDATAAN, "pagu_tw2"), (BIMTEK, "pagu_tw1")):
        row = koreksi(kode, kolom)
        assert row["kepastian"] == "asumsi" and int(row["alternatif"]) == splits
        assert row["asumsi"].endswith(f"{indonesian(splits)} whole-rupiah splits.")
    # the ranges the text states: Bimtek's free quarter runs from 0 to its largest share
    text = koreksi(PENDATAAN, "pagu_tw1")["asumsi"]
    tw2 = next(f for f in families if f.i == 3)
    assert f"Bimtek may also spend 0 to {indonesian(tw2.rest - tw2.lo)} in TW2" in text
    assert "Pendataan TW1 {} to {}".format(*map(indonesian, (k[0] - tw2.hi, k[0] - tw2.lo))) in text
    assert "Bimtek TW1 {} to {}".format(*map(indonesian, (tw2.hi, tw2.lo))) in text
    tw4 = next(f for f in families if f.i == 1)
    assert f"Bimtek TW2 {indonesian(tw4.fixed[1])}, Bimtek TW4 0 to {indonesian(tw4.rest - tw4.lo)}" in text


# ---- kegiatan 7.01.05.2.01 and the 2.08 sub-kegiatan -------------------------------------------------


def test_program_7_01_05_second_pair_alternatives():
    values = printed_in_order(K0805)
    lost = annual(K0805) - sum(values)
    assert len(values) == 2 and lost >= 0  # two lost quarters hold the rest, whatever their split
    placements = [p for p in (1, 2, 3) if lost >= 0]
    row = koreksi(X0805, "pagu_tw2")
    assert row["kepastian"] == "asumsi" and int(row["alternatif"]) == len(placements) == 3
    assert indonesian(lost) in row["asumsi"]
    assert koreksi(X0805, "pagu_tw1")["kepastian"] == "ditentukan"


def test_only_the_rencana_aksi_amounts_of_the_2_08_sub_kegiatan_make_the_kegiatan_total():
    rkt = [annual(s) for s in K08_SUBS]
    ra = [sum(v for v in quarters(s) if v is not None) for s in K08_SUBS]
    mixes = [m for m in product(*zip(rkt, ra, strict=True)) if sum(m) == annual(K08)]
    assert mixes == [tuple(ra)]
    for s, value in zip(K08_SUBS, ra, strict=True):
        row = koreksi(s, "pagu")
        assert row["kepastian"] == "ditentukan" and rupiah(row["nilai_koreksi"]) == value


# ---- every asumsi of the log is one the enumeration checks ---------------------------------------------


def test_every_asumsi_of_the_log_is_enumerated_here():
    enumerated = {k for k, v in enumerated_cells().items() if v[0] == "asumsi" and is_fill(koreksi(*k))}
    enumerated |= {(PENDATAAN, "pagu_tw1"), (PENDATAAN, "pagu_tw2"), (BIMTEK, "pagu_tw1"), (X0805, "pagu_tw2")}
    logged = {(r["kode"], r["kolom"]) for r in log() if r["kepastian"] == "asumsi"}
    assert logged == enumerated


@pytest.mark.parametrize(
    "row", [r for r in log() if r["kepastian"] == "asumsi"], ids=lambda r: f"{r['kode']}-{r['kolom']}"
)
def test_an_asumsi_names_its_count(row):
    assert row["asumsi"].rstrip().endswith(("alternatives.", "splits."))
    count = indonesian(int(row["alternatif"]))
    assert f"{count} alternatives." in row["asumsi"] or f"{count} whole-rupiah splits." in row["asumsi"]
