"""The Great Expectations suites of ``expectations/expectations/``, generated from the rule registry.

One suite per SQL rule, named after the rule, validating the rule's model; one expectation per check,
whose ``meta`` names the rule and the check (the impact and the message live in the registry only).
Great Expectations' own ``severity`` is derived from the impact so that Data Docs show it too.
The committed files are what ``write_suites()`` writes (``tests/test_rule_registry.py`` checks it):

    uv run python -m orchestration.rules.suites

It also writes the rest of the Great Expectations file context that runs them (validation definitions and
the checkpoint of each stage: orchestration/warehouse/gx_checkpoint.py).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from orchestration.rules.registry import sql_rules
from orchestration.settings import EXPECTATIONS_DIR

SUITES_DIR = EXPECTATIONS_DIR / "expectations"
_NAMESPACE = uuid.UUID("5a8d9f52-0c3e-4f4e-9d55-6d6f6e65760a")  # fixed: the same rule gets the same ids
GX_SEVERITY = {"blokir": "critical", "karantina": "critical", "peringatan": "warning"}


def schema_of(model: str) -> str:
    if model.startswith("int_"):
        return "intermediate"
    if model.startswith("stg_"):
        return "staging"
    return "marts"


def suite_of(rule) -> dict:
    expectations = []
    for check in rule.checks:
        expectations.append(
            {
                "id": str(uuid.uuid5(_NAMESPACE, f"{rule.code}/{check.code}")),
                "kwargs": check.expectation["kwargs"],
                "meta": {"aturan": rule.code, "cek": check.code},
                "severity": GX_SEVERITY[check.impact],
                "type": check.expectation["type"],
            }
        )
    return {
        "expectations": expectations,
        "id": str(uuid.uuid5(_NAMESPACE, rule.code)),
        "meta": {
            "great_expectations_version": "1.24.1",
            "kunci": list(rule.key),
            "melindungi": rule.protects,
            "model": rule.where,
            "skema": schema_of(rule.where),
            "tahap": rule.stage,
        },
        "name": rule.code,
        "notes": {"content": [rule.title.en], "format": "markdown"},
    }


def render_suites() -> dict[str, str]:
    """File name -> JSON text of every suite the registry defines."""
    return {
        f"{rule.code}.json": json.dumps(suite_of(rule), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        for rule in sql_rules()
    }


def write_suites(folder: Path = SUITES_DIR) -> list[Path]:
    """Write every suite and remove suites the registry no longer defines."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = render_suites()
    for stale in folder.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    written = []
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written


if __name__ == "__main__":
    from orchestration.warehouse.gx_checkpoint import write_context_files

    for path in write_suites():
        print(path.relative_to(EXPECTATIONS_DIR.parent))
    for name in write_context_files():  # the validation definitions and checkpoints that run the suites
        print(name)
