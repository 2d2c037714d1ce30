"""The rule registry: every rule of the platform, each defined once.

The rules themselves are written in the modules beside this one, one module per subject:

- ``pembaca``: cell formats and file shape, checked by the reader as it reads a file;
- ``berkas``: rules on whole files and on the reference data;
- ``rencana``: the plan (rollups, quarters against the year, completeness, codes, names);
- ``kinerja``: strategic targets (Renstra tujuan/sasaran, IKU, Perjanjian Kinerja);
- ``realisasi``: quarterly realisasi against the plan;
- ``mart``: plausibility warnings on the published marts.

Everything else is derived from here: the Great Expectations suites in ``expectations/`` (generated,
``python -m orchestration.rules.suites``), the impact of a failing check on the pipeline, the messages
of ``monev check``, the quarantine reports and the warehouse, and the rule table of the README.
"""

from __future__ import annotations

from orchestration.rules import berkas, kinerja, mart, pembaca, realisasi, rencana
from orchestration.rules.model import IMPACTS, LAYERS, Rule

_MODULES = (pembaca, berkas, rencana, kinerja, realisasi, mart)


def _collect() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module in _MODULES:
        for rule in module.RULES:
            if rule.code in rules:
                raise ValueError(f"rule {rule.code} is defined twice")
            if rule.layer not in LAYERS:
                raise ValueError(f"rule {rule.code}: unknown layer {rule.layer!r}")
            codes = [c.code for c in rule.checks]
            if len(set(codes)) != len(codes):
                raise ValueError(f"rule {rule.code}: two checks share a code")
            for check in rule.checks:
                if check.impact not in IMPACTS:
                    raise ValueError(f"rule {rule.code}, check {check.code}: unknown impact {check.impact!r}")
                if rule.layer != "pembaca" and check.expectation is None:
                    raise ValueError(f"rule {rule.code}, check {check.code}: a SQL check needs its expectation")
            rules[rule.code] = rule
    return rules


RULES: dict[str, Rule] = _collect()


def sql_rules(stage: str | None = None) -> list[Rule]:
    """The rules checked by Great Expectations on a dbt model, of one stage or all."""
    return [r for r in RULES.values() if r.layer != "pembaca" and (stage is None or r.stage == stage)]


def model_of(rule_code: str) -> str:
    return RULES[rule_code].where
