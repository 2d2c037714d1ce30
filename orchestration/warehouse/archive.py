"""The archive of everything received: before anything else happens, every file found in the inbox
is copied byte for byte into ``$MONEV_HOME/arsip/`` under its SHA-256, and its arrival is written to
the ledger ``arsip/penerimaan.jsonl``. The same file (same name, same bytes) twice is recognised and
archived once; a file with a known name and new bytes is a new version. The pipeline reads the
archive, never the inbox, so a file removed or overwritten in the inbox is not lost.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from orchestration.domain.submission import sha256_of

LEDGER = "penerimaan.jsonl"


@dataclass(frozen=True)
class Received:
    nama_berkas: str
    sha256: str
    diterima_pada: str  # ISO time of first arrival
    path: Path  # the archived copy


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
        and not any(ord(c) < 32 for c in name)
    )


def _ledger(archive: Path) -> list[dict]:
    path = archive / LEDGER
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def archived(archive: Path) -> list[Received]:
    """What the archive holds, without reading the inbox."""
    return [
        Received(
            e["nama_berkas"],
            e["sha256"],
            e["diterima_pada"],
            archive / e["sha256"][:2] / e["sha256"] / e["nama_berkas"],
        )
        for e in _ledger(archive)
    ]


def archive_inbox(inbox: Path, archive: Path) -> tuple[list[Received], list[str]]:
    """Archive new files of the inbox; return every archived file (old and new) and what was refused."""
    archive.mkdir(parents=True, exist_ok=True)
    entries = _ledger(archive)
    known = {(e["nama_berkas"], e["sha256"]) for e in entries}
    refused: list[str] = []
    if inbox.is_dir():
        for path in sorted(inbox.iterdir()):
            mode = path.lstat().st_mode
            if not stat.S_ISREG(mode):
                refused.append(f"{path.name}: not a regular file (a link or a folder), not read")
                continue
            if not plain_name(path.name):
                refused.append(f"{path.name!r}: not a plain file name, not read")
                continue
            digest = sha256_of(path)
            if (path.name, digest) in known:
                continue
            target = archive / digest[:2] / digest / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(path, tmp)
            if sha256_of(tmp) != digest:  # changed while being copied: try again next time
                tmp.unlink()
                refused.append(f"{path.name}: changed while being archived, will be read next time")
                continue
            os.replace(tmp, target)
            entry = {
                "nama_berkas": path.name,
                "sha256": digest,
                "ukuran_byte": path.stat().st_size,
                "diterima_pada": datetime.now(UTC).isoformat(timespec="microseconds"),
            }
            with (archive / LEDGER).open("a", encoding="utf-8") as ledger:
                ledger.write(json.dumps(entry) + "\n")
                ledger.flush()
                os.fsync(ledger.fileno())
            entries.append(entry)
            known.add((path.name, digest))
    return archived(archive), refused
