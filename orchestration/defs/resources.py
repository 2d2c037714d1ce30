"""Resources, declared once for the whole code location."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

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


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "monev": MonevHome(),
        }
    )
