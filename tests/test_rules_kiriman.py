"""The rules across files of a submission key and across kecamatan, each on a small hand-made fixture, through
the same ingest, dbt rule models and Great Expectations suites as the nightly refresh (`monev check`).

By hand: every kecamatan below sends the good plan (tests/conftest.py) and a TW1 realisasi. 73.24.01 and
73.24.02 send the same four rows (380.000 / 380.000 / 300.000 / 80.000: four non-zero amounts), so each is a
copy of the other; 73.24.03 differs in one amount (sub 0003: 70.000, kegiatan and program 370.000).
73.24.04 sends its version 2 twice, as .csv (sub 0003: 60.000) and as .xlsx with other content: the .csv,
first by name when neither has an arrival time, keeps version 2; the .xlsx is refused and names it.
"""

import pytest
from conftest import GOOD_PLAN, write_plan, write_realisasi_csv, write_realisasi_xlsx

from orchestration.warehouse.check import check_files

pytestmark = pytest.mark.xdist_group("rules")

TW1 = [
    ["7.01.03", "100", "380.000"],
    ["7.01.03.2.01", "100", "380.000"],
    ["7.01.03.2.01.0001", "5", "300.000"],
    ["7.01.03.2.01.0003", "2", "80.000"],
]
OTHER = [
    ["7.01.03", "100", "370.000"],
    ["7.01.03.2.01", "100", "370.000"],
    ["7.01.03.2.01.0001", "5", "300.000"],
    ["7.01.03.2.01.0003", "2", "70.000"],
]
THIRD = [
    ["7.01.03", "100", "360.000"],
    ["7.01.03.2.01", "100", "360.000"],
    ["7.01.03.2.01.0001", "5", "300.000"],
    ["7.01.03.2.01.0003", "2", "60.000"],
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kiriman")
    files = [write_plan(folder / f"rencana_{kw}_2024.csv", GOOD_PLAN) for kw in ("73.24.01", "73.24.02", "73.24.03")]
    files += [write_plan(folder / "rencana_73.24.04_2024.csv", GOOD_PLAN)]
    files += [
        write_realisasi_csv(folder / "realisasi_73.24.01_2024_tw1.csv", TW1),
        write_realisasi_csv(folder / "realisasi_73.24.02_2024_tw1.csv", TW1),
        write_realisasi_csv(folder / "realisasi_73.24.03_2024_tw1.csv", OTHER),
        write_realisasi_csv(folder / "realisasi_73.24.04_2024_tw1_v2.csv", THIRD),
        write_realisasi_xlsx(folder / "realisasi_73.24.04_2024_tw1_v2.xlsx", TW1[:1] + OTHER[1:]),
    ]
    return check_files(files)


def lines(report, rule):
    return [f.baris_teks("id") for f in report.findings if f.aturan == rule]


def test_realisasi_equal_row_for_row_to_another_kecamatans_is_a_warning_naming_it(report):
    assert lines(report, "realisasi_bukan_salinan") == [
        "PERINGATAN realisasi_73.24.01_2024_tw1.csv, kolom berkas, triwulan 1: realisasi kecamatan ini bukan "
        "salinan realisasi kecamatan lain: seharusnya realisasi kecamatan ini sendiri (berkas dikirim dengan nama "
        "kecamatan yang benar?); ditemukan setiap kode, realisasi dan realisasi anggaran sama persis dengan "
        "realisasi_73.24.02_2024_tw1.csv (4 realisasi anggaran bukan nol)",
        "PERINGATAN realisasi_73.24.02_2024_tw1.csv, kolom berkas, triwulan 1: realisasi kecamatan ini bukan "
        "salinan realisasi kecamatan lain: seharusnya realisasi kecamatan ini sendiri (berkas dikirim dengan nama "
        "kecamatan yang benar?); ditemukan setiap kode, realisasi dan realisasi anggaran sama persis dengan "
        "realisasi_73.24.01_2024_tw1.csv (4 realisasi anggaran bukan nol)",
    ]


def test_two_files_claiming_one_version_refuse_the_later_and_name_the_first(report):
    assert lines(report, "versi_tidak_ganda") == [
        "GALAT realisasi_73.24.04_2024_tw1_v2.xlsx, kolom nama_berkas, triwulan 1: satu berkas untuk setiap versi: "
        "seharusnya versi 2 yang belum dikirim; versi ini sudah dikirim sebagai realisasi_73.24.04_2024_tw1_v2.csv "
        "(kirim ulang dengan nomor versi berikutnya, _v<n>); ditemukan realisasi_73.24.04_2024_tw1_v2.xlsx juga "
        "mengaku versi 2",
    ]


def test_the_other_files_raise_nothing(report):
    named = {f.nama_berkas for f in report.findings}
    assert "realisasi_73.24.03_2024_tw1.csv" not in named
    assert "realisasi_73.24.04_2024_tw1_v2.csv" not in named
