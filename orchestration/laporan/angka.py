"""Numbers and times as an Indonesian office writes them: 2.758.235.300; 95,55 %; 04-12-2026 01.05 WITA.

Formatting only: every value arrives as the Decimal DuckDB returns (money is DECIMAL(18,2), percentages
DECIMAL(10,2)) and is printed exactly, never rounded and never through a float. A value that is None is
not formatted here: the templates print "data tidak lengkap" (or "–" where nothing is measured) instead.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from orchestration.domain.waktu import WITA, waktu_wita  # noqa: F401 (the reports call fmt.waktu_wita)


def _kelompok(digits: str) -> str:
    """'2758235300' -> '2.758.235.300'."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(parts)


def bilangan(value: Decimal | int, min_desimal: int = 0) -> str:
    """An exact decimal the Indonesian way, trailing zeros of the fraction dropped down to `min_desimal`
    digits: Decimal('2758235300.00') -> '2.758.235.300', Decimal('12.5000') -> '12,5',
    Decimal('95.50'), min_desimal=2 -> '95,50'."""
    if isinstance(value, float):
        raise TypeError("angka laporan tidak boleh float")
    value = Decimal(value)
    sign, digits, exponent = value.as_tuple()
    text = format(abs(value), "f")
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) < min_desimal:
        fraction = fraction.ljust(min_desimal, "0")
    negative = sign == 1 and any(d for d in digits)
    result = _kelompok(whole) + ("," + fraction if fraction else "")
    return ("-" if negative else "") + result


def rupiah(value: Decimal | int) -> str:
    """Rupiah without the 'Rp' (the column says it): 2.758.235.300; cents only when there are some (12.500,50)."""
    return bilangan(value, 0)


def persen(value: Decimal) -> str:
    """A percentage as stored (two decimals): 95,55 % (with a no-break space)."""
    return bilangan(value, 2) + "\u00a0%"  # no line break between the number and its sign


def dari_teks(text: str) -> Decimal:
    """The inverse, for tests and readers of the HTML: '2.758.235.300' / '95,55 %' / '12,5' -> Decimal."""
    text = text.replace("%", "").replace("\u00a0", " ").strip()
    return Decimal(text.replace(".", "").replace(",", "."))


BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal_panjang(value: datetime) -> str:
    """4 Desember 2026 (in WITA)."""
    local = value.astimezone(WITA)
    return f"{local.day} {BULAN[local.month - 1]} {local.year}"
