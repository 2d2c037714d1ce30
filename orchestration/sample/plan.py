"""Plans for the SAMPLE generator: the published plan it reads, and SAMPLE plans derived from it.

A kecamatan without a published plan gets one derived from the real plan (the basis: Kalaena
73.24.10, 2024): the same program/kegiatan/sub-kegiatan codes, names, indicators, units and
``agregasi_target``; amounts scaled per kecamatan, in whole thousands of rupiah, every triwulan
filled; kegiatan and program pagu the exact sum of their children for the year and every triwulan.
Its strategic targets (``kinerja``) repeat the basis's rows for the year with the kecamatan's name.
Money is whole rupiah with integer arithmetic; targets are Decimal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from orchestration.domain.numbers import format_number, format_rupiah

QUARTERS = (1, 2, 3, 4)
THOUSAND = 1000
PERMIL = 1000

PLAN_COLUMNS = [
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "pagu",
    *(c for q in QUARTERS for c in (f"target_tw{q}", f"pagu_tw{q}")),
    "penanggung_jawab",
    "agregasi_target",
    "catatan",
]
KINERJA_COLUMNS = [
    "tabel",
    "no",
    "tujuan",
    "sasaran",
    "indikator",
    "satuan",
    "formulasi",
    "sumber_data",
    "penanggung_jawab",
    "tahun_target",
    "target",
]

# Targets that count something in every desa/kelurahan: scaled by the number of desa and kelurahan.
PER_DESA = frozenset({"7.01.03.2.01.0001", "7.01.06.2.01.0018", "7.01.06.2.01.X001"})
# Units that grow with the size of the office (staff, vehicles, equipment): scaled by the budget factor.
SCALED_UNITS = frozenset({"Unit", "Orang/Bulan"})
# Who answers for the rows of a program: roles, never names (no real official is named in sample data).
SEKSI = {
    "7.01.01": "Sekretaris Camat",
    "7.01.02": "Kasi Pelayanan Umum",
    "7.01.03": "Kasi Pemberdayaan Masyarakat dan Desa",
    "7.01.04": "Kasi Ketentraman dan Ketertiban Umum",
    "7.01.05": "Kasi Pemerintahan",
    "7.01.06": "Kasi Pemerintahan",
}
# Strategic targets set per kecamatan (by the start of the indicator text), drawn from these values.
IKM = "Indeks Kepuasan Masyarakat"
PENUNJANG = "Persentase Capaian Kinerja Program Penunjang"
TARGET_CHOICES = {IKM: (85, 87, 88, 90, 92), PENUNJANG: (95, 96, 97, 98)}


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
class Teks:
    uraian: str
    indikator: str
    satuan: str


@dataclass(frozen=True)
class Kecamatan:
    kode_wilayah: str
    nama: str
    jumlah_desa: int  # desa and kelurahan


@dataclass(frozen=True)
class TargetKinerja:
    """One row of the companion file (tujuan/sasaran, IKU or Perjanjian Kinerja)."""

    tabel: str
    no: int
    tujuan: str
    sasaran: str
    indikator: str
    satuan: str
    formulasi: str
    sumber_data: str
    penanggung_jawab: str
    tahun_target: int
    target: Decimal


@dataclass
class Basis:
    """The published plan every SAMPLE plan is derived from."""

    kecamatan: Kecamatan
    tahun: int
    nodes: dict[str, Node]
    teks: dict[str, Teks]
    kinerja: list[TargetKinerja]


@dataclass
class DerivedPlan:
    """A SAMPLE plan: ``faktor`` is the budget relative to the basis, per mille."""

    kecamatan: Kecamatan
    faktor: int
    nodes: dict[str, Node]
    kinerja: list[TargetKinerja]


def floor_thousand(value: int) -> int:
    return value // THOUSAND * THOUSAND


def ceil_thousand(value: int) -> int:
    return -(-value // THOUSAND) * THOUSAND


def round_thousand(value: int) -> int:
    return (value + THOUSAND // 2) // THOUSAND * THOUSAND


def _rupiah(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def load_plan(warehouse: Path, kode_wilayah: str, tahun: int) -> dict[str, Node]:
    """The plan of one kecamatan and year from ``marts`` of a published warehouse, by kode."""
    where = "where kode_wilayah = ? and tahun = ?"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        yearly = con.execute(
            f"select kode, level, kode_induk, agregasi_target, target, pagu from marts.fct_rencana_tahunan "
            f"{where} order by kode",
            [kode_wilayah, tahun],
        ).fetchall()
        quarterly = con.execute(
            f"select kode, triwulan, target, pagu from marts.fct_rencana_triwulan {where}", [kode_wilayah, tahun]
        ).fetchall()
    if not yearly:
        raise ValueError(f"no plan for {kode_wilayah} {tahun} in {warehouse}")
    by_quarter = {(kode, q): (target, pagu) for kode, q, target, pagu in quarterly}
    nodes = {}
    for kode, level, induk, agregasi, target, pagu in yearly:
        cells = [by_quarter.get((kode, q), (None, None)) for q in QUARTERS]
        nodes[kode] = Node(
            kode,
            level,
            induk,
            agregasi,
            target or Decimal(0),
            _rupiah(pagu) or 0,
            tuple(t for t, _ in cells),
            tuple(_rupiah(p) for _, p in cells),
        )
    return nodes


def load_kecamatan(warehouse: Path, kode_kabupaten: str) -> list[Kecamatan]:
    """Every kecamatan of a kabupaten (``marts.dim_kecamatan``), in code order."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select kode_wilayah, nama_kecamatan, coalesce(jumlah_desa, 0) + coalesce(jumlah_kelurahan, 0) "
            "from marts.dim_kecamatan where kode_kabupaten = ? order by kode_wilayah",
            [kode_kabupaten],
        ).fetchall()
    if not rows:
        raise ValueError(f"no kecamatan of kabupaten {kode_kabupaten} in {warehouse}")
    return [Kecamatan(*row) for row in rows]


def load_basis(warehouse: Path, kecamatan: Kecamatan, tahun: int) -> Basis:
    """The published plan, its texts and its strategic targets for ``tahun`` of one kecamatan."""
    where = "where kode_wilayah = ? and tahun = ?"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        teks = con.execute(
            f"select kode, uraian, indikator, coalesce(satuan, '') from marts.fct_rencana_tahunan {where}",
            [kecamatan.kode_wilayah, tahun],
        ).fetchall()
        kinerja = con.execute(
            "select tabel, no_urut, tujuan, sasaran, indikator, satuan, formulasi, sumber_data, penanggung_jawab, "
            f"tahun_target, target from marts.fct_target_kinerja {where} and tahun_target = ? order by baris",
            [kecamatan.kode_wilayah, tahun, tahun],
        ).fetchall()
    return Basis(
        kecamatan,
        tahun,
        load_plan(warehouse, kecamatan.kode_wilayah, tahun),
        {kode: Teks(*texts) for kode, *texts in teks},
        [TargetKinerja(*(("" if v is None else v) for v in row)) for row in kinerja],
    )


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


def scale_factor(kecamatan: Kecamatan, basis: Kecamatan, rng: random.Random) -> int:
    """Budget relative to the basis, per mille: half fixed per office, half per desa/kelurahan; ±5 % noise."""
    n, b = kecamatan.jumlah_desa, basis.jumlah_desa
    return (PERMIL * (b + n) + b) // (2 * b) * rng.randint(95, 105) // 100


def split_thousands(total: int, weights: list[int]) -> list[int]:
    """``total`` (whole thousands) over the triwulan by weight; the rounding rest to the last weighted one."""
    parts = [floor_thousand(total * w // sum(weights)) for w in weights]
    last = max(i for i, w in enumerate(weights) if w > 0)
    parts[last] += total - sum(parts)
    return parts


def quarter_weights(node: Node, rng: random.Random) -> list[int]:
    """The basis's own quarterly split where it adds up to the year; otherwise a seeded, fairly even one."""
    known = [p or 0 for p in node.pagu_tw]
    if node.pagu > 0 and sum(known) == node.pagu:
        return known
    return [rng.randint(80, 120) for _ in QUARTERS]


def scaled_target(node: Node, satuan: str, kecamatan: Kecamatan, basis: Kecamatan, faktor: int) -> Decimal:
    """Per-desa counts follow the number of desa/kelurahan, staff and equipment the budget; others stay."""
    if node.kode in PER_DESA:
        ratio = Decimal(kecamatan.jumlah_desa) / basis.jumlah_desa
    elif satuan in SCALED_UNITS:
        ratio = Decimal(faktor) / PERMIL
    else:
        return node.target
    return max(Decimal(1), (node.target * ratio).quantize(Decimal(1), ROUND_HALF_UP))


def quarterly_targets(node: Node, target: Decimal, pagu_tw: list[int]) -> tuple[Decimal, ...]:
    """``tetap``/``akhir``: the annual value every triwulan. ``jumlah``: the basis's split where it still adds
    up to the year, otherwise the target spread over the triwulan that have money (the rest in the last)."""
    if node.agregasi != "jumlah":
        return (target,) * len(QUARTERS)
    basis = [t or Decimal(0) for t in node.target_tw]
    if target == node.target and any(t is not None for t in node.target_tw) and sum(basis) == target:
        return tuple(basis)
    if target != target.to_integral_value():
        raise ValueError(f"{node.kode}: cannot spread the fractional target {target} over the triwulan")
    active = [i for i, p in enumerate(pagu_tw) if p > 0] or [q - 1 for q in QUARTERS]
    whole, rest = divmod(int(target), len(active))
    spread = [Decimal(0)] * len(QUARTERS)
    for rank, i in enumerate(active):
        spread[i] = Decimal(whole + (1 if rank >= len(active) - rest else 0))
    return tuple(spread)


def derive_plan(basis: Basis, kecamatan: Kecamatan, seed: int) -> DerivedPlan:
    """The SAMPLE plan of ``kecamatan``: leaves scaled (±10 % each), parents the exact sum of their children."""
    rng = random.Random(f"rencana {seed}")
    faktor = scale_factor(kecamatan, basis.kecamatan, rng)
    children = children_of(basis.nodes)
    nodes: dict[str, Node] = {}
    for node in basis.nodes.values():
        if children[node.kode]:
            continue
        pagu = max(THOUSAND, round_thousand(node.pagu * faktor * rng.randint(900, 1100) // (PERMIL * PERMIL)))
        pagu_tw = split_thousands(pagu, quarter_weights(node, rng))
        target = scaled_target(node, basis.teks[node.kode].satuan, kecamatan, basis.kecamatan, faktor)
        nodes[node.kode] = replace(
            node, target=target, pagu=pagu, pagu_tw=tuple(pagu_tw), target_tw=quarterly_targets(node, target, pagu_tw)
        )
    for kode in sorted((k for k in basis.nodes if children[k]), key=lambda k: -k.count(".")):
        node, kids = basis.nodes[kode], [nodes[c] for c in children[kode]]
        pagu_tw = [sum(kid.pagu_tw[i] or 0 for kid in kids) for i in range(len(QUARTERS))]
        nodes[kode] = replace(
            node,
            pagu=sum(kid.pagu for kid in kids),
            pagu_tw=tuple(pagu_tw),
            target_tw=quarterly_targets(node, node.target, pagu_tw),
        )
    kinerja = derive_kinerja(basis, kecamatan, rng)
    return DerivedPlan(kecamatan, faktor, {kode: nodes[kode] for kode in basis.nodes}, kinerja)


def derive_kinerja(basis: Basis, kecamatan: Kecamatan, rng: random.Random) -> list[TargetKinerja]:
    """The basis's strategic targets for the year, renamed; IKM and Program Penunjang targets drawn anew."""
    targets = {start: Decimal(rng.choice(values)) for start, values in TARGET_CHOICES.items()}
    rows = []
    for row in basis.kinerja:
        target = next((t for start, t in targets.items() if row.indikator.startswith(start)), row.target)
        sumber = row.sumber_data or ("Survei IKM" if row.indikator.startswith(IKM) else "Laporan Kinerja Kecamatan")
        rows.append(
            replace(
                row,
                tujuan=row.tujuan.replace(basis.kecamatan.nama, kecamatan.nama),
                sasaran=row.sasaran.replace(basis.kecamatan.nama, kecamatan.nama),
                sumber_data=f"[SAMPEL] {sumber}",
                target=target,
            )
        )
    return rows


def format_target(value: Decimal, satuan: str) -> str:
    """The annual target as a kecamatan writes it: ``100%``, ``6 Dokumen``."""
    if satuan == "%":
        return f"{format_number(value)}%"
    return f"{format_number(value)} {satuan}".strip()


def penanggung_jawab(node: Node, kecamatan: Kecamatan) -> str:
    if node.level == "program":
        return f"Camat {kecamatan.nama}"
    return SEKSI.get(node.kode[:7], "Sekretaris Camat")


def plan_rows(plan: DerivedPlan, teks: dict[str, Teks], catatan: str) -> list[list[str]]:
    """The submission rows of a plan, one per node in plan order, every one with ``catatan``."""
    rows = []
    for node in plan.nodes.values():
        t = teks[node.kode]
        quarters = [
            cell
            for q in range(len(QUARTERS))
            for cell in (format_number(node.target_tw[q]), format_rupiah(node.pagu_tw[q]))
        ]
        rows.append(
            [
                node.kode,
                t.uraian,
                t.indikator,
                t.satuan,
                format_target(node.target, t.satuan),
                format_rupiah(node.pagu),
                *quarters,
                penanggung_jawab(node, plan.kecamatan),
                node.agregasi,
                catatan,
            ]
        )
    return rows


def kinerja_rows(plan: DerivedPlan) -> list[list[str]]:
    return [
        [
            r.tabel,
            str(r.no),
            r.tujuan,
            r.sasaran,
            r.indikator,
            r.satuan,
            r.formulasi,
            r.sumber_data,
            r.penanggung_jawab,
            str(r.tahun_target),
            format_number(r.target),
        ]
        for r in plan.kinerja
    ]
