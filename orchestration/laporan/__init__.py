"""Laporan Monev Renaksi: the quarterly monitoring report of a kecamatan and of a kabupaten, in Bahasa
Indonesia, as HTML and A4 PDF under $MONEV_HOME/laporan/<tahun>/tw<n>/, every number read from the
published warehouse.

`write_all(warehouse, out)` writes the reports of the latest triwulan and returns what it wrote and how
long it took (the nightly refresh and `make bench` call it); `monev laporan` is its command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from orchestration.laporan import data

if TYPE_CHECKING:
    from orchestration.laporan.tulis import Hasil

# The writer (tulis: jinja2 templates, the charts' altair) is imported when a report is written, not with the
# package: the refresh imports orchestration.laporan.perintah to tell the reports' status, and a refresh that
# writes none should not pay ~0,15 s for it.

__all__ = ["Ringkasan", "write_all", "write_kecamatan", "write_kabupaten", "write_provinsi"]


@dataclass
class Ringkasan:
    """What write_all did: the period, the files, the failures (report -> message) and timings in seconds."""

    tahun: int | None = None
    triwulan: int | None = None
    berkas: list[Path] = field(default_factory=list)
    gagal: dict[str, str] = field(default_factory=dict)
    tetap: list[str] = field(default_factory=list)  # reports whose figures did not change: kept as they were
    detik: dict[str, float] = field(default_factory=dict)

    @property
    def folder(self) -> Path | None:
        return self.berkas[0].parent if self.berkas else None


def write_kecamatan(con, kode_wilayah: str, tahun: int, triwulan: int, out: Path, pdf: bool = True) -> Hasil:
    from orchestration.laporan.tulis import tulis_laporan

    return tulis_laporan("kecamatan", con, kode_wilayah, tahun, triwulan, out, pdf)


def write_kabupaten(con, kode_kabupaten: str, tahun: int, triwulan: int, out: Path, pdf: bool = True) -> Hasil:
    from orchestration.laporan.tulis import tulis_laporan

    return tulis_laporan("kabupaten", con, kode_kabupaten, tahun, triwulan, out, pdf)


def write_provinsi(con, kode_provinsi: str, tahun: int, triwulan: int, out: Path, pdf: bool = True) -> Hasil:
    from orchestration.laporan.tulis import tulis_laporan

    return tulis_laporan("provinsi", con, kode_provinsi, tahun, triwulan, out, pdf)


PENULIS = {"kecamatan": write_kecamatan, "kabupaten": write_kabupaten, "provinsi": write_provinsi}


def write_all(
    warehouse: Path,
    out: Path,
    tahun: int | None = None,
    triwulan: int | None = None,
    kecamatan: list[str] | None = None,
    kabupaten: list[str] | None = None,
    pdf: bool = True,
    maks_kecamatan: int | None = None,
    provinsi: list[str] | None = None,
) -> Ringkasan:
    """The reports of one period (default: the latest triwulan with realisasi) for the given kecamatan,
    kabupaten and provinsi; all None = every kecamatan with realisasi in that period, every kabupaten and every
    province summary they belong to. With maks_kecamatan, more kecamatan than that writes the kabupaten reports
    and the province summaries only, as HTML (national scale: a kecamatan's report and any PDF are written on
    demand with `monev laporan --kecamatan/--kabupaten/--provinsi`).
    A report that fails is recorded in `gagal` and the others are still written."""
    mulai = time.perf_counter()
    ringkasan = Ringkasan()
    with data.connect(warehouse) as con:
        if tahun is None or triwulan is None:
            scope_kec = kecamatan[0] if kecamatan and len(kecamatan) == 1 else None
            scope_kab = kabupaten[0] if kabupaten and len(kabupaten) == 1 and not kecamatan else None
            if provinsi and len(provinsi) == 1 and not kecamatan and not kabupaten:
                scope_kab = provinsi[0]  # a kabupaten code 73.24 and a province code 73 both prefix kode_wilayah
            periode = data.periode_terakhir(con, scope_kec, scope_kab, tahun, triwulan)
            if periode is None:
                return ringkasan
            tahun, triwulan = periode
        ringkasan.tahun, ringkasan.triwulan = tahun, triwulan
        if kecamatan is None and kabupaten is None and provinsi is None:
            kecamatan = data.kecamatan_dengan_realisasi(con, tahun, triwulan)
            kabupaten = sorted({k.rsplit(".", 1)[0] for k in kecamatan})
            provinsi = sorted({k.split(".", 1)[0] for k in kecamatan})
            if maks_kecamatan is not None and len(kecamatan) > maks_kecamatan:
                kecamatan, pdf = [], False  # national scale: kabupaten and province as HTML; the rest on demand
        jobs = (
            [("kecamatan", k) for k in kecamatan or []]
            + [("kabupaten", k) for k in kabupaten or []]
            + [("provinsi", k) for k in provinsi or []]
        )
    html_siap = _html_semua(warehouse, jobs, tahun, triwulan, out, pdf, ringkasan)
    ringkasan.detik["html"] = time.perf_counter() - mulai
    if pdf and html_siap:
        t = time.perf_counter()
        _pdf_semua(html_siap, ringkasan)
        ringkasan.detik["pdf"] = time.perf_counter() - t
    ringkasan.detik["total"] = time.perf_counter() - mulai
    return ringkasan


# Above this many reports (national scale), the HTML reports are shared among one worker process per core.
BATAS_PARALEL = 24


def tulis_html(warehouse: Path, jobs: list[tuple[str, str]], tahun: int, triwulan: int, out: Path) -> dict:
    """Write the HTML of each (jenis, kode) report; {"jenis kode": {"html", "pdf", "tetap"} or {"galat"}}.
    A report that fails is recorded and the others are still written."""
    hasil = {}
    with data.connect(warehouse) as con:
        for jenis, kode in jobs:
            try:
                h = PENULIS[jenis](con, kode, tahun, triwulan, out, pdf=False)
            except Exception as exc:  # one failed report does not stop the others; the caller reports it
                hasil[f"{jenis} {kode}"] = {"galat": f"{type(exc).__name__}: {exc}"}
                continue
            hasil[f"{jenis} {kode}"] = {"html": str(h.html), "pdf": str(h.pdf) if h.pdf else None, "tetap": h.tetap}
    return hasil


def _html_semua(
    warehouse: Path, jobs: list, tahun: int, triwulan: int, out: Path, pdf: bool, ringkasan: Ringkasan, pekerja=None
) -> dict[str, Path]:
    """Every report's HTML, in this process or (above BATAS_PARALEL reports) in one worker process per core
    (`python -m orchestration.laporan.kerja_html`); the reports whose PDF is to be laid out, by name."""
    pekerja = pekerja or (max(1, min(os.cpu_count() or 1, 8)) if len(jobs) > BATAS_PARALEL else 1)
    if pekerja == 1:
        hasil = tulis_html(warehouse, jobs, tahun, triwulan, out)
    else:
        bagian = [jobs[i::pekerja] for i in range(pekerja)]
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "orchestration.laporan.kerja_html",
                    str(warehouse),
                    str(out),
                    str(tahun),
                    str(triwulan),
                    *[f"{jenis}:{kode}" for jenis, kode in b],
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for b in bagian
        ]
        hasil = {}
        for b, proc in zip(bagian, procs, strict=True):
            keluaran, galat = proc.communicate()
            dari_proses = json.loads(keluaran) if proc.returncode == 0 and keluaran.strip() else {}
            for jenis, kode in b:
                nama = f"{jenis} {kode}"
                hasil[nama] = dari_proses.get(nama, {"galat": f"proses berhenti ({proc.returncode}): {galat[-500:]}"})
    html_siap = {}
    for jenis, kode in jobs:  # in the order asked, whichever process wrote them
        nama = f"{jenis} {kode}"
        h = hasil[nama]
        if "galat" in h:
            ringkasan.gagal[nama] = h["galat"]
            continue
        ringkasan.berkas.append(Path(h["html"]))
        if h["tetap"]:
            ringkasan.tetap.append(nama)
            if h["pdf"]:
                ringkasan.berkas.append(Path(h["pdf"]))
            if h["pdf"] or not pdf:
                continue
        html_siap[nama] = Path(h["html"])
    return html_siap


def _pdf_semua(html_siap: dict[str, Path], ringkasan: Ringkasan) -> None:
    """HTML -> PDF. WeasyPrint's layout is the slow part (some 0,2-0,5 s a page), so the reports are shared
    among one worker process per core (`python -m orchestration.laporan.pdf`: a plain process, safe to start
    from Dagster, pytest or the command line)."""
    nama = list(html_siap)
    workers = max(1, min(len(nama), os.cpu_count() or 1))
    if workers == 1:  # one report (on demand): in this process, without starting another Python
        from orchestration.laporan.tulis import pdf_ke

        for n in nama:
            try:
                ringkasan.berkas.append(pdf_ke(html_siap[n]))
            except Exception as exc:
                ringkasan.gagal[n] = f"PDF: {type(exc).__name__}: {exc}"
        return
    bagian = [nama[i::workers] for i in range(workers)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "orchestration.laporan.pdf", *[str(html_siap[n]) for n in b]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for b in bagian
    ]
    for b, proc in zip(bagian, procs, strict=True):
        out, err = proc.communicate()
        hasil = json.loads(out) if proc.returncode == 0 and out.strip() else {}
        for n in b:
            galat = hasil.get(str(html_siap[n]), {"galat": f"PDF: proses berhenti ({proc.returncode}): {err[-500:]}"})
            if galat.get("galat"):
                ringkasan.gagal[n] = galat["galat"]
            else:
                ringkasan.berkas.append(Path(galat["pdf"]))
