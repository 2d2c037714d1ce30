"""Times as people at the planning office and the kecamatan offices read them: WITA (Asia/Makassar).

Data keeps UTC (ISO 8601 with its offset); every time printed for a person goes through here."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def waktu_wita(value: datetime | str | None) -> str | None:
    """A moment as the office reads it: 04-12-2026 01.05 WITA (Asia/Makassar)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        raise ValueError("waktu tanpa zona waktu tidak dapat ditulis dalam WITA")
    return value.astimezone(WITA).strftime("%d-%m-%Y %H.%M WITA")
