import pytest

from orchestration.domain.codes import CodeFormatError, parse_code
from orchestration.domain.submission import finding


def test_levels_and_parents():
    assert parse_code("7.01.02").level == "program"
    kegiatan = parse_code("7.01.02.2.04")
    assert (kegiatan.level, kegiatan.kode_induk) == ("kegiatan", "7.01.02")
    sub = parse_code("7.01.02.2.04.0003")
    assert (sub.level, sub.kode_induk, sub.sementara) == ("sub_kegiatan", "7.01.02.2.04", False)


def test_two_digit_suffix_is_normalised_to_four():
    assert parse_code("7.01.01.2.01.01").kode == "7.01.01.2.01.0001"


def test_provisional_code_is_marked():
    code = parse_code("7.01.06.2.01.X001")
    assert code.sementara and code.kode == "7.01.06.2.01.X001"


@pytest.mark.parametrize(
    "text",
    ["7.01.01.1.06.08", "7.1.02", "7.01.02.2.4", "7.01.02.2.04.00001", "", "abc", "٧.٠١.٠٢", "7.01.02.2.04.０３"],
)  # Arabic-Indic and full-width digits
def test_rejects_malformed_and_provincial_codes(text):
    with pytest.raises(CodeFormatError) as error:
        parse_code(text)
    expected = (
        "format_kode.kosong"
        if not text
        else "format_kode.kode_provinsi"
        if text == "7.01.01.1.06.08"
        else "format_kode.umum"
    )
    assert error.value.cek == expected
    assert error.value.params == ({} if not text else {"isian": text})


def test_provincial_code_message_explains():
    with pytest.raises(CodeFormatError) as error:
        parse_code("7.01.01.1.06.08")
    assert "provincial" in str(error.value)
    message = finding(error.value.cek, error.value.params)
    assert message.diharapkan("id") == (
        "kode seperti 7.01.02, 7.01.02.2.04 atau 7.01.02.2.04.0003 (segmen ke-4 "
        "bernilai 2 = kabupaten/kota; 1 adalah kode provinsi)"
    )
    assert message.ditemukan("id") == "'7.01.01.1.06.08'"
