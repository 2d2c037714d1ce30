"""One-line progress messages for people running `monev refresh` (stderr) and for the Dagster log, with the
time elapsed since the process started."""

import sys
import time

import dagster as dg

_STARTED = time.monotonic()


def progress(context: dg.OpExecutionContext | None, message: str) -> None:
    print(f"monev: [{time.monotonic() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)
    if context is not None:
        context.log.info(message)
