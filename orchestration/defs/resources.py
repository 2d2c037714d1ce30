"""Resources, declared once for the whole code location."""

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.defs.transform.project import dbt_project
from orchestration.settings import Paths, monev_home
from orchestration.warehouse.dbt import dbt_executable


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
            "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
        }
    )
