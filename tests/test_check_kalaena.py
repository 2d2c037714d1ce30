"""`monev check` on the Kalaena 2024 plan as published reports what the domain reference's audit lists."""

import pytest

from orchestration.cli import main
from orchestration.settings import SEEDS_DIR

pytestmark = pytest.mark.xdist_group("kalaena_check")
PLAN = SEEDS_DIR / "dokumen" / "rencana_73.24.10_2024.csv"
KINERJA = SEEDS_DIR / "dokumen" / "kinerja_73.24.10_2024.csv"


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["check", str(PLAN), str(KINERJA)])
    return code, buffer.getvalue()


def lines_with(text, *parts):
    return [line for line in text.splitlines() if all(p in line for p in parts)]


def test_exits_1(output):
    assert output[0] == 1


def test_mislabelled_kegiatan_under_7_01_04(output):
    text = output[1]
    # R4: two kegiatan of 7.01.04 with one name, the program no longer adds up, the copied pagu
    assert len(lines_with(text, "uraian_tidak_ganda", "7.01.04.2.0")) == 2
    assert lines_with(text, "pagu_anak_sama_induk", "7.01.04 pagu:", "expected 21.349.000, found 38.680.000")
    assert lines_with(text, "pagu_anak_sama_induk", "7.01.04.2.02 pagu:", "expected 19.340.000, found 2.009.000")


def test_malformed_totals(output):
    text = output[1]
    assert lines_with(text, "row 38, column pagu", "found '31.015.1250'")           # R10, K 2.06
    assert lines_with(text, "row 44, column pagu_tw2", "found '38.290.00'")          # Rapat Koordinasi
    assert lines_with(text, "row 29, column pagu_tw1", "found '925.921,475'")        # gaji, commas


def test_jasa_penunjang_and_pemeliharaan_rollups(output):
    text = output[1]
    assert lines_with(text, "pagu_anak_sama_induk", "7.01.01.2.08 pagu:", "expected 222.460.600, found 177.966.704")
    assert lines_with(text, "pagu_anak_sama_induk", "7.01.01.2.09 pagu:", "expected 35.408.000, found 32.658.000")


def test_pelayanan_umum_annual_cell(output):
    text = output[1]
    assert lines_with(text, "pagu_akhir_tahun_sama_pagu", "7.01.01.2.08.0004",
                      "expected 129.000.000, found 42.750.000")
    assert lines_with(text, "pagu_triwulan_sama_tahunan", "7.01.01.2.08.0004",
                      "expected 129.000.000, found 171.000.000")


def test_summary_line_counts_errors(output):
    assert lines_with(output[1], "2 file(s) checked as submitted (no corrections applied to them)")
