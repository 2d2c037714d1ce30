"""Errors of the environment told as one line in Bahasa Indonesia, not a traceback.

A read-only, missing or full MONEV_HOME, a warehouse locked by another process and a missing dbt
profile are the operator's to fix, not bugs: `monev` says what and where in one line and exits with
EXIT_ENVIRONMENT. Anything else is re-raised with its traceback (a bug must stay visible).
"""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

EXIT_ENVIRONMENT = 3
UNCHANGED = "gudang data yang sudah terbit tidak berubah"


def _chain(exc: BaseException):
    """The exception, its causes and contexts, and the driver error a SQLAlchemy error wraps (.orig)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__, getattr(current, "orig", None)]


def _errno_message(code: int | None, where: str, home: Path) -> str | None:
    if code == errno.EROFS:
        return (
            f"MONEV_HOME {home} hanya dapat dibaca (read-only): tidak dapat menulis {where}. "
            f"Pasang ulang disknya dengan izin tulis atau pilih MONEV_HOME lain; {UNCHANGED}."
        )
    if code in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"disk penuh: tidak ada ruang untuk menulis {where} (MONEV_HOME {home}). "
            f"Kosongkan ruang disk lalu jalankan lagi; {UNCHANGED}."
        )
    if code in (errno.EACCES, errno.EPERM):
        return f"tidak ada izin menulis {where} (MONEV_HOME {home}); periksa pemilik dan izin folder itu; {UNCHANGED}."
    if code == errno.ENOENT:
        return f"folder atau berkas tidak ada: {where} (MONEV_HOME {home}); periksa MONEV_HOME dan disknya."
    return None


_TEXT_PATTERNS = [
    (re.compile(r"read-only file system|readonly database|attempt to write a readonly", re.I), errno.EROFS),
    (
        re.compile(r"no space left on device|database or disk is full|disk i/o error|disk quota exceeded", re.I),
        errno.ENOSPC,
    ),
]
_LOCK = re.compile(r"could not set lock on file \"?([^\"\s:]+)\"?.*?(?:PID (\d+))?", re.I | re.S)


def _lock_message(text: str, home: Path) -> str | None:
    match = _LOCK.search(text)
    if not match and "conflicting lock" not in text.lower():
        return None
    where = match[1] if match else "gudang data"
    pid = re.search(r"PID (\d+)", text)
    holder = f" (PID {pid[1]})" if pid else ""
    return (
        f"gudang data {where} sedang dikunci untuk menulis oleh proses lain{holder}: tutup koneksi itu "
        "atau bukalah hanya-baca (duckdb.connect(..., read_only=True)), lalu coba lagi."
    )


def message_for_text(text: str, home: Path) -> str | None:
    """The environment message for an error known only by its text (a failed Dagster step's message)."""
    if lock := _lock_message(text, home):
        return lock
    for pattern, code in _TEXT_PATTERNS:
        if pattern.search(text):
            path = re.search(r"'(/[^']+)'", text)
            return _errno_message(code, path[1] if path else str(home), home)
    return None


def environment_message(exc: BaseException, home: Path) -> str | None:
    """One line in Bahasa Indonesia for an error of the environment, None for anything else."""
    for error in _chain(exc):
        if isinstance(error, OSError) and error.errno is not None:
            where = error.filename or str(home)
            if message := _errno_message(error.errno, str(where), home):
                return message
        driver = isinstance(error, sqlite3.Error) or type(error).__module__.lstrip("_").startswith(
            ("duckdb", "sqlalchemy")
        )
        if driver and (message := message_for_text(str(error), home)):
            return message
    return None


def preflight_refresh(home: Path, dbt_project_dir: Path) -> str | None:
    """What stops a refresh before it starts: a MONEV_HOME whose parent is missing (an unmounted disk, a
    typing error: it is not created silently elsewhere) or a missing dbt profile."""
    if not home.exists() and not home.parent.is_dir():
        return (
            f"MONEV_HOME {home} tidak ada, dan folder induknya {home.parent} juga tidak ada: periksa MONEV_HOME "
            "(disk belum terpasang? salah ketik?); folder itu tidak dibuat otomatis."
        )
    if home.exists() and not home.is_dir():
        return f"MONEV_HOME {home} bukan folder; periksa MONEV_HOME."
    profile = dbt_project_dir / "profiles.yml"
    if not profile.is_file():
        return (
            f"profil dbt tidak ditemukan: {profile} tidak ada. Pulihkan berkas itu dari repositori "
            "(git checkout -- dbt_project/profiles.yml); penyegaran tidak dijalankan."
        )
    return None
