"""Render the reports: Jinja2 templates to one self-contained HTML file (inline CSS and SVG, no script, no
network) and the same HTML to an A4 PDF with WeasyPrint."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
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


# What changes on every publication without changing the report's content: left out of its fingerprint.
BERUBAH_SETIAP_TERBIT = ("dibuat", "pub", "grafik")
_VERSI_KODE: str | None = None


def versi_kode() -> str:
    """The templates, CSS and report code, and the chart libraries' versions: a report made by other code is
    made again even when its figures did not change."""
    global _VERSI_KODE
    if _VERSI_KODE is None:
        from importlib.metadata import version

        digest = hashlib.sha256()
        for path in sorted(TEMPLAT.iterdir()) + sorted(Path(__file__).parent.glob("*.py")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        for package in ("altair", "vl-convert-python", "jinja2"):
            digest.update(f"{package} {version(package)}".encode())
        _VERSI_KODE = digest.hexdigest()
    return _VERSI_KODE


def _nilai_json(value):
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, Decimal | date | datetime | Path):
        return str(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"report figures hold a {type(value).__name__}: no stable fingerprint")


def sidik(ctx: dict) -> str:
    """The fingerprint of a report: the SHA-256 of every figure, text and row it prints (its ctx, read from the
    warehouse) and of the code that prints them, without the time it was made and the publication's run id and
    time. The same fingerprint means the same report, so it need not be drawn (charts), written nor laid out
    (PDF) again; computed before any chart is drawn."""
    tetap = {k: v for k, v in ctx.items() if k not in BERUBAH_SETIAP_TERBIT}
    digest = hashlib.sha256(versi_kode().encode())
    digest.update(json.dumps(tetap, default=_nilai_json, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def bersidik(html: str, sidik_laporan: str) -> str:
    """The report with its fingerprint in a meta tag at the top of its head."""
    return html.replace("<head>\n", f'<head>\n<meta name="monev-sidik" content="{sidik_laporan}">\n', 1)


def sidik_dari(html: str) -> str | None:
    found = SIDIK.search(html[:4000])
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


def render(ctx: dict, templat: str, grafik_: Callable[[], dict], sidik_laporan: str | None = None) -> str:
    """The report as one HTML file: its charts drawn, its template filled, its fingerprint in its head."""
    sidik_laporan = sidik_laporan or sidik(ctx)
    return bersidik(env().get_template(templat).render(dict(ctx, grafik=grafik_())), sidik_laporan)


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


def susun_kecamatan(con, kode_wilayah: str, tahun: int, triwulan: int) -> tuple[dict, str, Callable[[], dict]]:
    """The figures of the report (ctx), its template, and its charts, drawn only when it is rendered."""
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
    )

    def grafik_() -> dict:
        return {
            "serapan": grafik.kurva_serapan(per_tw, triwulan),
            "capaian_program": grafik.capaian_program(nodes),
            "kategori_sub": grafik.kategori_sub(nodes),
        }

    return ctx, "kecamatan.html.j2", grafik_


def susun_kabupaten(con, kode_kabupaten: str, tahun: int, triwulan: int) -> tuple[dict, str, Callable[[], dict]]:
    """The figures of the report (ctx), its template, and its charts, drawn only when it is rendered."""
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
    )

    def grafik_() -> dict:
        return {
            "peringkat_serapan": grafik.peringkat(
                baris, "serapan_kumulatif_persen", "peringkat_serapan", "Serapan anggaran kumulatif (%)"
            ),
            "peringkat_capaian": grafik.peringkat(
                baris, "rata_rata_capaian_kumulatif_persen", "peringkat_capaian", "Rata-rata capaian kumulatif (%)"
            ),
            "peta_panas": grafik.peta_panas(peta, {b["kode"]: b["nama_program"] for b in program}),
        }

    return ctx, "kabupaten.html.j2", grafik_


def susun_provinsi(con, kode_provinsi: str, tahun: int, triwulan: int) -> tuple[dict, str, Callable[[], dict]]:
    """The figures of the report (ctx), its template, and its charts, drawn only when it is rendered."""
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
    )

    def grafik_() -> dict:
        return {
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
        }

    return ctx, "provinsi.html.j2", grafik_


SUSUN = {"kecamatan": susun_kecamatan, "kabupaten": susun_kabupaten, "provinsi": susun_provinsi}


def tulis_laporan(jenis: str, con, kode: str, tahun: int, triwulan: int, out: Path, pdf: bool = True) -> Hasil:
    """Write one report (HTML, and its PDF when pdf) unless the one already there has the same fingerprint:
    then only its figures are read (no chart drawn, nothing written), and it is returned as `tetap`."""
    mulai = time.perf_counter()
    ctx, templat, grafik_ = SUSUN[jenis](con, kode, tahun, triwulan)
    sidik_laporan = sidik(ctx)
    target = folder(out, tahun, triwulan) / nama_berkas(jenis, kode, tahun, triwulan)
    html_path, pdf_path = target.with_name(target.name + ".html"), target.with_name(target.name + ".pdf")
    if html_path.exists() and (pdf_path.exists() or not pdf) and _sidik_berkas(html_path) == sidik_laporan:
        return Hasil(
            html_path, pdf_path if pdf_path.exists() else None, {"html": time.perf_counter() - mulai}, tetap=True
        )
    html = render(ctx, templat, grafik_, sidik_laporan)
    html_detik = time.perf_counter() - mulai
    hasil = tulis(html, target, pdf)
    hasil.detik["html"] = html_detik
    return hasil


def _sidik_berkas(html_path: Path) -> str | None:
    with html_path.open(encoding="utf-8", errors="replace") as handle:
        return sidik_dari(handle.read(4000))


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
    """target without extension: writes target.html and target.pdf (tulis_laporan has already kept a report
    whose fingerprint did not change)."""
    detik = {}
    html_path = target.parent / (target.name + ".html")
    pdf_path = target.parent / (target.name + ".pdf")
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
