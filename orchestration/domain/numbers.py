"""Numbers as Indonesian offices write them.

Thousands are grouped with "." and decimals follow ",": ``1.378.000``, ``1.378.000,00``.
Targets may carry a unit or a percent sign: ``100%``, ``6 Dokumen``, ``16 Orang/ Bulan``.
Anything else (``38.290.00``, ``31.015.1250``, ``1,378,000``, ``Rp 1.000.000,-``, ``(3.840.000)``,
``3.84E6``, ``satu juta``) is rejected, never guessed, and the error names the check that says what is
wrong with it (``orchestration/rules/pembaca.py``). Only the digits 0-9 count.

A number the reader accepts always fits the column it lands in (rule ``rentang_nilai``): rupiah become
``DECIMAL(18,2)`` and targets ``DECIMAL(18,4)`` in staging, so an amount or a target is at most
``MAX_RUPIAH`` / ``MAX_TARGET`` (1 triliun: a whole file of ``MAX_ROWS`` such cells still sums within
the 16 integer digits of ``DECIMAL(18,2)``), and a target has at most 4 decimals (the cast would round
the rest away). What passes here can never fail a cast later and stop a refresh.
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
# ... also when a unit or a percent sign follows it ("3,84E6 Dokumen", "3.84E6%")
_SCIENTIFIC_START = re.compile(r"-?[0-9][0-9.,]*\s*[eE]\s*[+-]?[0-9]+(?![0-9])")
# (3.840.000), (Rp 3.840.000), (3.840.000)%: an accountant's negative amount, whatever follows it
_BRACKETED = re.compile(r"\(\s*(?:Rp\.?\s*)?-?[0-9][0-9.,]*\s*\)(?:\s*\S.*)?", re.IGNORECASE | re.DOTALL)

MONEY_DECIMALS = 2
TARGET_DECIMALS = 4  # DECIMAL(18,4) in staging
# The largest amount and target a cell may hold: far above any kecamatan's figures (a kecamatan's whole
# annual pagu is a few miliar), far below the columns' DECIMAL(18,2) and DECIMAL(18,4) limits (10^16 and
# 10^14), so that sums over a file (at most 5.000 rows) and over four triwulan fit the columns too.
MAX_RUPIAH = Decimal(10) ** 12
MAX_TARGET = Decimal(10) ** 12


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
    check_range(value, text, "rupiah")  # before quantize: 29 digits and more would overflow its context
    return value.quantize(Decimal("0.01"))


def check_range(value: Decimal, text: str, jenis: str) -> None:
    """Rule ``rentang_nilai``: an amount (``jenis`` rupiah) or a target (``target``) within its bound,
    whatever its sign (a negative value is the ``tidak_negatif`` rule's to report)."""
    limit = MAX_RUPIAH if jenis == "rupiah" else MAX_TARGET
    if abs(value) > limit:
        raise NumberFormatError(text, f"rentang_nilai.{jenis}", {"batas": limit})


@dataclass(frozen=True)
class Target:
    value: Decimal
    unit: str | None  # "%", "Dokumen", ... or None when only a number was written


def parse_target(text: str) -> Target:
    """``"6 Dokumen"`` -> Target(6, "Dokumen"); ``"100%"`` -> Target(100, "%"); ``"3"`` -> Target(3, None)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    match = _TARGET.fullmatch(cleaned)
    if not match or _SCIENTIFIC_START.match(cleaned):  # "1,5E3 Dokumen" is not 1,5 of the unit "E3 Dokumen"
        raise _error("format_target", text, cleaned)
    try:
        value = parse_number(match["number"])
    except NumberFormatError:
        raise _error("format_target", text, match["number"]) from None
    if -value.as_tuple().exponent > TARGET_DECIMALS:
        raise NumberFormatError(text, "format_target.desimal")
    check_range(value, text, "target")
    return Target(value, normalise_unit(match["unit"]) if match["unit"] else None)


# The common well-formed cell, read without Decimal: digits 0-9 only, no sign, no leading zero, at most 12
# digits before the comma (below MAX_RUPIAH and MAX_TARGET whatever the decimals), at most MONEY_DECIMALS /
# TARGET_DECIMALS after it; a target may end in "%" or in one space and a unit of ASCII letters ("12 Laporan").
# Whatever these patterns match, parse_rupiah / parse_target accept with the same value and unit; anything
# else takes their full path (which also says what is wrong with it).
_PLAIN_WHOLE = r"(?:0|[1-9][0-9]{0,2}(?:\.[0-9]{3}){1,3}|[1-9][0-9]{0,11})"
_PLAIN_RUPIAH = re.compile(_PLAIN_WHOLE + r"(?:,[0-9]{1,2})?")
_PLAIN_TARGET = re.compile(f"({_PLAIN_WHOLE}(?:,[0-9]{{1,4}})?)(?:(%)| ([A-Za-z]+))?")


def rupiah_text(text: str) -> str | None:
    """``f"{parse_rupiah(text):f}"`` for a plain cell (``"1.378.000"``, ``"1.378.000,5"``) without Decimal;
    None when ``text`` is not one: then parse_rupiah reads it (or says why not)."""
    if _PLAIN_RUPIAH.fullmatch(text) is None:
        return None
    if "," not in text:
        return text.replace(".", "") + ".00"
    whole, _, frac = text.partition(",")
    return f"{whole.replace('.', '')}.{frac:0<2}"


def target_text(text: str) -> tuple[str, str | None] | None:
    """``(f"{t.value:f}", t.unit)`` of ``t = parse_target(text)`` for a plain cell (``"100"``, ``"1,25"``,
    ``"100%"``, ``"12 Laporan"``) without Decimal; None when ``text`` is not one: then parse_target reads it
    (or says why not)."""
    match = _PLAIN_TARGET.fullmatch(text)
    if match is None:
        return None
    number, percent, word = match.groups()
    return number.replace(".", "").replace(",", "."), percent or word


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
    if _SCIENTIFIC_START.match(cleaned):
        return "notasi_ilmiah", {}
    if _BRACKETED.fullmatch(cleaned):
        return "negatif_kurung", {}  # before "huruf" and the digit groups: "(Rp 3.840.000)" is negative
    if re.search(r"[^\W\d_]", cleaned):
        return "huruf", {}
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
