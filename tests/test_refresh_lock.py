"""One refresh at a time per MONEV_HOME, whoever starts it: `monev refresh` (which takes the lock, then runs
the job in its own process) and a run the Dagster daemon starts (its MonevHome resource takes the lock for
the whole run, waiting for a refresh that holds it)."""

import subprocess
import sys
import time
from contextlib import contextmanager

import dagster as dg
import pytest

from orchestration.defs.resources import MonevHome
from orchestration.settings import Paths
from orchestration.warehouse.locking import RefreshLocked, refresh_lock

HOLD = """
import fcntl, os, sys, time
handle = open(sys.argv[1], "a+")
for _ in range(100):
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        break
    except BlockingIOError:
        time.sleep(0.1)
else:
    print("busy", flush=True)
    sys.exit(1)
handle.seek(0); handle.truncate(); handle.write(f"pid {os.getpid()}"); handle.flush()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextmanager
def held_elsewhere(paths: Paths, seconds: float = 60.0):
    """Another process holds the refresh lock (as a running `monev refresh` does) for up to `seconds`."""
    paths.home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(paths.refresh_lock), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait()


@dg.asset
def dicatat(monev: MonevHome) -> str:
    """A step of a run: says which process holds the lock while it runs."""
    return monev.paths().refresh_lock.read_text()


def test_the_lock_is_reentrant_in_the_process_that_holds_it(tmp_path):
    """`monev refresh` holds the lock and runs its job in process: the run's resource does not wait for it."""
    import os

    paths = Paths(tmp_path)
    with refresh_lock(paths):
        result = dg.materialize([dicatat], resources={"monev": MonevHome(home=str(tmp_path))})
        assert result.success and result.output_for_node("dicatat") == f"pid {os.getpid()}"
        assert paths.refresh_lock.read_text() == f"pid {os.getpid()}"  # still held after the inner release
    # released for others once the outer one ends
    with held_elsewhere(paths), pytest.raises(RefreshLocked), refresh_lock(paths):
        pass


def test_a_run_waits_for_the_refresh_that_holds_the_lock_then_runs(tmp_path, monkeypatch):
    """The holder lets go after 2 s; the run (allowed to wait 60 s) then holds the lock for its step."""
    import os

    monkeypatch.setenv("MONEV_TUNGGU_REFRESH_DETIK", "60")
    paths = Paths(tmp_path)
    with held_elsewhere(paths, seconds=2.0):
        start = time.monotonic()
        result = dg.materialize([dicatat], resources={"monev": MonevHome(home=str(tmp_path))})
    assert result.success and result.output_for_node("dicatat") == f"pid {os.getpid()}"
    assert time.monotonic() - start >= 1.0  # it did wait for the holder


def test_a_run_that_waits_too_long_fails_naming_the_holder(tmp_path, monkeypatch):
    monkeypatch.setenv("MONEV_TUNGGU_REFRESH_DETIK", "0.5")
    paths = Paths(tmp_path)
    with held_elsewhere(paths) as holder:
        result = dg.materialize([dicatat], resources={"monev": MonevHome(home=str(tmp_path))}, raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_failure)
    error = failure.event_specific_data.error
    message = error.message + (error.cause.message if error.cause else "")
    assert "already running" in message and f"pid {holder.pid}" in message
