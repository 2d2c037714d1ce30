"""One refresh at a time per MONEV_HOME: a second one exits with a clear message instead of racing.

`monev refresh` takes the lock before it runs the job in its own process; a run the Dagster daemon starts
(schedule or sensor) takes it when its resources are set up (`MonevHome.yield_for_execution`), waiting for a
refresh that is already running. Within one process the lock is re-entrant, so `monev refresh`'s own run does
not wait for itself."""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path

from orchestration.settings import Paths


class RefreshLocked(RuntimeError):
    pass


_HELD: dict[Path, int] = {}  # lock files this process holds, and how many times


@contextmanager
def refresh_lock(paths: Paths, wait_seconds: float = 0.0, poll_seconds: float = 1.0):
    """Hold the refresh lock of paths.home; wait up to wait_seconds for another holder (0: do not wait)."""
    paths.home.mkdir(parents=True, exist_ok=True)
    key = paths.refresh_lock.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    handle = open(paths.refresh_lock, "a+")  # noqa: SIM115 - held open for as long as the lock is held
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise RefreshLocked(
                        f"a refresh is already running in {paths.home} ({holder}); try again later"
                    ) from None
                time.sleep(poll_seconds)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            handle.seek(0)
            handle.truncate()  # released: no holder to name
    finally:
        handle.close()
