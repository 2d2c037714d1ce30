"""Generate SAMPLE realisasi (per triwulan) and an IKM survey for one plan of the published warehouse.

Nothing written here was reported by any office: every row says ``[SAMPEL]``. The output is seeded
and reproducible (same warehouse and seed give byte-identical files)::

    python -m orchestration.sample.generate --warehouse data/warehouse/monev.duckdb \\
        --kode-wilayah 73.24.10 --tahun 2024 --out seeds/sampel --seed 20240101

Realisasi rules (money in whole rupiah, integer arithmetic only):

- a sub-kegiatan spends 85-100 % of each quarterly pagu, rounded down to 1.000; where the whole
  quarterly split is unknown it spends about 90 % of the annual pagu spread over the four triwulan;
- two or three sub-kegiatan are late in one triwulan (30-60 % of the plan) and spend the shortfall in
  the next one; cumulative spending is then capped at the annual pagu (rule 1);
- kegiatan and program spending is the exact sum of their children (rule 2), computed bottom-up;
- the first version of TW2 makes one sub-kegiatan overspend its annual pagu (only rule 1 breaks);
  a second version (``_tw2_v2``) corrects it, and TW3/TW4 follow the corrected version.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from orchestration.domain.numbers import format_number, format_rupiah

QUARTERS = (1, 2, 3, 4)
THOUSAND = 1000
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
DEFAULT_OVERSPEND_KODE = "7.01.01.2.06.0001"

REALISASI_COLUMNS = ["kode", "realisasi_target", "realisasi_anggaran", "keterangan", "permasalahan",
                     "tindak_lanjut"]
IKM_COLUMNS = ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10)), "keterangan"]

PERMASALAHAN = (
    "Pengadaan tertunda menunggu proses lelang",
    "Pencairan dana terlambat menunggu revisi DPA",
    "Jadwal kegiatan bergeser menyesuaikan agenda kabupaten",
)
TINDAK_LANJUT = "Dilaksanakan pada triwulan berikutnya"
KOREKSI_V2 = "[SAMPEL] versi 2: koreksi realisasi anggaran"

# Survey (Permenpan RB 14/2017): service and weight; per element, weights of the answers 1, 2, 3, 4.
LAYANAN = {"Surat Keterangan Kependudukan": 40, "Legalisasi Dokumen": 30, "Rekomendasi Izin": 20,
           "Dispensasi Nikah": 10}
UNSUR_IKM = {
    "u1": ("Persyaratan", (0, 3, 47, 50)),
    "u2": ("Sistem, mekanisme dan prosedur", (0, 4, 50, 46)),
    "u3": ("Waktu penyelesaian", (1, 7, 55, 37)),
    "u4": ("Biaya/tarif", (0, 1, 24, 75)),
    "u5": ("Produk spesifikasi jenis pelayanan", (0, 3, 48, 49)),
    "u6": ("Kompetensi pelaksana", (0, 2, 46, 52)),
    "u7": ("Perilaku pelaksana", (0, 2, 40, 58)),
    "u8": ("Penanganan pengaduan, saran dan masukan", (1, 6, 52, 41)),
    "u9": ("Sarana dan prasarana", (1, 6, 55, 38)),
}
RESPONDEN = 120


@dataclass(frozen=True)
class Node:
    """One program, kegiatan or sub-kegiatan of the plan; money in whole rupiah (sen dropped)."""

    kode: str
    level: str
    kode_induk: str | None
    agregasi: str
    target: Decimal
    pagu: int
    target_tw: tuple[Decimal | None, ...]
    pagu_tw: tuple[int | None, ...]


@dataclass(frozen=True)
class Delay:
    """A sub-kegiatan that spends only ``persen`` % of its plan in ``triwulan`` and the rest in the next."""

    kode: str
    triwulan: int
    persen: int
    permasalahan: str


@dataclass(frozen=True)
class Overspend:
    """The TW2 first-version error: ``tw2_v1`` instead of ``tw2_v2`` for ``kode``."""

    kode: str
    pagu: int
    tw1: int
    tw2_v1: int
    tw2_v2: int


@dataclass
class Sample:
    """Everything the generator decided: per node and triwulan, spending and realised target."""

    nodes: dict[str, Node]
    anggaran: dict[str, list[int]]
    target: dict[str, list[Decimal]]
    delays: list[Delay]
    overspend: Overspend
    tw2_v1: dict[str, int]  # TW2 spending of the overspent node and its ancestors, first version


def floor_thousand(value: int) -> int:
    return value // THOUSAND * THOUSAND


def ceil_thousand(value: int) -> int:
    return -(-value // THOUSAND) * THOUSAND


def _rupiah(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def load_plan(warehouse: Path, kode_wilayah: str, tahun: int) -> dict[str, Node]:
    """The plan of one kecamatan and year from ``marts`` of a published warehouse, by kode."""
    where = "where kode_wilayah = ? and tahun = ?"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        yearly = con.execute(
            f"select kode, level, kode_induk, agregasi_target, target, pagu from marts.fct_rencana_tahunan "
            f"{where} order by kode", [kode_wilayah, tahun]).fetchall()
        quarterly = con.execute(
            f"select kode, triwulan, target, pagu from marts.fct_rencana_triwulan {where}",
            [kode_wilayah, tahun]).fetchall()
    if not yearly:
        raise ValueError(f"no plan for {kode_wilayah} {tahun} in {warehouse}")
    by_quarter = {(kode, q): (target, pagu) for kode, q, target, pagu in quarterly}
    nodes = {}
    for kode, level, induk, agregasi, target, pagu in yearly:
        cells = [by_quarter.get((kode, q), (None, None)) for q in QUARTERS]
        nodes[kode] = Node(kode, level, induk, agregasi, target or Decimal(0), _rupiah(pagu) or 0,
                           tuple(t for t, _ in cells), tuple(_rupiah(p) for _, p in cells))
    return nodes


def children_of(nodes: dict[str, Node]) -> dict[str, list[str]]:
    """The direct children of every node, in plan order."""
    children: dict[str, list[str]] = {kode: [] for kode in nodes}
    for node in nodes.values():
        if node.kode_induk in children:
            children[node.kode_induk].append(node.kode)
    return children


def ancestors(nodes: dict[str, Node], kode: str) -> list[str]:
    """Kegiatan then program above ``kode``."""
    found, induk = [], nodes[kode].kode_induk
    while induk in nodes:
        found.append(induk)
        induk = nodes[induk].kode_induk
    return found


def planned_spending(node: Node, rng: random.Random) -> list[int]:
    """Near the quarterly plan (85-100 %, down to 1.000); 90 % of the year spread if no split is known."""
    if all(p is None for p in node.pagu_tw):
        total = floor_thousand(node.pagu * 9 // 10)
        weights = [rng.randint(80, 120) for _ in QUARTERS]
        parts = [floor_thousand(total * w // sum(weights)) for w in weights[:3]]
        return [*parts, total - sum(parts)]
    return [floor_thousand((p or 0) * rng.randint(850, 1000) // 1000) for p in node.pagu_tw]


def choose_delays(subs: list[Node], anggaran: dict[str, list[int]], rng: random.Random,
                  exclude: str) -> list[Delay]:
    """Two or three sub-kegiatan, each late in one of TW1-TW3 where its plan has money."""
    options = {
        node.kode: [q for q in (1, 2, 3) if (node.pagu_tw[q - 1] or 0) > 0 and anggaran[node.kode][q - 1] > 0]
        for node in subs if node.kode != exclude
    }
    kodes = sorted(k for k, quarters in options.items() if quarters)
    chosen = sorted(rng.sample(kodes, min(rng.choice((2, 3)), len(kodes))))
    return [Delay(k, rng.choice(options[k]), rng.randint(30, 60), rng.choice(PERMASALAHAN)) for k in chosen]


def apply_delay(node: Node, spending: list[int], delay: Delay) -> None:
    """Spend only ``persen`` % of the quarterly plan; the rest moves to the next triwulan."""
    i = delay.triwulan - 1
    late = min(spending[i], floor_thousand((node.pagu_tw[i] or 0) * delay.persen // 100))
    spending[i + 1] += spending[i] - late
    spending[i] = late


def cap_to_pagu(spending: list[int], pagu: int) -> list[int]:
    """Rule 1: cumulative spending never above the annual pagu (kept in whole thousands)."""
    capped: list[int] = []
    for value in spending:
        capped.append(min(value, floor_thousand(pagu - sum(capped))))
    return capped


def roll_up(nodes: dict[str, Node], sub_values: dict[str, list[int]]) -> dict[str, list[int]]:
    """Rule 2: every kegiatan and program spends exactly the sum of its children, bottom-up."""
    children = children_of(nodes)
    values = dict(sub_values)
    for kode in sorted(nodes, key=lambda k: -k.count(".")):
        if nodes[kode].level != "sub_kegiatan":
            values[kode] = [sum(values[c][i] for c in children[kode]) for i in range(4)]
    return {kode: values[kode] for kode in nodes}


def planned_target(node: Node, q: int) -> Decimal:
    """What the plan expects in triwulan q, read under the node's agregasi_target."""
    quarterly = node.target_tw[q - 1]
    if node.agregasi == "tetap":
        return node.target
    if node.agregasi == "akhir":
        return node.target if quarterly is None else quarterly
    if all(t is None for t in node.target_tw):
        return node.target if q == 4 else Decimal(0)
    return quarterly or Decimal(0)


def sub_targets(node: Node, delay: Delay | None) -> list[Decimal]:
    """The plan's quarterly target; a late quarter delivers one unit less, caught up the next quarter."""
    real = [planned_target(node, q) for q in QUARTERS]
    if node.agregasi == "akhir":
        real = [min(HUNDRED, t) for t in real]
    if delay is not None:
        i = delay.triwulan - 1
        if node.agregasi == "jumlah" and real[i] >= 1:
            real[i] -= 1
            real[i + 1] += 1
        elif node.agregasi == "akhir":
            real[i] = (real[i] * delay.persen / HUNDRED).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    return real


def parent_targets(nodes: dict[str, Node], sub_target: dict[str, list[Decimal]]) -> dict[str, list[Decimal]]:
    """Kegiatan and program: 100 x realised / planned of their children, per triwulan, at most 100."""
    children = children_of(nodes)
    real = dict(sub_target)
    for kode in sorted(nodes, key=lambda k: -k.count(".")):
        if nodes[kode].level == "sub_kegiatan":
            continue
        percents = []
        for q in QUARTERS:
            planned = sum((planned_target(nodes[c], q) for c in children[kode]), Decimal(0))
            done = sum((real[c][q - 1] for c in children[kode]), Decimal(0))
            ratio = HUNDRED if planned == 0 else (HUNDRED * done / planned).quantize(ONE_DECIMAL, ROUND_HALF_UP)
            percents.append(min(HUNDRED, ratio))
        real[kode] = percents
    return {kode: real[kode] for kode in nodes}


def make_overspend(nodes: dict[str, Node], anggaran: dict[str, list[int]],
                   kode: str) -> tuple[Overspend, dict[str, int]]:
    """TW2 of ``kode`` set above what is left of its annual pagu; ancestors follow (rule 2 holds)."""
    node = nodes.get(kode)
    if node is None or node.level != "sub_kegiatan":
        raise ValueError(f"--overspend-kode {kode} is not a sub-kegiatan of the plan")
    tw1, tw2 = anggaran[kode][0], anggaran[kode][1]
    remaining = node.pagu - tw1
    wrong = ceil_thousand(remaining + max(THOUSAND, remaining // 4))
    changed = {kode: wrong}
    for induk in ancestors(nodes, kode):
        changed[induk] = anggaran[induk][1] + wrong - tw2
        if anggaran[induk][0] + changed[induk] > nodes[induk].pagu:
            raise ValueError(f"overspending {kode} would also break the annual pagu of {induk}")
    return Overspend(kode, node.pagu, tw1, wrong, tw2), changed


def build_sample(nodes: dict[str, Node], seed: int, overspend_kode: str) -> Sample:
    """All spending and targets, decided in plan order from ``random.Random(seed)``."""
    rng = random.Random(seed)
    subs = [n for n in nodes.values() if n.level == "sub_kegiatan"]
    spending = {n.kode: planned_spending(n, rng) for n in subs}
    delays = choose_delays(subs, spending, rng, exclude=overspend_kode)
    for delay in delays:
        apply_delay(nodes[delay.kode], spending[delay.kode], delay)
    spending = {n.kode: cap_to_pagu(spending[n.kode], n.pagu) for n in subs}
    anggaran = roll_up(nodes, spending)
    for kode, values in anggaran.items():
        if any(sum(values[:q]) > nodes[kode].pagu for q in QUARTERS):
            raise ValueError(f"{kode}: children spend more than its annual pagu; the plan does not add up")
    late = {d.kode: d for d in delays}
    target = parent_targets(nodes, {n.kode: sub_targets(n, late.get(n.kode)) for n in subs})
    overspend, tw2_v1 = make_overspend(nodes, anggaran, overspend_kode)
    return Sample(nodes, anggaran, target, delays, overspend, tw2_v1)


def sample_note(seed: int) -> str:
    """The ``keterangan`` every generated row starts from."""
    return f"[SAMPEL] dibangkitkan oleh orchestration.sample.generate, seed {seed}"


def realisasi_rows(sample: Sample, q: int, seed: int, first_version: bool = False) -> list[list[str]]:
    """One row per plan node for triwulan q alone; the first version of TW2 carries the overspending."""
    base = sample_note(seed)
    notes: dict[tuple[str, int], tuple[str, str, str]] = {}
    for delay in sample.delays:
        notes[(delay.kode, delay.triwulan)] = (base, delay.permasalahan, TINDAK_LANJUT)
        notes[(delay.kode, delay.triwulan + 1)] = (f"{base}; termasuk susulan triwulan {delay.triwulan}", "", "")
    rows = []
    for kode in sample.nodes:
        anggaran = sample.anggaran[kode][q - 1]
        keterangan, permasalahan, tindak_lanjut = notes.get((kode, q), (base, "", ""))
        if q == 2 and kode in sample.tw2_v1:
            if first_version:
                anggaran = sample.tw2_v1[kode]
            else:
                keterangan = f"{KOREKSI_V2} (versi 1: {format_rupiah(sample.tw2_v1[kode])}), seed {seed}"
        rows.append([kode, format_number(sample.target[kode][q - 1]), format_rupiah(anggaran),
                     keterangan, permasalahan, tindak_lanjut])
    return rows


def survey_rows(rng: random.Random, tahun: int, seed: int, responden: int = RESPONDEN) -> list[list[str]]:
    """IKM questionnaire answers (1-4 per element), one row per respondent, numbered by date."""
    first = date(tahun, 1, 1)
    workdays = [d for d in (first + timedelta(days=i) for i in range(366)) if d.year == tahun and d.weekday() < 5]
    answers = []
    for _ in range(responden):
        tanggal = rng.choice(workdays)
        layanan = rng.choices(list(LAYANAN), weights=list(LAYANAN.values()))[0]
        scores = [rng.choices((1, 2, 3, 4), weights=weights)[0] for _, weights in UNSUR_IKM.values()]
        answers.append((tanggal, layanan, scores))
    answers.sort(key=lambda a: a[0])
    return [[str(no), tanggal.isoformat(), layanan, *map(str, scores), sample_note(seed)]
            for no, (tanggal, layanan, scores) in enumerate(answers, start=1)]


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def render_readme(sample: Sample, kode_wilayah: str, tahun: int, seed: int, responden: int) -> str:
    """The README of the output folder: what these files are and which scenarios they contain."""
    o = sample.overspend
    delays = "\n".join(
        f"| `{d.kode}` | TW{d.triwulan} | {d.persen} % of the quarterly plan | TW{d.triwulan + 1} | {d.permasalahan} |"
        for d in sample.delays)
    unsur = "\n".join(f"| `{u}` | {name} |" for u, (name, _) in UNSUR_IKM.items())
    return f"""# seeds/sampel/ — GENERATED SAMPLE DATA

**Nothing in this folder is real.** These files were generated by a program; they were not reported
or published by Kecamatan Kalaena or by any other office. Every row says so: its `keterangan` starts
with `[SAMPEL]`, and whatever the pipeline reads from this folder carries `sumber = sampel`. They exist
to exercise the realisasi and IKM parts of the pipeline on the one real plan we have ({kode_wilayah}, {tahun}).

Regenerate (same warehouse and seed give byte-identical files):

```bash
MONEV_HOME=/tmp/genhome .venv/bin/monev refresh     # the published plan is the generator's only input
.venv/bin/python -m orchestration.sample.generate --warehouse /tmp/genhome/warehouse/monev.duckdb \\
    --kode-wilayah {kode_wilayah} --tahun {tahun} --out seeds/sampel --seed {seed} --overspend-kode {o.kode}
```

## Files

| File | What |
|---|---|
| `realisasi_{kode_wilayah}_{tahun}_tw1.csv` … `_tw4.csv` | each triwulan alone (not cumulative), one row per plan node |
| `realisasi_{kode_wilayah}_{tahun}_tw2_v2.csv` | second, corrected version of TW2 (the first overspends) |
| `ikm_{kode_wilayah}_{tahun}.csv` | IKM survey (Permenpan RB 14/2017), {responden} respondents |

## How the realisasi were generated

Read from `marts.fct_rencana_tahunan` and `marts.fct_rencana_triwulan`; one `random.Random({seed})`;
money in whole rupiah with integer arithmetic.

- **Sub-kegiatan, money**: each triwulan spends 85–100 % of its quarterly pagu, rounded down to a
  whole 1.000; 0 where the quarterly pagu is 0 or unknown. Where the plan's whole quarterly split is
  unknown, about 90 % of the annual pagu is spread over the four triwulan.
- **Delays**: a few sub-kegiatan are late in one triwulan (table below) and spend the shortfall in the
  next one on top of its own plan; those rows carry `permasalahan` and `tindak_lanjut`, the catch-up
  row says so in `keterangan`.
- **Rule 1**: cumulative spending of every node never exceeds its annual pagu (capped after the delays).
- **Rule 2**: kegiatan and program spending is exactly the sum of their children in each triwulan.
- **Targets**: sub-kegiatan `jumlah`: the plan's quarterly target (the annual target in TW4 where no
  quarterly target is known), one unit less in a late triwulan and caught up in the next; `tetap`: the
  annual level each triwulan; `akhir`: the plan's percentage (scaled down in a late triwulan).
  Kegiatan and program: 100 × children's realised / children's planned target, at most 100, one decimal.

## Deliberate scenarios

Delays:

| Sub-kegiatan | Late in | Spent | Caught up in | Permasalahan |
|---|---|---|---|---|
{delays}

Overspending and its correction (TW2 has two versions):

| | `{o.kode}` |
|---|---|
| annual pagu | {format_rupiah(o.pagu)} |
| TW1 | {format_rupiah(o.tw1)} |
| TW2, first version (`_tw2.csv`) | {format_rupiah(o.tw2_v1)} (TW1 + TW2 = {format_rupiah(o.tw1 + o.tw2_v1)}: above the pagu) |
| TW2, second version (`_tw2_v2.csv`) | {format_rupiah(o.tw2_v2)} |

In the first version its kegiatan and program are raised by the same amount, so rule 2 still holds and
rule 1 for this one sub-kegiatan is the only violation: the file should be quarantined. The second
version corrects the row and its parents (`keterangan`: "{KOREKSI_V2}");
TW3 and TW4 follow it.

## The IKM survey

One row per respondent: `no_responden`, `tanggal` (a working day of {tahun}), `layanan`, the answers
`u1`–`u9` (1–4) to the nine elements, `keterangan`. Answers are mostly 3 and 4, drawn per element with
fixed weights; the index itself is computed by the pipeline, not here.

| Column | Element (unsur) |
|---|---|
{unsur}
"""


def generate(warehouse: Path, kode_wilayah: str, tahun: int, out: Path, seed: int,
             overspend_kode: str = DEFAULT_OVERSPEND_KODE, responden: int = RESPONDEN) -> list[Path]:
    """Write the realisasi files, the survey and the README into ``out``; return the paths written."""
    sample = build_sample(load_plan(warehouse, kode_wilayah, tahun), seed, overspend_kode)
    out.mkdir(parents=True, exist_ok=True)
    prefix = f"realisasi_{kode_wilayah}_{tahun}"
    written = []
    versions = [*((f"{prefix}_tw{q}.csv", q, True) for q in QUARTERS), (f"{prefix}_tw2_v2.csv", 2, False)]
    for name, q, first_version in versions:
        write_csv(out / name, REALISASI_COLUMNS, realisasi_rows(sample, q, seed, first_version))
        written.append(out / name)
    survey = out / f"ikm_{kode_wilayah}_{tahun}.csv"
    write_csv(survey, IKM_COLUMNS, survey_rows(random.Random(seed), tahun, seed, responden))
    readme = out / "README.md"
    readme.write_text(render_readme(sample, kode_wilayah, tahun, seed, responden), encoding="utf-8")
    return [*written, survey, readme]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True, help="a published monev.duckdb")
    parser.add_argument("--kode-wilayah", required=True)
    parser.add_argument("--tahun", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--overspend-kode", default=DEFAULT_OVERSPEND_KODE,
                        help="the sub-kegiatan that overspends in the first version of TW2")
    args = parser.parse_args(argv)
    for path in generate(args.warehouse, args.kode_wilayah, args.tahun, args.out, args.seed, args.overspend_kode):
        print(path)


if __name__ == "__main__":
    main()
