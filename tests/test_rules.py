"""Every plan rule of the audit, each failing on its own small hand-computed fixture.

One throw-away build checks all fixtures together (one kecamatan per defect), through the same
ingest, dbt rule models and Great Expectations suites as the nightly refresh (`monev check`).

The good plan (tests/conftest.py), by hand: program 7.01.03 = kegiatan 7.01.03.2.01 = 1.000.000, quarters
400.000 / 200.000 / 200.000 / 200.000; sub 0001 = 300.000, all in TW1 (its empty TW2-TW4 are 0: TW1 alone
is its year); sub 0003 = 700.000 = 100.000 + 200.000 + 200.000 + 200.000, targets 3 x 4 = 12.
"""

import pytest
from conftest import plan_with, write_plan

from orchestration.warehouse.check import check_files

pytestmark = pytest.mark.xdist_group("rules")

LOST_TW4 = {"7.01.03.2.01.0003": {"target_tw4": "", "pagu_tw4": ""}}
DEFECTS = {
    # kecamatan: (changes to the good plan, why)
    "73.24.10": ({}, "the good plan"),
    "73.24.01": (
        {"7.01.03.2.01.0003": {"pagu": "800.000", "pagu_tw2": "300.000"}},
        "sub-kegiatan no longer sum to their kegiatan",
    ),
    "73.24.02": ({"7.01.03": {"pagu": "1.200.000", "pagu_tw1": "600.000"}}, "kegiatan no longer sum to their program"),
    "73.24.03": ({"7.01.03.2.01.0003": {"pagu_tw4": "250.000"}}, "triwulan no longer sum to the year"),
    "73.24.04": ({"7.01.03.2.01.0003": {"target_tw4": "2"}}, "summed target 3+3+3+2 = 11, not 12"),
    "73.24.05": ({"7.01.03.2.01": {"target_tw4": "90"}}, "last-value target 90, not 100"),
    "73.24.06": (
        {
            "7.01.03.2.01.0001": {
                "agregasi_target": "tetap",
                "target_tw1": "5",
                "target_tw2": "5",
                "target_tw3": "4",
                "target_tw4": "5",
            }
        },
        "repeated target breaks in TW3",
    ),
    "73.24.07": ({"7.01.03.2.01.0003": {"pagu_tw1": "-100.000"}}, "negative money is refused as it is read"),
    "73.24.08": ({"7.01.03.2.01.0001": {"kode": "7.01.03.2.01.0099"}}, "code not in the nomenclature"),
    "73.24.09": (
        {"7.01.03.2.01.0001": {"uraian": "Peningkatan Efektifitas  Kegiatan Pemberdayaan Masyarakat"}},
        "two children with the same name",
    ),
    "73.24.11": (
        {"7.01.03.2.01.0003": {"pagu_akhir_tahun": "600.000", "target_akhir_tahun": "12"}},
        "end-of-year pagu differs from the annual pagu",
    ),
    "73.22.01": (LOST_TW4, "the TW4 pair of a sub-kegiatan is lost"),
    "73.22.02": (
        {"7.01.03.2.01.0003": {"satuan": "Dokumen", "target": "12 Dokumen"}},
        "a unit that is not the nomenclature's",
    ),
    "73.22.03": ({"7.01.03.2.01": {"indikator": "Persentase capaian"}}, "the kegiatan repeats the program's indicator"),
    "73.22.04": ({"7.01.03.2.01.0003": {"target_akhir_tahun": "100%"}}, "an end-of-year target in another unit"),
}
KINERJA = [
    "tabel,no,indikator,kode_indikator,tahun_target,target",
    "tujuan_sasaran,1,Indeks Kepuasan Masyarakat (IKM),ikm,2024,90",
    "tujuan_sasaran,1,Indeks Kepuasan Masyarakat (IKM),ikm,2025,95",
    "iku,1,Indeks Kepuasan Masyarakat,ikm,2025,95",
    "perjanjian_kinerja,1,IKM,ikm,2024,95",
    "perjanjian_kinerja,2,Persentase Capaian Kinerja Program Penunjang,,2024,98",
    "tujuan_sasaran,2,Persentase Capaian Kinerja Program Penunjang,,2024,97",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    files = [write_plan(folder / f"rencana_{kw}_2024.csv", plan_with(changes)) for kw, (changes, _) in DEFECTS.items()]
    kinerja = folder / "kinerja_73.24.10_2024.csv"
    kinerja.write_text("\n".join(KINERJA) + "\n", encoding="utf-8")
    return check_files([*files, kinerja])


def messages(report, kode_wilayah):
    return sorted(
        f.baris_teks("id").split(f"rencana_{kode_wilayah}_2024.csv, ", 1)[-1]
        for f in report.findings
        if f.nama_berkas == f"rencana_{kode_wilayah}_2024.csv"
    )


def test_the_good_plan_passes_every_rule(report):
    assert messages(report, "73.24.10") == []


def test_sub_kegiatan_must_sum_to_kegiatan(report):
    # kegiatan 1.000.000 vs 300.000 + 800.000; TW2 200.000 vs 0 (sub 0001: TW1 alone is its year) + 300.000
    assert messages(report, "73.24.01") == [
        "baris 3, 7.01.03.2.01, kolom pagu: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: seharusnya "
        "1.000.000, pagu kegiatan ini; ditemukan 1.100.000, jumlah 2 sub-kegiatan (selisih -100.000)",
        "baris 3, 7.01.03.2.01, kolom pagu_tw2: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: "
        "seharusnya 200.000, pagu kegiatan ini; ditemukan 300.000, jumlah 2 sub-kegiatan (selisih -100.000)",
    ]


def test_kegiatan_must_sum_to_program(report):
    # the program's own quarters 600.000 + 200.000 x 3 = 1.200.000 agree with its year; its kegiatan do not
    assert messages(report, "73.24.02") == [
        "baris 2, 7.01.03, kolom pagu: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: seharusnya "
        "1.200.000, pagu program ini; ditemukan 1.000.000, jumlah 1 kegiatan (selisih 200.000)",
        "baris 2, 7.01.03, kolom pagu_tw1: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: seharusnya "
        "600.000, pagu program ini; ditemukan 400.000, jumlah 1 kegiatan (selisih 200.000)",
    ]


def test_triwulan_must_sum_to_the_year(report):
    # sub: 100.000 + 200.000 + 200.000 + 250.000 = 750.000 vs 700.000; its kegiatan's TW4 now mismatches too
    assert messages(report, "73.24.03") == [
        "baris 3, 7.01.03.2.01, kolom pagu_tw4: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: "
        "seharusnya 200.000, pagu kegiatan ini; ditemukan 250.000, jumlah 2 sub-kegiatan (selisih -50.000)",
        "baris 5, 7.01.03.2.01.0003, kolom pagu: pagu setahun, jumlah pagu empat triwulan dan pagu akhir tahun "
        "sama: seharusnya nilai yang sama; ditemukan pagu 700.000; pagu_tw1+pagu_tw2+pagu_tw3+pagu_tw4 750.000; "
        "pagu_akhir_tahun (kosong)",
    ]


def test_summed_targets(report):
    assert messages(report, "73.24.04") == [
        "baris 5, 7.01.03.2.01.0003, kolom target: target setahun, target triwulan (menurut agregasi_target) dan "
        "target akhir tahun sama: seharusnya nilai yang sama (agregasi_target jumlah); ditemukan target 12; "
        "triwulan 11 (TW1 3, TW2 3, TW3 3, TW4 2); target_akhir_tahun (kosong)"
    ]


def test_last_value_targets(report):
    assert messages(report, "73.24.05") == [
        "baris 3, 7.01.03.2.01, kolom target: target setahun, target triwulan (menurut agregasi_target) dan target "
        "akhir tahun sama: seharusnya nilai yang sama (agregasi_target akhir); ditemukan target 100; triwulan 90 "
        "(TW1 100, TW2 100, TW3 100, TW4 90); target_akhir_tahun (kosong)"
    ]


def test_repeated_targets_break_when_one_quarter_differs(report):
    assert messages(report, "73.24.06") == [
        "baris 4, 7.01.03.2.01.0001, kolom target: target setahun, target triwulan (menurut agregasi_target) dan "
        "target akhir tahun sama: seharusnya nilai yang sama (agregasi_target tetap); ditemukan target 5; "
        "triwulan (kosong) (TW1 5, TW2 5, TW3 4, TW4 5); target_akhir_tahun (kosong)"
    ]


def test_negative_money_is_refused_and_takes_no_part_in_sums(report):
    # The cell is refused and read as unknown, so the kegiatan's TW1 cannot be checked: 400.000 minus the
    # known sub 0001 TW1 300.000 leaves 100.000 for the refused cell
    assert messages(report, "73.24.07") == [
        "baris 3, 7.01.03.2.01, kolom pagu_tw1: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: "
        "seharusnya pagu kegiatan ini sama dengan jumlah 2 sub-kegiatan di bawahnya; ditemukan tidak dapat "
        "diperiksa, nilai tidak diketahui pada pagu_tw1: 7.01.03.2.01.0003 (100.000) (dalam kurung: pagu induk "
        "dikurangi jumlah yang diketahui)",
        "baris 5, 7.01.03.2.01.0003, kolom pagu_tw1: tidak boleh negatif: seharusnya 0 atau lebih; ditemukan "
        "'-100.000'",
    ]


def test_every_code_is_in_the_nomenclature(report):
    assert messages(report, "73.24.08") == [
        "baris 4, 7.01.03.2.01.0099, kolom kode: kode ada dalam nomenklatur, pada tingkat dan induk yang benar: "
        "seharusnya kode yang ada dalam nomenklatur 7.01; ditemukan 7.01.03.2.01.0099, yang tidak ada dalam "
        "nomenklatur ('Peningkatan Partisipasi Masyarakat dalam Musrenbang Desa')"
    ]


def test_no_two_children_with_one_name_reported_once(report):
    assert messages(report, "73.24.09") == [
        "baris 5, 7.01.03.2.01.0003, kolom uraian: dua baris di bawah induk yang sama tidak bernama sama: "
        "seharusnya nama yang berbeda dari baris lain di bawah 7.01.03.2.01; ditemukan nama yang sama dengan "
        "7.01.03.2.01.0001 (baris 4): 'Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat'"
    ]


def test_end_of_year_column_matches_the_year_and_the_quarters(report):
    assert messages(report, "73.24.11") == [
        "baris 5, 7.01.03.2.01.0003, kolom pagu: pagu setahun, jumlah pagu empat triwulan dan pagu akhir tahun "
        "sama: seharusnya nilai yang sama; ditemukan pagu 700.000; pagu_tw1+pagu_tw2+pagu_tw3+pagu_tw4 700.000; "
        "pagu_akhir_tahun 600.000"
    ]


def test_a_lost_quarter_is_reported_once_as_lost_never_as_a_difference_against_zero(report):
    # 100.000 + 200.000 + 200.000 = 500.000 of 700.000 are readable; the kegiatan's TW4 200.000 would be the
    # lost cell exactly (200.000 - 0 from sub 0001)
    assert messages(report, "73.22.01") == [
        "baris 3, 7.01.03.2.01, kolom pagu_tw4: pagu program/kegiatan sama dengan jumlah pagu di bawahnya: "
        "seharusnya pagu kegiatan ini sama dengan jumlah 2 sub-kegiatan di bawahnya; ditemukan tidak dapat "
        "diperiksa, nilai tidak diketahui pada pagu_tw4: 7.01.03.2.01.0003 (200.000) (dalam kurung: pagu induk "
        "dikurangi jumlah yang diketahui)",
        "baris 5, 7.01.03.2.01.0003: setiap sel target dan pagu triwulan terisi: seharusnya angka di setiap sel "
        "target dan pagu triwulan; ditemukan sel kosong target_tw4, pagu_tw4 (pagu setahun 700.000; jumlah pagu "
        "triwulan yang terbaca 500.000)",
    ]


def test_a_unit_other_than_the_nomenclatures_is_a_warning(report):
    findings = [f for f in report.findings if f.nama_berkas == "rencana_73.22.02_2024.csv"]
    assert [(f.tingkat, f.kode, f.pesan()) for f in findings] == [
        (
            "warning",
            "7.01.03.2.01.0003",
            "satuan sama dengan satuan sub-kegiatan dalam nomenklatur: seharusnya "
            "'Laporan' (nomenklatur); ditemukan 'Dokumen'",
        )
    ]


def test_a_copied_indicator_is_a_warning_naming_the_row_it_copies(report):
    findings = [f for f in report.findings if f.nama_berkas == "rencana_73.22.03_2024.csv"]
    assert [(f.tingkat, f.kode, f.kolom, f.ditemukan()) for f in findings] == [
        ("warning", "7.01.03.2.01", "indikator", "indikator yang sama dengan 7.01.03 (baris 2): 'Persentase capaian'")
    ]


def test_an_end_of_year_target_in_another_unit_is_reported_once_and_left_out(report):
    findings = [f for f in report.findings if f.nama_berkas == "rencana_73.22.04_2024.csv"]
    assert [(f.aturan, f.kode, f.kolom) for f in findings] == [
        ("satuan_target", "7.01.03.2.01.0003", "target_akhir_tahun")
    ]


def test_kinerja_targets_are_compared_by_kode_indikator_in_every_table(report):
    # ikm 2024: 90 (tujuan_sasaran) vs 95 (PK); ikm 2025: 95 = 95; the unnamed indicator is not compared
    findings = [f for f in report.findings if f.nama_berkas == "kinerja_73.24.10_2024.csv"]
    assert [f.baris_teks("id") for f in findings] == [
        "PERINGATAN kinerja_73.24.10_2024.csv, baris 2, ikm, kolom target: satu indikator punya satu target per "
        "tahun di setiap tabel: seharusnya target 2024 yang sama di setiap tabel untuk 'Indeks Kepuasan "
        "Masyarakat (IKM)'; ditemukan tujuan_sasaran 90, perjanjian_kinerja 95"
    ]
