"""One-line progress messages for people running `monev refresh` (stderr) and for the Dagster log."""

import sys

import dagster as dg


def progress(context: dg.OpExecutionContext | None, message: str) -> None:
    print(f"monev: {message}", file=sys.stderr, flush=True)
    if context is not None:
        context.log.info(message)
