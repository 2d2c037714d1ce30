"""Sessions, CSRF tokens, login rate limiting and the security headers of the portal.

The signed session cookie (starlette's SessionMiddleware: HttpOnly, SameSite=Lax) carries only a random
session id and the form token; what a session may do is kept here, in the server's memory: a login makes a
new id (the old one is dropped: no fixation), logout and an idle or too-old session end it, and a password
reset or a disabled account ends every session made before it (``versi_sandi``). A restart of the portal
ends every session."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

# A session ends after this long without a request, and after this long in any case (seconds).
SESI_DIAM = 60 * 60
SESI_MAKS = 8 * 60 * 60
# Login: this many failures within the window lock the account name (existing or not) for the lock time;
# a client address gets a larger allowance (several staff of one office may share an address).
GAGAL_AKUN = 5
GAGAL_ALAMAT = 10
JENDELA = 15 * 60
KUNCI = 15 * 60

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def token() -> str:
    return secrets.token_urlsafe(32)


def token_sama(diharapkan: str | None, diterima: str | None) -> bool:
    """The CSRF comparison, in constant time; a missing token never matches."""
    if not diharapkan or not diterima or not isinstance(diterima, str):
        return False
    return hmac.compare_digest(diharapkan.encode(), diterima.encode())


@dataclass
class Sesi:
    nama: str
    versi_sandi: int
    dibuat: float
    terakhir: float


@dataclass
class DaftarSesi:
    """The live sessions of this portal process."""

    sesi: dict[str, Sesi] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def buka(self, nama: str, versi_sandi: int, lama: str | None = None) -> str:
        now = time.monotonic()
        sid = token()
        with self._lock:
            if lama:
                self.sesi.pop(lama, None)
            self.sesi[sid] = Sesi(nama, versi_sandi, now, now)
        return sid

    def tutup(self, sid: str | None) -> None:
        with self._lock:
            self.sesi.pop(sid or "", None)

    def cari(self, sid: str | None) -> Sesi | None:
        """The session, touched; None when unknown, idle too long or too old (then it is dropped)."""
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            sesi = self.sesi.get(sid)
            if sesi is None:
                return None
            if now - sesi.terakhir > SESI_DIAM or now - sesi.dibuat > SESI_MAKS:
                del self.sesi[sid]
                return None
            sesi.terakhir = now
            return sesi


@dataclass
class Pembatas:
    """Failed logins per account name and per client address, and the locks they cause."""

    gagal: dict[str, list[float]] = field(default_factory=dict)
    terkunci: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _kunci(nama: str, alamat: str) -> tuple[tuple[str, int], tuple[str, int]]:
        return ("akun:" + nama.lower()[:64], GAGAL_AKUN), ("alamat:" + alamat, GAGAL_ALAMAT)

    def terkunci_sampai(self, nama: str, alamat: str, now: float | None = None) -> float | None:
        """When the lock on this name or address ends (epoch seconds), or None."""
        now = time.time() if now is None else now
        with self._lock:
            ends = [t for key, _ in self._kunci(nama, alamat) if (t := self.terkunci.get(key, 0)) > now]
        return max(ends) if ends else None

    def catat_gagal(self, nama: str, alamat: str, now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self._lock:
            for key, batas in self._kunci(nama, alamat):
                recent = [t for t in self.gagal.get(key, []) if now - t < JENDELA] + [now]
                self.gagal[key] = recent
                if len(recent) >= batas:
                    self.terkunci[key] = now + KUNCI
                    self.gagal[key] = []

    def catat_berhasil(self, nama: str) -> None:
        with self._lock:
            self.gagal.pop("akun:" + nama.lower()[:64], None)
