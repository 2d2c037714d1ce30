"""The portal's accounts: one per kecamatan office (role ``kecamatan``, bound to its kode_wilayah) or for the
planning office (role ``bappeda``, sees every kecamatan).

Stored in ``$MONEV_HOME/portal/akun.json`` (mode 0600, replaced atomically), passwords as argon2id hashes
(argon2-cffi's RFC 9106 parameters). There is no default password: creating or resetting an account makes a
strong one-time password that is printed once and must be changed at the first login (or takes one from the
caller, for scripts). Disabling keeps the record (who it was) and refuses every login and session."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import secrets
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

PERAN = ("kecamatan", "bappeda")
NAMA_AKUN = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}", re.ASCII)
KODE_KECAMATAN = re.compile(r"\d{2}\.\d{2}\.\d{2}", re.ASCII)
SANDI_MIN, SANDI_MAKS = 12, 128
# A one-time password: 20 characters from an alphabet without look-alikes (0/O, 1/l/I), ~114 bits.
_ABJAD = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_HASHER = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4 (RFC 9106 low-memory profile)
# Verified against when the account does not exist, so that a wrong name costs as long as a wrong password.
_HASH_KOSONG = _HASHER.hash(secrets.token_hex(16))


class AkunError(ValueError):
    """A refused account operation, with its message in Bahasa Indonesia."""


@dataclass
class Akun:
    nama: str
    peran: str
    kode_wilayah: str | None  # None for bappeda
    sandi_hash: str
    aktif: bool
    harus_ganti_sandi: bool
    dibuat_pada: str
    sandi_diganti_pada: str
    versi_sandi: int = 1  # raised by every change: sessions made before it end

    def boleh_melihat(self, kode_wilayah: str | None) -> bool:
        return self.peran == "bappeda" or (kode_wilayah is not None and kode_wilayah == self.kode_wilayah)


def folder_portal(home: Path) -> Path:
    folder = Path(home) / "portal"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _berkas(home: Path) -> Path:
    return folder_portal(home) / "akun.json"


def _sekarang() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def tulis_privat(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only (0600), atomically: a temporary dot-name, fsync, rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def rahasia_sesi(home: Path) -> str:
    """The key that signs session cookies: made on first use (0600) and kept."""
    path = folder_portal(home) / "rahasia_sesi"
    if not path.exists():
        with _kunci(home):
            if not path.exists():
                tulis_privat(path, secrets.token_hex(32).encode())
    return path.read_text().strip()


@contextmanager
def _kunci(home: Path):
    with open(folder_portal(home) / ".akun.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def muat(home: Path) -> dict[str, Akun]:
    path = _berkas(home)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {nama: Akun(**rekaman) for nama, rekaman in data.get("akun", {}).items()}


def _simpan(home: Path, akun: dict[str, Akun]) -> None:
    data = {"akun": {nama: asdict(a) for nama, a in sorted(akun.items())}}
    tulis_privat(_berkas(home), json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def sandi_sekali_pakai() -> str:
    return "".join(secrets.choice(_ABJAD) for _ in range(20))


def masalah_sandi(sandi: str, nama: str) -> str | None:
    """Why a chosen password is refused (ASVS: at least 12 characters, no composition rules), or None."""
    if len(sandi) < SANDI_MIN:
        return f"kata sandi paling sedikit {SANDI_MIN} karakter"
    if len(sandi) > SANDI_MAKS:
        return f"kata sandi paling banyak {SANDI_MAKS} karakter"
    if nama.lower() in sandi.lower() or len(set(sandi)) < 4:
        return "kata sandi terlalu mudah ditebak (memuat nama akun atau hanya beberapa huruf berulang)"
    return None


def kecamatan_dikenal(seeds: Path, kode_wilayah: str) -> str | None:
    """The kecamatan's name in the Kemendagri reference, or None."""
    path = seeds / "referensi" / "wilayah_kecamatan.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kode_kecamatan"] == kode_wilayah:
                return row["nama_kecamatan"]
    return None


def buat(home: Path, nama: str, peran: str, kode_wilayah: str | None, sandi: str | None, seeds: Path) -> str:
    """Create an account; returns the password (the one given, or a one-time password to change at login)."""
    if not NAMA_AKUN.fullmatch(nama):
        raise AkunError(
            f"nama akun {nama!r} tidak sah: 3-40 huruf kecil, angka, titik, garis bawah atau tanda hubung, "
            "diawali huruf atau angka (misalnya kalaena)"
        )
    if peran not in PERAN:
        raise AkunError(f"peran harus salah satu dari {', '.join(PERAN)}")
    if peran == "kecamatan":
        if not kode_wilayah or not KODE_KECAMATAN.fullmatch(kode_wilayah):
            raise AkunError(f"kode kecamatan harus seperti 73.24.10; ditemukan {kode_wilayah!r}")
        if kecamatan_dikenal(seeds, kode_wilayah) is None:
            raise AkunError(f"kecamatan {kode_wilayah} tidak ada dalam kode wilayah Kemendagri")
    else:
        kode_wilayah = None
    sekali = sandi is None
    sandi = sandi_sekali_pakai() if sekali else sandi
    if not sekali and (masalah := masalah_sandi(sandi, nama)):
        raise AkunError(masalah)
    with _kunci(home):
        semua = muat(home)
        if nama in semua:
            raise AkunError(f"akun {nama} sudah ada; pakai `monev akun reset {nama}` untuk kata sandi baru")
        now = _sekarang()
        semua[nama] = Akun(nama, peran, kode_wilayah, _HASHER.hash(sandi), True, sekali, now, now)
        _simpan(home, semua)
    return sandi


def _ubah(home: Path, nama: str, ubah) -> Akun:
    with _kunci(home):
        semua = muat(home)
        if nama not in semua:
            raise AkunError(f"akun {nama!r} tidak ada")
        ubah(semua[nama])
        _simpan(home, semua)
        return semua[nama]


def _ganti_sandi(akun: Akun, sandi: str, sekali: bool) -> None:
    akun.sandi_hash = _HASHER.hash(sandi)
    akun.harus_ganti_sandi = sekali
    akun.sandi_diganti_pada = _sekarang()
    akun.versi_sandi += 1


def reset(home: Path, nama: str, sandi: str | None = None) -> str:
    """A new password (one-time unless given); every session of the account ends; a disabled account stays so."""
    sekali = sandi is None
    sandi = sandi_sekali_pakai() if sekali else sandi
    if not sekali and (masalah := masalah_sandi(sandi, nama)):
        raise AkunError(masalah)
    _ubah(home, nama, lambda a: _ganti_sandi(a, sandi, sekali))
    return sandi


def ganti_sandi(home: Path, nama: str, lama: str, baru: str) -> Akun:
    """The account holder's own change (after a one-time password): the old one must verify."""
    akun = muat(home).get(nama)
    if akun is None or not cocok(akun, lama):
        raise AkunError("kata sandi lama salah")
    if masalah := masalah_sandi(baru, nama):
        raise AkunError(masalah)
    if baru == lama:
        raise AkunError("kata sandi baru harus berbeda dari yang lama")
    return _ubah(home, nama, lambda a: _ganti_sandi(a, baru, False))


def nonaktifkan(home: Path, nama: str) -> Akun:
    def ubah(a: Akun) -> None:
        a.aktif = False
        a.versi_sandi += 1

    return _ubah(home, nama, ubah)


def cocok(akun: Akun | None, sandi: str) -> bool:
    """Whether the password is the account's; as slow for an unknown account as for a known one."""
    try:
        return _HASHER.verify(akun.sandi_hash if akun else _HASH_KOSONG, sandi) and akun is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def periksa_masuk(home: Path, nama: str, sandi: str) -> Akun | None:
    """The active account these credentials open, or None (never says which part was wrong)."""
    akun = muat(home).get(nama)
    if not cocok(akun, sandi[: SANDI_MAKS * 4]):
        return None
    return akun if akun.aktif else None
