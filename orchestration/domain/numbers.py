"""Numbers as Indonesian offices write them.

Thousands are grouped with "." and decimals follow ",": ``1.378.000``, ``1.378.000,00``.
Targets may carry a unit or a percent sign: ``100%``, ``6 Dokumen``, ``16 Orang/ Bulan``.
Anything else (``38.290.00``, ``31.015.1250``, ``1,378,000``, ``Rp 1.000.000,-``, ``(3.840.000)``,
``3.84E6``, ``satu juta``) is rejected, never guessed, and the error names the check that says what is
wrong with it (``orchestration/rules/pembaca.py``). Only the digits 0-9 count.
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
# 3.84E6, 3,84E+06: how a spreadsheet shows a long number; never read as a number of the unit "E6"
_SCIENTIFIC = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?\s*[eE]\s*[+-]?[0-9]+")

MONEY_DECIMALS = 2


class NumberFormatError(ValueError):
    """A cell that is not a number in the Indonesian format.

    ``cek`` is the check it fails (``format_rupiah.<hint>`` or ``format_target.<hint>``, registered in
    ``orchestration/rules/pembaca.py``) and ``params`` the values of its message; ``found`` is the text."""

    def __init__(self, found: str, cek: str, params: dict | None = None):
        self.found = found
        self.cek = cek
        self.params = {"isian": found, **(params or {})}
        super().__init__(found, cek)

    @property
    def aturan(self) -> str:
        return self.cek.partition(".")[0]

    def __str__(self) -> str:
        from orchestration.rules.model import Finding

        finding = Finding(self.aturan, self.cek, self.params)
        return f"expected {finding.diharapkan('en')}, found {finding.ditemukan('en')}"


def parse_number(text: str, aturan: str = "format_target") -> Decimal:
    """``"1.378.000,50"`` -> ``Decimal("1378000.50")``. Raises NumberFormatError, naming a check of
    ``aturan`` (the rule of the cell read: format_target for a number, format_rupiah for money)."""
    cleaned = text.strip().replace("\u00a0", " ")
    match = _NUMBER.fullmatch(cleaned)
    if not match:
        raise _error(aturan, text, cleaned)
    digits = match["int"].replace(".", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    return -value if match["sign"] else value


def parse_rupiah(text: str) -> Decimal:
    """Money: an Indonesian number with at most two decimals, optionally prefixed by ``Rp``."""
    cleaned = re.sub(r"^\s*Rp\.?\s*", "", text, flags=re.IGNORECASE)
    try:
        value = parse_number(cleaned, "format_rupiah")
    except NumberFormatError:
        raise _error("format_rupiah", text, cleaned) from None
    if -value.as_tuple().exponent > MONEY_DECIMALS:
        raise NumberFormatError(text, "format_rupiah.desimal")
    return value.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str | None  # "%", "Dokumen", ... or None when only a number was written


def parse_target(text: str) -> Target:
    """``"6 Dokumen"`` -> Target(6, "Dokumen"); ``"100%"`` -> Target(100, "%"); ``"3"`` -> Target(3, None)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    match = _TARGET.fullmatch(cleaned)
    if not match or _SCIENTIFIC.fullmatch(cleaned):
        raise _error("format_target", text, cleaned)
    try:
        value = parse_number(match["number"])
    except NumberFormatError:
        raise _error("format_target", text, match["number"]) from None
    return Target(value, normalise_unit(match["unit"]) if match["unit"] else None)


def number_hint(text: str) -> tuple[str, dict] | None:
    """Why a cell is not an Indonesian number: the hint's name (the check after the rule's code, e.g.
    ``kelompok_ribuan``) and its parameters; None when there is nothing specific to say."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if not cleaned:
        return None
    if re.fullmatch(r"-+", cleaned):
        return "tanda_strip", {}
    if re.search(r"[0-9]", cleaned) is None:
        if any(ch.isdigit() for ch in cleaned):
            return "angka_lain", {}
        return "kata", {}
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in cleaned):
        return "angka_lain", {}
    if re.search(r",\s*-+$", cleaned):
        return "koma_strip", {}
    if _SCIENTIFIC.fullmatch(cleaned):
        return "notasi_ilmiah", {}
    if re.search(r"[^\W\d_]", cleaned):
        return "huruf", {}
    if re.fullmatch(r"\(\s*[0-9.,]+\s*\)", cleaned):
        return "negatif_kurung", {}  # (3.840.000): an accountant's negative amount
    if re.fullmatch(r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", cleaned):
        return "pemisah_inggris", {}
    if re.search(r"[0-9] [0-9]", cleaned):
        return "spasi", {}
    if cleaned.count(",") > 1:
        return "koma_ganda", {}
    whole = cleaned.lstrip("-").partition(",")[0]
    if "." in whole:
        groups = whole.split(".")
        if len(groups) == 2 and len(groups[1]) != 3:
            return "titik_desimal", {}
        bad = [g for g in groups[1:] if len(g) != 3]
        if bad:
            return "kelompok_ribuan", {"kelompok": bad[0]}
    if cleaned.endswith(","):
        return "koma_akhir", {}
    if re.search(r"[^0-9.,\- ]", cleaned):
        return "karakter", {}
    return None


def _error(aturan: str, found: str, text: str) -> NumberFormatError:
    """The error for ``found`` in rule ``aturan``, with the hint ``text`` (the number part of it) gives."""
    hint = number_hint(text)
    name, params = hint if hint else ("umum", {})
    return NumberFormatError(found, f"{aturan}.{name}", params)


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
