"""Progress of a refresh for the person running `monev refresh` or `make run` (stderr), and the Dagster log.

Each step says what it did with the time elapsed since the process started. At a terminal the line is in
Bahasa Indonesia, drawn with rich, with the step's own duration and a spinner counting the seconds of the step
now running (``selesai()`` stops it). Elsewhere (a log file, the tests, `make bench`, which reads these lines)
it is one plain line per step, ``monev: [  6.8 s] <message>``, in English like the Dagster log."""

from __future__ import annotations

import os
import re
import sys
import time

import dagster as dg

_STARTED = time.monotonic()
_state: dict = {"live": None, "last": None}

# The Indonesian line of each step's English log message: (pattern, template over the pattern's groups).
LANGKAH = (
    (
        r"archive: (\d+) files received in all; submissions: (\d+) files \((\d+) read for the first time\), "
        r"(\d+) rows, (\d+) cell errors",
        "arsip: {0} berkas diterima seluruhnya; kiriman: {1} berkas ({2} baru dibaca), {3} baris, {4} galat sel",
    ),
    (r"reference data: (.*)", "data acuan: {0}"),
    (r"dbt build: staging and rule models", "dbt: staging dan model aturan"),
    (r"dbt build: accepted realisasi and marts", "dbt: versi yang diterima dan mart"),
    (r"dbt build: (.*)", "dbt: {0}"),
    (r"audit: (\d+) Great Expectations suites on the rule models", "audit: {0} suite Great Expectations"),
    (
        r"audit: (\d+) blocking findings, (\d+) quarantining, (\d+) warnings",
        "audit: {0} temuan blokir, {1} temuan karantina, {2} peringatan",
    ),
    (r"gate: (\d+) file versions quarantined", "gerbang: {0} versi berkas dikarantina"),
    (r"published (.*) \((\d+) tables\)", "diterbitkan: {0} ({1} tabel)"),
    (r"reports: not written \(MONEV_LAPORAN_MALAM=tidak\)", "laporan: tidak ditulis (MONEV_LAPORAN_MALAM=tidak)"),
    (r"reports: (\d+) files in (.*) \((.*) s\)", "laporan: {0} berkas di {1} ({2} s)"),
    (r"postgres: (\S+) \((\d+) tables, (.*) s\)", "postgres: {0} ({1} tabel, {2} s)"),
)


def indonesian(message: str) -> str:
    """A step's message in Bahasa Indonesia (the message itself when no pattern knows it)."""
    for pattern, template in LANGKAH:
        match = re.fullmatch(pattern, message)
        if match:
            return template.format(*(g.replace(" rows", " baris") for g in match.groups()))
    return message


def plain_line(elapsed: float, message: str) -> str:
    return f"monev: [{elapsed:6.1f} s] {message}"


def _original_terminal():
    """The terminal this process was started on (a copy of file descriptor 2 taken at import): while a step
    runs, Dagster's compute-log capture sends descriptor 2 through a pipe, which is no terminal."""
    try:
        return os.fdopen(os.dup(2), "w", buffering=1) if os.isatty(2) else None
    except OSError:
        return None


_TERMINAL = _original_terminal()


def _terminal():
    """The terminal to draw on, or None off a terminal or with MONEV_PROGRESS=polos."""
    if os.environ.get("MONEV_PROGRESS") == "polos":
        return None
    try:
        if sys.stderr.isatty():
            return sys.stderr
    except (AttributeError, ValueError):
        pass
    return _TERMINAL


class _Berjalan:
    """The spinner's text: the step now running and its seconds so far (computed at each refresh)."""

    def __rich__(self):
        from rich.text import Text

        since = _state["last"] or _STARTED
        return Text(f"  berjalan … {time.monotonic() - since:.0f} s sejak baris terakhir", style="dim")


def _live(stream):
    if _state["live"] is None:
        from rich.console import Console, Group
        from rich.live import Live
        from rich.spinner import Spinner

        console = Console(file=stream)
        live = Live(
            Group(Spinner("dots", text=_Berjalan())),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
            refresh_per_second=4,
        )
        live.start()
        _state["live"] = live
    return _state["live"]


def progress(context: dg.OpExecutionContext | None, message: str) -> None:
    now = time.monotonic()
    elapsed = now - _STARTED
    terminal = _terminal()
    if terminal is not None:
        from rich.text import Text

        step = now - (_state["last"] or _STARTED)
        line = Text.assemble(
            ("monev ", "dim"), (f"{elapsed:6.1f} s ", "cyan"), indonesian(message), (f"  (+{step:.1f} s)", "dim")
        )
        live = _live(terminal)
        live.console.print(line)
    else:
        print(plain_line(elapsed, message), file=sys.stderr, flush=True)
    _state["last"] = now
    if context is not None:
        context.log.info(message)


def selesai() -> None:
    """Stop the spinner (the refresh has ended); nothing to do when none was shown."""
    live = _state["live"]
    if live is not None:
        live.stop()
        _state["live"] = None
