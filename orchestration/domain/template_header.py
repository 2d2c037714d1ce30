"""The two header rows of our own templates (``monev template``): an Indonesian title over each field name.

A submission names its columns in row 1 (``orchestration/domain/submission.py``). The XLSX template
written by ``orchestration/warehouse/template.py`` shows the office an Indonesian title in row 1 and
puts the field name under it in row 2; the reader accepts that two-row header, and only that one:
row 2 holds known field names only, the required ones included, each once and with no gap, and every
cell of row 1 is the title ``TITLES`` gives to the field name under it. Any other row above the field
names (a document's title, an office's own captions) is still refused as a header that names no known
column (``tests/corpus/08_title_row_above_header``).

The titles live here, beside the contract, so that the template and the reader cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}

TITLES: dict[str, str] = {
    # rencana
    "kode": "Kode",
    "uraian": "Uraian Program / Kegiatan / Sub Kegiatan",
    "indikator": "Indikator",
    "satuan": "Satuan",
    "target": "Target Setahun",
    "pagu": "Pagu Setahun (Rp)",
    **{f"target_tw{q}": f"Target Triwulan {r}" for q, r in _ROMAWI.items()},
    **{f"pagu_tw{q}": f"Pagu Triwulan {r} (Rp)" for q, r in _ROMAWI.items()},
    "target_akhir_tahun": "Target Akhir Tahun",
    "pagu_akhir_tahun": "Pagu Akhir Tahun (Rp)",
    "agregasi_target": "Cara Target Triwulan Membentuk Target Setahun",
    "arah_indikator": "Arah Indikator",
    "penanggung_jawab": "Penanggung Jawab",
    "catatan": "Catatan",
    # realisasi
    "target_triwulan": "Target Triwulan Ini (acuan)",
    "pagu_triwulan": "Pagu Triwulan Ini (Rp, acuan)",
    "realisasi_target": "Realisasi Target Triwulan Ini",
    "realisasi_anggaran": "Realisasi Anggaran Triwulan Ini (Rp)",
    "keterangan": "Keterangan",
    "permasalahan": "Permasalahan",
    "tindak_lanjut": "Tindak Lanjut",
}


def _cells(row: Sequence) -> list[str]:
    """The row's cells as stripped text, without the empty cells after its last value."""
    cells = ["" if c is None else str(c).strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _same_title(found: str, title: str) -> bool:
    return " ".join(found.split()) == title


def is_template_header(first: Sequence, second: Sequence, required: Iterable[str], allowed: Iterable[str]) -> bool:
    """True when ``first`` and ``second`` are the template's header: the titles of ``TITLES`` over exactly
    the field names (every ``required`` one, the others from ``allowed``), column for column."""
    names, titles = _cells(second), _cells(first)
    required, known = set(required), set(required) | set(allowed)
    if not names or len(titles) != len(names) or len(set(names)) != len(names):
        return False
    if not required <= set(names) or not set(names) <= known:
        return False
    return all(name in TITLES and _same_title(title, TITLES[name]) for title, name in zip(titles, names, strict=True))
