"""Append-only JSON-lines records that survive a crash mid-write.

The writer appends one whole record per ``os.write`` on a file opened with ``O_APPEND`` and fsyncs
it, so a record is either complete or (after a crash or a full disk) a torn last line. The reader
never fails on a torn or damaged line: it keeps the bytes of every line that is not a complete JSON
object in a side file (``<ledger>.rusak``, appended, with the time it was set aside), rewrites the
ledger without them (write a temporary file and rename it over the ledger) and says what it set
aside, so that the next append starts on a clean line and nothing is lost.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

SIDE_SUFFIX = ".rusak"


@dataclass
class LedgerRead:
    records: list[dict]
    set_aside: list[bytes] = field(default_factory=list)  # the damaged lines, as found
    side_file: Path | None = None

    def notice(self, ledger: Path) -> str | None:
        """What was set aside, in Bahasa Indonesia (for the refresh output), or None."""
        if not self.set_aside:
            return None
        return (
            f"catatan {ledger.name}: {len(self.set_aside)} baris rusak (terpotong, mis. karena mesin mati atau "
            f"disk penuh saat menulis) disisihkan ke {self.side_file}; catatan lain tetap dipakai"
        )


def _parse(line: bytes) -> dict | None:
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def read_records(path: Path, repair: bool = True) -> LedgerRead:
    """Every complete record of the ledger. With ``repair`` (the only writer calls it so, under the
    refresh lock), damaged lines are moved to the side file and the ledger is rewritten without them."""
    if not path.exists():
        return LedgerRead([])
    data = path.read_bytes()
    records: list[dict] = []
    good: list[bytes] = []
    bad: list[bytes] = []
    lines = data.split(b"\n")
    for line in lines:
        if not line.strip():
            continue
        record = _parse(line)  # a torn last line is not a whole JSON object
        if record is None:
            bad.append(line)
        else:
            records.append(record)
            good.append(line)
    result = LedgerRead(records, bad)
    if bad:
        result.side_file = path.with_name(path.name + SIDE_SUFFIX)
    if repair and (bad or not data.endswith(b"\n")):  # the next record must start on a line of its own
        _set_aside(path, good, bad, result.side_file)
    return result


def _set_aside(path: Path, good: list[bytes], bad: list[bytes], side: Path | None) -> None:
    if bad and side is not None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        header = f"# disisihkan {stamp} dari {path.name}: {len(bad)} baris rusak, apa adanya di bawah\n".encode()
        append_bytes(side, header + b"".join(line + b"\n" for line in bad))
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(b"".join(line + b"\n" for line in good))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def append_bytes(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:  # a regular file takes it in one write; loop for safety
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def append_record(path: Path, record: dict) -> None:
    """Append one whole record (one line) and make it durable before returning."""
    append_bytes(path, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
