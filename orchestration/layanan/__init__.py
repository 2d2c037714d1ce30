"""The service: `monev layanan` runs the Dagster daemon, the Dagster webserver and the portal as one service
(orchestration/layanan/proses.py), on a persistent Dagster instance under $MONEV_HOME/dagster whose
dagster.yaml is written once from the committed template and then belongs to the operator; notices of failed
runs, quarantined files and refused inbox entries go to $MONEV_HOME/pemberitahuan/ and, when configured, by
e-mail (orchestration/layanan/pemberitahuan.py)."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.settings import Paths

TEMPLATE = Path(__file__).with_name("dagster.yaml")

# What earlier versions of the project wrote into $MONEV_HOME/dagster/dagster.yaml: the line every refresh used to
# rewrite, and each earlier template (earlier_templates/, e.g. the one with `storage: sqlite:` before the event log
# kept its connections). A file with exactly one of these contents is the project's own, never an operator's edit:
# it is replaced by the template once. Anything else is kept as it is.
EARLIER_DEFAULTS = (
    "telemetry:\n  enabled: false\n",
    *(p.read_text() for p in sorted(Path(__file__).with_name("earlier_templates").glob("*.yaml"))),
)


def prepare_dagster_home(paths: Paths) -> Path:
    """$MONEV_HOME/dagster with its dagster.yaml, written once from the template and never overwritten;
    sets DAGSTER_HOME for this process."""
    home = paths.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text() in EARLIER_DEFAULTS:
        tmp = config.with_name(".dagster.yaml.tmp")
        tmp.write_text(TEMPLATE.read_text())
        os.replace(tmp, config)
    os.environ["DAGSTER_HOME"] = str(home)
    return home
