"""`monev check` on the real Kalaena 2024 plan and kinerja files prints exactly the hand-derived list.

Every expected line below is derived by hand from the published document (the source text is
committed as seeds/dokumen/sumber/rencana-aksi-kalaena-2024.txt; "teks N" is its line N; "R4", "O1"
are the items of the arithmetic audit in the domain reference). The check reads the files as
submitted, with no correction applied: each real inconsistency once, a lost cell as a lost cell
(never as a difference against 0), an unreadable cell reported once and kept out of every sum.
"""

import contextlib
import io

import pytest

from orchestration.cli import main
from orchestration.settings import SEEDS_DIR

pytestmark = pytest.mark.xdist_group("kalaena_check")
PLAN = SEEDS_DIR / "dokumen" / "rencana_73.24.10_2024.csv"
KINERJA = SEEDS_DIR / "dokumen" / "kinerja_73.24.10_2024.csv"
R = "rencana_73.24.10_2024.csv"
K = "kinerja_73.24.10_2024.csv"
ALL_QUARTERS = "target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, pagu_tw3, target_tw4, pagu_tw4"


def lost(baris, kode, cells, pagu, terbaca="(kosong)"):
    """A plan row whose quarterly cells are lost: reported once, listing the cells."""
    return (
        f"GALAT {R}, baris {baris}, {kode}: setiap sel target dan pagu triwulan terisi: seharusnya angka di "
        f"setiap sel target dan pagu triwulan; ditemukan sel kosong {cells} (pagu setahun {pagu}; jumlah pagu "
        f"triwulan yang terbaca {terbaca})"
    )


def unchecked(baris, kode, kolom, level, n, tingkat, rincian):
    """A rollup whose inputs are not all known: the missing inputs, never a false difference."""
    return (
        f"PERINGATAN {R}, baris {baris}, {kode}, kolom {kolom}: pagu program/kegiatan sama dengan jumlah pagu "
        f"di bawahnya: seharusnya pagu {level} ini sama dengan jumlah {n} {tingkat} di bawahnya; ditemukan tidak "
        f"dapat diperiksa, nilai tidak diketahui pada {rincian} (dalam kurung: pagu induk dikurangi jumlah yang "
        f"diketahui)"
    )


def rollup(baris, kode, level, pagu, jumlah, n, tingkat, selisih):
    return (
        f"GALAT {R}, baris {baris}, {kode}, kolom pagu: pagu program/kegiatan sama dengan jumlah pagu di "
        f"bawahnya: seharusnya {pagu}, pagu {level} ini; ditemukan {jumlah}, jumlah {n} {tingkat} "
        f"(selisih {selisih})"
    )


def annual(baris, kode, pagu, triwulan, akhir):
    return (
        f"GALAT {R}, baris {baris}, {kode}, kolom pagu: pagu setahun, jumlah pagu empat triwulan dan pagu akhir "
        f"tahun sama: seharusnya nilai yang sama; ditemukan pagu {pagu}; pagu_tw1+pagu_tw2+pagu_tw3+pagu_tw4 "
        f"{triwulan}; pagu_akhir_tahun {akhir}"
    )


def rupiah_format(baris, kode, kolom, hint, found):
    return (
        f"GALAT {R}, baris {baris}, {kode}, kolom {kolom}: format rupiah: seharusnya rupiah seperti 1.378.000 "
        f"atau 1.378.000,00 ({hint}); ditemukan '{found}'"
    )


def target_conflict(baris, tahun, rincian):
    return (
        f"PERINGATAN {K}, baris {baris}, ikm, kolom target: satu indikator punya satu target per tahun di setiap "
        f"tabel: seharusnya target {tahun} yang sama di setiap tabel untuk 'Indeks Kepuasan Masyarakat (IKM)'; "
        f"ditemukan {rincian}"
    )


def unit_vs_nomenclature(baris, kode):
    return (
        f"PERINGATAN {R}, baris {baris}, {kode}, kolom satuan: satuan sama dengan satuan sub-kegiatan dalam "
        f"nomenklatur: seharusnya 'Laporan' (nomenklatur); ditemukan 'Dokumen'"
    )


SUB = "sub-kegiatan"
DECIMALS = "paling banyak 2 angka desimal"
EXPECTED = [
    # O1, kinerja file (Tabel 2.1 teks 169: IKM 85, 87, 90, 95, 98 for 2022-2026; IKU Tabel 2.2 teks 188: 85, 90,
    # 95, 100 for 2022-2025; PK Tabel 2.3 teks 201: 95 for 2024). 2022 agrees (85, 85); 2026 is in one table only;
    # the second indicator (program penunjang: 2.1 gives 98 for 2024, the PK 98) agrees.
    target_conflict(3, 2023, "tujuan_sasaran 87, iku 90"),
    target_conflict(4, 2024, "tujuan_sasaran 90, iku 95, perjanjian_kinerja 95"),
    target_conflict(5, 2025, "tujuan_sasaran 95, iku 100"),
    # Efektifitas Pemberdayaan (teks 343): quarters 3 + 3 + 3 + 3 = 12 = RKT 12 Laporan (teks 221), but the
    # end-of-year cell prints 3.
    f"GALAT {R}, baris 8, 7.01.03.2.01.0003, kolom target: target setahun, target triwulan (menurut agregasi_target) "
    f"dan target akhir tahun sama: seharusnya nilai yang sama (agregasi_target jumlah); ditemukan target 12; "
    f"triwulan 12 (TW1 3, TW2 3, TW3 3, TW4 3); target_akhir_tahun 3",
    # R4: program 7.01.04 21.349.000 (teks 227) against its two kegiatan as printed, 19.340.000 + 19.340.000
    # (teks 228, 231) = 38.680.000: 21.349.000 - 38.680.000 = -17.331.000.
    rollup(9, "7.01.04", "program", "21.349.000", "38.680.000", 2, "kegiatan", "-17.331.000"),
    # R4: the second kegiatan row repeats the first one's indicator (teks 228 and 231) ...
    f"PERINGATAN {R}, baris 13, 7.01.04.2.02, kolom indikator: setiap baris punya indikatornya sendiri: seharusnya "
    f"indikator yang tidak disalin dari baris lain; ditemukan indikator yang sama dengan 7.01.04.2.01 (baris 10): "
    f"'Persentase Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum yang Dilaksanakan'",
    # ... its pagu 19.340.000 against its only sub-kegiatan 2.009.000 (teks 232): 17.331.000 ...
    rollup(13, "7.01.04.2.02", "kegiatan", "19.340.000", "2.009.000", 1, SUB, "17.331.000"),
    # ... against its own Rencana Aksi quarters 1.069.000 + 290.000 + 360.000 + 290.000 = 2.009.000 and its
    # end-of-year 2.009.000 (teks 354) ...
    annual(13, "7.01.04.2.02", "19.340.000", "2.009.000", "2.009.000"),
    # ... and its name (teks 231 = teks 228).
    f"GALAT {R}, baris 13, 7.01.04.2.02, kolom uraian: dua baris di bawah induk yang sama tidak bernama sama: "
    f"seharusnya nama yang berbeda dari baris lain di bawah 7.01.04; ditemukan nama yang sama dengan 7.01.04.2.01 "
    f"(baris 10): 'Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum'",
    # P 7.01.05 and its kegiatan: only two Rencana Aksi pairs are printed (teks 359, 362), 4.483.500 + 6.000.000
    # = 10.483.500 of 22.571.000: TW3 and TW4 are lost.
    lost(15, "7.01.05", "target_tw3, pagu_tw3, target_tw4, pagu_tw4", "22.571.000", "10.483.500"),
    lost(16, "7.01.05.2.01", "target_tw3, pagu_tw3, target_tw4, pagu_tw4", "22.571.000", "10.483.500"),
    # Its only sub-kegiatan has no Rencana Aksi row, so the kegiatan's TW1 and TW2 cannot be checked (the
    # missing sub-kegiatan quarters would be the kegiatan's own).
    unchecked(
        16,
        "7.01.05.2.01",
        "pagu_tw1, pagu_tw2",
        "kegiatan",
        1,
        SUB,
        "pagu_tw1: 7.01.05.2.01.X001 (4.483.500); pagu_tw2: 7.01.05.2.01.X001 (6.000.000)",
    ),
    lost(17, "7.01.05.2.01.X001", ALL_QUARTERS, "22.571.000"),
    # P 7.01.06 and everything under it: the Rencana Aksi rows are lost (audit 7.2).
    lost(18, "7.01.06", ALL_QUARTERS, "22.328.000"),
    lost(19, "7.01.06.2.01", ALL_QUARTERS, "22.328.000"),
    lost(20, "7.01.06.2.01.X001", ALL_QUARTERS, "11.857.500"),
    lost(21, "7.01.06.2.01.0018", ALL_QUARTERS, "10.470.500"),
    # P 7.01.01: three pairs printed (teks 373), 1.168.598.675 + 732.480.487 + 364.257.394 = 2.265.336.556.
    lost(22, "7.01.01", "target_tw4, pagu_tw4", "2.590.643.300", "2.265.336.556"),
    # Its rollups: the year lacks K 2.06, whose pagu is unreadable (teks 272); the other eight kegiatan add up
    # to 2.280.492.050, so K 2.06 would be 2.590.643.300 - 2.280.492.050 = 310.151.250 (R10). TW1-TW3 lack
    # K 2.02, 2.08 and 2.09 (rows lost); TW1: 1.168.598.675 - (7.137.250 + 3.708.750 + 3.741.750 + 17.622.000
    # + 116.707.500 + 14.000.000) = 1.005.681.425; TW2: 732.480.487 - (7.005.200 + 3.143.750 + 2.918.750 +
    # 1.236.500 + 59.636.250 + 40.150.000) = 618.390.037; TW3: 364.257.394 - (9.462.050 + 3.343.750 + 3.514.750
    # + 14.702.500 + 74.261.250 + 0) = 258.973.094. TW4 of the program itself is lost.
    unchecked(
        22,
        "7.01.01",
        "pagu, pagu_tw1, pagu_tw2, pagu_tw3, pagu_tw4",
        "program",
        9,
        "kegiatan",
        "pagu: 7.01.01.2.06 (310.151.250); "
        "pagu_tw1: 7.01.01.2.02, 7.01.01.2.08, 7.01.01.2.09 (1.005.681.425); "
        "pagu_tw2: 7.01.01.2.02, 7.01.01.2.08, 7.01.01.2.09 (618.390.037); "
        "pagu_tw3: 7.01.01.2.02, 7.01.01.2.08, 7.01.01.2.09 (258.973.094); "
        "pagu_tw4: 7.01.01, 7.01.01.2.01, 7.01.01.2.02, 7.01.01.2.08, 7.01.01.2.09",
    ),
    # K 2.01: three pairs printed (teks 374), 7.137.250 + 7.005.200 + 9.462.050 = 23.604.500 of 33.146.700;
    # its four sub-kegiatan have no Rencana Aksi row.
    lost(23, "7.01.01.2.01", "target_tw4, pagu_tw4", "33.146.700", "23.604.500"),
    unchecked(
        23,
        "7.01.01.2.01",
        "pagu_tw1, pagu_tw2, pagu_tw3",
        "kegiatan",
        4,
        SUB,
        "pagu_tw1: 7.01.01.2.01.0001, 7.01.01.2.01.0002, 7.01.01.2.01.0004, 7.01.01.2.01.0007 (7.137.250); "
        "pagu_tw2: 7.01.01.2.01.0001, 7.01.01.2.01.0002, 7.01.01.2.01.0004, 7.01.01.2.01.0007 (7.005.200); "
        "pagu_tw3: 7.01.01.2.01.0001, 7.01.01.2.01.0002, 7.01.01.2.01.0004, 7.01.01.2.01.0007 (9.462.050)",
    ),
    lost(24, "7.01.01.2.01.0001", ALL_QUARTERS, "14.271.500"),
    lost(25, "7.01.01.2.01.0002", ALL_QUARTERS, "5.303.000"),
    lost(26, "7.01.01.2.01.0004", ALL_QUARTERS, "5.248.200"),
    lost(27, "7.01.01.2.01.0007", ALL_QUARTERS, "8.324.000"),
    # O8: "9 Dokumen" (teks 256) where the nomenclature's satuan is Laporan.
    unit_vs_nomenclature(27, "7.01.01.2.01.0007"),
    # K 2.02: its Rencana Aksi header row is lost; its rollups cannot be checked (the gaji quarters are
    # unreadable, TW4 is lost).
    lost(28, "7.01.01.2.02", ALL_QUARTERS, "1.874.097.250"),
    unchecked(
        28,
        "7.01.01.2.02",
        "pagu_tw1, pagu_tw2, pagu_tw3, pagu_tw4",
        "kegiatan",
        2,
        SUB,
        "pagu_tw1: 7.01.01.2.02, 7.01.01.2.02.0001; pagu_tw2: 7.01.01.2.02, 7.01.01.2.02.0001; "
        "pagu_tw3: 7.01.01.2.02, 7.01.01.2.02.0001; pagu_tw4: 7.01.01.2.02, 7.01.01.2.02.0001",
    ),
    # Gaji (teks 380): TW4 lost; TW1-TW3 and the end-of-year pagu use ',' as the thousands separator.
    lost(29, "7.01.01.2.02.0001", "target_tw4, pagu_tw4", "1.851.842.950"),
    rupiah_format(29, "7.01.01.2.02.0001", "pagu_akhir_tahun", DECIMALS, "1.851.842,950"),
    rupiah_format(29, "7.01.01.2.02.0001", "pagu_tw1", DECIMALS, "925.921,475"),
    rupiah_format(29, "7.01.01.2.02.0001", "pagu_tw2", DECIMALS, "555.552,887"),
    rupiah_format(29, "7.01.01.2.02.0001", "pagu_tw3", DECIMALS, "185.184,294"),
    # O8: "12 Dokumen" (teks 259) where the nomenclature's satuan is Laporan.
    unit_vs_nomenclature(30, "7.01.01.2.02.0007"),
    # K 2.03's Rencana Aksi indicator (teks 382) is the Laporan Keuangan row's (teks 381).
    f"PERINGATAN {R}, baris 31, 7.01.01.2.03, kolom indikator_ra: setiap baris punya indikatornya sendiri: "
    f"seharusnya indikator yang tidak disalin dari baris lain; ditemukan indikator yang sama dengan "
    f"7.01.01.2.02.0007 (baris 30): 'Jumlah Laporan Keuangan Bulanan/ Triwulan/ Semesteran SKPD'",
    # Penatausahaan BMD (teks 383): end-of-year target "100%" in a row counted in Laporan (4 Laporan, teks 266).
    f"GALAT {R}, baris 32, 7.01.01.2.03.0006, kolom target_akhir_tahun: satuan target: seharusnya target dalam "
    f"satuan baris ini, 'Laporan', atau angka saja; ditemukan '100%', dalam satuan '%' (tidak dihitung)",
    # K 2.05 (teks 392): 17.622.000, 1.236.500, 14.702.500, 1.234.500; its sub-kegiatan print only Pendataan TW4
    # 1.234.500 (teks 393) and Bimtek 13.410.000 (teks 394, TW3): TW3 14.702.500 - 13.410.000 = 1.292.500 left
    # for Pendataan; TW4 1.234.500 - 1.234.500 = 0 left for Bimtek.
    unchecked(
        35,
        "7.01.01.2.05",
        "pagu_tw1, pagu_tw2, pagu_tw3, pagu_tw4",
        "kegiatan",
        2,
        SUB,
        "pagu_tw1: 7.01.01.2.05.0003, 7.01.01.2.05.0011 (17.622.000); "
        "pagu_tw2: 7.01.01.2.05.0003, 7.01.01.2.05.0011 (1.236.500); pagu_tw3: 7.01.01.2.05.0003 (1.292.500); "
        "pagu_tw4: 7.01.01.2.05.0011 (0)",
    ),
    lost(
        36,
        "7.01.01.2.05.0003",
        "target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, pagu_tw3, target_tw4",
        "5.125.500",
        "1.234.500",
    ),
    lost(
        37,
        "7.01.01.2.05.0011",
        "target_tw1, pagu_tw1, target_tw2, pagu_tw2, target_tw3, target_tw4, pagu_tw4",
        "29.670.000",
        "13.410.000",
    ),
    # Bimtek: end-of-year target 1 (teks 394) against the RKT's 3 Orang (teks 271); no quarterly target printed.
    f"GALAT {R}, baris 37, 7.01.01.2.05.0011, kolom target: target setahun, target triwulan (menurut agregasi_target) "
    f"dan target akhir tahun sama: seharusnya nilai yang sama (agregasi_target jumlah); ditemukan target 3; triwulan "
    f"(kosong) (TW1 ?, TW2 ?, TW3 ?, TW4 ?); target_akhir_tahun 1",
    # R10: K 2.06 printed "31.015.1250" (teks 272).
    rupiah_format(38, "7.01.01.2.06", "pagu", "tiga angka setelah setiap '.', bukan '1250'", "31.015.1250"),
    # K 2.06 (teks 401) TW1 116.707.500 = its six sub-kegiatan, checked and equal. The year lacks its own
    # (unreadable) pagu; TW2/TW3 lack Rapat Koordinasi (unreadable, teks 410): 59.636.250 - 21.346.250 =
    # 38.290.000 and 74.261.250 - 33.301.250 = 40.960.000; TW4 lacks Bahan Bacaan (lost): 59.546.250 -
    # 58.076.250 = 1.470.000.
    unchecked(
        38,
        "7.01.01.2.06",
        "pagu, pagu_tw2, pagu_tw3, pagu_tw4",
        "kegiatan",
        6,
        SUB,
        "pagu: 7.01.01.2.06; pagu_tw2: 7.01.01.2.06.0009 (38.290.000); pagu_tw3: 7.01.01.2.06.0009 "
        "(40.960.000); pagu_tw4: 7.01.01.2.06.0006 (1.470.000)",
    ),
    # Bahan Bacaan (teks 408): three pairs, 3 x 1.470.000 = 4.410.000 of 5.880.000.
    lost(42, "7.01.01.2.06.0006", "target_tw4, pagu_tw4", "5.880.000", "4.410.000"),
    # Rapat Koordinasi (teks 410): TW2 and TW3 miss a digit.
    rupiah_format(44, "7.01.01.2.06.0009", "pagu_tw2", "tiga angka setelah setiap '.', bukan '00'", "38.290.00"),
    rupiah_format(44, "7.01.01.2.06.0009", "pagu_tw3", "tiga angka setelah setiap '.', bukan '00'", "40.960.00"),
    # K 2.08: its Rencana Aksi row is merged into the Surat Menyurat line (teks 419), its quarters lost.
    lost(48, "7.01.01.2.08", ALL_QUARTERS, "222.460.600"),
    # R12: 222.460.600 against 9.707.000 + 35.434.704 + 3.825.000 + 129.000.000 = 177.966.704.
    rollup(48, "7.01.01.2.08", "kegiatan", "222.460.600", "177.966.704", 4, SUB, "44.493.896"),
    unchecked(
        48,
        "7.01.01.2.08",
        "pagu_tw1, pagu_tw2, pagu_tw3, pagu_tw4",
        "kegiatan",
        4,
        SUB,
        "pagu_tw1: 7.01.01.2.08; pagu_tw2: 7.01.01.2.08; pagu_tw3: 7.01.01.2.08; pagu_tw4: 7.01.01.2.08",
    ),
    # R12, its four sub-kegiatan: RKT (teks 288, 289, 295, 296) against their Rencana Aksi quarters and
    # end-of-year cells (teks 419-423): 2.402.500 + 2.238.000 + 2.240.500 + 2.238.000 = 9.119.000;
    # 4 x 9.110.400 = 36.441.600; 2.950.000 + 2.950.000 = 5.900.000 (the two empty quarters add nothing);
    # 4 x 42.750.000 = 171.000.000 while the end-of-year cell prints one quarter, 42.750.000.
    annual(49, "7.01.01.2.08.0001", "9.707.000", "9.119.000", "9.119.000"),
    annual(50, "7.01.01.2.08.0002", "35.434.704", "36.441.600", "36.441.600"),
    annual(51, "7.01.01.2.08.0003", "3.825.000", "5.900.000", "5.900.000"),
    annual(52, "7.01.01.2.08.0004", "129.000.000", "171.000.000", "42.750.000"),
    # K 2.09: Rencana Aksi rows lost; R13: 35.408.000 against 21.968.000 + 10.690.000 = 32.658.000.
    lost(53, "7.01.01.2.09", ALL_QUARTERS, "35.408.000"),
    rollup(53, "7.01.01.2.09", "kegiatan", "35.408.000", "32.658.000", 2, SUB, "2.750.000"),
    lost(54, "7.01.01.2.09.0002", ALL_QUARTERS, "21.968.000"),
    lost(55, "7.01.01.2.09.0006", ALL_QUARTERS, "10.690.000"),
]


@pytest.fixture(scope="module")
def output():
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(["check", str(PLAN), str(KINERJA)])
    return code, buffer.getvalue()


def test_prints_exactly_the_hand_derived_messages(output):
    printed = [line for line in output[1].splitlines() if line.strip()][:-1]
    assert printed == EXPECTED


def test_ends_with_the_counts_and_exits_1(output):
    errors = sum(1 for line in EXPECTED if line.startswith("GALAT"))
    warnings = sum(1 for line in EXPECTED if line.startswith("PERINGATAN"))
    assert (errors, warnings) == (42, 14)
    assert output[1].rstrip().splitlines()[-1] == (
        f"2 berkas diperiksa apa adanya (tanpa koreksi): {errors} galat, {warnings} peringatan."
    )
    assert output[0] == 1


def test_no_message_compares_against_zero_or_repeats(output):
    assert len(EXPECTED) == len(set(EXPECTED))
    assert "seharusnya 0" not in output[1] and "ditemukan 0" not in output[1]


def test_english_on_request():
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["check", "--bahasa", "en", str(PLAN)])
    text = buffer.getvalue()
    assert (
        f"ERROR {R}, row 38, 7.01.01.2.06, column pagu: rupiah format: expected rupiah such as 1.378.000 or "
        f"1.378.000,00 (groups of three digits after each '.', not '1250'), found '31.015.1250'"
    ) in text
    assert text.rstrip().endswith(
        "1 file(s) checked as submitted (no corrections applied to them): 42 error(s), 11 warning(s)."
    )
