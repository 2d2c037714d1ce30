"""`monev layanan`: the Dagster daemon (schedule, sensors, run queue), the Dagster webserver and the portal, each a
child process in its own process group, on the persistent instance under $MONEV_HOME/dagster.

SIGTERM or SIGINT (Ctrl-C, `systemctl stop`) is forwarded to every child's process group (so a code server or a
run a child started stops too); whatever is still alive after the grace period is killed; the command then
exits 0. A child that ends by itself stops the others with one Indonesian line and exit code 1, so that systemd
(Restart=on-failure) starts the whole service again.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from orchestration.settings import PROJECT_ROOT, Paths

CODE_LOCATION = "orchestration.definitions"
GRACE_SECONDS = 6.0  # from SIGTERM to SIGKILL; the whole stop stays well under systemd's TimeoutStopSec
KILL_WAIT_SECONDS = 2.0
POLL_SECONDS = 0.25
PREFIX = "monev layanan:"


@dataclass
class Anak:
    """One child: its name for the operator, its command, and once started its process."""

    nama: str
    argv: list[str]
    proses: subprocess.Popen | None = field(default=None, repr=False)


def _script(name: str) -> str:
    """A console script of this environment (beside this Python), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def portal_available() -> bool:
    return importlib.util.find_spec("orchestration.portal") is not None


def write_workspace(paths: Paths) -> Path:
    """The code location, named as the project names it (its folder's name, so Dagster's components do not warn
    that the names differ), in $MONEV_HOME/dagster/workspace.yaml (written on every start; not for editing)."""
    import json

    workspace = paths.dagster_home / "workspace.yaml"
    location = {
        "module_name": CODE_LOCATION,
        "working_directory": str(PROJECT_ROOT),
        "location_name": PROJECT_ROOT.name,
    }
    text = "# Written by `monev layanan` on every start.\nload_from:\n  - python_module:\n"
    text += "".join(f"      {key}: {json.dumps(value)}\n" for key, value in location.items())
    workspace.parent.mkdir(parents=True, exist_ok=True)
    workspace.write_text(text)
    return workspace


def children(paths: Paths, host: str, port_dagster: int, port_portal: int | None) -> list[Anak]:
    """The service's processes; the portal only when the project has one and a port is given."""
    location = ["-w", str(write_workspace(paths))]
    made = [
        Anak("Dagster daemon", [_script("dagster-daemon"), "run", *location, "--log-level", "warning"]),
        Anak(
            "Dagster webserver",
            [_script("dagster-webserver"), "-h", host, "-p", str(port_dagster), *location, "--log-level", "warning"],
        ),
    ]
    if port_portal is not None and portal_available():
        made.append(
            Anak(
                "portal",
                [sys.executable, "-m", "orchestration.cli", "portal", "--host", host, "--port", str(port_portal)],
            )
        )
    return made


def port_problem(host: str, port: int, option: str) -> str | None:
    """An Indonesian line when the port cannot be listened on, else None."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            why = "sudah dipakai proses lain" if exc.errno == errno.EADDRINUSE else exc.strerror
            return f"{PREFIX} port {port} di {host} tidak dapat dipakai ({why}); pilih port lain dengan {option}"
    return None


def environment(paths: Paths) -> dict[str, str]:
    return {
        **os.environ,
        "MONEV_HOME": str(paths.home),
        "DAGSTER_HOME": str(paths.dagster_home),
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }


def run(anak: list[Anak], env: dict[str, str], out: TextIO = sys.stderr, grace: float = GRACE_SECONDS) -> int:
    """Start the children, wait for a signal or for a child to end, stop them all; the exit code."""
    stop = threading.Event()
    received: list[int] = []

    def on_signal(signum, _frame):
        received.append(signum)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for child in anak:
            try:
                child.proses = subprocess.Popen(child.argv, env=env, cwd=PROJECT_ROOT, start_new_session=True)
            except OSError as exc:
                print(f"{PREFIX} {child.nama} tidak dapat dijalankan ({exc}); layanan dihentikan.", file=out)
                stop_all(anak, grace)
                return 1
            print(f"{PREFIX} {child.nama} berjalan (pid {child.proses.pid}).", file=out, flush=True)
        while not stop.wait(POLL_SECONDS):
            ended = next((c for c in anak if c.proses.poll() is not None), None)
            if ended is not None:
                print(
                    f"{PREFIX} {ended.nama} berhenti sendiri (kode keluar {ended.proses.returncode}); "
                    "proses lain dihentikan dan layanan keluar dengan kode 1.",
                    file=out,
                    flush=True,
                )
                stop_all(anak, grace)
                return 1
        name = signal.Signals(received[0]).name if received else "sinyal"
        print(f"{PREFIX} {name} diterima; menghentikan {len(anak)} proses ...", file=out, flush=True)
        left = stop_all(anak, grace)
        print(
            f"{PREFIX} berhenti" + (f"; {left} proses dipaksa berhenti (SIGKILL)." if left else " dengan rapi."),
            file=out,
            flush=True,
        )
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stop_all(anak: list[Anak], grace: float = GRACE_SECONDS) -> int:
    """SIGTERM to every child's process group, wait up to ``grace`` seconds, SIGKILL what is left; the number of
    process groups that had to be killed."""
    started = [c for c in anak if c.proses is not None]  # each leads its own process group
    for child in started:
        _signal_group(child.proses.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(c) for c in started):
        time.sleep(0.1)
    killed = [c for c in started if _alive(c)]
    for child in killed:
        _signal_group(child.proses.pid, signal.SIGKILL)
    deadline = time.monotonic() + KILL_WAIT_SECONDS
    while time.monotonic() < deadline and any(_alive(c) for c in started):
        time.sleep(0.05)
    return len(killed)


def _signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signum)


def _alive(child: Anak) -> bool:
    """The child (reaped once it ended) or any other process of its group is still running."""
    child.proses.poll()
    return bool(group_members(child.proses.pid))


def group_members(group: int) -> list[int]:
    """The running (not zombie) processes of a process group, from /proc."""
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read().decode("ascii", "replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and fields[2] == str(group) and fields[0] not in ("Z", "X"):
            members.append(int(entry.name))
    return members


def fail_interrupted_runs(paths: Paths, out: TextIO = sys.stderr) -> list[str]:
    """Runs the instance still counts as running though no process of theirs can be alive (the service was
    killed, the machine stopped): marked failed so the queue moves and a notice is written. Only when no
    `monev refresh` holds the refresh lock (its in-process run is alive)."""
    import dagster as dg

    from orchestration.warehouse.locking import RefreshLocked, refresh_lock

    try:
        with refresh_lock(paths), dg.DagsterInstance.get() as instance:
            stale = instance.get_runs(
                filters=dg.RunsFilter(
                    statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.CANCELING]
                )
            )
            for stale_run in stale:
                instance.report_run_failed(
                    stale_run, "Layanan dimulai ulang: proses run ini sudah tidak ada (terputus)."
                )
                print(f"{PREFIX} run {stale_run.run_id[:8]} yang terputus ditandai GAGAL.", file=out)
            return [r.run_id for r in stale]
    except RefreshLocked:
        return []
