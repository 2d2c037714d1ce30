"""Building blocks for rules checked in SQL: Great Expectations expectations over a rule model's rows.

Every rule model (``dbt_project/models/intermediate/cek/int_cek__<rule>.sql``) has the columns of the
``tandai_cek`` macro: ``cek_id`` (the key of a checked row) and ``perlakuan``: ``periksa`` (checked),
``tidak_lengkap`` (an input is not known: the check cannot be made) or ``pengecualian`` (a known
discrepancy accepted in the corrections log). The helpers below build the usual three checks of a rule
from its main check: the check itself on ``periksa`` rows, the "cannot be checked" warning on
``tidak_lengkap`` rows and the accepted-exception warning on ``pengecualian`` rows.
"""

from __future__ import annotations

from orchestration.rules.model import Check, Text


def when(column: str, value) -> dict:
    """A Great Expectations row condition: ``column == value``."""
    return {"type": "comparison", "column": {"name": column}, "operator": "==", "parameter": value}


CHECKED = when("perlakuan", "periksa")
INCOMPLETE = when("perlakuan", "tidak_lengkap")
ACCEPTED = when("perlakuan", "pengecualian")


def expect(kind: str, row_condition: dict | None = None, **kwargs) -> dict:
    body = dict(kwargs)
    if row_condition is not None:
        body["row_condition"] = row_condition
    return {"type": kind, "kwargs": body}


def pair_equal(a: str, b: str, row_condition: dict | None = CHECKED) -> dict:
    return expect("expect_column_pair_values_to_be_equal", row_condition, column_A=a, column_B=b)


def is_true(column: str, row_condition: dict | None = CHECKED) -> dict:
    return expect("expect_column_values_to_be_in_set", row_condition, column=column, value_set=[True])


def is_null(column: str, row_condition: dict | None = CHECKED) -> dict:
    return expect("expect_column_values_to_be_null", row_condition, column=column)


def not_null(column: str, row_condition: dict | None = CHECKED) -> dict:
    return expect("expect_column_values_to_not_be_null", row_condition, column=column)


def at_most(column: str, limit, row_condition: dict | None = CHECKED) -> dict:
    return expect("expect_column_values_to_be_between", row_condition, column=column, max_value=limit)


def not_above(limit_column: str, value_column: str, row_condition: dict | None = CHECKED) -> dict:
    """``value_column <= limit_column`` on every row."""
    return expect(
        "expect_column_pair_values_a_to_be_greater_than_b",
        row_condition,
        column_A=limit_column,
        column_B=value_column,
        or_equal=True,
    )


ACCEPTED_NOTE = Text(
    " (pengecualian yang diterima: {alasan_pengecualian})", " (accepted exception: {alasan_pengecualian})"
)


def checks(
    code: str,
    impact: str,
    expected: Text,
    found: Text,
    expectation: dict,
    incomplete: tuple[Text, Text, dict] | None = None,
    exceptions: bool = True,
) -> tuple[Check, ...]:
    """The main check of a rule, and (where the rule has them) its incomplete and accepted-exception checks.

    The incomplete check (``<code>.tidak_lengkap``) is a warning on the rows whose inputs are not all
    known; the accepted check (``<code>.pengecualian``) repeats the main expectation on the rows the
    corrections log accepts, as a warning that names the reason."""
    result = [Check(code, impact, expected, found, expectation)]
    if incomplete is not None:
        inc_expected, inc_found, inc_expectation = incomplete
        result.append(Check(f"{code}.tidak_lengkap", "peringatan", inc_expected, inc_found, inc_expectation))
    if exceptions:
        accepted = {**expectation, "kwargs": {**expectation["kwargs"], "row_condition": ACCEPTED}}
        result.append(
            Check(
                f"{code}.pengecualian",
                "peringatan",
                expected,
                Text(found.id + ACCEPTED_NOTE.id, found.en + ACCEPTED_NOTE.en),
                accepted,
            )
        )
    return tuple(result)
