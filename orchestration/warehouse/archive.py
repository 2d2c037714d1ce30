"""The archive of everything received: before anything else happens, every file found in the inbox
is copied byte for byte into ``$MONEV_HOME/arsip/`` under its SHA-256, and its arrival is written to
the ledger ``arsip/penerimaan.jsonl``. The same file (same name, same bytes) twice is recognised and
archived once; a file with a known name and new bytes is a new version. The pipeline reads the
archive, never the inbox, so a file removed or overwritten in the inbox is not lost. Once its copy is
durable (written, fsynced, renamed into place, its folders fsynced, its ledger record fsynced) and read
back with the same SHA-256, a file is removed from the inbox, provided it is still the very file that was
copied (same inode, size and modification time); otherwise it stays and is looked at again next time.

An inbox entry that cannot be archived safely is refused, never read: a symbolic link (never
followed), a FIFO (never opened), a folder, a socket or device, a name that is unsafe or hidden, a
file larger than the reader's limit (the copy stops at the limit: its first bytes are hashed, the
rest is not read) or a file that would take its kecamatan beyond its archive quota. Each refused
entry is moved whole, by a rename that copies nothing, into ``$MONEV_HOME/ditolak/<time>-<n>/`` and
recorded in ``ditolak/penolakan.jsonl`` (reason, kind, time, size where safe); where it cannot be
moved it stays in the inbox, its record is the marker that keeps it from being considered again,
and a file's first bytes are kept beside the record. Nothing received is deleted.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import stat
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from orchestration.domain.submission import MAX_FILE_BYTES, parse_file_name
from orchestration.domain.waktu import WITA, waktu_wita
from orchestration.warehouse.ledger import append_bytes, append_record, fsync_dir, read_records

LEDGER = "penerimaan.jsonl"
REFUSED_LEDGER = "penolakan.jsonl"
LOCK = ".penerimaan.lock"
CHUNK = 1 << 20
HEAD_BYTES = 64 * 1024  # kept beside the record when an oversized file cannot be moved
# A hidden name (.x) changed this recently may be an upload in progress (rsync and scp write to a
# hidden temporary name and rename it at the end): it is left alone until it has been still this long.
HIDDEN_SETTLE_SECONDS = 600

# The kinds of refused entry, as told to the office (Bahasa Indonesia).
KINDS = {
    "tautan": "tautan simbolik (symlink)",
    "fifo": "FIFO (pipa bernama)",
    "folder": "folder",
    "khusus": "berkas khusus (soket atau perangkat)",
    "nama_tidak_aman": "nama tidak aman",
    "nama_tersembunyi": "nama tersembunyi (diawali titik)",
    "terlalu_besar": "berkas terlalu besar",
    "kuota_penuh": "kuota arsip kecamatan penuh",
}


@dataclass(frozen=True)
class Received:
    nama_berkas: str
    sha256: str
    diterima_pada: str  # ISO time of first arrival
    path: Path  # the archived copy


@dataclass(frozen=True)
class Refused:
    """One inbox entry refused before reading, as recorded in ``ditolak/penolakan.jsonl``."""

    nama_berkas: str  # as found, control characters and undecodable bytes escaped
    jenis: str  # a key of KINDS
    alasan: str  # the message for the office, in Bahasa Indonesia
    ditolak_pada: str  # UTC, ISO 8601
    ukuran_byte: int | None  # None where reading the size is not safe or meaningful (links, FIFOs, folders)
    byte_dibaca: int | None  # what was read of a file refused while copying
    sha256_dibaca: str | None  # the hash of those bytes
    kode_wilayah: str | None  # from the name, when it names one
    lokasi: str  # where the entry is now, relative to MONEV_HOME
    dipindahkan: bool  # moved out of the inbox (else left, with this record as its marker)
    tanda: str  # inode, size and modification time when refused: the marker of an entry left in place
    run_id: str | None

    @property
    def jenis_teks(self) -> str:
        return KINDS.get(self.jenis, self.jenis)

    def waktu_wita(self) -> str:
        return waktu_wita(self.ditolak_pada)

    def baris_teks(self) -> str:
        """One line for the refresh output and `monev status` (Bahasa Indonesia)."""
        ukuran = f", {_besaran(self.ukuran_byte)}" if self.ukuran_byte is not None else ""
        tempat = self.lokasi if self.dipindahkan else f"{self.lokasi} (tidak dapat dipindahkan; tidak dibaca lagi)"
        return f"DITOLAK {self.nama_berkas} [{self.jenis_teks}{ukuran}], {self.waktu_wita()}: {self.alasan} -> {tempat}"

    def __str__(self) -> str:
        return self.baris_teks()


def plain_name(name: str) -> bool:
    """A plain base name: no directory part, no '..', no control characters, not hidden."""
    try:
        name.encode("utf-8")  # a name with undecodable bytes cannot be recorded faithfully
    except UnicodeEncodeError:
        return False
    return (
        name == os.path.basename(name)
        and name not in ("", ".", "..")
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and not any(ord(c) < 32 or ord(c) == 127 for c in name)
    )


def shown_name(name: str) -> str:
    """The name as it can be recorded and printed: undecodable bytes and control characters escaped."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if ord(c) >= 32 and ord(c) != 127 else repr(c)[1:-1] for c in text)


def _stored_name(name: str) -> str:
    """A safe name for the entry inside its ditolak/ folder (the original is in the record)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", shown_name(name)).lstrip(".")[:120]
    return safe or "entri"


def _kode_wilayah(name: str) -> str | None:
    parsed = parse_file_name(name)
    if parsed:
        return parsed["kode_wilayah"]
    match = re.search(r"(?<![0-9])(\d{2}\.\d{2}\.\d{2})(?![0-9])", name, re.ASCII)
    return match[1] if match else None


def _ledger(archive: Path) -> list[dict]:
    return read_records(archive / LEDGER, repair=False).records


def archived(archive: Path) -> list[Received]:
    """What the archive holds, without reading the inbox (a torn ledger line is skipped, not fatal)."""
    return [
        Received(
            e["nama_berkas"],
            e["sha256"],
            e["diterima_pada"],
            archive / e["sha256"][:2] / e["sha256"] / e["nama_berkas"],
        )
        for e in _ledger(archive)
    ]


def refused_entries(rejected: Path) -> list[Refused]:
    """Every entry ever refused, oldest first."""
    fields = set(Refused.__dataclass_fields__)
    return [
        Refused(**{k: v for k, v in r.items() if k in fields})
        for r in read_records(rejected / REFUSED_LEDGER, repair=False).records
        if fields <= set(r)
    ]


@dataclass
class InboxResult:
    received: list[Received]
    refused: list[Refused]  # refused by this call
    notices: list[str]  # for the log: ledger lines set aside, files that changed while being copied
    removed: list[str] = field(default_factory=list)  # names this call moved out of the inbox (archived or refused)

    def __iter__(self):  # received, refused = archive_inbox(...)
        return iter((self.received, self.refused))


@contextmanager
def _archive_lock(archive: Path):
    """One archiving at a time per MONEV_HOME (a daemon's run and `monev refresh` may overlap)."""
    with open(archive / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def archive_inbox(
    inbox: Path,
    archive: Path,
    rejected: Path | None = None,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    quota_bytes: int | None = None,
    run_id: str | None = None,
) -> InboxResult:
    """Archive new files of the inbox, refuse what cannot be archived safely; return every archived
    file (old and new), what this call refused and notices for the log."""
    from orchestration.settings import archive_quota_bytes

    rejected = rejected if rejected is not None else archive.parent / "ditolak"
    quota = archive_quota_bytes() if quota_bytes is None else quota_bytes
    archive.mkdir(parents=True, exist_ok=True)
    notices: list[str] = []
    refused: list[Refused] = []
    with _archive_lock(archive):
        ledger = read_records(archive / LEDGER)
        if notice := ledger.notice(archive / LEDGER):
            notices.append(notice)
        entries = ledger.records
        if ledger.set_aside:  # a record torn by a crash after its copy was made: the copy is still there
            recovered = _recover_unrecorded(archive, entries)
            if recovered:
                notices.append(
                    f"{len(recovered)} berkas di arsip yang catatannya rusak dicatat ulang (waktu tiba = waktu "
                    f"salinan): {', '.join(recovered)}"
                )
        known = {(e["nama_berkas"], e["sha256"]) for e in entries}
        used: dict[str | None, int] = {}
        for e in entries:
            kw = _kode_wilayah(e["nama_berkas"])
            used[kw] = used.get(kw, 0) + int(e.get("ukuran_byte") or 0)
        for tmp in archive.glob(".*.masuk.tmp"):  # a copy cut short by a crash: the inbox still has the file
            tmp.unlink(missing_ok=True)
        if not inbox.is_dir():
            return InboxResult(archived(archive), refused, notices)
        rejected_read = read_records(rejected / REFUSED_LEDGER) if (rejected / REFUSED_LEDGER).exists() else None
        if rejected_read and (notice := rejected_read.notice(rejected / REFUSED_LEDGER)):
            notices.append(notice)
        markers = {(r.get("nama_berkas"), r.get("tanda")) for r in (rejected_read.records if rejected_read else [])}
        intake = _Intake(inbox, archive, rejected, run_id, markers, refused)
        for path in sorted(inbox.iterdir()):
            try:
                info = path.lstat()
            except FileNotFoundError:
                continue  # gone since listed
            mode = info.st_mode
            if stat.S_ISLNK(mode):
                intake.refuse(
                    path, info, "tautan", "tautan simbolik tidak diikuti dan tidak dibaca; kirim berkasnya sendiri"
                )
                continue
            if stat.S_ISFIFO(mode):
                intake.refuse(path, info, "fifo", "FIFO (pipa bernama) tidak dibuka; kirim berkas CSV atau XLSX biasa")
                continue
            if stat.S_ISDIR(mode):
                intake.refuse(path, info, "folder", "folder tidak dibaca; letakkan berkasnya langsung di inbox")
                continue
            if not stat.S_ISREG(mode):
                intake.refuse(path, info, "khusus", "bukan berkas biasa (soket atau perangkat); tidak dibuka")
                continue
            if path.name.startswith(".") and plain_name(path.name[1:] or "x"):
                if time.time() - info.st_mtime < HIDDEN_SETTLE_SECONDS:
                    continue  # perhaps an upload in progress: looked at again next time
                intake.refuse(
                    path,
                    info,
                    "nama_tersembunyi",
                    "nama diawali titik (berkas tersembunyi atau sisa unggahan) tidak dibaca; "
                    "kirim dengan nama seperti rencana_73.24.01_2025.csv",
                    size=info.st_size,
                )
                continue
            if not plain_name(path.name):
                intake.refuse(
                    path,
                    info,
                    "nama_tidak_aman",
                    "nama berkas memuat karakter kendali, garis miring, '..' atau bita yang bukan UTF-8; "
                    "tidak dibaca. Kirim dengan nama seperti rencana_73.24.01_2025.csv",
                    size=info.st_size,
                )
                continue
            kw = _kode_wilayah(path.name)
            if info.st_size > max_bytes:
                intake.refuse_large(path, info, max_bytes)
                continue
            copied = _copy_capped(path, archive, max_bytes)
            if isinstance(copied, str):
                notices.append(f"{shown_name(path.name)}: {copied}")
                continue
            tmp, digest, size, over = copied
            if over:
                tmp.unlink(missing_ok=True)
                intake.refuse_large(path, info, max_bytes, read=(size, digest))
                continue
            if (path.name, digest) in known:
                tmp.unlink(missing_ok=True)
                _remove_processed(path, info, archive / digest[:2] / digest / path.name, digest, intake, notices)
                continue
            if used.get(kw, 0) + size > quota:
                tmp.unlink(missing_ok=True)
                wilayah = f"kecamatan {kw}" if kw else "berkas tanpa kode kecamatan pada namanya"
                intake.refuse(
                    path,
                    info,
                    "kuota_penuh",
                    f"kuota arsip {wilayah} penuh: terpakai {_besaran(used.get(kw, 0))} dari {_besaran(quota)}, "
                    f"berkas ini {_besaran(size)}; tidak diarsipkan. Hubungi Bappeda (batas diatur dengan "
                    "MONEV_KUOTA_ARSIP_MB)",
                    size=size,
                )
                continue
            target = archive / digest[:2] / digest / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            fsync_dir(target.parent)
            entry = {
                "nama_berkas": path.name,
                "sha256": digest,
                "ukuran_byte": size,
                "diterima_pada": datetime.now(UTC).isoformat(timespec="microseconds"),
            }
            fsync_dir(target.parent.parent)
            fsync_dir(archive)
            append_record(archive / LEDGER, entry)
            entries.append(entry)
            known.add((path.name, digest))
            used[kw] = used.get(kw, 0) + size
            _remove_processed(path, info, target, digest, intake, notices)
    return InboxResult(archived(archive), refused, notices, removed=intake.removed)


def _remove_processed(
    path: Path, info: os.stat_result, archived_copy: Path, digest: str, intake: _Intake, notices: list[str]
) -> None:
    """Remove an archived file from the inbox once its archived copy reads back with its SHA-256, and only if
    the inbox entry is still the file that was copied; otherwise leave it (a notice says why)."""
    hashed = _hash_head(archived_copy, 1 << 62)
    if hashed is None or hashed[1] != digest:
        notices.append(
            f"{shown_name(path.name)}: salinan arsip tidak terbaca ulang dengan sidik yang sama; tetap di inbox"
        )
        return
    try:
        now = path.lstat()
    except FileNotFoundError:
        return  # already gone
    if (now.st_ino, now.st_size, now.st_mtime_ns) != (info.st_ino, info.st_size, info.st_mtime_ns):
        return  # replaced since it was copied: the new file is looked at next time
    try:
        path.unlink()
    except OSError as exc:
        notices.append(
            f"{shown_name(path.name)}: sudah diarsipkan tetapi tidak dapat dihapus dari inbox ({exc.strerror})"
        )
        return
    intake.removed.append(path.name)


def _besaran(n: int) -> str:
    """A size as the office reads it: exact below 100 MB (2.000 byte, 20.971.521 byte), else 200,0 MB."""
    if n < 100 * 1024 * 1024:
        return f"{n:,} byte".replace(",", ".")
    return f"{n / (1024 * 1024):.1f} MB".replace(".", ",")


def _recover_unrecorded(archive: Path, entries: list[dict]) -> list[str]:
    """Record archived copies that have no ledger record (their record was torn), checking each hash."""
    known = {(e["nama_berkas"], e["sha256"]) for e in entries}
    recovered = []
    for path in sorted(archive.glob("??/*/*")):
        digest = path.parent.name
        if (path.name, digest) in known or path.parent.parent.name != digest[:2] or not path.is_file():
            continue
        hashed = _hash_head(path, 1 << 62)  # opened without following a link; a regular file only
        if hashed is None or hashed[1] != digest:
            continue
        entry = {
            "nama_berkas": path.name,
            "sha256": digest,
            "ukuran_byte": path.stat().st_size,
            "diterima_pada": datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="microseconds"),
            "dipulihkan": True,
        }
        append_record(archive / LEDGER, entry)
        entries.append(entry)
        recovered.append(path.name)
    return recovered


def _copy_capped(path: Path, archive: Path, max_bytes: int) -> tuple[Path, str, int, bool] | str:
    """Copy a regular file into a temporary file of the archive, hashing it, reading at most
    ``max_bytes`` + 1 bytes; never follows a link nor opens a FIFO swapped in since the listing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOENT):
            return "hilang atau berganti jenis saat diarsipkan; diperiksa lagi pada penyegaran berikutnya"
        raise
    tmp = archive / f".{os.getpid()}.{time.monotonic_ns()}.masuk.tmp"
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            return "berganti jenis saat diarsipkan; diperiksa lagi pada penyegaran berikutnya"
        digest = hashlib.sha256()
        size = 0
        with open(tmp, "wb") as out:
            while size <= max_bytes:
                chunk = os.read(fd, min(CHUNK, max_bytes + 1 - size))
                if not chunk:
                    break
                digest.update(chunk)
                out.write(chunk[: max(0, max_bytes - size)])  # never more than the limit
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        after = os.fstat(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    over = size > max_bytes
    if not over and (after.st_size != size or after.st_mtime_ns != before.st_mtime_ns):
        tmp.unlink(missing_ok=True)
        return "berubah saat diarsipkan; dibaca pada penyegaran berikutnya"
    return tmp, digest.hexdigest(), size, over


class _Intake:
    """Moves refused entries into ditolak/ and records them."""

    def __init__(self, inbox, archive, rejected, run_id, markers, refused):
        self.inbox, self.archive, self.rejected = inbox, archive, rejected
        self.run_id, self.markers, self.refused = run_id, markers, refused
        self.home = archive.parent
        self.removed: list[str] = []  # names moved out of the inbox, as found (archived and removed, or refused)

    def refuse_large(self, path: Path, info: os.stat_result, max_bytes: int, read: tuple[int, str] | None = None):
        if read is None:  # known too large before copying: only the limit's worth is read, for its hash
            read = _hash_head(path, max_bytes + 1)
        dibaca, digest = read if read else (None, None)
        self.refuse(
            path,
            info,
            "terlalu_besar",
            f"berkas lebih besar dari batas {max_bytes // (1024 * 1024)} MB; disalin hanya sampai batas "
            f"(sidik SHA-256 dari {_besaran(dibaca or 0)} pertama dicatat), sisanya ditolak "
            "dan tidak diarsipkan. Pecah atau perkecil berkasnya",
            size=info.st_size,
            dibaca=dibaca,
            sha256=digest,
            head=True,
        )

    def refuse(
        self,
        path: Path,
        info: os.stat_result,
        jenis: str,
        alasan: str,
        size: int | None = None,
        dibaca: int | None = None,
        sha256: str | None = None,
        head: bool = False,
    ) -> None:
        name = shown_name(path.name)
        tanda = f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"
        if (name, tanda) in self.markers:
            return  # refused before and left in place: not considered again
        now = datetime.now(UTC)
        self.rejected.mkdir(parents=True, exist_ok=True)
        folder = self.rejected / f"{now.strftime('%Y%m%dT%H%M%S_%fZ')}-{len(self.refused) + 1:03d}"
        folder.mkdir()
        target = folder / _stored_name(path.name)
        try:
            os.rename(path, target)  # moves a link, a FIFO or a folder as it is: nothing is opened or followed
            fsync_dir(folder)
            moved = True
            self.removed.append(path.name)
            lokasi = target.relative_to(self.home).as_posix()
        except OSError:  # another file system, no permission: left in place, this record is its marker
            moved = False
            lokasi = f"inbox/{name}"
            if head:
                kept = _read_head(path, HEAD_BYTES)
                if kept is not None:
                    append_bytes(folder / (target.name + ".awal"), kept)
        record = Refused(
            nama_berkas=name,
            jenis=jenis,
            alasan=alasan,
            ditolak_pada=now.isoformat(timespec="microseconds"),
            ukuran_byte=size,
            byte_dibaca=dibaca,
            sha256_dibaca=sha256,
            kode_wilayah=_kode_wilayah(path.name),
            lokasi=lokasi,
            dipindahkan=moved,
            tanda=tanda,
            run_id=self.run_id,
        )
        append_record(self.rejected / REFUSED_LEDGER, asdict(record))
        self.markers.add((name, tanda))
        self.refused.append(record)


def _open_regular(path: Path) -> int | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


def _hash_head(path: Path, limit: int) -> tuple[int, str] | None:
    fd = _open_regular(path)
    if fd is None:
        return None
    digest, size = hashlib.sha256(), 0
    try:
        while size < limit and (chunk := os.read(fd, min(CHUNK, limit - size))):
            digest.update(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return size, digest.hexdigest()


def _read_head(path: Path, limit: int) -> bytes | None:
    fd = _open_regular(path)
    if fd is None:
        return None
    try:
        return os.read(fd, limit)
    finally:
        os.close(fd)


REFUSED_COLUMNS = {
    "nama_berkas": "varchar",
    "jenis": "varchar",
    "jenis_teks": "varchar",
    "alasan": "varchar",
    "ditolak_pada": "varchar",
    "ditolak_pada_wita": "varchar",
    "ukuran_byte": "bigint",
    "byte_dibaca": "bigint",
    "sha256_dibaca": "varchar",
    "kode_wilayah": "varchar",
    "lokasi": "varchar",
    "dipindahkan": "boolean",
    "run_id": "varchar",
}


def write_refused_table(con, rejected: Path) -> int:
    """raw.ditolak: every entry ever refused (the whole ledger), for the mart fct_kiriman_ditolak."""
    con.execute("create schema if not exists raw")
    con.execute(
        "create or replace table raw.ditolak (" + ", ".join(f"{c} {t}" for c, t in REFUSED_COLUMNS.items()) + ")"
    )
    rows = []
    for r in refused_entries(rejected):
        wita = datetime.fromisoformat(r.ditolak_pada).astimezone(WITA).replace(tzinfo=None)
        values = {**asdict(r), "jenis_teks": r.jenis_teks, "ditolak_pada_wita": wita.isoformat(sep=" ")}
        rows.append([values[c] for c in REFUSED_COLUMNS])
    if rows:
        con.executemany(f"insert into raw.ditolak values ({', '.join('?' * len(REFUSED_COLUMNS))})", rows)
    return len(rows)


INTAKE_NOTE = "penerimaan.json"


def write_intake_note(build_dir: Path, intake: InboxResult) -> None:
    """What this run refused and noticed at the inbox, for the refresh's closing output."""
    import json

    build_dir.mkdir(parents=True, exist_ok=True)
    note = {"ditolak": [asdict(r) for r in intake.refused], "catatan": intake.notices}
    (build_dir / INTAKE_NOTE).write_text(json.dumps(note, ensure_ascii=False, indent=1))


def read_intake_note(build_dir: Path) -> tuple[list[Refused], list[str]]:
    import json

    path = build_dir / INTAKE_NOTE
    if not path.exists():
        return [], []
    note = json.loads(path.read_text())
    return [Refused(**r) for r in note.get("ditolak", [])], list(note.get("catatan", []))
