"""Laporan Monev Renaksi: the reports the refresh writes for the latest triwulan, checked against the warehouse.

The shared published Kalaena home (Kalaena's real plan, its sample realisasi TW1-TW4 and survey) is refreshed
once per test run; its refresh writes the reports of TW4 2024 (Kalaena and the kabupaten Luwu Timur) and
these tests read them. Hand-checked facts used below:
  - total pagu of Kalaena 2024 = the six program totals of its RKT (Tabel 3.1):
    2.590.643.300 + 4.570.000 + 96.774.000 + 21.349.000 + 22.571.000 + 22.328.000 = 2.758.235.300;
  - realisasi TW2 of 7.01.01.2.06.0001: version 1 (1.530.000) is quarantined (TW1 566.000 + 1.530.000 =
    2.096.000 exceeds the annual pagu 1.790.000), version 2 says 359.000: TW1 to TW2 = 566.000 + 359.000 = 925.000;
  - 7.01.01.2.01.0001 has no quarterly pagu in the document (its four RA cells are lost): every quarterly
    pagu and serapan of it is "data tidak lengkap", its serapan against the annual pagu (14.271.500) is known.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from orchestration.laporan import angka

KALAENA = "73.24.10"
LUTIM = "73.24"


class Sel(HTMLParser):
    """Every table cell of a report with its attributes and text; every element with data-sampel and its text."""

    def __init__(self):
        super().__init__()
        self.cells: list[dict] = []
        self.sampel: list[dict] = []
        self._open: list[dict] = []
        self._stack: list[tuple[str, dict | None]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        record = None
        if tag == "td":
            record = {"attrs": attrs, "text": ""}
            self.cells.append(record)
        elif "data-sampel" in attrs:
            record = {"attrs": attrs, "text": "", "tag": tag}
            self.sampel.append(record)
        if tag in ("br", "col", "meta", "img", "path", "rect", "line", "circle"):
            return
        self._stack.append((tag, record))
        if record is not None:
            self._open.append(record)

    def handle_endtag(self, tag):
        if tag not in (t for t, _ in self._stack):
            return  # a void or self-closing element (<br>, <path/>): nothing was opened
        while self._stack:
            open_tag, record = self._stack.pop()
            if record is not None:
                self._open.remove(record)
            if open_tag == tag:
                break

    def handle_data(self, data):
        for record in self._open:
            record["text"] += data


def parse(path: Path) -> Sel:
    parser = Sel()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="session")
def laporan(kalaena_published):
    """The reports the shared refresh wrote, and its warehouse."""
    home, seeds, run = kalaena_published
    folder = home / "laporan" / "2024" / "tw4"
    return {
        "home": home,
        "seeds": seeds,
        "run": run,
        "warehouse": home / "warehouse" / "monev.duckdb",
        "kecamatan": folder / f"laporan_kecamatan_{KALAENA}_2024_tw4",
        "kabupaten": folder / f"laporan_kabupaten_{LUTIM}_2024_tw4",
        "provinsi": folder / "laporan_provinsi_73_2024_tw4",
    }


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


# ---- unit: numbers and times as the office writes them (no refresh) ----


def test_indonesian_numbers_are_exact_and_never_float():
    assert angka.rupiah(Decimal("2758235300.00")) == "2.758.235.300"
    assert angka.rupiah(Decimal("12500.50")) == "12.500,5"
    assert angka.rupiah(Decimal("999.00")) == "999"
    assert angka.rupiah(Decimal("0.00")) == "0"
    assert angka.persen(Decimal("95.55")) == "95,55\u00a0%"  # a no-break space: never split over two lines
    assert angka.persen(Decimal("100.00")) == "100,00\u00a0%"
    assert angka.bilangan(Decimal("12.5000")) == "12,5"
    assert angka.bilangan(Decimal("-1042000.00")) == "-1.042.000"
    assert angka.dari_teks("2.758.235.300") == Decimal("2758235300")
    assert angka.dari_teks("95,55 %") == Decimal("95.55")
    with pytest.raises(TypeError):
        angka.bilangan(0.1 + 0.2)


def test_times_are_written_in_wita():
    from datetime import UTC, datetime

    assert angka.waktu_wita(datetime(2026, 12, 4, 17, 5, tzinfo=UTC)) == "05-12-2026 01.05 WITA"
    with pytest.raises(ValueError):
        angka.waktu_wita(datetime(2026, 12, 4, 17, 5))


def test_page_header_text_cannot_escape_its_css_string():
    from orchestration.laporan.tulis import css_string

    assert css_string('Kec. "X" </style><script>') == ('"Kec. \\22 X\\22  \\3c \\2f style\\3e \\3c script\\3e "')


def test_refresh_summary_says_when_reports_failed(tmp_path):
    from orchestration.laporan.perintah import simpan_status, status_refresh
    from orchestration.settings import Paths

    p = Paths(tmp_path)
    lines, ok = status_refresh(p, "run-tanpa-status")
    assert not ok and "LAPORAN TIDAK DITULIS" in lines[0] and "Gudang data tetap terbit" in lines[0]
    simpan_status(p, "run-gagal", None, "OSError: disk penuh")
    lines, ok = status_refresh(p, "run-gagal")
    assert not ok and lines == [
        "LAPORAN GAGAL: OSError: disk penuh. Gudang data tetap terbit; perbaiki penyebabnya lalu jalankan "
        "`monev laporan`."
    ]


# ---- the reports of the shared Kalaena refresh ----


@pytest.mark.e2e
def test_the_refresh_writes_html_and_pdf_of_the_latest_triwulan(laporan):
    for name in ("kecamatan", "kabupaten", "provinsi"):
        for ext in (".html", ".pdf"):
            assert (laporan[name].parent / (laporan[name].name + ext)).is_file(), (name, ext)
    assert "Laporan Monev Renaksi TW4 2024: 6 berkas" in laporan["run"].stdout
    html = (laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html")).read_text(encoding="utf-8")
    # self-contained: no script, no link, nothing fetched
    assert "<script" not in html and "<link" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


@pytest.mark.e2e
def test_every_number_printed_equals_the_published_mart(laporan):
    """Each printed figure names its mart, column and key; one SQL query per figure gives the same value."""
    con = duckdb.connect(str(laporan["warehouse"]), read_only=True)
    checked = {"angka": 0, "kosong": 0}
    for name in ("kecamatan", "kabupaten", "provinsi"):
        report = parse(laporan[name].parent / (laporan[name].name + ".html"))
        for cell in report.cells:
            text = norm(cell["text"])
            attrs = cell["attrs"]
            classes = (attrs.get("class") or "").split()
            if "data-tabel" not in attrs:
                # a cell without an origin prints no figure (identifiers such as a version number are 'nomor')
                assert "angka" not in classes, cell
                assert "nomor" in classes or not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?( %)?", text), cell
                continue
            key = json.loads(attrs["data-kunci"])
            where = " and ".join(f'"{k}" is not distinct from ?' for k in key)
            rows = con.execute(
                f'select "{attrs["data-kolom"]}" from marts."{attrs["data-tabel"]}" where {where}', list(key.values())
            ).fetchall()
            assert len(rows) == 1, (cell, rows)
            expected = rows[0][0]
            if expected is None and attrs["data-jenis"] == "teks" and "teks" in classes:
                assert text in ("", "(kosong)"), cell  # a text cell of the annex: an empty cell of the document
            elif expected is None:
                assert text in ("data tidak lengkap", "–", "tidak diperingkat"), cell
                checked["kosong"] += 1
            elif attrs["data-jenis"] == "teks":
                assert text == expected, cell
            else:
                assert angka.dari_teks(text) == Decimal(expected), (cell, expected)
                checked["angka"] += 1
    assert checked["angka"] > 500 and checked["kosong"] > 50, checked


@pytest.mark.e2e
def test_the_pdf_is_a4_with_page_numbers_repeated_headers_and_the_total_pagu(laporan):
    pdf = laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.2\d+ x 841\.8\d+ pts \(A4\)", info), info
    pages = pdf_pages(pdf)
    n = len(pages)
    assert n == int(re.search(r"Pages:\s+(\d+)", info).group(1))
    for i, page in enumerate(pages, start=1):
        assert f"Halaman {i} dari {n}" in page
    text = "\n".join(pages)
    assert "Kecamatan Kalaena" in text and "73.24.10" in text
    assert re.search(r"Pagu tahunan \(Rp\)\s+2\.758\.235\.300", text)
    # the two tables per node span pages: their column headers (in thead only) repeat on each of them
    assert sum("Kode / Uraian / Indikator" in p for p in pages) >= 2
    assert sum(bool(re.search(r"Kode / Uraian\s+Triwulan IV", p)) for p in pages) >= 2


@pytest.mark.e2e
def test_a_figure_over_a_lost_cell_reads_data_tidak_lengkap_with_its_reason(laporan):
    report = parse(laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html"))
    row = {
        c["attrs"]["data-kolom"]: norm(c["text"])
        for c in report.cells
        if c["attrs"].get("data-tabel") == "mart_capaian_triwulan"
        and json.loads(c["attrs"]["data-kunci"])["kode"] == "7.01.01.2.01.0001"
    }
    for kolom in ("pagu", "serapan_persen", "pagu_kumulatif", "serapan_kumulatif_persen", "target", "capaian_persen"):
        assert row[kolom] == "data tidak lengkap", kolom
    assert row["pagu_tahunan"] == "14.271.500"
    assert row["serapan_tahunan_persen"] == "90,00 %"
    assert row["realisasi_anggaran_kumulatif"] == "12.844.000"
    uraian = [norm(c["text"]) for c in report.cells if "7.01.01.2.01.0001 Penyusunan Dokumen" in c["text"]]
    assert uraian and all("Data tidak lengkap: target TW1 hilang" in u and "pagu TW4 hilang" in u for u in uraian)
    # and the lost cells are listed in the annex
    annex = [norm(c["text"]) for c in report.cells]
    assert "7.01.01.2.01.0001" in annex and "pagu TW1" in annex


@pytest.mark.e2e
def test_a_quarantined_version_is_in_the_annex_and_the_figures_are_the_accepted_ones(laporan, tmp_path):
    report = parse(laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html"))
    html = (laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html")).read_text(encoding="utf-8")
    versi = r'<td>realisasi_73\.24\.10_2024_tw2{}\.csv</td>\s*<td class="nomor">{}</td>\s*<td class="status-{}">'
    assert re.search(versi.format("", 1, "dikarantina"), html)
    assert re.search(versi.format("_v2", 2, "diterima"), html)
    reasons = [norm(c["text"]) for c in report.cells if "seharusnya paling besar 1.790.000" in c["text"]]
    assert reasons and "ditemukan 2.096.000" in reasons[0]

    # The TW2 report rests on version 2: 359.000 in TW2, 566.000 + 359.000 = 925.000 to date.
    from orchestration.laporan import data, write_kecamatan

    with data.connect(laporan["warehouse"]) as con:
        hasil = write_kecamatan(con, KALAENA, 2024, 2, tmp_path, pdf=False)
    tw2 = parse(hasil.html)
    row = {
        c["attrs"]["data-kolom"]: norm(c["text"])
        for c in tw2.cells
        if c["attrs"].get("data-tabel") == "mart_capaian_triwulan"
        and json.loads(c["attrs"]["data-kunci"])["kode"] == "7.01.01.2.06.0001"
    }
    assert row["realisasi_anggaran"] == "359.000"
    assert row["realisasi_anggaran_kumulatif"] == "925.000"
    assert hasil.html == tmp_path / "2024" / "tw2" / "laporan_kecamatan_73.24.10_2024_tw2.html"


@pytest.mark.e2e
def test_the_sample_mark_is_exactly_where_sample_data_is(laporan):
    con = duckdb.connect(str(laporan["warehouse"]), read_only=True)
    # Kalaena's plan and corrections are the real document; its realisasi and survey are sample.
    assert con.execute(
        "select bool_or(sumber = 'sampel') from marts.fct_rencana_tahunan where kode_wilayah = ?", [KALAENA]
    ).fetchone() == (False,)
    assert con.execute(
        "select bool_and(sampel) from marts.mart_capaian_triwulan where kode_wilayah = ? and triwulan = 4", [KALAENA]
    ).fetchone() == (True,)
    assert con.execute("select bool_and(sampel) from marts.mart_ikm where kode_wilayah = ?", [KALAENA]).fetchone() == (
        True,
    )
    report = parse(laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html"))
    marked = {}
    for element in report.sampel:
        has_mark = "DATA SAMPEL" in element["text"]
        assert has_mark == (element["attrs"]["data-sampel"] == "true"), element["attrs"]
        for name in (element["attrs"].get("class") or element["tag"]).split():
            marked[name] = marked.get(name, False) or has_mark
    assert marked["kinerja"] and marked["anggaran"] and marked["ikm"] and marked["pk"] and marked["ringkas"]
    assert not marked["iku"] and not marked["koreksi"] and not marked["hilang"]
    html = (laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".html")).read_text(encoding="utf-8")
    assert html.count("DATA SAMPEL") == sum(e["attrs"]["data-sampel"] == "true" for e in report.sampel)
    assert "DATA SAMPEL" not in html[: html.index("<h2>2.")]  # the identity is not sample data

    # In the PDF: a page carries the mark exactly when it holds part of a sample table or figure.
    sample_headers = [
        "Uraian ringkasan",
        "Dasar realisasi",
        "Kumulatif TW I s.d. IV",
        "NRR tertimbang",
        "SHA-256",
        "Alasan karantina",
        "Gambar 1.",
        "Gambar 2.",
        "Gambar 3.",
    ]
    pages = pdf_pages(laporan["kecamatan"].parent / (laporan["kecamatan"].name + ".pdf"))
    for i, page in enumerate(pages, start=1):
        assert ("DATA SAMPEL" in page) == any(h in page for h in sample_headers), i
    assert any("DATA SAMPEL" not in p for p in pages)  # the annex of corrections and lost cells is real


@pytest.mark.e2e
def test_the_reports_fit_an_a4_wide_browser_window(laporan):
    from orchestration.laporan import layar

    for name in ("kecamatan", "kabupaten", "provinsi"):
        hasil = layar.ukur(laporan[name].parent / (laporan[name].name + ".html"))
        assert hasil["clientWidth"] == layar.A4_PX
        assert hasil["scrollWidth"] <= hasil["clientWidth"] and hasil["lewat"] == [], hasil


@pytest.mark.e2e
def test_the_browser_check_sees_an_overflow(tmp_path):
    from orchestration.laporan import layar

    page = tmp_path / "lebar.html"
    page.write_text('<html><body><div style="width:1500px" class="terlalu-lebar">x</div></body></html>')
    hasil = layar.ukur(page)
    assert hasil["scrollWidth"] > layar.A4_PX and hasil["lewat"][0].startswith("DIV.terlalu-lebar")


@pytest.mark.e2e
def test_the_kabupaten_report_ranks_complete_figures_only(laporan):
    report = parse(laporan["kabupaten"].parent / (laporan["kabupaten"].name + ".html"))
    row = {
        c["attrs"]["data-kolom"]: norm(c["text"])
        for c in report.cells
        if c["attrs"].get("data-tabel") == "mart_kabupaten_triwulan"
    }
    # Kalaena alone, and its quarterly pagu has lost cells: its serapan kumulatif is not ranked.
    assert row["pagu_tahunan"] == "2.758.235.300"
    assert row["serapan_kumulatif_persen"] == "data tidak lengkap"
    assert row["peringkat_serapan"] == "tidak diperingkat"
    html = (laporan["kabupaten"].parent / (laporan["kabupaten"].name + ".html")).read_text(encoding="utf-8")
    assert html.count("<svg") == 3  # ranked by serapan, by capaian, the program x kecamatan heat map


@pytest.mark.e2e
def test_the_province_summary_ranks_its_kabupaten_on_complete_figures_only(laporan):
    """Sulawesi Selatan (73) with Luwu Timur alone, of which Kalaena alone reported: the summary's row is
    Kalaena's figures (annual pagu 2.758.235.300 as in the RKT), says 1 of Luwu Timur's 11 kecamatan reported,
    and ranks Luwu Timur on serapan against the annual pagu (complete) but not on capaian, which rests on
    Kalaena's sub-kegiatan with lost targets."""
    con = duckdb.connect(str(laporan["warehouse"]), read_only=True)
    [(pagu, realisasi, capaian)] = con.execute(
        "select pagu_tahunan, realisasi_anggaran_kumulatif, rata_rata_capaian_kumulatif_persen "
        "from marts.mart_kabupaten_triwulan where kode_wilayah = ? and tahun = 2024 and triwulan = 4",
        [KALAENA],
    ).fetchall()
    report = parse(laporan["provinsi"].parent / (laporan["provinsi"].name + ".html"))
    row = {
        c["attrs"]["data-kolom"]: norm(c["text"])
        for c in report.cells
        if c["attrs"].get("data-tabel") == "mart_provinsi_triwulan"
    }
    assert row["pagu_tahunan"] == "2.758.235.300" == angka.rupiah(pagu)
    assert angka.dari_teks(row["realisasi_anggaran_kumulatif"]) == realisasi
    assert capaian is None and row["rata_rata_capaian_kumulatif_persen"] == "data tidak lengkap"
    assert row["peringkat_serapan_tahunan"] == "1" and row["peringkat_capaian"] == "tidak diperingkat"
    html = (laporan["provinsi"].parent / (laporan["provinsi"].name + ".html")).read_text(encoding="utf-8")
    assert "1 dari 11 kecamatan melapor" in html and "capaian tidak lengkap: kecamatan Kalaena" in html
    assert "1 dari 24 kabupaten/kota" in html and html.count("<svg") == 2
    assert "DATA SAMPEL" in html  # Kalaena's realisasi is sample data


@pytest.mark.e2e
def test_monev_laporan_writes_one_kecamatan_of_the_latest_triwulan(laporan, tmp_path, monkeypatch):
    from tests.conftest import monev

    code, out = monev(
        ["laporan", "--kecamatan", KALAENA, "--tanpa-pdf", "--out", str(tmp_path)],
        laporan["home"],
        laporan["seeds"],
        monkeypatch,
    )
    assert code == 0
    assert out.strip() == str(tmp_path / "2024" / "tw4" / "laporan_kecamatan_73.24.10_2024_tw4.html")
    code, out = monev(
        ["laporan", "--provinsi", "73", "--tanpa-pdf", "--out", str(tmp_path)],
        laporan["home"],
        laporan["seeds"],
        monkeypatch,
    )
    assert code == 0
    assert out.strip() == str(tmp_path / "2024" / "tw4" / "laporan_provinsi_73_2024_tw4.html")


@pytest.mark.e2e
def test_a_report_that_cannot_be_written_fails_its_step_and_leaves_the_publication(laporan, tmp_path):
    """The report step runs after publish: when it fails, the warehouse stays published and the refresh says so."""
    import dagster as dg

    from orchestration.defs.report.assets import laporan_triwulan
    from orchestration.defs.resources import MonevHome
    from orchestration.laporan.perintah import status_refresh
    from orchestration.settings import Paths
    from tests.conftest import copy_home

    home = copy_home(laporan["home"], tmp_path / "home")
    import shutil

    shutil.rmtree(home / "laporan")
    (home / "laporan").write_text("bukan folder")  # the reports cannot be written
    before = (home / "warehouse" / "monev.duckdb").read_bytes()
    result = dg.materialize([laporan_triwulan], resources={"monev": MonevHome(home=str(home))}, raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "laporan gagal ditulis (gudang data tetap terbit)" in failure.event_specific_data.error.message
    assert (home / "warehouse" / "monev.duckdb").read_bytes() == before
    lines, ok = status_refresh(Paths(home), result.run_id)
    assert not ok
    assert any(line.startswith("LAPORAN GAGAL (kecamatan 73.24.10)") for line in lines)
    assert lines[-1] == "Gudang data tetap terbit; perbaiki penyebabnya lalu jalankan `monev laporan`."


@pytest.mark.e2e
def test_a_report_whose_figures_did_not_change_is_not_written_again(laporan, tmp_path):
    """The nightly refresh re-lays out a PDF only when the report's content changed (its fingerprint ignores
    the time it was made and the publication's run id and time)."""
    from orchestration.laporan import data, write_kecamatan
    from orchestration.laporan.tulis import sidik_dari

    with data.connect(laporan["warehouse"]) as con:
        first = write_kecamatan(con, KALAENA, 2024, 3, tmp_path, pdf=False)
        written = first.html.stat().st_mtime_ns
        again = write_kecamatan(con, KALAENA, 2024, 3, tmp_path, pdf=False)
        assert again.tetap and first.html.stat().st_mtime_ns == written
        html = first.html.read_text(encoding="utf-8")
        sidik = sidik_dari(html)
        first.html.write_text(html.replace(sidik, "0" * 64), encoding="utf-8")  # as if the figures had changed
        third = write_kecamatan(con, KALAENA, 2024, 3, tmp_path, pdf=False)
    assert not third.tetap and sidik_dari(third.html.read_text(encoding="utf-8")) == sidik


def test_charts_are_svg_even_without_data():
    """A kecamatan or kabupaten without any figure for a chart still gets its (empty) chart, not an error."""
    from orchestration.laporan import grafik

    for chart in (
        grafik.kurva_serapan([], 4),
        grafik.capaian_program([]),
        grafik.kategori_sub([]),
        grafik.peringkat([], "serapan_kumulatif_persen", "peringkat_serapan", "Serapan (%)"),
        grafik.peta_panas([], {}),
    ):
        assert chart.startswith("<svg") and chart.rstrip().endswith("</svg>")


def test_the_fingerprint_ignores_when_the_report_was_made_and_the_run_but_nothing_else():
    """The fingerprint is taken from the report's figures before any chart is drawn: the time it was made and
    the publication it reads do not change it, one rupiah or one row does."""
    from decimal import Decimal

    from orchestration.laporan.data import Baris
    from orchestration.laporan.tulis import bersidik, sidik, sidik_dari

    def ctx(dibuat: str, waktu: str, run_id: str, pagu: str, rows: int = 1) -> dict:
        baris = [Baris({"kode": "7.01.01", "pagu": Decimal(pagu)}, "mart_capaian_triwulan", ("kode",))] * rows
        return {"dibuat": dibuat, "pub": {"waktu": waktu, "run_id": run_id}, "tahun": 2024, "baris": baris}

    run_a, run_b = "aa5be199-0000-4000-8000-000000000000", "c36a8fb5-0000-4000-8000-000000000000"
    first = sidik(ctx("05-12-2026 02.32 WITA", "05-12-2026 02.32 WITA", run_a, "2758235300.00"))
    assert first == sidik(ctx("05-12-2026 02.33 WITA", "05-12-2026 02.32 WITA", run_a, "2758235300.00"))
    assert first == sidik(ctx("06-12-2026 01.10 WITA", "06-12-2026 01.09 WITA", run_b, "2758235300.00"))
    assert first != sidik(ctx("05-12-2026 02.32 WITA", "05-12-2026 02.32 WITA", run_a, "2758235301.00"))
    assert first != sidik(ctx("05-12-2026 02.32 WITA", "05-12-2026 02.32 WITA", run_a, "2758235300.00", rows=2))
    assert sidik_dari(bersidik("<html><head>\n<title>x</title>", first)) == first


@pytest.mark.e2e
def test_when_the_latest_version_is_quarantined_the_annex_says_the_figures_are_the_accepted_ones(laporan, tmp_path):
    """The marts as a refresh leaves them when a kecamatan's newest realisasi is quarantined (fct_versi_kiriman:
    the new version dikarantina and terbaru; fct_realisasi_triwulan keeps the accepted version): the report
    prints the accepted figures and says in its annex that the newest version was quarantined. (The pipeline's
    own quarantine is tested end to end in test_isolation_e2e.py; here a copy of the published warehouse gets
    the rows such a refresh writes.)"""
    import shutil

    from orchestration.laporan import data, write_kecamatan

    warehouse = tmp_path / "monev.duckdb"
    shutil.copy(laporan["warehouse"], warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            """
            update marts.fct_versi_kiriman set terbaru = false
            where nama_berkas = 'realisasi_73.24.10_2024_tw4.csv';
            insert into marts.fct_versi_kiriman (nama_berkas, jenis, kode_wilayah, tahun, triwulan, versi, berkas_id,
                sha256, sumber, status, alasan, jumlah_baris, terbaru, diterima_pada)
            values ('realisasi_73.24.10_2024_tw4_v2.csv', 'realisasi', '73.24.10', 2024, 4, 2, 'abc:x',
                repeat('ab', 32), 'kiriman', 'dikarantina',
                'baris 19, 7.01.01.2.06.0001, kolom realisasi_anggaran: contoh alasan', 54,
                true, timestamptz '2026-12-04 17:05:00+00');
            """
        )
        accepted = con.execute(
            "select realisasi_anggaran from marts.fct_realisasi_triwulan "
            "where kode_wilayah = '73.24.10' and tahun = 2024 and triwulan = 4 and kode = '7.01.01.2.06.0001'"
        ).fetchone()[0]
    with data.connect(warehouse) as con:
        hasil = write_kecamatan(con, KALAENA, 2024, 4, tmp_path / "laporan", pdf=False)
    html = hasil.html.read_text(encoding="utf-8")
    versi = (
        r'<td>realisasi_73\.24\.10_2024_tw4_v2\.csv</td>\s*<td class="nomor">2</td>\s*<td class="status-dikarantina">'
    )
    assert re.search(
        versi + r"dikarantina<div class=\"catatan\">versi terbaru dikarantina: angka laporan dari versi "
        r"diterima sebelumnya</div>",
        html,
    )
    assert "05-12-2026 01.05 WITA" in html  # its arrival time, in WITA
    assert "contoh alasan" in html
    row = {
        c["attrs"]["data-kolom"]: norm(c["text"])
        for c in parse(hasil.html).cells
        if c["attrs"].get("data-tabel") == "mart_capaian_triwulan"
        and json.loads(c["attrs"]["data-kunci"])["kode"] == "7.01.01.2.06.0001"
    }
    assert angka.dari_teks(row["realisasi_anggaran"]) == accepted


def annex_koreksi(path: Path) -> list[list[str]]:
    """The rows of the corrections annex (Lampiran C): No. log, Kode, Kolom, as printed, corrected, Kepastian,
    Alasan."""
    html = path.read_text(encoding="utf-8")
    start = html.index('<table class="rinci koreksi')
    table = Sel()
    table.feed(html[start : html.index("</table>", start)])
    texts = [norm(c["text"]) for c in table.cells]
    assert len(texts) % 7 == 0, texts
    return [texts[i : i + 7] for i in range(0, len(texts), 7)]


@pytest.mark.e2e
def test_the_corrections_annex_gives_reasons_and_assumptions_in_indonesian(laporan):
    """The Camat and the Inspektorat read the log in Bahasa Indonesia (alasan_id, asumsi_id); the English of the
    data team (alasan, asumsi) is printed nowhere."""
    with (laporan["seeds"] / "koreksi.csv").open(encoding="utf-8", newline="") as handle:
        log = list(csv.DictReader(handle))
    english = [norm(r[c]) for r in log for c in ("alasan", "asumsi") if r[c].strip()]
    for name in ("kecamatan", "kabupaten"):
        rows = annex_koreksi(laporan[name].parent / (laporan[name].name + ".html"))
        assert len(rows) == 62, name  # every entry of Kalaena's log: 39 corrections and 23 accepted exceptions
        by_entry = {(r[1], r[2]): r for r in rows}
        # audit R4: the second kegiatan of program 7.01.04 copied the pagu of the first
        assert by_entry[("7.01.04.2.02", "pagu")] == [
            "3",
            "7.01.04.2.02",
            "pagu",
            "19.340.000",
            "2.009.000",
            "ditentukan (dipaksa dokumen)",
            "Audit R4: baris disalin dari 7.01.04.2.01. Satu-satunya sub-kegiatannya berpagu 2.009.000, triwulan "
            "RA-nya 1.069.000 + 290.000 + 360.000 + 290.000 = 2.009.000, dan program 21.349.000 = 19.340.000 + "
            "2.009.000.",
        ], name
        # an assumption-based correction: its assumption in Indonesian and how many readings there are
        kepastian = by_entry[("7.01.05.2.01.X001", "pagu_tw2")][5]
        assert kepastian.startswith("asumsi"), kepastian
        assert (
            "Asumsi: Diasumsikan pasangan tercetak kedua kegiatan 7.01.05.2.01 ('100 6.000.000') adalah TW2, tempat "
            "audit 7.2 meletakkannya dengan tanda tidak pasti;" in kepastian
        ), kepastian
        assert kepastian.endswith("3 alternatif.3 bacaan yang mungkin, termasuk yang diambil"), kepastian  # 2 divs
        annex = " ".join(" ".join(r) for r in rows)
        assert not [e for e in english if e in annex], name
        assert not re.search(r"\b(minus|Assumes|lost|printed|the)\b", annex), name


@pytest.mark.e2e
def test_reports_written_by_worker_processes_equal_those_written_in_process(laporan, tmp_path):
    """At national scale the HTML reports are shared among worker processes: the same reports, the same
    fingerprints, in the order asked, and a report that fails (an unknown kecamatan) is recorded, not fatal."""
    from orchestration.laporan import Ringkasan, _html_semua
    from orchestration.laporan.tulis import sidik_dari

    jobs = [("kecamatan", KALAENA), ("kecamatan", "99.99.99"), ("kabupaten", LUTIM), ("provinsi", "73")]
    found = {}
    for pekerja in (1, 2):
        ringkasan = Ringkasan()
        siap = _html_semua(laporan["warehouse"], jobs, 2024, 4, tmp_path / str(pekerja), True, ringkasan, pekerja)
        found[pekerja] = (
            [p.relative_to(tmp_path / str(pekerja)) for p in ringkasan.berkas],
            [sidik_dari(p.read_text(encoding="utf-8")) for p in ringkasan.berkas],
            list(siap),
            list(ringkasan.gagal),
        )
    assert found[1] == found[2]
    names, _, siap, gagal = found[2]
    assert [p.name for p in names] == [
        "laporan_kecamatan_73.24.10_2024_tw4.html",
        "laporan_kabupaten_73.24_2024_tw4.html",
        "laporan_provinsi_73_2024_tw4.html",
    ]
    assert siap == ["kecamatan 73.24.10", "kabupaten 73.24", "provinsi 73"] and gagal == ["kecamatan 99.99.99"]
