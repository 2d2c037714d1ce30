"""Resources, declared once for the whole code location."""

import dagster as dg

from orchestration.settings import Paths, monev_home


class MonevHome(dg.ConfigurableResource):
    """Where the build database, the published warehouse and the inbox live (MONEV_HOME)."""

    home: str = ""

    def paths(self) -> Paths:
        from pathlib import Path

        return Paths(Path(self.home).resolve() if self.home else monev_home())


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={
            "monev": MonevHome(),
        }
    )
