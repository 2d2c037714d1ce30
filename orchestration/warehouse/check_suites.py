"""The Great Expectations suites of one stage evaluated as plain DuckDB SQL, for `monev check`.

The refresh validates with Great Expectations: its gate stays GX's. `monev check` must give the same findings
in about a second, and importing GX and running a checkpoint costs 6-8 s. Each expectation type the suites
use is translated here into the SQL condition that GX 1.24 itself builds on a SQL data source:

- the domain: the suite's asset (``select * from <schema>.<model>``), the expectation's ``row_condition``
  (``SqlAlchemyExecutionEngine._comparison_condition_to_filter_clause``), and for column-pair expectations
  ``ignore_row_if`` (default ``both_values_are_missing``);
- a row is unexpected where the unexpected condition is TRUE (GX counts with ``case when ... then 1`` and
  fetches with ``where ...``): ``not (expected)``, and for the column-map expectations that ignore nulls
  (between, in set) also ``column is not null``.

The failing rows are then read back as ``run_audit`` reads them (every row of the model whose key columns,
cast to text, match a failing row's) and turned into findings by the audit's own ``_finding``: the
impact and the message of each stay in the registry. ``tests/test_check_engines.py`` runs this and dbt +
GX on the same files and compares every finding. An expectation or row condition not translated here
makes ``supported()`` false, and the check falls back to dbt + GX.
"""

from __future__ import annotations

import duckdb

from orchestration.rules.model import Finding
from orchestration.rules.registry import RULES
from orchestration.warehouse.audit import _finding, _order, load_suites, suite_relation

_COMPARISONS = {"==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
# expectation type -> the kwargs it may carry (anything else is not translated: fall back to GX)
_KWARGS = {
    "expect_column_values_to_be_between": {"column", "min_value", "max_value", "strict_min", "strict_max"},
    "expect_column_values_to_be_in_set": {"column", "value_set"},
    "expect_column_values_to_be_null": {"column"},
    "expect_column_values_to_not_be_null": {"column"},
    "expect_column_pair_values_to_be_equal": {"column_A", "column_B", "ignore_row_if"},
    "expect_column_pair_values_a_to_be_greater_than_b": {"column_A", "column_B", "or_equal", "ignore_row_if"},
}
_COMMON_KWARGS = {"row_condition"}
_IGNORE_ROW_IF = {"both_values_are_missing", "either_value_is_missing", "neither"}


class NotTranslated(ValueError):
    """An expectation this module does not translate to SQL."""


def _q(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def row_condition_sql(condition: dict | None, params: list) -> str:
    """GX's row condition (a serialized Condition) as SQL; its parameters are appended to ``params``."""
    if condition is None:
        return "true"
    kind = condition.get("type")
    if kind == "comparison":
        column, operator = _q(condition["column"]["name"]), condition["operator"]
        if operator in _COMPARISONS:
            params.append(condition["parameter"])
            return f"({column} {_COMPARISONS[operator]} ?)"
        if operator in ("IN", "NOT_IN"):
            values = list(condition["parameter"])
            params.extend(values)
            inside = f"{column} in ({', '.join('?' * len(values))})" if values else "false"
            return f"({inside})" if operator == "IN" else f"(not ({inside}))"
    elif kind == "nullity":
        return f"({_q(condition['column']['name'])} is {'' if condition['is_null'] else 'not '}null)"
    elif kind in ("and", "or"):
        parts = [row_condition_sql(c, params) for c in condition["conditions"]]
        return "(" + f" {kind} ".join(parts) + ")" if parts else ("true" if kind == "and" else "false")
    raise NotTranslated(f"row condition {condition!r}")


def _between(kwargs: dict, params: list) -> str:
    column = _q(kwargs["column"])
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is None and high is None:
        raise NotTranslated("between without bounds")
    parts = []
    if low is not None:
        params.append(low)
        parts.append(f"{column} {'>' if kwargs.get('strict_min') else '>='} ?")
    if high is not None:
        params.append(high)
        parts.append(f"{column} {'<' if kwargs.get('strict_max') else '<='} ?")
    return " and ".join(parts)


def unexpected_sql(expectation: dict) -> tuple[str, list]:
    """The WHERE clause (and its parameters) of the rows of an expectation's asset that GX reports as unexpected."""
    kind, kwargs = expectation["type"], dict(expectation["kwargs"])
    allowed = _KWARGS.get(kind)
    if allowed is None or set(kwargs) - allowed - _COMMON_KWARGS:
        raise NotTranslated(f"{kind} {sorted(kwargs)}")
    params: list = []
    domain = row_condition_sql(kwargs.get("row_condition"), params)
    if kind in ("expect_column_pair_values_to_be_equal", "expect_column_pair_values_a_to_be_greater_than_b"):
        a, b = _q(kwargs["column_A"]), _q(kwargs["column_B"])
        ignore = kwargs.get("ignore_row_if", "both_values_are_missing")
        if ignore not in _IGNORE_ROW_IF:
            raise NotTranslated(f"ignore_row_if {ignore!r}")
        if ignore == "both_values_are_missing":
            domain += f" and not ({a} is null and {b} is null)"
        elif ignore == "either_value_is_missing":
            domain += f" and not ({a} is null or {b} is null)"
        if kind == "expect_column_pair_values_to_be_equal":
            expected = f"{a} = {b} and not ({a} is null or {b} is null)"
        elif kwargs.get("or_equal"):
            expected = f"{a} >= {b} or ({a} is null and {b} is null)"
        else:
            expected = f"{a} > {b}"
        return f"{domain} and not ({expected})", params
    column = _q(kwargs["column"])
    if kind == "expect_column_values_to_be_null":
        return f"{domain} and not ({column} is null)", params
    if kind == "expect_column_values_to_not_be_null":
        return f"{domain} and not ({column} is not null)", params
    if kind == "expect_column_values_to_be_between":
        expected = _between(kwargs, params)
    else:  # in set
        values = list(kwargs["value_set"] or [])
        if kwargs["value_set"] is None:
            return f"{domain} and false", params
        params.extend(values)
        expected = f"{column} in ({', '.join('?' * len(values))})" if values else "false"
    return f"{domain} and {column} is not null and not ({expected})", params


def stage_suites(stage: str) -> dict[str, dict]:
    """The committed suites of one stage (validasi | mart), by name, in the checkpoint's order."""
    return {name: spec for name, spec in sorted(load_suites().items()) if spec["meta"].get("tahap") == stage}


def supported(stage: str = "validasi") -> bool:
    """Every expectation of the stage's suites is translated here (else the check uses GX)."""
    try:
        for spec in stage_suites(stage).values():
            for expectation in spec["expectations"]:
                unexpected_sql(expectation)
    except NotTranslated:
        return False
    return True


def failing_rows(con: duckdb.DuckDBPyConnection, spec: dict, expectation: dict) -> list[dict]:
    """The whole rows of the model that break one expectation, matched on the suite's key columns as the
    audit matches GX's keys (cast to text, NULL matching NULL)."""
    relation = suite_relation(spec)
    kunci = list(spec["meta"]["kunci"])
    where, params = unexpected_sql(expectation)
    match = " and ".join(f"cast(m.{_q(c)} as varchar) is not distinct from cast(k.{_q(c)} as varchar)" for c in kunci)
    keys = ", ".join(_q(c) for c in kunci)
    cursor = con.execute(
        f"select m.* from {relation} as m where exists (select 1 from "
        f"(select {keys} from {relation} where {where}) as k where {match})",
        params,
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def audit_sql(con: duckdb.DuckDBPyConnection, stage: str = "validasi") -> list[Finding]:
    """Every finding of one stage's suites on the build ``con`` holds, as ``run_audit`` returns them."""
    suites = stage_suites(stage)
    unknown = sorted(set(suites) - set(RULES))
    if unknown:
        raise RuntimeError(f"suites without a rule in the registry: {', '.join(unknown)}")
    findings = []
    for spec in suites.values():
        for expectation in spec["expectations"]:
            meta = expectation["meta"]
            rule = RULES[meta["aturan"]]
            findings.extend(_finding(rule.code, meta["cek"], row) for row in failing_rows(con, spec, expectation))
    findings.sort(key=_order)
    return findings
