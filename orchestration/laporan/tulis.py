"""Render the reports: Jinja2 templates to one self-contained HTML file (inline CSS and SVG, no script, no
network) and the same HTML to an A4 PDF with WeasyPrint."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2
from markupsafe import Markup

from orchestration.laporan import angka as fmt
from orchestration.laporan import data, grafik

TEMPLAT = Path(__file__).parent / "templat"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN_TRIWULAN = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}
BULAN_AKHIR = {1: "Maret", 2: "Juni", 3: "September", 4: "Desember"}
STATUS = {"diterima": "diterima", "dikarantina": "dikarantina", "digantikan": "digantikan versi baru"}
KEPASTIAN = {"ditentukan": "ditentukan (dipaksa dokumen)", "asumsi": "asumsi"}
KEADAAN = {"hilang": "hilang", "tak_terbaca": "tak terbaca"}


@dataclass
class Hasil:
    """The files of one report, how long each step took (seconds), and whether they were kept as they were
    (tetap: the figures did not change since the report was written)."""

    html: Path
    pdf: Path | None
    detik: dict = field(default_factory=dict)
    tetap: bool = False


SIDIK = re.compile(r'<meta name="monev-sidik" content="([0-9a-f]{64})">')


def bersidik(html: str, ctx: dict) -> str:
    """The report with a fingerprint of its content in a meta tag: the SHA-256 of the HTML without the
    times and run id that change on every publication. The same fingerprint means the same figures, text,
    charts and annex, so the report need not be written (nor its PDF laid out) again."""
    run_id = ctx["pub"]["run_id"] or ""
    volatile = {ctx["dibuat"], ctx["pub"]["waktu"] or "", run_id, run_id[:8]} - {""}
    tetap = html
    for text in sorted(volatile, key=len, reverse=True):  # longest first: a short one never cuts a long one
        tetap = tetap.replace(text, "\x00")
    sidik = hashlib.sha256(tetap.encode("utf-8")).hexdigest()
    return html.replace("<head>\n", f'<head>\n<meta name="monev-sidik" content="{sidik}">\n', 1)


def sidik_dari(html: str) -> str | None:
    found = SIDIK.search(html[:2000])
    return found.group(1) if found else None


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLAT),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["tojson_kunci"] = lambda kunci: json.dumps(kunci, sort_keys=True)
    env.globals.update(
        TIDAK_LENGKAP=data.TIDAK_LENGKAP,
        STATUS=STATUS,
        KEPASTIAN=KEPASTIAN,
        KEADAAN=KEADAAN,
    )
    return env


_ENV = None


def env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = _env()
    return _ENV


def css_string(text: str) -> Markup:
    """A CSS string literal for text that may hold any character: everything but letters, digits and spaces
    escaped as \\HEX (so no quote or '<' can end the string or the style element)."""
    out = "".join(c if c.isascii() and (c.isalnum() or c in " .,-") else f"\\{ord(c):x} " for c in str(text))
    return Markup(f'"{out}"')


def _umum(tahun: int, triwulan: int, con) -> dict:
    now = datetime.now(UTC)
    return {
        "tahun": tahun,
        "triwulan": triwulan,
        "romawi": ROMAWI[triwulan],
        "bulan_triwulan": BULAN_TRIWULAN[triwulan],
        "bulan_akhir": BULAN_AKHIR[triwulan],
        "pub": data.publikasi(con),
        "dibuat": fmt.waktu_wita(now),
        "tahun_dibuat": now.astimezone(fmt.WITA).year,
        "css": (TEMPLAT / "gaya.css").read_text(encoding="utf-8"),
    }


def nama_berkas(jenis: str, kode: str, tahun: int, triwulan: int) -> str:
    """laporan_kecamatan_73.24.10_2024_tw4 / laporan_kabupaten_73.24_2024_tw4 / laporan_provinsi_73_2024_tw4
    (no extension)."""
    return f"laporan_{jenis}_{kode}_{tahun}_tw{triwulan}"


def folder(out: Path, tahun: int, triwulan: int) -> Path:
    """$MONEV_HOME/laporan/<tahun>/tw<n>/."""
    return Path(out) / str(tahun) / f"tw{triwulan}"


def html_kecamatan(con, kode_wilayah: str, tahun: int, triwulan: int) -> str:
    ctx = _umum(tahun, triwulan, con)
    wil = data.wilayah(con, kode_wilayah)
    nodes = data.capaian_node(con, kode_wilayah, tahun, triwulan)
    if not nodes:
        raise LookupError(
            f"tidak ada capaian Kecamatan {wil['nama_kecamatan']} ({kode_wilayah}) tahun {tahun} triwulan "
            f"{triwulan} di gudang data"
        )
    per_tw = data.kecamatan_triwulan(con, kode_wilayah, tahun)
    ringkas = next((b for b in per_tw if b["triwulan"] == triwulan), None)
    pk = data.kinerja_utama(con, kode_wilayah, tahun)
    iku = data.iku(con, kode_wilayah, tahun)
    ikm = data.ikm(con, kode_wilayah, tahun)
    versi = data.versi_kiriman(con, [kode_wilayah], tahun)
    hilang = data.sel_hilang(con, [kode_wilayah], tahun)
    node_sampel = any(n.baris["sampel"] for n in nodes)
    masalah = [n for n in nodes if n.permasalahan or n.tindak_lanjut]
    serapan_tidak_lengkap = "; ".join(
        f"TW{b['triwulan']}: {b['catatan_kelengkapan']}"
        for b in per_tw
        if b["triwulan"] <= triwulan and b["realisasi_anggaran_kumulatif"] is None or b["pagu_kumulatif"] is None
    )
    ada_sampel = (
        node_sampel
        or any(b["sampel"] for b in pk)
        or any(b["sampel"] for b in ikm)
        or any(v["sumber"] == "sampel" for v in versi)
        or any(h["sumber"] == "sampel" for h in hilang)
        or any(b["sumber"] == "sampel" for b in iku)
    )
    ctx.update(
        judul_halaman=f"Laporan Monev Renaksi · Kecamatan {wil['nama_kecamatan']} · TW {ROMAWI[triwulan]} {tahun}",
        wil=wil,
        nodes=nodes,
        ringkas=ringkas,
        pk=pk,
        iku=iku,
        ikm=ikm,
        versi=versi,
        koreksi=data.koreksi(con, [kode_wilayah], tahun),
        hilang=hilang,
        node_sampel=node_sampel,
        masalah=masalah,
        masalah_sampel=any(n.baris["sampel"] for n in masalah),
        serapan_tidak_lengkap=serapan_tidak_lengkap,
        ada_sampel=ada_sampel,
        grafik={
            "serapan": grafik.kurva_serapan(per_tw, triwulan),
            "capaian_program": grafik.capaian_program(nodes),
            "kategori_sub": grafik.kategori_sub(nodes),
        },
    )
    return bersidik(env().get_template("kecamatan.html.j2").render(ctx), ctx)


def html_kabupaten(con, kode_kabupaten: str, tahun: int, triwulan: int) -> str:
    ctx = _umum(tahun, triwulan, con)
    kab = data.kabupaten(con, kode_kabupaten)
    baris = data.kabupaten_triwulan(con, kode_kabupaten, tahun, triwulan)
    if not baris:
        raise LookupError(
            f"tidak ada capaian kecamatan {kab['nama_kabupaten']} tahun {tahun} triwulan {triwulan} di gudang data"
        )
    program = data.program_kabupaten(con, kode_kabupaten, tahun, triwulan)
    peta = data.program_kecamatan(con, kode_kabupaten, tahun, triwulan)
    kecamatan = [b["kode_wilayah"] for b in baris]
    versi = data.versi_kiriman(con, kecamatan, tahun)
    hilang = data.sel_hilang(con, kecamatan, tahun)
    ada_sampel_baris = any(b["sampel"] for b in baris)
    ada_sampel_program = any(b["sampel"] for b in program)
    ada_sampel_peta = any(b["sampel"] for b in peta)
    ctx.update(
        judul_halaman=f"Laporan Monev Renaksi Kecamatan · {kab['nama_kabupaten']} · TW {ROMAWI[triwulan]} {tahun}",
        kab=kab,
        baris=baris,
        program=program,
        versi=versi,
        koreksi=data.koreksi(con, kecamatan, tahun),
        hilang=hilang,
        ada_sampel_baris=ada_sampel_baris,
        ada_sampel_program=ada_sampel_program,
        ada_sampel_peta=ada_sampel_peta,
        ada_sampel=ada_sampel_baris
        or ada_sampel_program
        or any(v["sumber"] == "sampel" for v in versi)
        or any(h["sumber"] == "sampel" for h in hilang),
        grafik={
            "peringkat_serapan": grafik.peringkat(
                baris, "serapan_kumulatif_persen", "peringkat_serapan", "Serapan anggaran kumulatif (%)"
            ),
            "peringkat_capaian": grafik.peringkat(
                baris, "rata_rata_capaian_kumulatif_persen", "peringkat_capaian", "Rata-rata capaian kumulatif (%)"
            ),
            "peta_panas": grafik.peta_panas(peta, {b["kode"]: b["nama_program"] for b in program}),
        },
    )
    return bersidik(env().get_template("kabupaten.html.j2").render(ctx), ctx)


def html_provinsi(con, kode_provinsi: str, tahun: int, triwulan: int) -> str:
    ctx = _umum(tahun, triwulan, con)
    prov = data.provinsi(con, kode_provinsi)
    baris = data.provinsi_triwulan(con, kode_provinsi, tahun, triwulan)
    if not baris:
        raise LookupError(
            f"tidak ada capaian kabupaten Provinsi {prov['nama_provinsi']} tahun {tahun} triwulan {triwulan} "
            "di gudang data"
        )
    ctx.update(
        judul_halaman=f"Ringkasan Monev Renaksi · Provinsi {prov['nama_provinsi']} · TW {ROMAWI[triwulan]} {tahun}",
        prov=prov,
        baris=baris,
        kecamatan_melapor=sum(b["kecamatan_dilaporkan"] for b in baris),
        ada_sampel=any(b["sampel"] for b in baris),
        grafik={
            "peringkat_serapan": grafik.peringkat(
                baris,
                "serapan_tahunan_persen",
                "peringkat_serapan_tahunan",
                "Serapan terhadap pagu tahunan (%)",
                nama="nama_kabupaten",
            ),
            "peringkat_capaian": grafik.peringkat(
                baris,
                "rata_rata_capaian_kumulatif_persen",
                "peringkat_capaian",
                "Rata-rata capaian kumulatif (%)",
                nama="nama_kabupaten",
            ),
        },
    )
    return bersidik(env().get_template("provinsi.html.j2").render(ctx), ctx)


def _atomik(path: Path, content: bytes) -> None:
    """Write beside the target and rename: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)


def pdf_dari_html(html: str) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(TEMPLAT)).write_pdf()


def tulis(html: str, target: Path, pdf: bool = True) -> Hasil:
    """target without extension: writes target.html and target.pdf."""
    detik = {}
    html_path = target.parent / (target.name + ".html")
    pdf_path = target.parent / (target.name + ".pdf")
    if html_path.exists() and (pdf_path.exists() or not pdf):
        lama = sidik_dari(html_path.read_text(encoding="utf-8", errors="replace"))
        if lama is not None and lama == sidik_dari(html):
            return Hasil(html_path, pdf_path if pdf_path.exists() else None, detik, tetap=True)
    pdf_path.unlink(missing_ok=True)  # the old PDF no longer matches: never leave it beside the new HTML
    _atomik(html_path, html.encode("utf-8"))
    if not pdf:
        return Hasil(html_path, None, detik)
    t = time.perf_counter()
    _atomik(pdf_path, pdf_dari_html(html))
    detik["pdf"] = time.perf_counter() - t
    return Hasil(html_path, pdf_path, detik)


def pdf_ke(html_path: Path) -> Path:
    """The PDF beside an HTML report (laporan_....html -> laporan_....pdf)."""
    pdf_path = html_path.with_name(html_path.name.removesuffix(".html") + ".pdf")
    _atomik(pdf_path, pdf_dari_html(html_path.read_text(encoding="utf-8")))
    return pdf_path
