"""Great Expectations in a process of its own, started when a refresh starts.

Importing GX costs about 2,3 s of one core (scipy, for an expectation the suites do not use, and the fluent
data sources), and opening the file context another few tenths. A refresh needs GX only after its first dbt
build; started with the run, this process imports GX and opens the context on the other core while the
refresh reads the files and dbt builds the rule models, then runs each checkpoint
(``gx_checkpoint.run_checkpoint``: the same committed context, suites, results and Data Docs) when asked.

The protocol is pickles on a pipe: ``run_checkpoint``'s arguments in, its failing expectations (or the
exception it raised) out. The worker's own stdout is moved to stderr so that nothing GX prints can mix with
the replies. If the worker has died (killed, out of memory), the checkpoint runs in the caller's process
instead: a run never depends on the worker being there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import subprocess
import sys
import threading
import traceback
from pathlib import Path

log = logging.getLogger(__name__)


class GxWorker:
    """One worker process; ``run_checkpoint`` has the signature of ``gx_checkpoint.run_checkpoint``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        try:
            self._process: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-m", "orchestration.warehouse.gx_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={**os.environ, "GX_ANALYTICS_ENABLED": "false"},
            )
        except OSError as error:  # no process could start: the checkpoints run here
            log.warning("Great Expectations worker not started (%s): checkpoints run in this process", error)
            self._process = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def run_checkpoint(self, build_db: Path, stage: str, home: Path, **kwargs):
        from orchestration.warehouse.gx_checkpoint import run_checkpoint

        request = {"build_db": Path(build_db), "stage": stage, "home": Path(home), **kwargs}
        with self._lock:
            reply = self._ask(request)
        if reply is None:
            log.warning("Great Expectations worker gone: the checkpoint %s runs in this process", stage)
            return run_checkpoint(**request)
        status, value = reply
        if status == "ok":
            return value
        raise value

    def _ask(self, request: dict):
        """The worker's reply to one request, or None when the worker is not there to answer."""
        process = self._process
        if process is None:
            return None
        if process.poll() is not None:
            self._stop()
            return None
        try:
            pickle.dump(request, process.stdin)
            process.stdin.flush()
            return pickle.load(process.stdout)
        except (BrokenPipeError, EOFError, OSError, pickle.UnpicklingError):
            self._stop(kill=True)
            return None

    def close(self, timeout: float = 30) -> None:
        """End the worker: it finishes what it does and exits when its input closes."""
        with self._lock:
            self._stop(timeout=timeout)

    def _stop(self, *, timeout: float = 30, kill: bool = False) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if kill:
            process.kill()
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    def __enter__(self) -> GxWorker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _portable(error: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError with its text and traceback."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        text = "".join(traceback.format_exception(error))
        return RuntimeError(f"Great Expectations worker: {type(error).__name__}: {error}\n{text}")


def serve(requests, replies) -> int:
    """Answer requests until the input closes. The Data Docs of each checkpoint are built after its reply, while
    the run goes on (the gate, the marts' dbt build, the publish), and before the worker exits: the run waits
    for them when it closes the worker."""
    from orchestration.warehouse.gx_checkpoint import run_checkpoint, warm_up

    warm_up()
    import monev_gx  # the context's plugin (expectations/plugins/), on the path since warm_up opened a context

    monev_gx.DEFERRED_DOCS = pending = []
    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return 0
        try:
            reply = ("ok", run_checkpoint(**request))
        except Exception as error:  # sent back and raised in the caller
            reply = ("error", _portable(error))
        pickle.dump(reply, replies)
        replies.flush()
        while pending:
            build = pending.pop(0)
            try:
                build()
            except Exception:  # the results are stored and the run has them: only the pages are missing
                log.exception("Great Expectations worker: the Data Docs could not be built")


def main() -> int:
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # what GX prints goes to stderr, never into a reply
    code = serve(sys.stdin.buffer, replies)
    replies.close()
    sys.stderr.flush()
    os._exit(code)  # every reply is sent and every file written: tearing GX's objects down costs ~0,7 s


if __name__ == "__main__":
    sys.exit(main())
