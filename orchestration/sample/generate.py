"""Generate SAMPLE data from the published warehouse: realisasi per triwulan, an IKM survey and, for a
whole kabupaten, SAMPLE plans for the kecamatan that have none.

Nothing written here was reported by any office: every row says ``[SAMPEL]``. The output is seeded
and reproducible (same warehouse and seed give byte-identical files). The whole kabupaten::

    python -m orchestration.sample.generate --warehouse data/warehouse/monev.duckdb \\
        --kabupaten 73.24 --tahun 2024 --out seeds/sampel --seed 20240101

writes, for the kecamatan with the real plan (``--basis``, default 73.24.10 Kalaena), realisasi TW1-TW4
(TW2 in two versions) and a survey from its published plan, seed ``--seed``; for every other kecamatan
of the kabupaten a plan and strategic targets derived from the real ones (``plan.py``), realisasi TW1-TW4
and a survey from that plan, seed ``seed * 100 + the last two digits of its code``; four deliberately
defective ``_v2`` re-submissions (``defects.py``); and the README. One kecamatan from its published
plan only (realisasi, survey, README)::

    python -m orchestration.sample.generate --warehouse data/warehouse/monev.duckdb \\
        --kode-wilayah 73.24.10 --tahun 2024 --out seeds/sampel --seed 20240101

Realisasi rules (money in whole rupiah, integer arithmetic only):

- a sub-kegiatan spends 85-100 % of each quarterly pagu, rounded down to 1.000; where the whole
  quarterly split is unknown it spends about 90 % of the annual pagu spread over the four triwulan;
- two or three sub-kegiatan are late in one triwulan (30-60 % of the plan) and spend the shortfall in
  the next one; cumulative spending is then capped at the annual pagu (rule 1);
- kegiatan and program spending is the exact sum of their children (rule 2), computed bottom-up;
- for the basis kecamatan, the first version of TW2 makes one sub-kegiatan overspend its annual pagu
  (only rule 1 breaks); a second version (``_tw2_v2``) corrects it, and TW3/TW4 follow it.
"""

from __future__ import annotations

import argparse
import csv
import random
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from orchestration.domain.numbers import format_number, format_rupiah
from orchestration.sample.defects import DEFECTS, ROLLUP, TRIWULAN, Defect, defective_plan, defective_realisasi
from orchestration.sample.plan import (
    IKM,
    KINERJA_COLUMNS,
    PENUNJANG,
    PER_DESA,
    PLAN_COLUMNS,
    QUARTERS,
    SCALED_UNITS,
    THOUSAND,
    Basis,
    DerivedPlan,
    Node,
    ancestors,
    ceil_thousand,
    children_of,
    derive_plan,
    floor_thousand,
    kinerja_rows,
    load_basis,
    load_kecamatan,
    load_plan,
    plan_rows,
)

__all__ = ["IKM_COLUMNS", "REALISASI_COLUMNS", "Node", "generate", "generate_kabupaten", "load_plan", "main"]

DEFAULT_BASIS = "73.24.10"
DEFAULT_TAHUN = 2024
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
DEFAULT_OVERSPEND_KODE = "7.01.01.2.06.0001"

REALISASI_COLUMNS = ["kode", "realisasi_target", "realisasi_anggaran", "keterangan", "permasalahan", "tindak_lanjut"]
IKM_COLUMNS = ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10)), "keterangan"]

PERMASALAHAN = (
    "Pengadaan tertunda menunggu proses lelang",
    "Pencairan dana terlambat menunggu revisi DPA",
    "Jadwal kegiatan bergeser menyesuaikan agenda kabupaten",
)
TINDAK_LANJUT = "Dilaksanakan pada triwulan berikutnya"
KOREKSI_V2 = "[SAMPEL] versi 2: koreksi realisasi anggaran"

# Survey (Permenpan RB 14/2017): service and weight; per element, weights of the answers 1, 2, 3, 4.
LAYANAN = {
    "Surat Keterangan Kependudukan": 40,
    "Legalisasi Dokumen": 30,
    "Rekomendasi Izin": 20,
    "Dispensasi Nikah": 10,
}
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
    overspend: Overspend | None
    tw2_v1: dict[str, int]  # TW2 spending of the overspent node and its ancestors, first version


@dataclass
class Derived:
    """A kecamatan of the kabupaten with a SAMPLE plan, its realisasi and its seed."""

    plan: DerivedPlan
    sample: Sample
    seed: int


def kecamatan_seed(seed: int, kode_wilayah: str) -> int:
    """The seed of a derived kecamatan: ``seed * 100`` plus the last two digits of its code."""
    return seed * 100 + int(kode_wilayah[-2:])


def planned_spending(node: Node, rng: random.Random) -> list[int]:
    """Near the quarterly plan (85-100 %, down to 1.000); 90 % of the year spread if no split is known."""
    if all(p is None for p in node.pagu_tw):
        total = floor_thousand(node.pagu * 9 // 10)
        weights = [rng.randint(80, 120) for _ in QUARTERS]
        parts = [floor_thousand(total * w // sum(weights)) for w in weights[:3]]
        return [*parts, total - sum(parts)]
    return [floor_thousand((p or 0) * rng.randint(850, 1000) // 1000) for p in node.pagu_tw]


def choose_delays(
    subs: list[Node], anggaran: dict[str, list[int]], rng: random.Random, exclude: str | None
) -> list[Delay]:
    """Two or three sub-kegiatan, each late in one of TW1-TW3 where its plan has money."""
    options = {
        node.kode: [q for q in (1, 2, 3) if (node.pagu_tw[q - 1] or 0) > 0 and anggaran[node.kode][q - 1] > 0]
        for node in subs
        if node.kode != exclude
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


def make_overspend(
    nodes: dict[str, Node], anggaran: dict[str, list[int]], kode: str
) -> tuple[Overspend, dict[str, int]]:
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


def build_sample(nodes: dict[str, Node], seed: int, overspend_kode: str | None = None) -> Sample:
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
    overspend, tw2_v1 = make_overspend(nodes, anggaran, overspend_kode) if overspend_kode else (None, {})
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
        rows.append(
            [
                kode,
                format_number(sample.target[kode][q - 1]),
                format_rupiah(anggaran),
                keterangan,
                permasalahan,
                tindak_lanjut,
            ]
        )
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
    return [
        [str(no), tanggal.isoformat(), layanan, *map(str, scores), sample_note(seed)]
        for no, (tanggal, layanan, scores) in enumerate(answers, start=1)
    ]


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def rencana_note(seed: int, basis: Basis) -> str:
    """The ``catatan`` of every row of a derived plan."""
    return f"{sample_note(seed)}; diturunkan dari rencana {basis.kecamatan.nama} {basis.tahun}"


def write_realisasi_and_survey(
    out: Path, kode_wilayah: str, tahun: int, sample: Sample, seed: int, responden: int
) -> list[Path]:
    """TW1-TW4 (and the corrected TW2 where the first version overspends) and the survey of one kecamatan."""
    prefix = f"realisasi_{kode_wilayah}_{tahun}"
    versions = [(f"{prefix}_tw{q}.csv", q, True) for q in QUARTERS]
    if sample.overspend is not None:
        versions.append((f"{prefix}_tw2_v2.csv", 2, False))
    written = []
    for name, q, first_version in versions:
        write_csv(out / name, REALISASI_COLUMNS, realisasi_rows(sample, q, seed, first_version))
        written.append(out / name)
    survey = out / f"ikm_{kode_wilayah}_{tahun}.csv"
    write_csv(survey, IKM_COLUMNS, survey_rows(random.Random(seed), tahun, seed, responden))
    return [*written, survey]


def write_defect(out: Path, jenis: str, basis: Basis, derived: Derived) -> Defect:
    """The deliberately defective ``_v2`` re-submission of one derived kecamatan."""
    rng = random.Random(f"cacat {derived.seed}")
    kw, tahun = derived.plan.kecamatan.kode_wilayah, basis.tahun
    if jenis == ROLLUP:
        plan, defect = defective_plan(derived.plan, tahun, rng)
        write_csv(out / defect.nama_berkas, PLAN_COLUMNS, plan_rows(plan, basis.teks, defect.note))
        return defect
    good = realisasi_rows(derived.sample, TRIWULAN[jenis], derived.seed)
    rows, defect = defective_realisasi(jenis, REALISASI_COLUMNS, good, derived.plan.nodes, kw, tahun, rng)
    write_csv(out / defect.nama_berkas, REALISASI_COLUMNS, rows)
    return defect


def generate(
    warehouse: Path,
    kode_wilayah: str,
    tahun: int,
    out: Path,
    seed: int,
    overspend_kode: str = DEFAULT_OVERSPEND_KODE,
    responden: int = RESPONDEN,
) -> list[Path]:
    """One kecamatan from its published plan: realisasi, survey and README into ``out``; the paths written."""
    sample = build_sample(load_plan(warehouse, kode_wilayah, tahun), seed, overspend_kode)
    out.mkdir(parents=True, exist_ok=True)
    written = write_realisasi_and_survey(out, kode_wilayah, tahun, sample, seed, responden)
    command = (
        f"--kode-wilayah {kode_wilayah} --tahun {tahun} --out seeds/sampel --seed {seed} "
        f"--overspend-kode {overspend_kode}"
    )
    readme = out / "README.md"
    readme.write_text(render_readme(sample, kode_wilayah, tahun, seed, responden, command), encoding="utf-8")
    return [*written, readme]


def generate_kabupaten(
    warehouse: Path,
    kode_kabupaten: str,
    tahun: int,
    out: Path,
    seed: int,
    basis_kode: str = DEFAULT_BASIS,
    overspend_kode: str = DEFAULT_OVERSPEND_KODE,
    responden: int = RESPONDEN,
) -> list[Path]:
    """The whole kabupaten: the basis kecamatan as ``generate`` does, every other one a derived plan, its
    strategic targets, realisasi and survey, the defective re-submissions and the README."""
    kecamatan = load_kecamatan(warehouse, kode_kabupaten)
    basis_kecamatan = next((k for k in kecamatan if k.kode_wilayah == basis_kode), None)
    if basis_kecamatan is None:
        raise ValueError(f"--basis {basis_kode} is not a kecamatan of kabupaten {kode_kabupaten}")
    basis = load_basis(warehouse, basis_kecamatan, tahun)
    basis_sample = build_sample(basis.nodes, seed, overspend_kode)
    out.mkdir(parents=True, exist_ok=True)
    written = write_realisasi_and_survey(out, basis_kode, tahun, basis_sample, seed, responden)
    derived: list[Derived] = []
    defects: list[Defect] = []
    for kec in kecamatan:
        if kec == basis_kecamatan:
            continue
        kw, kseed = kec.kode_wilayah, kecamatan_seed(seed, kec.kode_wilayah)
        plan = derive_plan(basis, kec, kseed)
        item = Derived(plan, build_sample(plan.nodes, kseed), kseed)
        derived.append(item)
        for name, header, rows in (
            (f"rencana_{kw}_{tahun}.csv", PLAN_COLUMNS, plan_rows(plan, basis.teks, rencana_note(kseed, basis))),
            (f"kinerja_{kw}_{tahun}.csv", KINERJA_COLUMNS, kinerja_rows(plan)),
        ):
            write_csv(out / name, header, rows)
            written.append(out / name)
        written += write_realisasi_and_survey(out, kw, tahun, item.sample, kseed, responden)
        if kw in DEFECTS:
            defects.append(write_defect(out, DEFECTS[kw], basis, item))
            written.append(out / defects[-1].nama_berkas)
    command = (
        f"--kabupaten {kode_kabupaten} --basis {basis_kode} --tahun {tahun} --out seeds/sampel --seed {seed} "
        f"--overspend-kode {overspend_kode}"
    )
    readme = out / "README.md"
    readme.write_text(
        render_readme(basis_sample, basis_kode, tahun, seed, responden, command, basis, derived, defects),
        encoding="utf-8",
    )
    return [*written, readme]


def _pk_target(plan: DerivedPlan, start: str) -> str:
    return next(
        (
            format_number(r.target)
            for r in plan.kinerja
            if r.tabel == "perjanjian_kinerja" and r.indikator.startswith(start)
        ),
        "",
    )


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def render_readme(
    sample: Sample,
    kode_wilayah: str,
    tahun: int,
    seed: int,
    responden: int,
    command: str,
    basis: Basis | None = None,
    derived: Iterable[Derived] = (),
    defects: Iterable[Defect] = (),
) -> str:
    """The README of the output folder: what these files are and which scenarios they contain."""
    derived, defects = list(derived), list(defects)
    nama = {
        kode_wilayah: f"{kode_wilayah} {basis.kecamatan.nama}" if basis else kode_wilayah,
        **{d.plan.kecamatan.kode_wilayah: f"{d.plan.kecamatan.kode_wilayah} {d.plan.kecamatan.nama}" for d in derived},
    }
    late = [(kode_wilayah, d) for d in sample.delays]
    late += [(item.plan.kecamatan.kode_wilayah, d) for item in derived for d in item.sample.delays]
    delays = _table(
        ["Kecamatan", "Sub-kegiatan", "Late in", "Spent", "Caught up in", "Permasalahan"],
        (
            [
                nama[kw],
                f"`{d.kode}`",
                f"TW{d.triwulan}",
                f"{d.persen} % of the quarterly plan",
                f"TW{d.triwulan + 1}",
                d.permasalahan,
            ]
            for kw, d in late
        ),
    )
    unsur = _table(["Column", "Element (unsur)"], ([f"`{u}`", name] for u, (name, _) in UNSUR_IKM.items()))
    parts = [_readme_intro(kode_wilayah, tahun, command, basis, derived)]
    if derived:
        parts.append(_readme_plans(basis, derived, defects))
    parts.append(_readme_realisasi(sample, kode_wilayah, tahun, seed, delays))
    parts.append(f"""## The IKM survey

One file per kecamatan, one row per respondent ({responden}): `no_responden`, `tanggal` (a working day of
{tahun}), `layanan`, the answers `u1`–`u9` (1–4) to the nine elements, `keterangan`. Answers are mostly 3
and 4, drawn per element with fixed weights; the index itself is computed by the pipeline, not here.

{unsur}
""")
    return "\n".join(parts)


def _readme_intro(kode_wilayah: str, tahun: int, command: str, basis: Basis | None, derived: list[Derived]) -> str:
    files = [
        [
            f"`realisasi_{kode_wilayah}_{tahun}_tw1.csv` … `_tw4.csv`",
            "each triwulan alone (not cumulative), one row per plan node",
        ],
        [f"`realisasi_{kode_wilayah}_{tahun}_tw2_v2.csv`", "second, corrected version of TW2 (the first overspends)"],
        [f"`ikm_{kode_wilayah}_{tahun}.csv`", "IKM survey (Permenpan RB 14/2017)"],
    ]
    scope = f"the realisasi and IKM parts of the pipeline on the one real plan we have ({kode_wilayah}, {tahun})"
    if derived:
        name = basis.kecamatan.nama
        files = [[file, f"{kode_wilayah} {name}: {what}"] for file, what in files]
        files += [
            [
                f"`rencana_<kode>_{tahun}.csv`, `kinerja_<kode>_{tahun}.csv`",
                f"every other kecamatan: SAMPLE plan and strategic targets derived from {name}'s",
            ],
            [
                f"`realisasi_<kode>_{tahun}_tw1.csv` … `_tw4.csv`, `ikm_<kode>_{tahun}.csv`",
                "every other kecamatan: realisasi and survey, generated as for " + name,
            ],
            ["`…_v2.csv` (four files)", "deliberately defective re-submissions (below): quarantined on every run"],
        ]
        scope = (
            f"the pipeline on a whole kabupaten: the one real plan we have ({kode_wilayah} {name}, {tahun}) "
            f"and SAMPLE plans for the other {len(derived)} kecamatan, derived from it"
        )
    intro = textwrap.fill(
        "**Nothing in this folder is real.** These files were generated by a program; they were not reported "
        "or published by Kecamatan Kalaena or by any other office. Every row says so: its `keterangan`, "
        "`catatan` or `sumber_data` starts with `[SAMPEL]`, and whatever the pipeline reads from this folder "
        f"carries the sumber `sampel`. They exist to exercise {scope}.",
        width=104,
    )
    return f"""# seeds/sampel/ — GENERATED SAMPLE DATA

{intro}

Regenerate (same warehouse and seed give byte-identical files):

```bash
MONEV_HOME=/tmp/genhome .venv/bin/monev refresh     # the published plan is the generator's only input
.venv/bin/python -m orchestration.sample.generate --warehouse /tmp/genhome/warehouse/monev.duckdb \\
    {command}
```

## Files

{_table(["File", "What"], files)}
"""


def _readme_plans(basis: Basis, derived: list[Derived], defects: list[Defect]) -> str:
    b = basis.kecamatan
    kecamatan = _table(
        [
            "Kode",
            "Kecamatan",
            "Desa + kelurahan",
            "Budget factor",
            "Pagu (Rp)",
            "PK target IKM",
            "PK target Program Penunjang",
            "Seed",
        ],
        (
            [
                d.plan.kecamatan.kode_wilayah,
                d.plan.kecamatan.nama,
                str(d.plan.kecamatan.jumlah_desa),
                format_number(Decimal(d.plan.faktor) / 1000),
                format_rupiah(sum(n.pagu for n in d.plan.nodes.values() if n.level == "program")),
                _pk_target(d.plan, IKM),
                _pk_target(d.plan, PENUNJANG),
                str(d.seed),
            ]
            for d in derived
        ),
    )
    nama = {d.plan.kecamatan.kode_wilayah: d.plan.kecamatan.nama for d in derived}
    cacat = _table(
        ["Kecamatan", "File", "Row", "Defect", "Rule that quarantines it"],
        (
            [
                f"{d.kode_wilayah} {nama[d.kode_wilayah]}",
                f"`{d.nama_berkas}`",
                f"{d.baris} (`{d.kode}`)",
                d.uraian,
                f"`{d.aturan}`",
            ]
            for d in defects
        ),
    )
    per_desa = ", ".join(f"`{k}`" for k in sorted(PER_DESA))
    units = ", ".join(f"`{u}`" for u in sorted(SCALED_UNITS))
    return f"""## The SAMPLE plans of the other kecamatan

Derived from the published plan of {b.kode_wilayah} {b.nama} {basis.tahun} (`marts.fct_rencana_tahunan`,
`fct_rencana_triwulan`, `fct_target_kinerja`); names and desa/kelurahan counts from `marts.dim_kecamatan`.
Each kecamatan has its own seed (`--seed` × 100 + the last two digits of its code); its plan is decided
by `random.Random("rencana <seed>")`, its realisasi and survey by `random.Random(<seed>)`.

- **Tree and texts**: the same program/kegiatan/sub-kegiatan codes, `uraian`, `indikator`, `satuan` and
  `agregasi_target` as {b.nama}. `penanggung_jawab` is a role (Camat, Sekretaris Camat, Kasi …), never a name.
- **Budget factor** (per kecamatan): (desa + kelurahan + {b.jumlah_desa}) / (2 × {b.jumlah_desa}) × 95–105 %:
  half of an office's budget is fixed, half grows with the desa and kelurahan it serves ({b.nama}: {b.jumlah_desa}).
- **Sub-kegiatan pagu**: {b.nama}'s pagu × budget factor × 90–110 %, rounded to a whole 1.000 rupiah.
  Every triwulan is filled: {b.nama}'s own quarterly split where its quarters add up to the year (quarters
  without money stay 0), otherwise seeded weights of 80–120 each; rounded down to 1.000, the rest in the
  last triwulan with money.
- **Kegiatan and program pagu**: the exact sum of their children, for the year and for every triwulan.
- **Targets**: per-desa counts ({per_desa}) scale with desa + kelurahan, staff and equipment (satuan
  {units}) with the budget factor, rounded, at least 1; every other target is {b.nama}'s. Quarterly:
  `jumlah` keeps {b.nama}'s split where it is complete and the target unchanged, otherwise spreads the
  target over the triwulan with money (the remainder in the last ones); `tetap` and `akhir` repeat the
  annual value every triwulan (100 for `%` rows).
- **Strategic targets** (`kinerja_…`): {b.nama}'s rows for {basis.tahun} (tujuan/sasaran, IKU, Perjanjian
  Kinerja) with the kecamatan's name; the IKM target is drawn from 85, 87, 88, 90 and 92, the Program
  Penunjang target from 95–98; `sumber_data` starts with `[SAMPEL]`.
- Each plan passes every plan rule of the pipeline with no correction and no accepted exception.

{kecamatan}

## Deliberately defective re-submissions

Each is a `_v2` of a key whose first version is good and stays published; it equals that version except
for one defect, and every one of its rows says what is wrong (`[SAMPEL] re-submission with a deliberate
defect: …`). The pipeline quarantines each on every run.

{cacat}
"""


def _readme_realisasi(sample: Sample, kode_wilayah: str, tahun: int, seed: int, delays: str) -> str:
    text = f"""## How the realisasi were generated

Read from `marts.fct_rencana_tahunan` and `marts.fct_rencana_triwulan` ({kode_wilayah}) or from the derived
plan (every other kecamatan); one `random.Random(<seed>)` per kecamatan ({kode_wilayah}: {seed}); money in
whole rupiah with integer arithmetic.

- **Sub-kegiatan, money**: each triwulan spends 85–100 % of its quarterly pagu, rounded down to a
  whole 1.000; 0 where the quarterly pagu is 0 or unknown. Where the plan's whole quarterly split is
  unknown, about 90 % of the annual pagu is spread over the four triwulan.
- **Delays**: a few sub-kegiatan are late in one triwulan (table below) and spend the shortfall in the
  next one on top of its own plan; those rows carry `permasalahan` and `tindak_lanjut`, the catch-up
  row says so in `keterangan`. A catch-up triwulan can deliver twice its planned target (1 planned, 2
  done): the pipeline notes it (`capaian_di_atas_150`).
- **Rule 1**: cumulative spending of every node never exceeds its annual pagu (capped after the delays).
- **Rule 2**: kegiatan and program spending is exactly the sum of their children in each triwulan.
- **Targets**: sub-kegiatan `jumlah`: the plan's quarterly target (the annual target in TW4 where no
  quarterly target is known), one unit less in a late triwulan and caught up in the next; `tetap`: the
  annual level each triwulan; `akhir`: the plan's percentage (scaled down in a late triwulan).
  Kegiatan and program: 100 × children's realised / children's planned target, at most 100, one decimal.

## Deliberate scenarios

Delays:

{delays}
"""
    o = sample.overspend
    if o is None:
        return text
    return (
        text
        + f"""
Overspending and its correction ({kode_wilayah}, TW2 has two versions):

| | `{o.kode}` |
|---|---|
| annual pagu | {format_rupiah(o.pagu)} |
| TW1 | {format_rupiah(o.tw1)} |
| TW2, first version (`_tw2.csv`) | {format_rupiah(o.tw2_v1)} \
(TW1 + TW2 = {format_rupiah(o.tw1 + o.tw2_v1)}: above the pagu) |
| TW2, second version (`_tw2_v2.csv`) | {format_rupiah(o.tw2_v2)} |

In the first version its kegiatan and program are raised by the same amount, so rule 2 still holds and
rule 1 for this one sub-kegiatan is the only violation: the file should be quarantined. The second
version corrects the row and its parents (`keterangan`: "{KOREKSI_V2}");
TW3 and TW4 follow it.
"""
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True, help="a published monev.duckdb")
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument("--kabupaten", help="every kecamatan of this kabupaten (e.g. 73.24)")
    scope.add_argument("--kode-wilayah", help="only this kecamatan, from its published plan")
    parser.add_argument(
        "--basis",
        default=DEFAULT_BASIS,
        help="with --kabupaten: the kecamatan whose published plan the others are derived from",
    )
    parser.add_argument("--tahun", type=int, default=DEFAULT_TAHUN)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument(
        "--overspend-kode",
        default=DEFAULT_OVERSPEND_KODE,
        help="the sub-kegiatan that overspends in the first version of TW2",
    )
    args = parser.parse_args(argv)
    if args.kabupaten:
        paths = generate_kabupaten(
            args.warehouse, args.kabupaten, args.tahun, args.out, args.seed, args.basis, args.overspend_kode
        )
    else:
        paths = generate(args.warehouse, args.kode_wilayah, args.tahun, args.out, args.seed, args.overspend_kode)
    for path in paths:
        print(path)


if __name__ == "__main__":
    main()
