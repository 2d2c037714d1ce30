"""Numbers as Indonesian offices write them.

Thousands are grouped with "." and decimals follow ",": ``1.378.000``, ``1.378.000,00``.
Targets may carry a unit or a percent sign: ``100%``, ``6 Dokumen``, ``16 Orang/ Bulan``.
Anything else (``38.290.00``, ``31.015.1250``, ``1,378,000``) is rejected, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = re.compile(
    r"""^(?P<sign>-)?
        (?P<int>\d{1,3}(?:\.\d{3})+|\d+)   # 1.378.000 or 1378000
        (?:,(?P<frac>\d+))?$               # ,00
    """,
    re.VERBOSE,
)
_TARGET = re.compile(r"^(?P<number>-?[\d.,]+)\s*(?P<unit>%|[^\d\s].*)?$")

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
    match = _NUMBER.match(cleaned)
    if not match:
        raise NumberFormatError(text, "a number such as 1.378.000 or 1.378.000,00")
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
        raise NumberFormatError(text, expected) from None
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
    match = _TARGET.match(cleaned)
    if not match:
        raise NumberFormatError(text, "a target such as 6, 100%, 6 Dokumen or 1,5")
    try:
        value = parse_number(match["number"])
    except NumberFormatError:
        raise NumberFormatError(text, "a target such as 6, 100%, 6 Dokumen or 1,5") from None
    return Target(value, normalise_unit(match["unit"]) if match["unit"] else None)


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
