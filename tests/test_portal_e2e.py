"""Portal kiriman end to end: its pages on Kalaena's published warehouse, and a staffer with only a browser
(Debian's chromium, driven by Selenium through chromedriver) who logs in, uploads a bad realisasi, reads the
Indonesian message with its row and column, uploads the corrected file, sends it, and sees it published after
the refresh."""

import re
import socket
import subprocess
import sys
import time
import warnings
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import duckdb
import pytest
from conftest import copy_home, project_env, run_refresh
from openpyxl import load_workbook

from orchestration.portal import akun

with warnings.catch_warnings():  # starlette's TestClient warns that it uses httpx 0.28
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.e2e

SANDI = "kalimat sandi yang cukup panjang"
SANDI_BURAU = "kantor camat punya kalimat"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def home(kalaena_published, tmp_path) -> tuple[Path, Path]:
    base, seeds, _ = kalaena_published
    home = copy_home(base, tmp_path / "monev_home")
    akun.buat(home, "kalaena", "kecamatan", "73.24.10", SANDI, seeds)
    akun.buat(home, "burau", "kecamatan", "73.24.01", SANDI_BURAU, seeds)
    return home, seeds


def logged_in(home: Path, seeds: Path, nama: str, sandi: str) -> TestClient:
    from orchestration.portal.app import create_app

    c = TestClient(create_app(home, seeds), follow_redirects=False)
    page = c.get("/masuk")
    login = c.post("/masuk", data={"csrf": CSRF.search(page.text)[1], "nama": nama, "sandi": sandi})
    assert login.headers["location"] == "/riwayat"
    return c


def cells(html: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is ``first``, as text."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        texts = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        if texts and texts[0] == first:
            return texts
    raise AssertionError(f"no row {first}")


def test_an_office_sees_its_history_figures_templates_and_reports_and_nothing_of_another(home):
    home, seeds = home
    c = logged_in(home, seeds, "kalaena", SANDI)
    history = c.get("/riwayat").text
    quarantined = cells(history, "realisasi_73.24.10_2024_tw2.csv")
    assert quarantined[1:5] == ["realisasi", "2024", "2", "1"]
    assert quarantined[6].startswith("dikarantina 1 masalah")
    assert "realisasi anggaran kumulatif tidak melebihi pagu setahun" in quarantined[6]
    assert "baris 19, 7.01.01.2.06.0001, kolom realisasi_anggaran" in quarantined[6]
    assert cells(history, "realisasi_73.24.10_2024_tw2_v2.csv")[6] == "diterima (terbaru)"
    assert cells(history, "rencana_73.24.10_2024.csv")[6] == "diterima (terbaru)"
    report = re.search(r'<a href="(/unduh/[0-9a-f]+)">Laporan karantina realisasi_73.24.10_2024_tw2.csv</a>', history)
    assert "Status    : DIKARANTINA" in c.get(report[1]).text

    # 2024 TW4 by default (the latest); 7.01.02 by hand: serapan 1.040.000 / 1.054.000 = 98,67 %
    figures = c.get("/capaian").text
    row = cells(figures, "7.01.02")
    assert row[2:7] == ["100,00 % Sangat Baik", "100,00 % Sangat Baik", "1.054.000", "1.040.000", "98,67 %"]
    # 7.01.01: its TW4 target is lost, so its capaian is NULL with the mart's reason; serapan by hand:
    # 305.038.000 / 325.306.744 = 93,77 %
    lost = cells(figures, "7.01.01")
    assert lost[2] == "data tidak lengkap target TW4 hilang"
    assert lost[4:7] == ["325.306.744", "305.038.000", "93,77 %"]
    assert "DATA SAMPEL" in figures
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
        assert con.execute(
            "select serapan_persen, capaian_persen, catatan_kelengkapan from marts.mart_capaian_triwulan "
            "where kode_wilayah = '73.24.10' and tahun = 2024 and triwulan = 4 and kode = '7.01.01'"
        ).fetchone() == (Decimal("93.77"), None, "target TW4 hilang")
    tw2 = cells(c.get("/capaian?periode=2024-2").text, "7.01.02")  # 918.000 / 1.018.000 = 90,18 %
    assert tw2[4:7] == ["1.018.000", "918.000", "90,18 %"]
    assert c.get("/capaian?periode=2031-1").status_code == 404

    template = c.get("/templat?tahun=2024&triwulan=2&format=xlsx")
    assert template.headers["content-disposition"] == 'attachment; filename="realisasi_73.24.10_2024_tw2.xlsx"'
    sheet = load_workbook(BytesIO(template.content))["realisasi"]
    codes = [sheet.cell(r, 1).value for r in range(3, sheet.max_row + 1)]
    assert codes[:2] == ["7.01.01", "7.01.01.2.01"]
    plan = c.get("/templat?tahun=2024&format=csv")
    assert plan.text.splitlines()[0].startswith("kode,uraian,indikator,satuan")

    downloads = {
        title: href for href, title in re.findall(r'<a href="(/unduh/[0-9a-f]+)">([^<]+)</a>', c.get("/unduhan").text)
    }
    assert sorted(downloads) == [
        "Laporan Monev Renaksi kecamatan 73.24.10 tahun 2024 triwulan 4 (HTML)",
        "Laporan Monev Renaksi kecamatan 73.24.10 tahun 2024 triwulan 4 (PDF)",
    ]
    pdf = c.get(downloads["Laporan Monev Renaksi kecamatan 73.24.10 tahun 2024 triwulan 4 (PDF)"])
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"

    burau = logged_in(home, seeds, "burau", SANDI_BURAU)
    for href in [*downloads.values(), report[1]]:
        assert burau.get(href).status_code == 404
    assert "Belum ada berkas kecamatan ini yang diproses." in burau.get("/riwayat").text
    assert burau.get("/capaian?kecamatan=73.24.10").status_code == 403
    assert burau.get("/templat?tahun=2024&triwulan=2&kecamatan=73.24.10").status_code == 403


# --- the browser ----------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def portal(home, tmp_path):
    """`monev portal` as an operator starts it, on a copy of the published Kalaena home."""
    home, seeds = home
    port = free_port()
    log = (tmp_path / "portal.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "portal", "--port", str(port)],
        env=project_env(home, seeds),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "portal.log").read_text()
            time.sleep(0.2)
    yield home, seeds, f"http://127.0.0.1:{port}"
    process.terminate()
    # uvicorn shuts down gracefully, then re-raises SIGTERM so that the exit status tells how it ended
    assert process.wait(timeout=20) in (0, -15)
    assert "Finished server process" in (tmp_path / "portal.log").read_text()


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(30)
    yield driver
    driver.quit()


def test_a_staffer_with_only_a_browser_checks_corrects_sends_and_sees_the_file_published(portal, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    home, seeds, url = portal
    good = seeds / "sampel" / "realisasi_73.24.10_2024_tw1.csv"
    bad = tmp_path / "realisasi kalaena tw1 (salah).csv"
    bad.write_bytes(good.read_bytes().replace(b"7.01.01.2.01,100,7.335.000", b"7.01.01.2.01,100,7.335.00x"))

    browser.get(url + "/")
    browser.find_element(By.ID, "nama").send_keys("kalaena")
    browser.find_element(By.ID, "sandi").send_keys(SANDI)
    browser.find_element(By.ID, "tombol-masuk").click()
    browser.find_element(By.ID, "versi")  # the history page has loaded (the login page has an h1 of its own)
    assert "Riwayat kiriman Kecamatan Kalaena (73.24.10)" in browser.find_element(By.TAG_NAME, "h1").text

    def send(path: Path) -> None:
        browser.get(url + "/kirim")
        Select(browser.find_element(By.ID, "jenis")).select_by_value("realisasi")
        Select(browser.find_element(By.ID, "tahun")).select_by_value("2024")
        Select(browser.find_element(By.ID, "triwulan")).select_by_value("1")
        browser.find_element(By.ID, "berkas").send_keys(str(path))
        browser.find_element(By.ID, "tombol-periksa").click()

    send(bad)
    assert browser.find_element(By.ID, "ringkasan").text.startswith("1 galat")
    assert browser.find_element(By.ID, "nama-berkas").text == "realisasi_73.24.10_2024_tw1_v2.csv"
    error = browser.find_element(By.CSS_SELECTOR, "#temuan tr.galat")
    assert [td.text for td in error.find_elements(By.TAG_NAME, "td")] == [
        "GALAT",
        "3",
        "7.01.01.2.01",
        "realisasi_anggaran",
        "format rupiah",
        "rupiah seperti 1.378.000 atau 1.378.000,00 (angka saja, tanpa kata seperti 'rupiah')",
        "'7.335.00x'",
    ]
    browser.implicitly_wait(0)  # absent: no waiting
    assert not browser.find_elements(By.ID, "tombol-kirim")
    browser.implicitly_wait(30)

    send(good)
    assert browser.find_element(By.ID, "ringkasan").text.startswith("0 galat")
    browser.find_element(By.ID, "tombol-kirim").click()
    assert "realisasi_73.24.10_2024_tw1_v2.csv terkirim" in browser.find_element(By.ID, "kabar").text
    assert browser.find_element(By.ID, "menunggu").text == "realisasi_73.24.10_2024_tw1_v2.csv"
    assert (home / "inbox" / "realisasi_73.24.10_2024_tw1_v2.csv").read_bytes() == good.read_bytes()

    refresh = run_refresh(home, seeds)
    assert refresh.returncode == 0, refresh.stdout + refresh.stderr

    browser.get(url + "/riwayat")
    browser.find_element(By.ID, "versi")
    browser.implicitly_wait(0)
    assert not browser.find_elements(By.ID, "menunggu")
    rows = {
        cells[0].text: cells[6].text
        for row in browser.find_elements(By.CSS_SELECTOR, "#versi tbody tr")
        if (cells := row.find_elements(By.TAG_NAME, "td"))
    }
    assert rows["realisasi_73.24.10_2024_tw1_v2.csv"] == "diterima (terbaru)"
    assert rows["realisasi_73.24.10_2024_tw1.csv"] == "digantikan versi baru"
