"""Numbers as Indonesian offices write them.

Thousands are grouped with "." and decimals follow ",": ``1.378.000``, ``1.378.000,00``.
Targets may carry a unit or a percent sign: ``100%``, ``6 Dokumen``, ``16 Orang/ Bulan``.
Anything else (``38.290.00``, ``31.015.1250``, ``1,378,000``, ``Rp 1.000.000,-``, ``satu juta``) is
rejected, never guessed, and the error says what is wrong with it. Only the digits 0-9 count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# ASCII digits only: "\d" would also accept Arabic-Indic or full-width digits, and Decimal() reads them.
_NUMBER = re.compile(
    r"""(?P<sign>-)?
        (?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)   # 1.378.000 or 1378000
        (?:,(?P<frac>[0-9]+))?                      # ,00
    """,
    re.VERBOSE,
)
# A unit starts with no digit of any script and no separator: "1.٠٠٠" is not 1 of the unit ".٠٠٠".
_TARGET = re.compile(r"(?P<number>-?[0-9.,]+)\s*(?P<unit>%|[^\d\s.,].*)?", re.DOTALL)

MONEY_DECIMALS = 2


class NumberFormatError(ValueError):
    """A cell that is not a number in the Indonesian format; ``expected`` says what would be."""

    def __init__(self, found: str, expected: str):
        self.found = found
        self.expected = expected
        super().__init__(f"expected {expected}, found {found!r}")


def parse_number(text: str) -> Decimal:
    """``"1.378.000,50"`` -> ``Decimal("1378000.50")``. Raises NumberFormatError."""
    cleaned = text.strip().replace("\u00a0", " ")
    match = _NUMBER.fullmatch(cleaned)
    if not match:
        raise NumberFormatError(text, _with_hint("a number such as 1.378.000 or 1.378.000,00", text))
    digits = match["int"].replace(".", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    return -value if match["sign"] else value


def parse_rupiah(text: str) -> Decimal:
    """Money: an Indonesian number with at most two decimals, optionally prefixed by ``Rp``."""
    cleaned = re.sub(r"^\s*Rp\.?\s*", "", text, flags=re.IGNORECASE)
    expected = "rupiah such as 1.378.000 or 1.378.000,00"
    try:
        value = parse_number(cleaned)
    except NumberFormatError:
        raise NumberFormatError(text, _with_hint(expected, cleaned)) from None
    if -value.as_tuple().exponent > MONEY_DECIMALS:
        raise NumberFormatError(text, expected + " (at most 2 decimals)")
    return value.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str | None  # "%", "Dokumen", ... or None when only a number was written


def parse_target(text: str) -> Target:
    """``"6 Dokumen"`` -> Target(6, "Dokumen"); ``"100%"`` -> Target(100, "%"); ``"3"`` -> Target(3, None)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    expected = "a target such as 6, 100%, 6 Dokumen or 1,5"
    match = _TARGET.fullmatch(cleaned)
    if not match:
        raise NumberFormatError(text, _with_hint(expected, cleaned))
    try:
        value = parse_number(match["number"])
    except NumberFormatError:
        raise NumberFormatError(text, _with_hint(expected, match["number"])) from None
    return Target(value, normalise_unit(match["unit"]) if match["unit"] else None)


def number_hint(text: str) -> str | None:
    """Why a cell is not an Indonesian number, in a few words (None when there is nothing specific to say)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        return None
    if re.fullmatch(r"-+", cleaned):
        return "0 for nothing, not '-'"
    if re.search(r"[0-9]", cleaned) is None:
        if any(ch.isdigit() for ch in cleaned):
            return "digits 0-9 only"
        return "digits, not words"
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in cleaned):
        return "digits 0-9 only"
    if re.search(r",\s*-+$", cleaned):
        return "no ',-' after the amount"
    if re.search(r"[^\W\d_]", cleaned):
        return "the number alone, without words such as 'rupiah'"
    if re.fullmatch(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", cleaned):
        return "'.' between thousands and ',' before decimals, as in 1.378.000,00, not 1,378,000"
    if re.search(r"[0-9] [0-9]", cleaned):
        return "no spaces inside the number"
    if cleaned.count(",") > 1:
        return "at most one ',', before the decimals"
    whole = cleaned.lstrip("-").partition(",")[0]
    if "." in whole:
        groups = whole.split(".")
        if len(groups) == 2 and len(groups[1]) != 3:
            return "',' before decimals ('.' separates thousands)"
        bad = [g for g in groups[1:] if len(g) != 3]
        if bad:
            return f"groups of three digits after each '.', not {bad[0]!r}"
    if cleaned.endswith(","):
        return "digits after the ','"
    if re.search(r"[^0-9.,\- ]", cleaned):
        return "only digits, '.' and ','"
    return None


def _with_hint(expected: str, text: str) -> str:
    hint = number_hint(text)
    return f"{expected} ({hint})" if hint else expected


def normalise_unit(unit: str) -> str:
    """Spacing only: ``"Orang/ Bulan"`` -> ``"Orang/Bulan"``, ``" % "`` -> ``"%"``."""
    return re.sub(r"\s*/\s*", "/", " ".join(unit.split()))


def format_rupiah(value: Decimal | int | None) -> str:
    """``Decimal("222460600.00")`` -> ``"222.460.600"``; keeps ``,50`` when there are sen."""
    if value is None:
        return "-"
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    value = abs(value).quantize(Decimal("0.01"))
    whole, frac = f"{value:f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" + ("" if frac == "00" else f",{frac}")


def format_number(value: Decimal | int | None) -> str:
    """Indonesian display of a non-money number: ``Decimal("1.5")`` -> ``"1,5"``."""
    if value is None:
        return "-"
    value = Decimal(value).normalize()
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" + (f",{frac}" if frac else "")
