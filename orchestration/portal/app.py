"""Portal kiriman: the web pages where a kecamatan office logs in, checks and sends its files and sees what
became of them, and where the planning office sees every kecamatan (Bahasa Indonesia, times in WITA).

Server-rendered (FastAPI, Jinja2), no script needed, small pages. Every POST form carries the session's
token; every page carries the security headers of ``keamanan.HEADERS``; an unexpected error shows an
Indonesian page and is logged, never sent as a traceback."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from orchestration.domain.submission import MAX_FILE_BYTES
from orchestration.domain.waktu import waktu_wita
from orchestration.portal import akun as akun_mod
from orchestration.portal import data, keamanan, unggah
from orchestration.portal.akun import Akun
from orchestration.settings import Paths, monev_home, year_window
from orchestration.settings import seeds_dir as default_seeds_dir

LOG = logging.getLogger("monev.portal")
HERE = Path(__file__).parent
COOKIE = "monev_sesi"
PESAN_MASUK_SALAH = "Nama akun atau kata sandi salah."
PESAN_CSRF = "Permintaan ditolak: token formulir tidak ada atau salah. Muat ulang halaman lalu coba lagi."
_PERIKSA = threading.Lock()  # one check at a time per process


@dataclass
class Unggahan:
    """An upload checked and waiting for the office's confirmation."""

    token: str
    akun: str
    kunci: unggah.Kunci
    ext: str
    path: Path
    ukuran: int
    sha256: str
    temuan: list = field(default_factory=list)
    galat_sistem: bool = False
    detik: float = 0.0
    waktu: str = ""

    @property
    def galat(self) -> list:
        return [f for f in self.temuan if f.tingkat == "error"]

    @property
    def peringatan(self) -> list:
        return [f for f in self.temuan if f.tingkat == "warning"]

    @property
    def boleh_dikirim(self) -> bool:
        return not self.galat_sistem and not self.galat


class Portal:
    """The state of one portal process: its home, live sessions, login limiter, uploads awaiting confirmation."""

    def __init__(self, home: Path, seeds: Path | None):
        self.home = home
        self._seeds = seeds
        self.sesi = keamanan.DaftarSesi()
        self.pembatas = keamanan.Pembatas()
        self.unggahan: dict[str, Unggahan] = {}
        self.lock = threading.Lock()

    @property
    def seeds(self) -> Path:
        return self._seeds or default_seeds_dir()

    @property
    def paths(self) -> Paths:
        return Paths(self.home)

    def catat(self, peristiwa: str, **rincian) -> None:
        """The security and submission log (ASVS: who did what, when; never a password)."""
        from orchestration.warehouse.ledger import append_record

        record = {"waktu": datetime.now(UTC).isoformat(timespec="seconds"), "peristiwa": peristiwa, **rincian}
        LOG.info("%s %s", peristiwa, rincian)
        try:
            append_record(akun_mod.folder_portal(self.home) / "peristiwa.jsonl", record)
        except OSError:
            LOG.exception("peristiwa tidak dapat dicatat")


def periksa_berkas(home: Path, path: Path, seeds: Path) -> tuple[list, bool, float]:
    """The nightly refresh's rules on one file (``check_files_safely``), one check at a time; its findings,
    whether the check itself failed (a system error, logged), and how long it took."""
    from orchestration.warehouse.check import CheckError, check_files_safely

    with _PERIKSA:
        os.environ["MONEV_HOME"] = str(home)  # the check reads the archive and writes its log under MONEV_HOME
        start = time.perf_counter()
        try:
            report = check_files_safely([path], seeds)
        except CheckError as exc:
            LOG.error("pemeriksaan gagal: %s", exc)
            return [], True, time.perf_counter() - start
        return report.findings, False, time.perf_counter() - start


# --- the application --------------------------------------------------------------------------------------


class _Tolak(StarletteHTTPException):
    """A request refused by the portal, with its Indonesian message (other HTTP errors show a generic page)."""


class _Alihkan(Exception):
    """Raised where a page needs a login (or a new password first): answered with a 303 to ``ke``."""

    def __init__(self, ke: str):
        self.ke = ke


class KepalaKeamanan:
    """Adds the security headers to every response, and turns an unexpected error into an Indonesian page
    (logged here; the client never sees a traceback)."""

    def __init__(self, app, halaman_galat):
        self.app, self.halaman_galat = app, halaman_galat

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for name, value in keamanan.HEADERS.items():
                    if name.lower().encode() not in names:
                        headers.append((name.lower().encode(), value.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            LOG.exception("galat tak terduga pada %s %s", scope.get("method"), scope.get("path"))
            if not started:
                response = self.halaman_galat(500)
                await response(scope, receive, send_with_headers)


JUDUL_STATUS = {
    400: ("Permintaan tidak dapat diproses", "Isian formulir tidak lengkap atau tidak sah."),
    403: ("Akses ditolak", "Anda tidak berhak membuka halaman atau berkas ini."),
    404: ("Tidak ditemukan", "Halaman atau berkas yang diminta tidak ada."),
    405: ("Permintaan tidak diizinkan", "Cara membuka halaman ini tidak diizinkan."),
    413: ("Berkas terlalu besar", "Berkas melebihi batas unggah."),
    429: ("Terlalu banyak percobaan", "Coba lagi nanti."),
    500: ("Terjadi galat sistem", "Galat ini sudah dicatat. Coba lagi nanti atau hubungi Bappeda."),
}


def create_app(home: Path | str | None = None, seeds: Path | str | None = None, cookie_aman: bool | None = None):
    """The portal on one MONEV_HOME (default: $MONEV_HOME). ``cookie_aman`` adds the Secure flag to the
    session cookie (set MONEV_PORTAL_HTTPS=1 when the portal is served behind HTTPS)."""
    home = Path(home).resolve() if home else monev_home()
    portal = Portal(home, Path(seeds).resolve() if seeds else None)
    if cookie_aman is None:
        cookie_aman = os.environ.get("MONEV_PORTAL_HTTPS") == "1"
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["batas_unggah"] = unggah.besaran(MAX_FILE_BYTES)

    def halaman(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
        ctx = {"akun": getattr(request.state, "akun", None), "csrf": csrf_token(request), **context}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def halaman_galat(status: int, pesan: str | None = None) -> HTMLResponse:
        judul, bawaan = JUDUL_STATUS.get(status, JUDUL_STATUS[500])
        html = templates.get_template("galat.html").render(judul=judul, pesan=pesan or bawaan, akun=None, csrf="")
        return HTMLResponse(html, status_code=status)

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, debug=False)
    app.state.portal = portal
    app.add_middleware(
        SessionMiddleware,
        secret_key=akun_mod.rahasia_sesi(home),
        session_cookie=COOKIE,
        max_age=keamanan.SESI_MAKS,
        same_site="lax",
        https_only=cookie_aman,
    )
    app.add_middleware(KepalaKeamanan, halaman_galat=halaman_galat)
    app.mount("/statis", StaticFiles(directory=str(HERE / "statis")), name="statis")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return halaman_galat(exc.status_code, exc.detail if isinstance(exc, _Tolak) else None)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return halaman_galat(400)

    # --- sessions and tokens

    def csrf_token(request: Request) -> str:
        if "csrf" not in request.session:
            request.session["csrf"] = keamanan.token()
        return request.session["csrf"]

    def pengguna(request: Request) -> Akun | None:
        sid = request.session.get("sid")
        sesi = portal.sesi.cari(sid)
        if sesi is None:
            return None
        akun = akun_mod.muat(home).get(sesi.nama)
        if akun is None or not akun.aktif or akun.versi_sandi != sesi.versi_sandi:
            portal.sesi.tutup(sid)
            request.session.pop("sid", None)
            return None
        request.state.akun = akun
        return akun

    def wajib_masuk(request: Request, boleh_ganti: bool = False) -> Akun:
        akun = pengguna(request)
        if akun is None:
            raise _Alihkan("/masuk")
        if akun.harus_ganti_sandi and not boleh_ganti:
            raise _Alihkan("/sandi")
        return akun

    async def cek_csrf(request: Request) -> dict:
        form = await request.form(max_files=0, max_fields=20, max_part_size=4096)
        if not keamanan.token_sama(request.session.get("csrf"), form.get("csrf")):
            portal.catat("csrf_ditolak", jalur=request.url.path, alamat=_alamat(request))
            raise _Tolak(403, PESAN_CSRF)
        return {k: v for k, v in form.items() if isinstance(v, str)}

    @app.exception_handler(_Alihkan)
    async def alihkan(request: Request, exc: _Alihkan):
        return RedirectResponse(exc.ke, status_code=303)

    def wilayah(request: Request, akun: Akun, diminta: str | None) -> str | None:
        """The kecamatan a page shows: an office's own (asking for another is refused); for the planning
        office the one asked for (a known Kemendagri code) or None (choose one)."""
        if akun.peran != "bappeda":
            if diminta and diminta != akun.kode_wilayah:
                raise StarletteHTTPException(403)
            return akun.kode_wilayah
        if not diminta:
            return None
        if not akun_mod.KODE_KECAMATAN.fullmatch(diminta) or akun_mod.kecamatan_dikenal(portal.seeds, diminta) is None:
            raise StarletteHTTPException(404)
        return diminta

    def nama_kecamatan(kode: str | None) -> str:
        if kode is None:
            return ""
        return data.kecamatan(portal.paths.warehouse, kode) or akun_mod.kecamatan_dikenal(portal.seeds, kode) or kode

    # --- pages

    @app.get("/")
    async def beranda(request: Request):
        return RedirectResponse("/riwayat" if pengguna(request) else "/masuk", status_code=303)

    @app.get("/masuk")
    async def masuk_form(request: Request):
        return halaman(request, "masuk.html", {"pesan": None})

    @app.post("/masuk")
    async def masuk(request: Request):
        form = await cek_csrf(request)
        nama, sandi = form.get("nama", "").strip()[:64], form.get("sandi", "")
        alamat = _alamat(request)
        sampai = portal.pembatas.terkunci_sampai(nama, alamat)
        if sampai is not None:
            portal.catat("masuk_dikunci", akun=nama, alamat=alamat)
            pesan = (
                "Terlalu banyak percobaan masuk yang gagal. Coba lagi setelah "
                f"{waktu_wita(datetime.fromtimestamp(sampai, UTC))}."
            )
            return halaman(request, "masuk.html", {"pesan": pesan}, status=429)
        akun = await run_in_threadpool(akun_mod.periksa_masuk, home, nama, sandi)
        if akun is None:
            portal.pembatas.catat_gagal(nama, alamat)
            portal.catat("masuk_gagal", akun=nama, alamat=alamat)
            return halaman(request, "masuk.html", {"pesan": PESAN_MASUK_SALAH}, status=401)
        portal.pembatas.catat_berhasil(nama)
        lama = request.session.get("sid")
        request.session.clear()  # a new session id and a new form token: nothing of the anonymous session stays
        request.session["sid"] = portal.sesi.buka(akun.nama, akun.versi_sandi, lama)
        request.session["csrf"] = keamanan.token()
        portal.catat("masuk", akun=akun.nama, alamat=alamat)
        return RedirectResponse("/sandi" if akun.harus_ganti_sandi else "/riwayat", status_code=303)

    @app.post("/keluar")
    async def keluar(request: Request):
        await cek_csrf(request)
        akun = pengguna(request)
        portal.sesi.tutup(request.session.get("sid"))
        request.session.clear()
        if akun:
            portal.catat("keluar", akun=akun.nama)
        return RedirectResponse("/masuk", status_code=303)

    @app.get("/sandi")
    async def sandi_form(request: Request):
        akun = wajib_masuk(request, boleh_ganti=True)
        return halaman(request, "sandi.html", {"pesan": None, "wajib": akun.harus_ganti_sandi})

    @app.post("/sandi")
    async def sandi(request: Request):
        akun = wajib_masuk(request, boleh_ganti=True)
        form = await cek_csrf(request)
        baru = form.get("baru", "")
        try:
            if baru != form.get("ulang", ""):
                raise akun_mod.AkunError("kedua isian kata sandi baru tidak sama")
            akun = await run_in_threadpool(akun_mod.ganti_sandi, home, akun.nama, form.get("lama", ""), baru)
        except akun_mod.AkunError as exc:
            pesan = f"Kata sandi tidak diganti: {exc}."
            return halaman(request, "sandi.html", {"pesan": pesan, "wajib": akun.harus_ganti_sandi}, status=400)
        portal.catat("sandi_diganti", akun=akun.nama)
        lama = request.session.get("sid")
        request.session.clear()
        request.session["sid"] = portal.sesi.buka(akun.nama, akun.versi_sandi, lama)
        request.session["csrf"] = keamanan.token()
        request.session["kabar"] = "Kata sandi sudah diganti."
        return RedirectResponse("/riwayat", status_code=303)

    # --- upload, check, confirm

    def pilihan_formulir(akun: Akun) -> dict:
        low, high = year_window()
        this_year = datetime.now(UTC).year
        return {
            "jenis_pilihan": unggah.JENIS_TEKS,
            "tahun_pilihan": list(range(high, low - 1, -1)),
            "tahun_bawaan": this_year,
            "kecamatan_pilihan": data.kecamatan_berdata(portal.paths.warehouse) if akun.peran == "bappeda" else [],
        }

    @app.get("/kirim")
    async def kirim_form(request: Request):
        akun = wajib_masuk(request)
        sisa = max(0, unggah.kuota_harian_byte() - unggah.volume_hari_ini(home, _kunci_volume(akun)))
        ctx = {"pesan": None, "sisa": unggah.besaran(sisa), **pilihan_formulir(akun)}
        ctx["nama_kecamatan"] = nama_kecamatan(akun.kode_wilayah)
        return halaman(request, "kirim.html", ctx)

    @app.post("/kirim")
    async def kirim(request: Request):
        akun = wajib_masuk(request)
        kunci_volume = _kunci_volume(akun)
        batas_body = MAX_FILE_BYTES + 64 * 1024
        panjang = request.headers.get("content-length", "")
        if panjang.isdigit() and int(panjang) > batas_body:
            portal.catat("unggah_terlalu_besar", akun=akun.nama, byte=int(panjang))
            raise _Tolak(413, _kalimat(unggah.terlalu_besar(MAX_FILE_BYTES)))
        try:
            sisa = unggah.periksa_kuota(home, kunci_volume)
        except unggah.UnggahError as exc:
            raise _Tolak(exc.status, _kalimat(exc.pesan)) from None
        unggah.bersihkan_staging(home)
        with portal.lock:  # uploads whose staging folder is gone (never confirmed within a day)
            for old in [t for t, u in portal.unggahan.items() if not u.path.exists()]:
                del portal.unggahan[old]
        token = unggah.token_unggahan()
        folder = unggah.staging_root(home) / token
        diterima = 0

        async def chunks():
            nonlocal diterima
            async for chunk in request.stream():
                diterima += len(chunk)
                yield chunk

        csrf = request.session.get("csrf")
        try:
            form = await unggah.terima_formulir(
                request.headers,
                chunks(),
                csrf,
                folder,
                MAX_FILE_BYTES,
                sisa,
                lambda t: keamanan.token_sama(csrf, t),
            )
        except unggah.UnggahError as exc:
            if isinstance(exc, unggah.CsrfError):
                portal.catat("csrf_ditolak", jalur="/kirim", alamat=_alamat(request))
                raise _Tolak(403, PESAN_CSRF) from None
            raise _Tolak(exc.status, _kalimat(exc.pesan)) from None
        finally:
            if diterima:
                unggah.catat_volume(home, kunci_volume, akun.nama, diterima)
        try:
            kode_wilayah = wilayah(request, akun, form.fields.get("kecamatan") or None) or akun.kode_wilayah
            if kode_wilayah is None:
                raise unggah.UnggahError(400, "pilih kecamatan pengirim berkas")
            kunci = unggah.kunci_dari_formulir(
                form.fields.get("jenis", ""),
                form.fields.get("tahun", ""),
                form.fields.get("triwulan", ""),
                kode_wilayah,
            )
            if form.berkas is None or form.ukuran == 0:
                raise unggah.UnggahError(400, "pilih berkas CSV atau XLSX yang akan diperiksa")
        except (unggah.UnggahError, StarletteHTTPException) as exc:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, unggah.UnggahError):
                raise _Tolak(exc.status, _kalimat(exc.pesan)) from None
            raise
        ext = unggah.ekstensi_isi(form.head)
        name = unggah.nama_kanonik(kunci, unggah.versi_berikut(kunci, unggah.nama_dikenal(home, portal.seeds)), ext)
        (folder / "periksa").mkdir(mode=0o700)
        staged = folder / "periksa" / name
        os.replace(form.berkas, staged)
        temuan, gagal, detik = await run_in_threadpool(periksa_berkas, home, staged, portal.seeds)
        with portal.lock:
            portal.unggahan[token] = Unggahan(
                token,
                akun.nama,
                kunci,
                ext,
                staged,
                form.ukuran,
                form.sha256 or "",
                temuan,
                gagal,
                detik,
                waktu_wita(datetime.now(UTC)) or "",
            )
        portal.catat(
            "unggah_diperiksa",
            akun=akun.nama,
            nama_berkas=name,
            byte=form.ukuran,
            galat=len(temuan),
            detik=round(detik, 3),
        )
        return RedirectResponse(f"/periksa/{token}", status_code=303)

    def unggahan_milik(request: Request, akun: Akun, token: str) -> Unggahan:
        with portal.lock:
            u = portal.unggahan.get(token)
        if u is None or u.akun != akun.nama or not u.path.exists():
            raise StarletteHTTPException(404)
        return u

    @app.get("/periksa/{token}")
    async def periksa(request: Request, token: str):
        akun = wajib_masuk(request)
        u = unggahan_milik(request, akun, token)
        return halaman(request, "periksa.html", {"u": u, "nama_kecamatan": nama_kecamatan(u.kunci.kode_wilayah)})

    @app.post("/periksa/{token}/kirim")
    async def konfirmasi(request: Request, token: str):
        akun = wajib_masuk(request)
        await cek_csrf(request)
        u = unggahan_milik(request, akun, token)
        if not u.boleh_dikirim:
            raise _Tolak(409, "Berkas bergalat tidak dikirim: perbaiki galatnya lalu unggah ulang.")
        name = await run_in_threadpool(unggah.kirim_ke_inbox, home, portal.seeds, u.path, u.kunci, u.ext, akun.nama)
        with portal.lock:
            portal.unggahan.pop(token, None)
        portal.catat("kirim", akun=akun.nama, nama_berkas=name, sha256=u.sha256)
        request.session["kabar"] = (
            f"Berkas {name} terkirim ke kotak masuk Bappeda. Berkas diproses pada penyegaran berikutnya "
            "(paling lambat malam ini pukul 01.00 WITA); hasilnya tampil di halaman ini."
        )
        return RedirectResponse("/riwayat", status_code=303)

    @app.post("/periksa/{token}/batal")
    async def batal(request: Request, token: str):
        akun = wajib_masuk(request)
        await cek_csrf(request)
        u = unggahan_milik(request, akun, token)
        with portal.lock:
            portal.unggahan.pop(token, None)
        shutil.rmtree(u.path.parent.parent, ignore_errors=True)
        request.session["kabar"] = "Unggahan dibatalkan; tidak ada yang dikirim."
        return RedirectResponse("/kirim", status_code=303)

    # --- what became of it

    @app.get("/riwayat")
    async def riwayat(request: Request, kecamatan: str | None = None):
        akun = wajib_masuk(request)
        kode = wilayah(request, akun, kecamatan)
        versions, published = data.riwayat(portal.paths.warehouse, kode) if kode else ([], None)
        ctx = {
            "kode": kode,
            "nama_kecamatan": nama_kecamatan(kode),
            "versi": versions,
            "dipublikasikan": published,
            "menunggu": data.menunggu(home, kode) if kode else [],
            "laporan_karantina": [u for u in data.unduhan(home, kode) if u.path.suffix == ".txt"] if kode else [],
            "kecamatan_pilihan": data.kecamatan_berdata(portal.paths.warehouse) if akun.peran == "bappeda" else [],
            "kabar": request.session.pop("kabar", None),
        }
        return halaman(request, "riwayat.html", ctx)

    @app.get("/capaian")
    async def capaian(request: Request, kecamatan: str | None = None, periode: str | None = None):
        akun = wajib_masuk(request)
        kode = wilayah(request, akun, kecamatan)
        pilihan = data.periode(portal.paths.warehouse, kode) if kode else []
        dipilih = pilihan[0] if pilihan else None
        if periode:
            cocok = [p for p in pilihan if f"{p[0]}-{p[1]}" == periode]
            if not cocok:
                raise StarletteHTTPException(404)
            dipilih = cocok[0]
        rows = data.capaian(portal.paths.warehouse, kode, *dipilih) if dipilih else []
        ctx = {
            "kode": kode,
            "nama_kecamatan": nama_kecamatan(kode),
            "pilihan": pilihan,
            "dipilih": dipilih,
            "baris": rows,
            "sampel": any(r["sampel"] for r in rows),
            "kecamatan_pilihan": data.kecamatan_berdata(portal.paths.warehouse) if akun.peran == "bappeda" else [],
        }
        return halaman(request, "capaian.html", ctx)

    @app.get("/unduhan")
    async def unduhan(request: Request, kecamatan: str | None = None):
        akun = wajib_masuk(request)
        kode = wilayah(request, akun, kecamatan)
        files = data.unduhan(home, kode)  # the planning office without a choice: every kecamatan and kabupaten
        ctx = {
            "kode": kode,
            "nama_kecamatan": nama_kecamatan(kode),
            "laporan": [u for u in files if u.path.suffix != ".txt"],
            "kecamatan_pilihan": data.kecamatan_berdata(portal.paths.warehouse) if akun.peran == "bappeda" else [],
            **pilihan_formulir(akun),
        }
        return halaman(request, "unduhan.html", ctx)

    @app.get("/unduh/{id_}")
    async def unduh(request: Request, id_: str):
        akun = wajib_masuk(request)
        found = data.cari_unduhan(home, None if akun.peran == "bappeda" else akun.kode_wilayah, id_)
        if found is None:
            raise StarletteHTTPException(404)
        portal.catat("unduh", akun=akun.nama, berkas=found.nama)
        return FileResponse(
            found.path, media_type=found.media, filename=found.nama, content_disposition_type="attachment"
        )

    @app.get("/templat")
    async def templat(
        request: Request,
        tahun: int,
        triwulan: int | None = None,
        format: str = "xlsx",
        kecamatan: str | None = None,
    ):
        akun = wajib_masuk(request)
        kode = wilayah(request, akun, kecamatan)
        if kode is None:
            raise _Tolak(400, "Pilih kecamatan templat.")
        low, high = year_window()
        if format not in ("xlsx", "csv") or not low <= tahun <= high or triwulan not in (None, 1, 2, 3, 4):
            raise StarletteHTTPException(400)
        if not portal.paths.warehouse.exists():
            raise _Tolak(409, "Belum ada data yang terbit; templat belum dapat dibuat.")
        content, name = await run_in_threadpool(_templat, portal.paths.warehouse, kode, tahun, triwulan, format)
        if content is None:
            raise _Tolak(409, _kalimat(name))
        media = (
            "text/csv; charset=utf-8"
            if format == "csv"
            else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        return Response(content, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'})

    return app


def _templat(warehouse: Path, kode: str, tahun: int, triwulan: int | None, fmt: str) -> tuple[bytes | None, str]:
    """A pre-filled template as `monev template` writes it: (its bytes, its name), or (None, why not)."""
    from orchestration.warehouse.template import plan_template, realisasi_template

    with tempfile.TemporaryDirectory(prefix="monev-templat-") as tmp:
        try:
            if triwulan:
                made = realisasi_template(warehouse, kode, tahun, triwulan, Path(tmp))
            else:
                made = plan_template(warehouse, kode, tahun, Path(tmp))
        except ValueError as exc:
            return None, str(exc)
        path = made.xlsx if fmt == "xlsx" else made.csv
        return path.read_bytes(), path.name


def _alamat(request: Request) -> str:
    return request.client.host if request.client else "?"


def _kunci_volume(akun: Akun) -> str:
    """Whose daily volume an upload counts against: the office's kecamatan, or the planning-office account."""
    return akun.kode_wilayah or f"bappeda:{akun.nama}"


def _kalimat(text: str) -> str:
    """A message as a sentence: capital first letter, final full stop."""
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."
