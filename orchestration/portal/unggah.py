"""An office's upload: streamed to a private staging folder under a size cap and a daily volume per office,
named by the server, checked with the nightly refresh's own rules, then sent (on confirmation) into the inbox.

Nothing the client sends is used as a name or a path: the file name is built from the office's kode_wilayah
and the kind, year and triwulan chosen in the form (each checked against its list), with the next free
version number of that key and the extension the content has (a ZIP is an XLSX, anything else is read as a
CSV, and the reader says what it really is). The confirmed file enters ``$MONEV_HOME/inbox/`` by a hard link
made in one step (it never replaces a file there); the archive then takes it like any file of the inbox."""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import shutil
import threading
import time
from collections.abc import AsyncIterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from python_multipart.multipart import MultipartParser, parse_options_header

from orchestration.domain.submission import JENIS, parse_file_name, sha256_of
from orchestration.domain.waktu import WITA
from orchestration.portal.akun import folder_portal
from orchestration.settings import SEED_SOURCES, megabytes_setting, year_window
from orchestration.warehouse.archive import archived
from orchestration.warehouse.ledger import append_record, fsync_dir, read_records

# What one office may upload in one day (WITA), all uploads counted, checked or not: MONEV_PORTAL_KUOTA_HARIAN_MB.
DEFAULT_KUOTA_HARIAN_MB = 100
# An upload not confirmed within this time is dropped with its staging folder.
UMUR_STAGING = 24 * 60 * 60
FIELD_MAKS = 200  # bytes of a text field of the form
BAGIAN_MAKS = 8  # parts of the form
JENIS_TEKS = {
    "rencana": "Rencana Aksi (rencana)",
    "kinerja": "Target kinerja: tujuan, sasaran, IKU, Perjanjian Kinerja (kinerja)",
    "realisasi": "Realisasi triwulan (realisasi)",
    "ikm": "Survei Kepuasan Masyarakat (ikm)",
}


class UnggahError(Exception):
    """An upload refused, with its HTTP status and its message in Bahasa Indonesia."""

    def __init__(self, status: int, pesan: str):
        super().__init__(pesan)
        self.status, self.pesan = status, pesan


class CsrfError(UnggahError):
    def __init__(self):
        super().__init__(403, "token formulir tidak ada atau salah")


def kuota_harian_byte() -> int:
    return megabytes_setting("MONEV_PORTAL_KUOTA_HARIAN_MB", DEFAULT_KUOTA_HARIAN_MB)


def besaran(n: int) -> str:
    """A size as an office reads it: 20 MB, 1,5 MB, 830 KB."""
    if n >= 1024 * 1024:
        text = f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") + " MB"
    return f"{max(1, round(n / 1024))} KB"


# --- the key and the name -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kunci:
    """What an upload is: kind, kecamatan, year and (realisasi only) triwulan."""

    jenis: str
    kode_wilayah: str
    tahun: int
    triwulan: int | None

    def dasar(self) -> str:
        tw = f"_tw{self.triwulan}" if self.triwulan else ""
        return f"{self.jenis}_{self.kode_wilayah}_{self.tahun}{tw}"


def kunci_dari_formulir(jenis: str, tahun: str, triwulan: str, kode_wilayah: str) -> Kunci:
    """The key of an upload from the form's choices, each checked against its list (never used as given)."""
    if jenis not in JENIS:
        raise UnggahError(400, "jenis berkas harus rencana, kinerja, realisasi atau ikm")
    low, high = year_window()
    if not (tahun.isascii() and tahun.isdigit() and low <= int(tahun) <= high):
        raise UnggahError(400, f"tahun harus antara {low} dan {high}")
    tw: int | None = None
    if jenis == "realisasi":
        if triwulan not in ("1", "2", "3", "4"):
            raise UnggahError(400, "pilih triwulan 1, 2, 3 atau 4 untuk berkas realisasi")
        tw = int(triwulan)
    return Kunci(jenis, kode_wilayah, int(tahun), tw)


def nama_dikenal(home: Path, seeds: Path) -> list[str]:
    """Every file name the platform knows: the seeds, the archive and the inbox."""
    names = [p.name for folder in SEED_SOURCES for p in (seeds / folder).glob("*") if p.is_file()]
    names += [r.nama_berkas for r in archived(home / "arsip")]
    inbox = home / "inbox"
    if inbox.is_dir():
        names += [p.name for p in inbox.iterdir()]
    return names


def versi_berikut(kunci: Kunci, dikenal: list[str]) -> int:
    """1 when the key has no file yet, else one more than the highest version any of its files claims."""
    versions = [
        meta["versi"]
        for name in dikenal
        if (meta := parse_file_name(name))
        and (meta["jenis"], meta["kode_wilayah"], meta["tahun"], meta["triwulan"])
        == (kunci.jenis, kunci.kode_wilayah, kunci.tahun, kunci.triwulan)
    ]
    return max(versions) + 1 if versions else 1


def nama_kanonik(kunci: Kunci, versi: int, ext: str) -> str:
    """rencana_73.24.10_2025.csv, realisasi_73.24.10_2024_tw2_v3.xlsx: the contract's name, built here."""
    name = kunci.dasar() + (f"_v{versi}" if versi > 1 else "") + f".{ext}"
    assert parse_file_name(name) is not None, name
    return name


def ekstensi_isi(head: bytes) -> str:
    """xlsx for a ZIP (what an XLSX is), csv for anything else: the reader says what it really holds."""
    return "xlsx" if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) else "csv"


# --- the daily volume -------------------------------------------------------------------------------------


def _ledger_volume(home: Path) -> Path:
    return folder_portal(home) / "volume.jsonl"


def hari_wita(now: datetime | None = None) -> str:
    return (now or datetime.now(UTC)).astimezone(WITA).date().isoformat()


def volume_hari_ini(home: Path, kode_wilayah: str) -> int:
    today = hari_wita()
    return sum(
        int(r.get("byte", 0))
        for r in read_records(_ledger_volume(home), repair=False).records
        if r.get("kode_wilayah") == kode_wilayah and r.get("hari_wita") == today
    )


def catat_volume(home: Path, kode_wilayah: str, akun: str, jumlah: int) -> None:
    append_record(
        _ledger_volume(home),
        {
            "kode_wilayah": kode_wilayah,
            "akun": akun,
            "byte": jumlah,
            "hari_wita": hari_wita(),
            "waktu": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


# --- receiving the form -----------------------------------------------------------------------------------


@dataclass
class Diterima:
    """A form received: its text fields and the staged file (None when no file was sent)."""

    fields: dict[str, str] = field(default_factory=dict)
    berkas: Path | None = None
    ukuran: int = 0
    sha256: str | None = None
    head: bytes = b""


def staging_root(home: Path) -> Path:
    root = folder_portal(home) / "staging"
    root.mkdir(exist_ok=True, mode=0o700)
    return root


def bersihkan_staging(home: Path, umur: float = UMUR_STAGING) -> None:
    """Drop staging folders older than ``umur`` seconds (uploads never confirmed)."""
    now = time.time()
    for folder in staging_root(home).iterdir():
        try:
            if now - folder.lstat().st_mtime > umur:
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:
            continue


async def terima_formulir(
    headers,
    chunks: AsyncIterator[bytes],
    csrf: str | None,
    folder: Path,
    batas_berkas: int,
    sisa_kuota: int,
    cocok_token,
) -> Diterima:
    """Parse a multipart form as it streams in. The field ``csrf`` must come (and match) before the file part;
    the file's bytes go straight to ``folder/unggahan`` (0600), and the upload stops at ``batas_berkas`` bytes
    or at the office's remaining daily volume."""
    ctype, params = parse_options_header(headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UnggahError(400, "formulir harus dikirim sebagai multipart/form-data")
    hasil = Diterima()
    state: dict = {"name": None, "file": False, "buf": bytearray(), "hdr_f": bytearray(), "hdr_v": bytearray()}
    state.update(headers={}, parts=0, out=None, digest=hashlib.sha256(), error=None)
    folder.mkdir(mode=0o700)
    target = folder / "unggahan"

    def fail(error: UnggahError) -> None:
        if state["error"] is None:
            state["error"] = error

    def on_part_begin():
        state["parts"] += 1
        state["headers"] = {}
        state["buf"] = bytearray()
        if state["parts"] > BAGIAN_MAKS:
            fail(UnggahError(400, "formulir memuat terlalu banyak bagian"))

    def on_header_field(data, start, end):
        state["hdr_f"] += data[start:end]

    def on_header_value(data, start, end):
        state["hdr_v"] += data[start:end]

    def on_header_end():
        state["headers"][bytes(state["hdr_f"]).lower()] = bytes(state["hdr_v"])
        state["hdr_f"], state["hdr_v"] = bytearray(), bytearray()

    def on_headers_finished():
        _, disp = parse_options_header(state["headers"].get(b"content-disposition", b""))
        state["name"] = disp.get(b"name", b"").decode("latin-1")
        state["file"] = b"filename" in disp
        if state["file"]:
            if state["name"] != "berkas" or hasil.berkas is not None:
                fail(UnggahError(400, "formulir hanya boleh memuat satu berkas"))
            elif not cocok_token(hasil.fields.get("csrf")):
                fail(CsrfError())
            else:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                state["out"] = os.fdopen(fd, "wb")
                hasil.berkas = target

    def on_part_data(data, start, end):
        if state["error"] is not None:
            return
        piece = data[start:end]
        if not state["file"]:
            state["buf"] += piece
            if len(state["buf"]) > FIELD_MAKS:
                fail(UnggahError(400, "isian formulir terlalu panjang"))
            return
        if state["out"] is None:
            return
        hasil.ukuran += len(piece)
        if hasil.ukuran > batas_berkas:
            fail(UnggahError(413, terlalu_besar(batas_berkas)))
            return
        if hasil.ukuran > sisa_kuota:
            fail(_kuota_habis())
            return
        if len(hasil.head) < 8:
            hasil.head += piece[: 8 - len(hasil.head)]
        state["digest"].update(piece)
        state["out"].write(piece)

    def on_part_end():
        if not state["file"] and state["name"]:
            hasil.fields[state["name"]] = bytes(state["buf"]).decode("utf-8", "replace")
        if state["out"] is not None:
            state["out"].close()
            state["out"] = None

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished,
    }
    parser = MultipartParser(boundary, callbacks, max_size=batas_berkas + 64 * 1024)
    try:
        async for chunk in chunks:
            parser.write(chunk)
            if state["error"] is not None:
                break
        else:
            parser.finalize()
    except UnggahError:
        raise
    except Exception:
        fail(UnggahError(400, "formulir tidak dapat dibaca (terputus atau rusak); coba unggah lagi"))
    finally:
        if state["out"] is not None:
            state["out"].close()
    if state["error"] is None and not cocok_token(hasil.fields.get("csrf")):
        fail(CsrfError())
    if state["error"] is not None:
        shutil.rmtree(folder, ignore_errors=True)
        raise state["error"]
    hasil.sha256 = state["digest"].hexdigest() if hasil.berkas else None
    return hasil


def terlalu_besar(batas: int) -> str:
    return f"berkas lebih besar dari batas {besaran(batas)}; perkecil atau pecah berkasnya"


def _kuota_habis() -> UnggahError:
    return UnggahError(
        413,
        f"kuota unggah harian kecamatan ini ({besaran(kuota_harian_byte())} per hari) habis; "
        "coba lagi besok (WITA) atau hubungi Bappeda",
    )


def periksa_kuota(home: Path, kode_wilayah: str) -> int:
    """What the office may still upload today; refuses when nothing is left."""
    sisa = kuota_harian_byte() - volume_hari_ini(home, kode_wilayah)
    if sisa <= 0:
        raise _kuota_habis()
    return sisa


# --- sending to the inbox ---------------------------------------------------------------------------------

_KIRIM = threading.Lock()


@contextmanager
def _kunci_kirim(home: Path):
    with _KIRIM, open(folder_portal(home) / ".kirim.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def kirim_ke_inbox(home: Path, seeds: Path, staged: Path, kunci: Kunci, ext: str, akun: str) -> str:
    """Put the checked file into the inbox under the next free version of its key; returns its name.

    The name is chosen and the file linked under one lock, so two confirmations never claim one version; the
    link is made in one step and never replaces a file of the inbox."""
    inbox = home / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    with _kunci_kirim(home):
        name = nama_kanonik(kunci, versi_berikut(kunci, nama_dikenal(home, seeds)), ext)
        os.link(staged, inbox / name)
        fsync_dir(inbox)
    append_record(
        folder_portal(home) / "kiriman.jsonl",
        {
            "akun": akun,
            "kode_wilayah": kunci.kode_wilayah,
            "nama_berkas": name,
            "sha256": sha256_of(inbox / name),
            "ukuran_byte": (inbox / name).stat().st_size,
            "dikirim_pada": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )
    shutil.rmtree(staged.parent.parent, ignore_errors=True)
    return name


def token_unggahan() -> str:
    return secrets.token_urlsafe(18)
