"""One refresh at a time per MONEV_HOME: a second one exits with a clear message instead of racing."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager

from orchestration.settings import Paths


class RefreshLocked(RuntimeError):
    pass


@contextmanager
def refresh_lock(paths: Paths):
    paths.home.mkdir(parents=True, exist_ok=True)
    handle = open(paths.refresh_lock, "a+")  # noqa: SIM115 - held open for as long as the lock is held
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RefreshLocked(f"a refresh is already running in {paths.home} ({holder}); try again later") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()  # released: no holder to name
    finally:
        handle.close()
