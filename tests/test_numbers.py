from decimal import Decimal

import pytest

from orchestration.domain.numbers import (
    NumberFormatError,
    format_number,
    format_rupiah,
    number_hint,
    parse_number,
    parse_rupiah,
    parse_target,
)
from orchestration.rules.pembaca import MONEY_HINTS, TARGET_HINTS
from orchestration.rules.registry import RULES


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.378.000", Decimal("1378000")),
        ("1.378.000,00", Decimal("1378000.00")),
        ("1378000", Decimal("1378000")),
        ("100", Decimal("100")),
        ("1,5", Decimal("1.5")),
        ("-2.000", Decimal("-2000")),
        (" 4.570.000 ", Decimal("4570000")),
    ],
)
def test_parse_number_reads_indonesian_format(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "38.290.00",  # a group of two digits (Kalaena RA, Rapat Koordinasi TW2)
        "31.015.1250",  # a group of four digits (Kalaena RKT, Administrasi Umum)
        "1,378,000",  # English thousands separators
        "1.5",  # one-digit group: ambiguous, never guessed
        "12 Dokumen",
        "abc",
        "",
        "1.000.000,",
        "Rp",
    ],
)
def test_parse_number_rejects_malformed(text):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert error.value.found == text
    assert error.value.cek.startswith("format_target.") and error.value.params["isian"] == text


def test_parse_rupiah_allows_sen_but_not_three_decimals():
    assert parse_rupiah("1.378.000,50") == Decimal("1378000.50")
    assert parse_rupiah("Rp 1.378.000") == Decimal("1378000.00")
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah("925.921,475")  # Kalaena gaji TW1: commas used as thousands separators
    assert error.value.cek == "format_rupiah.desimal"
    assert (
        str(error.value)
        == "expected rupiah such as 1.378.000 or 1.378.000,00 (at most 2 decimals), found '925.921,475'"
    )


def test_parse_rupiah_is_exact_decimal():
    value = parse_rupiah("1.851.842.950") + parse_rupiah("0,01")
    assert value == Decimal("1851842950.01")
    assert isinstance(value, Decimal)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("100%", Decimal("100"), "%"),
        ("6 Dokumen", Decimal("6"), "Dokumen"),
        ("16 Orang/ Bulan", Decimal("16"), "Orang/Bulan"),
        ("5 Lembaga Kemasyarakatan", Decimal("5"), "Lembaga Kemasyarakatan"),
        ("3", Decimal("3"), None),
        ("1,5 %", Decimal("1.5"), "%"),
    ],
)
def test_parse_target_splits_number_and_unit(text, value, unit):
    target = parse_target(text)
    assert (target.value, target.unit) == (value, unit)


@pytest.mark.parametrize(
    "text, cek",
    [
        ("Dokumen", "kata"),
        ("1.5 Dokumen", "titik_desimal"),
        ("%", "kata"),
        ("sepuluh", "kata"),
        ("Dokumen 6", "huruf"),
        ("3.84E6", "notasi_ilmiah"),
        ("(5)", "negatif_kurung"),
    ],
)
def test_parse_target_rejects_non_numbers(text, cek):
    with pytest.raises(NumberFormatError) as error:
        parse_target(text)
    assert error.value.cek == f"format_target.{cek}"


# One text per hint number_hint gives; every hint is a registered check of both number rules.
HINT_EXAMPLES = {
    "tanda_strip": "-",
    "angka_lain": "\u0661\u0662",
    "kata": "satu juta",
    "koma_strip": "700.000,-",
    "huruf": "100.000 rupiah",
    "notasi_ilmiah": "3.84E6",
    "negatif_kurung": "(3.840.000)",
    "pemisah_inggris": "1,378,000",
    "spasi": "1 378 000",
    "koma_ganda": "1,5,0",
    "titik_desimal": "1.5",
    "kelompok_ribuan": "31.015.1250",
    "koma_akhir": "1.000,",
    "karakter": "#1.000",
}


@pytest.mark.parametrize("hint", sorted(HINT_EXAMPLES))
def test_every_hint_is_a_check_of_both_number_rules(hint):
    assert number_hint(HINT_EXAMPLES[hint])[0] == hint
    for rule, hints in (("format_rupiah", MONEY_HINTS), ("format_target", TARGET_HINTS)):
        assert hint in hints
        RULES[rule].check(f"{rule}.{hint}")  # registered


def test_the_hints_are_exactly_the_ones_number_hint_gives():
    assert set(MONEY_HINTS) == set(HINT_EXAMPLES) | {"umum", "desimal"}
    assert set(TARGET_HINTS) == set(HINT_EXAMPLES) | {"umum", "desimal"}
    assert number_hint("--5") is None  # nothing specific to say: the general check
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah("--5")
    assert error.value.cek == "format_rupiah.umum"


def test_a_group_hint_names_the_bad_group():
    assert number_hint("38.290.00") == ("kelompok_ribuan", {"kelompok": "00"})
    with pytest.raises(NumberFormatError) as error:
        parse_rupiah("Rp 38.290.00")
    assert error.value.params == {"isian": "Rp 38.290.00", "kelompok": "00"}  # found as written, with its Rp


def test_formatting_round_trips():
    assert format_rupiah(Decimal("222460600.00")) == "222.460.600"
    assert format_rupiah(Decimal("-1500.50")) == "-1.500,50"
    assert format_number(Decimal("1.5000")) == "1,5"
    assert format_number(Decimal("48.0000")) == "48"
    assert parse_rupiah(format_rupiah(Decimal("2590643300"))) == Decimal("2590643300")
