from decimal import Decimal

import pytest

from orchestration.domain.numbers import (
    NumberFormatError, format_number, format_rupiah, parse_number, parse_rupiah, parse_target,
)


@pytest.mark.parametrize("text, expected", [
    ("1.378.000", Decimal("1378000")),
    ("1.378.000,00", Decimal("1378000.00")),
    ("1378000", Decimal("1378000")),
    ("100", Decimal("100")),
    ("1,5", Decimal("1.5")),
    ("-2.000", Decimal("-2000")),
    (" 4.570.000 ", Decimal("4570000")),
])
def test_parse_number_reads_indonesian_format(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", [
    "38.290.00",      # a group of two digits (Kalaena RA, Rapat Koordinasi TW2)
    "31.015.1250",    # a group of four digits (Kalaena RKT, Administrasi Umum)
    "1,378,000",      # English thousands separators
    "1.5",            # one-digit group: ambiguous, never guessed
    "12 Dokumen", "abc", "", "1.000.000,", "Rp",
])
def test_parse_number_rejects_malformed(text):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert error.value.found == text


def test_parse_rupiah_allows_sen_but_not_three_decimals():
    assert parse_rupiah("1.378.000,50") == Decimal("1378000.50")
    assert parse_rupiah("Rp 1.378.000") == Decimal("1378000.00")
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah("925.921,475")  # Kalaena gaji TW1: commas used as thousands separators
    assert "at most 2 decimals" in error.value.expected


def test_parse_rupiah_is_exact_decimal():
    value = parse_rupiah("1.851.842.950") + parse_rupiah("0,01")
    assert value == Decimal("1851842950.01")
    assert isinstance(value, Decimal)


@pytest.mark.parametrize("text, value, unit", [
    ("100%", Decimal("100"), "%"),
    ("6 Dokumen", Decimal("6"), "Dokumen"),
    ("16 Orang/ Bulan", Decimal("16"), "Orang/Bulan"),
    ("5 Lembaga Kemasyarakatan", Decimal("5"), "Lembaga Kemasyarakatan"),
    ("3", Decimal("3"), None),
    ("1,5 %", Decimal("1.5"), "%"),
])
def test_parse_target_splits_number_and_unit(text, value, unit):
    target = parse_target(text)
    assert (target.value, target.unit) == (value, unit)


@pytest.mark.parametrize("text", ["Dokumen", "1.5 Dokumen", "%", "sepuluh"])
def test_parse_target_rejects_non_numbers(text):
    with pytest.raises(NumberFormatError):
        parse_target(text)


def test_formatting_round_trips():
    assert format_rupiah(Decimal("222460600.00")) == "222.460.600"
    assert format_rupiah(Decimal("-1500.50")) == "-1.500,50"
    assert format_number(Decimal("1.5000")) == "1,5"
    assert format_number(Decimal("48.0000")) == "48"
    assert parse_rupiah(format_rupiah(Decimal("2590643300"))) == Decimal("2590643300")
