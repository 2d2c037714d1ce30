"""Deliberately defective SAMPLE re-submissions.

Each is a ``_v2`` of a key whose first version is good, equal to it except for one defect that breaks
exactly one rule, so the pipeline quarantines it on every run and the first version stays published.
Every row of a defective file says what is wrong (``catatan``/``keterangan``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from orchestration.domain.numbers import format_rupiah
from orchestration.sample.plan import QUARTERS, THOUSAND, DerivedPlan, Node, ceil_thousand

NOTE = "[SAMPEL] re-submission with a deliberate defect: "

# The defect each kecamatan re-submits (four kecamatan, one defect each) and the rule that must catch it.
ROLLUP, UNKNOWN_CODE, MALFORMED_NUMBER, DUPLICATE_ROW = "rollup", "unknown_code", "malformed_number", "duplicate_row"
DEFECTS = {"73.24.04": ROLLUP, "73.24.06": UNKNOWN_CODE, "73.24.07": MALFORMED_NUMBER, "73.24.08": DUPLICATE_ROW}
RULE = {
    ROLLUP: "pagu_anak_sama_induk",
    UNKNOWN_CODE: "realisasi_kode_dalam_rencana",
    MALFORMED_NUMBER: "berkas_terbaca",
    DUPLICATE_ROW: "berkas_terbaca",
}
TRIWULAN = {UNKNOWN_CODE: 2, MALFORMED_NUMBER: 3, DUPLICATE_ROW: 1}

# A real sub-kegiatan of the nomenclature whose kegiatan is in no sample plan: reporting it breaks only
# "codes are plan nodes" (no parent in the file has to add it up).
UNKNOWN_KODE = "7.01.02.2.01.0001"
UNKNOWN_ANGGARAN = 2_500_000
# The typo printed in the Kalaena document (38.290.000 with a digit lost): not a readable number. It is
# put on a program row, whose own value no other rule reads, so only "the file is read" breaks.
MALFORMED = "38.290.00"


@dataclass(frozen=True)
class Defect:
    kode_wilayah: str
    jenis: str
    nama_berkas: str
    kode: str
    baris: int  # the defective row of the file (the header is row 1)
    uraian: str

    @property
    def aturan(self) -> str:
        return RULE[self.jenis]

    @property
    def note(self) -> str:
        return NOTE + self.uraian


def defective_plan(plan: DerivedPlan, tahun: int, rng: random.Random) -> tuple[DerivedPlan, Defect]:
    """One sub-kegiatan's annual pagu and one of its triwulan raised by the same amount: its triwulan still
    add up to the year, but its kegiatan (unchanged) is no longer the sum of its children."""
    sub = rng.choice([n for n in plan.nodes.values() if n.level == "sub_kegiatan" and n.kode_induk in plan.nodes])
    q = rng.choice(QUARTERS)
    extra = max(THOUSAND, ceil_thousand(sub.pagu // 10))
    pagu_tw = [p or 0 for p in sub.pagu_tw]
    pagu_tw[q - 1] += extra
    broken = replace(sub, pagu=sub.pagu + extra, pagu_tw=tuple(pagu_tw))
    kegiatan = plan.nodes[sub.kode_induk]
    kw = plan.kecamatan.kode_wilayah
    what = (
        f"pagu of {sub.kode} raised by {format_rupiah(extra)} to {format_rupiah(broken.pagu)} and its TW{q} "
        f"to {format_rupiah(pagu_tw[q - 1])}; kegiatan {kegiatan.kode} still reads {format_rupiah(kegiatan.pagu)}, "
        f"no longer the sum of its sub-kegiatan"
    )
    return (
        replace(plan, nodes={**plan.nodes, sub.kode: broken}),
        Defect(kw, ROLLUP, f"rencana_{kw}_{tahun}_v2.csv", sub.kode, list(plan.nodes).index(sub.kode) + 2, what),
    )


def defective_realisasi(
    jenis: str,
    header: list[str],
    rows: list[list[str]],
    nodes: dict[str, Node],
    kode_wilayah: str,
    tahun: int,
    rng: random.Random,
) -> tuple[list[list[str]], Defect]:
    """The good realisasi rows of ``TRIWULAN[jenis]`` with one defect; every row's keterangan says what."""
    kode, anggaran, keterangan = (header.index(c) for c in ("kode", "realisasi_anggaran", "keterangan"))
    rows = [list(r) for r in rows]
    programs = [i for i, r in enumerate(rows) if nodes[r[kode]].level == "program"]
    if jenis == UNKNOWN_CODE:
        if UNKNOWN_KODE in nodes or UNKNOWN_KODE.rsplit(".", 1)[0] in nodes:
            raise ValueError(f"{UNKNOWN_KODE} or its kegiatan is in the plan of {kode_wilayah}")
        extra = [""] * len(header)
        extra[kode], extra[header.index("realisasi_target")], extra[anggaran] = (
            UNKNOWN_KODE,
            "1",
            format_rupiah(UNKNOWN_ANGGARAN),
        )
        rows = sorted([*rows, extra], key=lambda r: r[kode])
        i = rows.index(extra)
        target, what = UNKNOWN_KODE, f"extra row for {UNKNOWN_KODE}, a code that is not in the plan"
    elif jenis == MALFORMED_NUMBER:
        i = rng.choice(programs)
        target = rows[i][kode]
        what = f"realisasi_anggaran of {target} written {MALFORMED!r} instead of {rows[i][anggaran]!r}"
        rows[i][anggaran] = MALFORMED
    elif jenis == DUPLICATE_ROW:
        i = rng.choice(programs)
        target = rows[i][kode]
        rows.insert(i + 1, list(rows[i]))
        i += 1
        what = f"the row of {target} is repeated"
    else:
        raise ValueError(f"not a realisasi defect: {jenis}")
    for row in rows:
        row[keterangan] = NOTE + what
    name = f"realisasi_{kode_wilayah}_{tahun}_tw{TRIWULAN[jenis]}_v2.csv"
    return rows, Defect(kode_wilayah, jenis, name, target, i + 2, what)
