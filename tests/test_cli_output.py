"""What `monev refresh` prints: every rule is shown, but a national run does not flood the terminal."""

import pytest

from orchestration.cli import SHOWN_PER_RULE, _finding_lines
from orchestration.pesan import atur_bahasa


@pytest.fixture(autouse=True)
def indonesian():
    """The language is chosen once per command; these tests call the printing functions directly."""
    atur_bahasa("id")
    yield
    atur_bahasa("id")


def finding(rule: str, kode_wilayah: str) -> dict:
    """A finding as the audit stores it (reports/latest.json): a registered check and its parameters."""
    params = (
        {"sampel_minimum": 384, "responden": 120}
        if rule == "ikm_sampel"
        else {"capaian_persen": "180", "realisasi": "18", "target": "10"}
    )
    return {
        "aturan": rule,
        "cek": rule,
        "params": params,
        "kode_wilayah": kode_wilayah,
        "tahun": 2024,
        "kode": None,
        "kolom": None,
        "dampak": "peringatan",
        "tingkat": "warning",
    }


def test_each_rule_shows_its_first_findings_and_counts_the_rest():
    items = [finding("ikm_sampel", f"73.24.{i:02d}") for i in range(1, SHOWN_PER_RULE + 3)]
    items.append(finding("capaian_wajar", "73.24.01"))
    lines = _finding_lines(items)
    assert len(lines) == SHOWN_PER_RULE + 2
    assert sum(line.startswith("PERINGATAN 73.24.") for line in lines) == SHOWN_PER_RULE + 1
    assert lines[0] == (
        "PERINGATAN 73.24.01 2024: jumlah responden survei IKM cukup (Krejcie-Morgan): "
        "seharusnya paling sedikit 384 responden; ditemukan 120 responden"
    )
    assert lines[-2] == (
        "PERINGATAN 73.24.01 2024: capaian dan realisasi dalam rentang yang wajar: seharusnya "
        "capaian paling tinggi 150%: periksa target dan realisasi; "
        "ditemukan 180% (realisasi 18 dari target 10)"
    )
    assert lines[-1] == (
        "[ikm_sampel] ... dan 2 temuan lagi dari aturan ini (semuanya di marts.temuan_validasi dan "
        "marts.mart_kualitas_data)"
    )


def test_few_findings_are_all_shown():
    items = [finding("ikm_sampel", "73.24.01"), finding("ikm_sampel", "73.24.02")]
    assert [line.split(":")[0] for line in _finding_lines(items)] == [
        "PERINGATAN 73.24.01 2024",
        "PERINGATAN 73.24.02 2024",
    ]
