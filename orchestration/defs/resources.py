"""Resources, declared once for the whole code location."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from pydantic import PrivateAttr

from orchestration.settings import Paths, monev_home


class MonevHome(dg.ConfigurableResource):
    """Where the build database, the published warehouse and the inbox live (MONEV_HOME)."""

    home: str = ""

    def paths(self) -> Paths:
        from pathlib import Path

        return Paths(Path(self.home).resolve() if self.home else monev_home())

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["MonevHome"]:
        """A run holds the refresh lock of its MONEV_HOME from start to end, so a run the daemon starts never
        races `monev refresh` (or another run): it waits for the one that holds the lock
        (MONEV_TUNGGU_REFRESH_DETIK, default 1800 s), then fails with the holder named."""
        from orchestration.warehouse.locking import refresh_lock

        wait = float(os.environ.get("MONEV_TUNGGU_REFRESH_DETIK", "1800") or 0)
        with refresh_lock(self.paths(), wait_seconds=wait):
            yield self


class GreatExpectations(dg.ConfigurableResource):
    """The Great Expectations checkpoints of a run, in a process of their own (orchestration/warehouse/
    gx_worker.py) started with the run: it imports GX while the run reads files and builds the rule models. A
    process that has imported GX already (a long-lived one that ran a checkpoint before) runs them itself."""

    _worker: object = PrivateAttr(default=None)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["GreatExpectations"]:
        import sys

        if "great_expectations" in sys.modules:  # imported here already: a worker would only import it again
            yield self
            return
        from orchestration.warehouse.gx_worker import GxWorker

        with GxWorker() as worker:
            self._worker = worker
            try:
                yield self
            finally:
                self._worker = None

    def run_checkpoint(self, build_db, stage: str, home, **kwargs):
        """``gx_checkpoint.run_checkpoint``, in the run's worker (in this process when there is none)."""
        if self._worker is None:
            from orchestration.warehouse.gx_checkpoint import run_checkpoint

            return run_checkpoint(build_db, stage, home, **kwargs)
        return self._worker.run_checkpoint(build_db, stage, home, **kwargs)


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "monev": MonevHome(),
            "great_expectations": GreatExpectations(),
        }
    )
