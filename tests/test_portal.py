"""Portal kiriman (issue 13, item 1) in process, with starlette's TestClient: accounts, login lock-out, sessions,
CSRF, security headers, the upload's size and volume caps, the server-built file name, the check and the
confirmation into the inbox, and that an office never sees or downloads another office's files."""

import io
import json
import re
import stat
import warnings
from pathlib import Path

import pytest
from conftest import monev

from orchestration.domain.submission import MAX_FILE_BYTES
from orchestration.portal import akun, keamanan
from orchestration.settings import SEEDS_DIR

with warnings.catch_warnings():  # starlette's TestClient warns that it uses httpx 0.28
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from starlette.testclient import TestClient

SANDI = "kalimat sandi yang cukup panjang"
SANDI_BURAU = "kantor camat punya kalimat"
SANDI_BAPPEDA = "perencanaan luwu timur 2025"
KALAENA_TW1 = SEEDS_DIR / "sampel" / "realisasi_73.24.10_2024_tw1.csv"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "monev_home"
    monkeypatch.setenv("MONEV_HOME", str(home))
    monkeypatch.setenv("MONEV_SEEDS", str(SEEDS_DIR))
    akun.buat(home, "kalaena", "kecamatan", "73.24.10", SANDI, SEEDS_DIR)
    akun.buat(home, "burau", "kecamatan", "73.24.01", SANDI_BURAU, SEEDS_DIR)
    akun.buat(home, "bappeda", "bappeda", None, SANDI_BAPPEDA, SEEDS_DIR)
    return home


def client(home: Path) -> TestClient:
    from orchestration.portal.app import create_app

    return TestClient(create_app(home, SEEDS_DIR), follow_redirects=False)


def token(c: TestClient, path: str = "/masuk") -> str:
    page = c.get(path)
    assert page.status_code == 200, page.text
    return CSRF.search(page.text)[1]


def masuk(c: TestClient, nama: str, sandi: str):
    return c.post("/masuk", data={"csrf": token(c), "nama": nama, "sandi": sandi})


def logged_in(home: Path, nama: str = "kalaena", sandi: str = SANDI) -> TestClient:
    c = client(home)
    assert masuk(c, nama, sandi).headers["location"] == "/riwayat"
    return c


def upload(c: TestClient, content: bytes, jenis="realisasi", tahun="2024", triwulan="1", name="apa saja.csv", **extra):
    fields = {"csrf": token(c, "/kirim"), "jenis": jenis, "tahun": tahun, "triwulan": triwulan, **extra}
    return c.post("/kirim", data=fields, files={"berkas": (name, content, "text/csv")})


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


# --- accounts ---------------------------------------------------------------------------------------------


def test_akun_commands_store_argon2id_hashes_privately_and_print_a_one_time_password_once(tmp_path, monkeypatch):
    home = tmp_path / "home"
    code, out = monev(["akun", "buat", "kalaena", "--kecamatan", "73.24.10"], home, SEEDS_DIR, monkeypatch)
    assert code == 0, out
    password = re.search(r"sekali pakai \(hanya ditampilkan sekali ini\): (\S+)", out)[1]
    assert len(password) == 20
    stored = (home / "portal" / "akun.json").read_text()
    assert password not in stored
    record = json.loads(stored)["akun"]["kalaena"]
    assert record["sandi_hash"].startswith("$argon2id$")
    assert (record["peran"], record["kode_wilayah"], record["harus_ganti_sandi"]) == ("kecamatan", "73.24.10", True)
    assert stat.S_IMODE((home / "portal" / "akun.json").stat().st_mode) == 0o600

    assert monev(["akun", "buat", "kalaena", "--kecamatan", "73.24.10"], home, SEEDS_DIR, monkeypatch)[0] == 1
    assert monev(["akun", "buat", "antah", "--kecamatan", "99.99.99"], home, SEEDS_DIR, monkeypatch)[0] == 1
    assert monev(["akun", "buat", "../x", "--bappeda"], home, SEEDS_DIR, monkeypatch)[0] == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert monev(["akun", "buat", "admin", "--bappeda", "--sandi-stdin"], home, SEEDS_DIR, monkeypatch)[0] == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(SANDI_BAPPEDA + "\n"))
    code, out = monev(["akun", "buat", "admin", "--bappeda", "--sandi-stdin"], home, SEEDS_DIR, monkeypatch)
    assert code == 0 and SANDI_BAPPEDA not in out
    assert akun.periksa_masuk(home, "admin", SANDI_BAPPEDA).peran == "bappeda"

    code, out = monev(["akun", "reset", "kalaena"], home, SEEDS_DIR, monkeypatch)
    new = re.search(r"sekali ini\): (\S+)", out)[1]
    assert code == 0 and new != password
    assert akun.periksa_masuk(home, "kalaena", password) is None
    assert akun.periksa_masuk(home, "kalaena", new).versi_sandi == 2

    assert monev(["akun", "nonaktifkan", "kalaena"], home, SEEDS_DIR, monkeypatch)[0] == 0
    assert akun.periksa_masuk(home, "kalaena", new) is None
    code, out = monev(["akun", "daftar"], home, SEEDS_DIR, monkeypatch)
    assert re.search(r"kalaena\s+kecamatan\s+73\.24\.10\s+tidak", out)
    assert re.search(r"admin\s+bappeda\s+-\s+ya\s+tidak", out)


def test_a_one_time_password_must_be_changed_before_anything_else(home):
    once = akun.reset(home, "kalaena")
    c = client(home)
    assert masuk(c, "kalaena", once).headers["location"] == "/sandi"
    assert c.get("/kirim").headers["location"] == "/sandi"
    csrf = token(c, "/sandi")
    short = c.post("/sandi", data={"csrf": csrf, "lama": once, "baru": "pendek", "ulang": "pendek"})
    assert short.status_code == 400 and "paling sedikit 12 karakter" in short.text
    changed = c.post("/sandi", data={"csrf": csrf, "lama": once, "baru": SANDI + "!", "ulang": SANDI + "!"})
    assert changed.headers["location"] == "/riwayat"
    assert c.get("/kirim").status_code == 200
    assert akun.periksa_masuk(home, "kalaena", once) is None


# --- login --------------------------------------------------------------------------------------------------


def test_wrong_name_and_wrong_password_get_the_same_generic_message(home):
    c = client(home)
    wrong_password = masuk(c, "kalaena", "bukan sandinya sama sekali")
    unknown = masuk(c, "tidakada", SANDI)
    for response in (wrong_password, unknown):
        assert response.status_code == 401
        assert "Nama akun atau kata sandi salah." in response.text
    akun.nonaktifkan(home, "burau")
    disabled = masuk(c, "burau", SANDI_BURAU)
    assert disabled.status_code == 401 and "Nama akun atau kata sandi salah." in disabled.text


def test_five_failures_lock_the_account_even_for_the_right_password(home):
    c = client(home)
    for _ in range(keamanan.GAGAL_AKUN):
        assert masuk(c, "kalaena", "tebakan yang salah lagi").status_code == 401
    locked = masuk(c, "kalaena", SANDI)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah" in locked.text
    assert "WITA" in locked.text
    assert "location" not in locked.headers
    assert masuk(c, "burau", SANDI_BURAU).status_code == 303  # another account from the same address still works


def test_a_client_address_is_locked_after_ten_failures_over_any_names(home):
    c = client(home)
    for i in range(keamanan.GAGAL_ALAMAT):
        assert masuk(c, f"tebak{i}", "salah salah salah").status_code == 401
    assert masuk(c, "burau", SANDI_BURAU).status_code == 429


def test_a_lock_ends_after_its_time():
    limiter = keamanan.Pembatas()
    for _ in range(keamanan.GAGAL_AKUN):
        limiter.catat_gagal("kalaena", "10.0.0.1", now=1000.0)
    assert limiter.terkunci_sampai("kalaena", "10.0.0.2", now=1000.0) == 1000.0 + keamanan.KUNCI
    assert limiter.terkunci_sampai("kalaena", "10.0.0.2", now=1000.0 + keamanan.KUNCI + 1) is None
    # failures older than the window do not add up
    other = keamanan.Pembatas()
    for i in range(keamanan.GAGAL_AKUN):
        other.catat_gagal("burau", "10.0.0.1", now=1000.0 + i * keamanan.JENDELA)
    assert other.terkunci_sampai("burau", "10.0.0.9", now=1000.0 + 5 * keamanan.JENDELA) is None


# --- sessions -----------------------------------------------------------------------------------------------


def test_login_rotates_the_session_and_logout_ends_it_on_the_server(home):
    c = client(home)
    token(c)
    anonymous = c.cookies["monev_sesi"]
    assert masuk(c, "kalaena", SANDI).status_code == 303
    session = c.cookies["monev_sesi"]
    assert session != anonymous
    copy = TestClient(c.app, follow_redirects=False)  # another browser on the same server with a copy of the cookie
    copy.cookies.set("monev_sesi", anonymous)
    assert copy.get("/riwayat").headers["location"] == "/masuk"  # the pre-login cookie opens nothing
    copy.cookies.set("monev_sesi", session)
    assert copy.get("/riwayat").status_code == 200  # the logged-in cookie does, until logout

    out = c.post("/keluar", data={"csrf": token(c, "/riwayat")})
    assert out.headers["location"] == "/masuk"
    assert c.get("/riwayat").headers["location"] == "/masuk"
    assert copy.get("/riwayat").headers["location"] == "/masuk"  # still signed and unexpired, but ended


def test_a_reset_or_disabled_account_loses_its_open_sessions(home):
    c = logged_in(home)
    assert c.get("/riwayat").status_code == 200
    akun.reset(home, "kalaena", SANDI + " baru")
    assert c.get("/riwayat").headers["location"] == "/masuk"
    c = logged_in(home, "burau", SANDI_BURAU)
    akun.nonaktifkan(home, "burau")
    assert c.get("/capaian").headers["location"] == "/masuk"


def test_the_session_cookie_is_httponly_samesite_lax_and_signed(home):
    c = client(home)
    page = c.get("/masuk")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    c.cookies.set("monev_sesi", c.cookies["monev_sesi"][:-3] + "abc")  # a tampered signature is a fresh session
    login = c.post("/masuk", data={"csrf": CSRF.search(page.text)[1], "nama": "kalaena", "sandi": SANDI})
    assert login.status_code == 403


# --- CSRF and headers -----------------------------------------------------------------------------------------


def test_a_missing_or_wrong_csrf_token_is_refused_on_every_form(home):
    c = logged_in(home)
    right = token(c, "/riwayat")
    other = logged_in(home, "burau", SANDI_BURAU)
    foreign = token(other, "/riwayat")  # a valid token, of another session
    for data in ({}, {"csrf": "salah"}, {"csrf": foreign}):
        for path in ("/keluar", "/sandi", "/periksa/xyz/kirim", "/periksa/xyz/batal"):
            refused = c.post(path, data={**data, "lama": SANDI, "baru": "x" * 20, "ulang": "x" * 20})
            assert refused.status_code == 403, path
            assert "token formulir tidak ada atau salah" in refused.text
        fresh = client(home)
        fresh.get("/masuk")
        login = fresh.post("/masuk", data={**data, "nama": "kalaena", "sandi": SANDI})
        assert login.status_code == 403 and "monev_sesi" not in login.headers.get("set-cookie", "x=sid")
    assert c.get("/riwayat").status_code == 200  # the refused logout did not log out
    assert right == token(c, "/riwayat")


def test_an_upload_without_the_token_is_refused_before_its_file_is_kept(home):
    c = logged_in(home)
    files = {"berkas": ("a.csv", KALAENA_TW1.read_bytes(), "text/csv")}
    for fields in ({"jenis": "realisasi", "tahun": "2024", "triwulan": "1"}, {"csrf": "salah", "jenis": "rencana"}):
        refused = c.post("/kirim", data=fields, files=files)
        assert refused.status_code == 403 and "token formulir" in refused.text
    assert list((home / "portal" / "staging").iterdir()) == []
    assert not (home / "inbox").exists()


def test_every_response_carries_the_security_headers_and_errors_show_no_traceback(home):
    c = client(home)
    for response in (c.get("/masuk"), c.get("/tidak-ada"), c.get("/statis/portal.css")):
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    missing = c.get("/tidak-ada")
    assert missing.status_code == 404 and "Halaman atau berkas yang diminta tidak ada." in missing.text
    assert c.get("/docs").status_code == 404 and c.get("/openapi.json").status_code == 404
    (home / "portal" / "akun.json").write_text("{rusak")  # the accounts file damaged: the login fails inside
    broken = c.post("/masuk", data={"csrf": token(c), "nama": "kalaena", "sandi": SANDI})
    assert broken.status_code == 500
    assert "Terjadi galat sistem" in broken.text
    assert "Traceback" not in broken.text and "JSONDecodeError" not in broken.text
    assert broken.headers["x-frame-options"] == "DENY"


# --- upload ---------------------------------------------------------------------------------------------------


def test_an_upload_over_the_size_cap_is_refused_and_nothing_is_kept(home):
    c = logged_in(home)
    big = b"kode,realisasi_target,realisasi_anggaran,keterangan\n" + b"x" * MAX_FILE_BYTES
    refused = upload(c, big)
    assert refused.status_code == 413
    assert "Berkas lebih besar dari batas 20 MB" in refused.text
    staging = home / "portal" / "staging"
    assert not staging.exists() or list(staging.iterdir()) == []  # refused by its length, before any byte is read
    assert not (home / "inbox").exists()


def test_an_upload_streamed_without_a_length_stops_at_the_cap(home):
    c = logged_in(home)
    csrf = token(c, "/kirim")
    boundary = "batasbagian"

    def body():
        head = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
            for k, v in (("csrf", csrf), ("jenis", "realisasi"), ("tahun", "2024"), ("triwulan", "1"))
        )
        yield (
            head + f'--{boundary}\r\nContent-Disposition: form-data; name="berkas"; filename="a.csv"\r\n\r\n'
        ).encode()
        for _ in range(MAX_FILE_BYTES // (1 << 20) + 2):
            yield b"x" * (1 << 20)
        yield f"\r\n--{boundary}--\r\n".encode()

    refused = c.post("/kirim", content=body(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert refused.status_code == 413 and "lebih besar dari batas 20 MB" in refused.text
    assert list((home / "portal" / "staging").iterdir()) == []


def test_the_daily_volume_of_an_office_is_capped(home, monkeypatch):
    monkeypatch.setenv("MONEV_PORTAL_KUOTA_HARIAN_MB", "0.01")  # 10.485 bytes
    c = logged_in(home)
    refused = upload(c, b"a" * 11_000)
    message = "Kuota unggah harian kecamatan ini (10 KB per hari) habis; coba lagi besok (WITA) atau hubungi Bappeda."
    assert refused.status_code == 413 and message in refused.text
    again = upload(c, b"kode\n")  # the 11.000 bytes refused still count: nothing is left today
    assert again.status_code == 413 and message in again.text
    other = logged_in(home, "burau", SANDI_BURAU)  # another office has its own volume
    assert upload(other, b"kode\n", jenis="ikm").status_code == 303


def test_the_server_names_the_file_from_the_office_and_the_form_never_from_the_client(home):
    c = logged_in(home)
    plan = upload(c, b"kode,uraian\n", jenis="rencana", tahun="2025", triwulan="3", name="../../../etc/passwd")
    assert plan.status_code == 303
    page = c.get(plan.headers["location"])
    assert re.search(r'id="nama-berkas">rencana_73\.24\.10_2025\.csv<', page.text)
    # Kalaena's realisasi TW2 2024 has a _v2 among the sample seeds: the next is _v3; a ZIP is an .xlsx
    xlsx = upload(c, b"PK\x03\x04 bukan workbook", triwulan="2", name="realisasi.csv")
    page = c.get(xlsx.headers["location"])
    assert 'id="nama-berkas">realisasi_73.24.10_2024_tw2_v3.xlsx<' in page.text
    staged = sorted(p.name for p in (home / "portal" / "staging").rglob("*") if p.is_file())
    assert staged == ["realisasi_73.24.10_2024_tw2_v3.xlsx", "rencana_73.24.10_2025.csv"]
    assert not list(home.rglob("passwd"))
    for bad, message in (
        ({"jenis": "../rencana"}, "jenis berkas harus"),
        ({"tahun": "1900"}, "tahun harus antara"),
        ({"tahun": "٢٠٢٤"}, "tahun harus antara"),
        ({"triwulan": ""}, "pilih triwulan"),
        ({"triwulan": "5"}, "pilih triwulan"),
    ):
        refused = upload(c, b"kode\n", **{**{"jenis": "realisasi", "tahun": "2024", "triwulan": "1"}, **bad})
        assert refused.status_code == 400 and message in refused.text.lower(), bad
    foreign = upload(c, b"kode\n", kecamatan="73.24.01")
    assert foreign.status_code == 403


def test_a_bad_file_shows_every_problem_and_cannot_be_sent(home):
    c = logged_in(home)
    bad = KALAENA_TW1.read_bytes().replace(b"7.01.01.2.01,100,7.335.000", b"7.01.01.2.01,100,7.335.00x")
    checked = upload(c, bad)
    page = c.get(checked.headers["location"])
    body = text(page)
    assert "1 galat" in body
    row = re.search(r"<tr class=\"galat\">(.*?)</tr>", page.text, re.S)[1]
    cells = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
    ]
    assert cells[:5] == ["GALAT", "3", "7.01.01.2.01", "realisasi_anggaran", "format rupiah"]
    assert cells[6] == "&#39;7.335.00x&#39;"
    assert 'id="tombol-kirim"' not in page.text
    token_ = checked.headers["location"].rsplit("/", 1)[1]
    refused = c.post(f"/periksa/{token_}/kirim", data={"csrf": token(c, "/riwayat")})
    assert refused.status_code == 409 and "Berkas bergalat tidak dikirim" in refused.text
    assert not (home / "inbox").exists()


def test_a_good_file_confirmed_enters_the_inbox_under_the_next_version_byte_for_byte(home):
    c = logged_in(home)
    first = upload(c, KALAENA_TW1.read_bytes())
    page = c.get(first.headers["location"])
    assert "0 galat" in text(page) and 'id="tombol-kirim"' in page.text
    second = upload(c, KALAENA_TW1.read_bytes())
    sent = c.post(first.headers["location"] + "/kirim", data={"csrf": token(c, "/riwayat")})
    assert sent.headers["location"] == "/riwayat"
    assert "realisasi_73.24.10_2024_tw1_v2.csv terkirim" in text(c.get("/riwayat"))
    c.post(second.headers["location"] + "/kirim", data={"csrf": token(c, "/riwayat")})
    inbox = sorted(p.name for p in (home / "inbox").iterdir())
    assert inbox == ["realisasi_73.24.10_2024_tw1_v2.csv", "realisasi_73.24.10_2024_tw1_v3.csv"]
    assert (home / "inbox" / inbox[0]).read_bytes() == KALAENA_TW1.read_bytes()
    waiting = text(c.get("/riwayat"))
    assert "Menunggu diproses realisasi_73.24.10_2024_tw1_v2.csv realisasi_73.24.10_2024_tw1_v3.csv" in waiting
    assert list((home / "portal" / "staging").iterdir()) == []
    log = [json.loads(line) for line in (home / "portal" / "kiriman.jsonl").read_text().splitlines()]
    assert [(r["akun"], r["nama_berkas"]) for r in log] == [("kalaena", inbox[0]), ("kalaena", inbox[1])]
    assert c.post(first.headers["location"] + "/kirim", data={"csrf": token(c, "/riwayat")}).status_code == 404


# --- one office, its own data -------------------------------------------------------------------------------


@pytest.fixture
def two_offices(home) -> Path:
    """Quarantine reports and Laporan Monev Renaksi files of Kalaena, Burau and the kabupaten."""
    karantina = home / "reports" / "karantina"
    karantina.mkdir(parents=True)
    for kw in ("73.24.10", "73.24.01"):
        (karantina / f"realisasi_{kw}_2024_tw2.csv.txt").write_text(f"LAPORAN {kw}\n")
        folder = home / "laporan" / "2024" / "tw4"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"laporan_kecamatan_{kw}_2024_tw4.html").write_text(f"<p>{kw}</p>")
    (home / "laporan" / "2024" / "tw4" / "laporan_kabupaten_73.24_2024_tw4.pdf").write_bytes(b"%PDF kabupaten")
    return home


def links(page) -> dict[str, str]:
    return {title.strip(): href for href, title in re.findall(r'<a href="(/unduh/[0-9a-f]+)">([^<]+)</a>', page.text)}


def test_an_office_lists_and_downloads_only_its_own_files(two_offices):
    home = two_offices
    kalaena, burau, bappeda = (
        logged_in(home, *a) for a in (("kalaena", SANDI), ("burau", SANDI_BURAU), ("bappeda", SANDI_BAPPEDA))
    )
    k_reports = links(kalaena.get("/riwayat")) | links(kalaena.get("/unduhan"))
    b_reports = links(burau.get("/riwayat")) | links(burau.get("/unduhan"))
    assert sorted(k_reports) == [
        "Laporan Monev Renaksi kecamatan 73.24.10 tahun 2024 triwulan 4 (HTML)",
        "Laporan karantina realisasi_73.24.10_2024_tw2.csv",
    ]
    assert all("73.24.01" in title for title in b_reports)
    for href in k_reports.values():
        mine = kalaena.get(href)
        assert mine.status_code == 200 and "73.24.10" in mine.text
        assert mine.headers["content-disposition"].startswith("attachment")
        assert burau.get(href).status_code == 404  # another office's id, guessed or copied
    everything = links(bappeda.get("/unduhan"))
    assert len(everything) == 3  # both kecamatan reports and the kabupaten's
    assert bappeda.get(k_reports["Laporan karantina realisasi_73.24.10_2024_tw2.csv"]).status_code == 200
    for guess in ("/unduh/..%2F..%2Fportal%2Fakun.json", "/unduh/0123456789abcdef01234567", "/unduh/akun.json"):
        assert burau.get(guess).status_code == 404


def test_an_office_asking_for_another_kecamatan_is_refused(two_offices):
    burau = logged_in(two_offices, "burau", SANDI_BURAU)
    for path in ("/riwayat", "/capaian", "/unduhan", "/templat?tahun=2024"):
        sep = "&" if "?" in path else "?"
        assert burau.get(f"{path}{sep}kecamatan=73.24.10").status_code == 403, path
    kalaena = logged_in(two_offices)
    checked = upload(kalaena, b"kode\n")
    assert burau.get(checked.headers["location"]).status_code == 404
    refused = burau.post(checked.headers["location"] + "/kirim", data={"csrf": token(burau, "/riwayat")})
    assert refused.status_code == 404
    anonymous = client(two_offices)
    assert anonymous.get(checked.headers["location"]).headers["location"] == "/masuk"
    assert anonymous.get("/unduhan").headers["location"] == "/masuk"


@pytest.mark.e2e
def test_the_benchmark_measures_a_check_over_http_and_leaves_nothing_behind(home, tmp_path):
    from orchestration.portal.ukur import waktu_periksa

    berkas = tmp_path / "realisasi_73.24.10_2024_tw1.csv"
    berkas.write_bytes(KALAENA_TW1.read_bytes())
    times = waktu_periksa(home, SEEDS_DIR, berkas, kali=2)
    assert len(times) == 2 and all(0 < t < 120 for t in times)
    assert not (home / "inbox").exists()
    assert list((home / "portal" / "staging").iterdir()) == []
    measuring = [a for a in akun.muat(home).values() if a.nama.startswith("ukur-")]
    assert len(measuring) == 1 and not measuring[0].aktif


def test_a_malformed_form_gets_the_generic_indonesian_page_not_the_framework_text(home):
    c = logged_in(home)
    refused = c.post("/keluar", data={"csrf": token(c, "/riwayat")}, files={"berkas": ("a.csv", b"x", "text/csv")})
    assert refused.status_code == 400
    assert "Isian formulir tidak lengkap atau tidak sah." in refused.text
    assert "Maximum number of files" not in refused.text
    assert c.get("/riwayat").status_code == 200  # not logged out
    assert c.get("/capaian").status_code == 200  # nothing published yet: a page that says so
    assert c.get("/capaian?periode=abc").status_code == 404
    assert c.get("/templat?tahun=dua").status_code == 400
