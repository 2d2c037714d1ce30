"""The report's charts: Altair (Vega-Lite) specifications rendered to SVG by vl-convert, offline.

Why Altair + vl-convert: Altair is already in the lock (through Great Expectations), its charts are
declarative data (easy to review and test), and vl-convert is one wheel with the Vega renderer inside: no
browser, no network, no system library, vector SVG in about 0,1 s per chart. Labels are formatted with
the Indonesian locale (thousands '.', decimal ',') and the DejaVu Sans font the PDF uses.

Positions are drawn from floats (a chart is a drawing); every number written on a chart is the exact
mart value formatted by orchestration.laporan.angka, passed to the chart as text.
"""

from __future__ import annotations

import hashlib
import re

import altair as alt
import pandas as pd
import vl_convert as vlc

from orchestration.laporan import angka as fmt
from orchestration.laporan.data import KATEGORI, TIDAK_LENGKAP, Node

FONT = "DejaVu Sans"
LOKAL = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp ", ""]}
LEBAR = 600
WARNA_KATEGORI = {
    "Sangat Baik": "#1a9850",
    "Baik": "#91cf60",
    "Cukup": "#fee08b",
    "Kurang": "#fc8d59",
    "Sangat Kurang": "#d73027",
    TIDAK_LENGKAP: "#bdbdbd",
    "tidak diukur": "#e0e0e0",
}
# The category bands of capaian (dbt var kategori_capaian): lower bound inclusive.
PITA = [(91, 200, "Sangat Baik"), (76, 91, "Baik"), (66, 76, "Cukup"), (51, 66, "Kurang"), (0, 51, "Sangat Kurang")]


def svg(chart: alt.TopLevelMixin) -> str:
    """An SVG element to put inline in the HTML; its ids are made unique within the page."""
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict(validate=False)
    text = vlc.vegalite_to_svg(spec, format_locale=LOKAL)
    # ids unique within the page yet the same for the same chart (the report's fingerprint must not change)
    prefix = "g" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10] + "-"
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', text)
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    return text.replace("<svg ", '<svg role="img" ', 1)


def _juta(value) -> float | None:
    return None if value is None else float(value) / 1_000_000


def kurva_serapan(per_triwulan: list, triwulan: int) -> str:
    """Cumulative realisasi anggaran per triwulan against the plan's cumulative quarterly pagu (millions of
    rupiah); each realisasi point is labelled with the mart's serapan kumulatif."""
    rows = []
    for b in per_triwulan:
        tw = f"TW{b['triwulan']}"
        rows.append({"tw": tw, "seri": "Rencana (pagu kumulatif)", "juta": _juta(b["pagu_kumulatif"]), "label": ""})
        if b["triwulan"] <= triwulan:
            serapan = b["serapan_kumulatif_persen"]
            rows.append(
                {
                    "tw": tw,
                    "seri": "Realisasi anggaran kumulatif",
                    "juta": _juta(b["realisasi_anggaran_kumulatif"]),
                    "label": fmt.persen(serapan) if serapan is not None else TIDAK_LENGKAP,
                }
            )
    df = pd.DataFrame(rows, columns=["tw", "seri", "juta", "label"])
    known = df.dropna(subset=["juta"])
    warna = alt.Color(
        "seri:N",
        scale=alt.Scale(
            domain=["Rencana (pagu kumulatif)", "Realisasi anggaran kumulatif"], range=["#9ecae1", "#08519c"]
        ),
        legend=alt.Legend(title=None, orient="bottom"),
    )
    x = alt.X("tw:N", title="Triwulan", sort=["TW1", "TW2", "TW3", "TW4"], axis=alt.Axis(labelAngle=0))
    y = alt.Y("juta:Q", title="Juta rupiah (kumulatif)", axis=alt.Axis(format=",.0f"))
    base = alt.Chart(known).encode(x=x, y=y, color=warna)
    garis = base.mark_line(point=alt.OverlayMarkDef(size=60), strokeWidth=2.5)
    label = (
        alt.Chart(known[known["seri"] == "Realisasi anggaran kumulatif"])
        .mark_text(dy=-12, fontSize=11, color="#08519c")
        .encode(x=x, y=y, text="label:N")
    )
    return svg(alt.layer(garis, label).properties(width=LEBAR - 120, height=230))


def capaian_program(nodes: list[Node]) -> str:
    """Capaian kumulatif of each program against the five category bands."""
    rows = []
    for n in nodes:
        if n.baris["level"] != "program":
            continue
        nilai = n.baris["capaian_kumulatif_persen"]
        rows.append(
            {
                "program": f"{n.baris['kode']} {_pendek(n.uraian, 38)}",
                "persen": None if nilai is None else float(nilai),
                "label": fmt.persen(nilai) if nilai is not None else n.kosong["capaian_kumulatif_persen"],
            }
        )
    df = pd.DataFrame(rows, columns=["program", "persen", "label"])
    top = max([120.0] + [r["persen"] for r in rows if r["persen"] is not None]) + 10
    pita = pd.DataFrame(
        [{"dari": a, "sampai": min(b, top), "kategori": k} for a, b, k in PITA],
    )
    bands = (
        alt.Chart(pita)
        .mark_rect(opacity=0.35)
        .encode(
            x=alt.X("dari:Q", scale=alt.Scale(domain=[0, top]), title="Capaian kinerja kumulatif (%)"),
            x2="sampai:Q",
            color=alt.Color(
                "kategori:N",
                scale=alt.Scale(domain=KATEGORI, range=[WARNA_KATEGORI[k] for k in KATEGORI]),
                legend=alt.Legend(title="Kategori", orient="bottom"),
            ),
        )
    )
    y = alt.Y("program:N", title=None, sort=None, axis=alt.Axis(labelLimit=300))
    bars = alt.Chart(df).mark_bar(color="#253494", height=12).encode(x="persen:Q", y=y)
    label = (
        alt.Chart(df)
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(x=alt.X("persen:Q", impute=None), y=y, text="label:N")
    )
    kosong = (
        alt.Chart(df[df["persen"].isna()].assign(nol=0))
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(x="nol:Q", y=y, text="label:N")
    )
    return svg(alt.layer(bands, bars, label, kosong).properties(width=LEBAR - 300, height=28 * max(1, len(rows))))


def kategori_sub(nodes: list[Node]) -> str:
    """How many sub-kegiatan fall in each category of capaian kumulatif (and how many cannot be judged)."""
    counts = dict.fromkeys([*KATEGORI, "tidak diukur", TIDAK_LENGKAP], 0)
    for n in nodes:
        if n.baris["level"] != "sub_kegiatan":
            continue
        kategori = n.baris["kategori_kumulatif"]
        if kategori is None:
            kategori = "tidak diukur" if n.kosong["kategori_kumulatif"] != TIDAK_LENGKAP else TIDAK_LENGKAP
        counts[kategori] += 1
    df = pd.DataFrame([{"kategori": k, "jumlah": v, "label": fmt.bilangan(v)} for k, v in counts.items()])
    y = alt.Y("kategori:N", sort=list(counts), title=None)
    bars = (
        alt.Chart(df)
        .mark_bar(height=14)
        .encode(
            x=alt.X("jumlah:Q", title="Jumlah sub-kegiatan", axis=alt.Axis(format="d", tickMinStep=1)),
            y=y,
            color=alt.Color(
                "kategori:N",
                scale=alt.Scale(domain=list(counts), range=[WARNA_KATEGORI[k] for k in counts]),
                legend=None,
            ),
        )
    )
    label = alt.Chart(df).mark_text(align="left", dx=4, fontSize=10).encode(x="jumlah:Q", y=y, text="label:N")
    return svg(alt.layer(bars, label).properties(width=LEBAR - 200, height=26 * len(counts)))


def peringkat(rows: list, kolom: str, kolom_peringkat: str, judul: str, nama: str = "nama_kecamatan") -> str:
    """Kecamatan (or kabupaten: nama="nama_kabupaten") ranked on a percentage; those without a complete figure
    are listed last, without a bar."""
    data = []
    for b in rows:
        nilai = b[kolom]
        rank = b[kolom_peringkat]
        data.append(
            {
                "kecamatan": f"{rank}. {b[nama]}" if rank is not None else f"– {b[nama]}",
                "urut": rank if rank is not None else 10_000,
                "persen": None if nilai is None else float(nilai),
                "label": fmt.persen(nilai) if nilai is not None else TIDAK_LENGKAP,
                "nol": 0,
            }
        )
    data.sort(key=lambda d: (d["urut"], d["kecamatan"]))
    df = pd.DataFrame(data, columns=["kecamatan", "urut", "persen", "label", "nol"])
    top = max([100.0] + [d["persen"] for d in data if d["persen"] is not None]) * 1.18
    y = alt.Y("kecamatan:N", sort=None, title=None, axis=alt.Axis(labelLimit=220))
    x = alt.X("persen:Q", title=judul, scale=alt.Scale(domain=[0, top]))
    bars = alt.Chart(df).mark_bar(color="#2c7fb8", height=12).encode(x=x, y=y)
    label = (
        alt.Chart(df.dropna(subset=["persen"]))
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(x="persen:Q", y=y, text="label:N")
    )
    kosong = (
        alt.Chart(df[df["persen"].isna()])
        .mark_text(align="left", dx=4, fontSize=10, color="#b30000")
        .encode(x="nol:Q", y=y, text="label:N")
    )
    return svg(alt.layer(bars, label, kosong).properties(width=LEBAR - 200, height=22 * max(1, len(data))))


def peta_panas(rows: list, nama_program: dict[str, str]) -> str:
    """Program x kecamatan: serapan anggaran kumulatif; a grey cell is a figure over a lost cell."""
    data = []
    for b in rows:
        nilai = b["serapan_kumulatif_persen"]
        data.append(
            {
                "program": f"{b['kode']} {_pendek(nama_program.get(b['kode'], ''), 26)}",
                "kecamatan": b["nama_kecamatan"],
                "persen": None if nilai is None else float(nilai),
                "label": fmt.bilangan(nilai, 2) if nilai is not None else "t.l.",
            }
        )
    df = pd.DataFrame(data, columns=["program", "kecamatan", "persen", "label"])
    x = alt.X("kecamatan:N", title=None, axis=alt.Axis(labelAngle=-40))
    y = alt.Y("program:N", title=None, axis=alt.Axis(labelLimit=260))
    rect = (
        alt.Chart(df)
        .mark_rect(stroke="white")
        .encode(
            x=x,
            y=y,
            color=alt.condition(
                "datum.persen === null",
                alt.value("#d9d9d9"),
                alt.Color(
                    "persen:Q",
                    scale=alt.Scale(scheme="blues", domain=[0, 100], clamp=True),
                    legend=alt.Legend(title="Serapan kumulatif (%)", orient="bottom", format=",.0f"),
                ),
            ),
        )
    )
    text = (
        alt.Chart(df)
        .mark_text(fontSize=8)
        .encode(
            x=x, y=y, text="label:N", color=alt.condition("datum.persen > 70", alt.value("white"), alt.value("black"))
        )
    )
    kolom = max(1, df["kecamatan"].nunique())
    return svg(
        alt.layer(rect, text).properties(width=min(LEBAR - 260, 40 * kolom), height=30 * df["program"].nunique())
    )


def _pendek(text: str | None, n: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
