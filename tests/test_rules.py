"""Every rule of the audit, each failing on its own small hand-computed fixture.

One throw-away build runs all fixtures together (one kecamatan per defect), through the same
ingest, dbt rule models and Great Expectations suites as the nightly refresh (`monev check`).
"""

import pytest

from conftest import plan_with, write_plan
from orchestration.warehouse.check import check_files

pytestmark = pytest.mark.xdist_group("rules")

DEFECTS = {
    # kecamatan: (changes to the good plan, why)
    "73.24.10": ({}, "the good plan"),
    "73.24.01": ({"7.01.03.2.01.0003": {"pagu": "800.000", "pagu_tw2": "300.000"}},
                 "sub-kegiatan no longer sum to their kegiatan"),
    "73.24.02": ({"7.01.03": {"pagu": "1.200.000", "pagu_tw1": "600.000"}},
                 "kegiatan no longer sum to their program"),
    "73.24.03": ({"7.01.03.2.01.0003": {"pagu_tw4": "250.000"}},
                 "triwulan no longer sum to the year"),
    "73.24.04": ({"7.01.03.2.01.0003": {"target_tw4": "2"}}, "summed target 3+3+3+2 = 11, not 12"),
    "73.24.05": ({"7.01.03.2.01": {"target_tw4": "90"}}, "last-value target 90, not 100"),
    "73.24.06": ({"7.01.03.2.01.0001": {"agregasi_target": "tetap", "target_tw1": "5", "target_tw2": "5",
                                        "target_tw3": "4", "target_tw4": "5"}}, "repeated target breaks in TW3"),
    "73.24.07": ({"7.01.03": {"pagu_tw1": "200.000", "pagu_tw2": "400.000"},
                  "7.01.03.2.01": {"pagu_tw1": "200.000", "pagu_tw2": "400.000"},
                  "7.01.03.2.01.0003": {"pagu_tw1": "-100.000", "pagu_tw2": "400.000"}}, "negative money"),
    "73.24.08": ({"7.01.03.2.01.0001": {"kode": "7.01.03.2.01.0099"}}, "code not in the nomenclature"),
    "73.24.09": ({"7.01.03.2.01.0001": {"uraian": "Peningkatan Efektifitas  Kegiatan Pemberdayaan Masyarakat"}},
                 "two children with the same name"),
    "73.24.11": ({"7.01.03.2.01.0003": {"pagu_akhir_tahun": "600.000", "target_akhir_tahun": "12"}},
                 "end-of-year pagu differs from the annual pagu"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    files = [write_plan(folder / f"rencana_{kw}_2024.csv", plan_with(changes)) for kw, (changes, _) in DEFECTS.items()]
    return check_files(files)


def findings(report, kode_wilayah):
    return sorted((f.aturan, f.kode, f.kolom, f.diharapkan, f.ditemukan, f.tingkat)
                  for f in report.findings if f.kode_wilayah == kode_wilayah)


def test_files_parse_cleanly(report):
    assert [str(p) for p in report.file_problems] == []


def test_good_plan_passes_every_rule(report):
    assert findings(report, "73.24.10") == []


def test_sub_kegiatan_must_sum_to_kegiatan(report):
    # kegiatan 1.000.000 vs 300.000 + 800.000; TW2 200.000 vs 0 + 300.000
    assert findings(report, "73.24.01") == [
        ("pagu_anak_sama_induk", "7.01.03.2.01", "pagu", "1.000.000", "1.100.000", "error"),
        ("pagu_anak_sama_induk", "7.01.03.2.01", "pagu_tw2", "200.000", "300.000", "error"),
    ]


def test_kegiatan_must_sum_to_program(report):
    assert findings(report, "73.24.02") == [
        ("pagu_anak_sama_induk", "7.01.03", "pagu", "1.200.000", "1.000.000", "error"),
        ("pagu_anak_sama_induk", "7.01.03", "pagu_tw1", "600.000", "400.000", "error"),
    ]


def test_triwulan_must_sum_to_the_year(report):
    # sub: 100.000 + 200.000 + 200.000 + 250.000 = 750.000 vs 700.000; its kegiatan's TW4 now mismatches too
    assert findings(report, "73.24.03") == [
        ("pagu_anak_sama_induk", "7.01.03.2.01", "pagu_tw4", "200.000", "250.000", "error"),
        ("pagu_triwulan_sama_tahunan", "7.01.03.2.01.0003", "pagu", "700.000", "750.000", "error"),
    ]


def test_summed_targets(report):
    assert findings(report, "73.24.04") == [
        ("target_triwulan_sesuai_agregasi", "7.01.03.2.01.0003", "target", "12", "11", "error")]


def test_last_value_targets(report):
    assert findings(report, "73.24.05") == [
        ("target_triwulan_sesuai_agregasi", "7.01.03.2.01", "target", "100", "90", "error")]


def test_repeated_targets_are_checked_per_quarter(report):
    assert findings(report, "73.24.06") == [
        ("target_triwulan_sesuai_agregasi", "7.01.03.2.01.0001", "target_tw3", "5", "4", "error")]


def test_no_negative_money(report):
    assert findings(report, "73.24.07") == [
        ("uang_tidak_negatif", "7.01.03.2.01.0003", "pagu_tw1", "nilai of 0 or more", "-100.000", "error")]


def test_every_code_is_in_the_nomenclature(report):
    assert findings(report, "73.24.08") == [
        ("kode_dalam_nomenklatur", "7.01.03.2.01.0099", "kode", "a value in nama_nomenklatur", "(empty)", "error"),
    ]


def test_no_two_children_with_one_name(report):
    result = findings(report, "73.24.09")
    assert [(r[0], r[1]) for r in result] == [("uraian_tidak_ganda", "7.01.03.2.01.0001"),
                                              ("uraian_tidak_ganda", "7.01.03.2.01.0003")]


def test_end_of_year_column_matches_the_annual_plan(report):
    assert findings(report, "73.24.11") == [
        ("pagu_akhir_tahun_sama_pagu", "7.01.03.2.01.0003", "pagu_akhir_tahun", "700.000", "600.000", "error")]


def test_each_finding_names_kecamatan_year_code_expected_and_found(report):
    finding = next(f for f in report.findings if f.kode_wilayah == "73.24.01")
    text = str(finding)
    for part in ("73.24.01", "2024", "7.01.03.2.01", "expected 1.000.000", "found 1.100.000"):
        assert part in text
