"""Housekeeping of the folders a refresh leaves for diagnosis (private builds, dbt target folders)."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path


def remove_all_but_newest(folders: Iterable[Path], keep: int) -> None:
    """Delete the folders except the ``keep`` most recently modified."""
    ordered = sorted(folders, key=lambda p: p.stat().st_mtime)
    for old in ordered[: max(0, len(ordered) - keep)]:
        shutil.rmtree(old, ignore_errors=True)
