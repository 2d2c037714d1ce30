"""Rules of the plan (rencana): rollups, the year against its quarters, completeness, codes and names.

Each is computed by one dbt rule model (``int_cek__<rule>``) over the cell states of
``int_rencana__sel`` (missing is not zero: an unknown cell takes no part in arithmetic) and checked by
Great Expectations (stage ``validasi``). A failing plan version is quarantined; the version accepted
before it stays published.
"""

from orchestration.rules.model import Check, Rule, Text
from orchestration.rules.sql import INCOMPLETE, at_most, checks, is_null, is_true, not_null, pair_equal

MODEL = "int_cek__{}"

RULES = [
    Rule(
        "rencana_lengkap",
        Text("setiap sel target dan pagu triwulan terisi", "every quarterly target and pagu cell is filled"),
        "sql",
        MODEL.format("rencana_lengkap"),
        stage="validasi",
        protects="fct_rencana_triwulan",
        accepts_exceptions=True,
        checks=checks(
            "rencana_lengkap",
            "karantina",
            Text("angka di setiap sel target dan pagu triwulan", "a number in every quarterly target and pagu cell"),
            Text(
                "sel kosong {sel_hilang} (pagu setahun {pagu:rp}; jumlah pagu triwulan yang terbaca "
                "{pagu_triwulan_terbaca:rp})",
                "empty cells {sel_hilang} (annual pagu {pagu:rp}; the readable quarterly pagu add up to "
                "{pagu_triwulan_terbaca:rp})",
            ),
            at_most("banyak_sel_hilang", 0),
        ),
    ),
    Rule(
        "pagu_anak_sama_induk",
        Text(
            "pagu program/kegiatan sama dengan jumlah pagu di bawahnya",
            "the pagu of a program or kegiatan equals the sum of its children",
        ),
        "sql",
        MODEL.format("pagu_anak_sama_induk"),
        stage="validasi",
        protects="fct_rencana_tahunan",
        accepts_exceptions=True,
        checks=checks(
            "pagu_anak_sama_induk",
            "karantina",
            Text("{pagu_induk:rp}, pagu {level} ini", "{pagu_induk:rp}, this {level}'s pagu"),
            Text(
                "{jumlah_anak:rp}, jumlah {banyak_anak} {tingkat_anak} (selisih {selisih:rp})",
                "{jumlah_anak:rp}, the sum of {banyak_anak} {tingkat_anak} (difference {selisih:rp})",
            ),
            pair_equal("pagu_induk", "jumlah_anak"),
            incomplete=(
                Text(
                    "pagu {level} ini sama dengan jumlah {banyak_anak} {tingkat_anak} di bawahnya",
                    "this {level}'s pagu to equal the sum of its {banyak_anak} {tingkat_anak}",
                ),
                Text(
                    "tidak dapat diperiksa, nilai tidak diketahui pada {rincian} (dalam kurung: pagu induk "
                    "dikurangi jumlah yang diketahui)",
                    "cannot be checked, no known value for {rincian} (in brackets: the parent's pagu minus the "
                    "known children)",
                ),
                is_true("lengkap", INCOMPLETE),
            ),
        ),
    ),
    Rule(
        "pagu_tahunan_konsisten",
        Text(
            "pagu setahun, jumlah pagu empat triwulan dan pagu akhir tahun sama",
            "the annual pagu, the sum of the four quarterly pagu and the end-of-year pagu agree",
        ),
        "sql",
        MODEL.format("pagu_tahunan_konsisten"),
        stage="validasi",
        protects="fct_rencana_triwulan",
        accepts_exceptions=True,
        checks=checks(
            "pagu_tahunan_konsisten",
            "karantina",
            Text("nilai yang sama", "one value"),
            Text(
                "pagu {pagu:rp}; pagu_tw1+pagu_tw2+pagu_tw3+pagu_tw4 {pagu_jumlah_triwulan:rp}; "
                "pagu_akhir_tahun {pagu_akhir_tahun:rp}",
                "pagu {pagu:rp}; pagu_tw1+pagu_tw2+pagu_tw3+pagu_tw4 {pagu_jumlah_triwulan:rp}; "
                "pagu_akhir_tahun {pagu_akhir_tahun:rp}",
            ),
            is_true("sepakat"),
        ),
    ),
    Rule(
        "target_tahunan_konsisten",
        Text(
            "target setahun, target triwulan (menurut agregasi_target) dan target akhir tahun sama",
            "the annual target, the quarterly targets (under agregasi_target) and the end-of-year target agree",
        ),
        "sql",
        MODEL.format("target_tahunan_konsisten"),
        stage="validasi",
        protects="fct_rencana_triwulan",
        accepts_exceptions=True,
        checks=checks(
            "target_tahunan_konsisten",
            "karantina",
            Text(
                "nilai yang sama (agregasi_target {agregasi_target})", "one value (agregasi_target {agregasi_target})"
            ),
            Text(
                "target {target:angka}; triwulan {target_triwulan:angka} ({rincian_triwulan}); "
                "target_akhir_tahun {target_akhir_tahun:angka}",
                "target {target:angka}; quarters {target_triwulan:angka} ({rincian_triwulan}); "
                "target_akhir_tahun {target_akhir_tahun:angka}",
            ),
            is_true("sepakat"),
        ),
    ),
    Rule(
        "uraian_tidak_ganda",
        Text("dua baris di bawah induk yang sama tidak bernama sama", "no two children of one parent share a name"),
        "sql",
        MODEL.format("uraian_tidak_ganda"),
        stage="validasi",
        protects="dim_nomenklatur",
        accepts_exceptions=True,
        checks=checks(
            "uraian_tidak_ganda",
            "karantina",
            Text(
                "nama yang berbeda dari baris lain di bawah {kode_induk}", "a name no other child of {kode_induk} has"
            ),
            Text(
                "nama yang sama dengan {kode_sama} (baris {baris_sama}): {uraian:teks}",
                "the name of {kode_sama} (row {baris_sama}): {uraian:teks}",
            ),
            is_null("kode_sama"),
        ),
    ),
    Rule(
        "indikator_tidak_ganda",
        Text("setiap baris punya indikatornya sendiri", "each row has its own indicator"),
        "sql",
        MODEL.format("indikator_tidak_ganda"),
        stage="validasi",
        protects="dim_indikator",
        accepts_exceptions=True,
        checks=checks(
            "indikator_tidak_ganda",
            "peringatan",
            Text("indikator yang tidak disalin dari baris lain", "an indicator not copied from another row"),
            Text(
                "indikator yang sama dengan {kode_sama} (baris {baris_sama}): {indikator:teks}",
                "the indicator of {kode_sama} (row {baris_sama}): {indikator:teks}",
            ),
            is_null("kode_sama"),
        ),
    ),
    Rule(
        "satuan_sesuai_nomenklatur",
        Text(
            "satuan sama dengan satuan sub-kegiatan dalam nomenklatur",
            "the unit is the one the nomenclature gives the sub-kegiatan",
        ),
        "sql",
        MODEL.format("satuan_sesuai_nomenklatur"),
        stage="validasi",
        protects="dim_indikator",
        accepts_exceptions=True,
        checks=checks(
            "satuan_sesuai_nomenklatur",
            "peringatan",
            Text("{satuan_nomenklatur:teks} (nomenklatur)", "{satuan_nomenklatur:teks} (nomenclature)"),
            Text("{satuan:teks}", "{satuan:teks}"),
            is_true("sesuai"),
        ),
    ),
    Rule(
        "kode_dalam_nomenklatur",
        Text(
            "kode ada dalam nomenklatur, pada tingkat dan induk yang benar",
            "the code is in the nomenclature, at its level and under its parent",
        ),
        "sql",
        MODEL.format("kode_dalam_nomenklatur"),
        stage="validasi",
        protects="dim_nomenklatur",
        accepts_exceptions=True,
        checks=(
            *checks(
                "kode_dalam_nomenklatur",
                "karantina",
                Text("kode yang ada dalam nomenklatur 7.01", "a code of the 7.01 nomenclature"),
                Text(
                    "{kode}, yang tidak ada dalam nomenklatur ({uraian:teks})",
                    "{kode}, which is not in the nomenclature ({uraian:teks})",
                ),
                not_null("nama_nomenklatur"),
            ),
            *checks(
                "kode_dalam_nomenklatur.posisi",
                "karantina",
                Text(
                    "{level_nomenklatur} di bawah {kode_induk_nomenklatur} (nomenklatur)",
                    "a {level_nomenklatur} under {kode_induk_nomenklatur} (nomenclature)",
                ),
                Text("{level} di bawah {kode_induk}", "a {level} under {kode_induk}"),
                is_true("posisi_sesuai"),
            ),
        ),
    ),
    Rule(
        "koreksi_sesuai_terbitan",
        Text(
            "koreksi berlaku hanya pada sel yang masih berisi nilai terbitan yang dikoreksinya",
            "a correction applies only where the cell still reads the published value it corrects",
        ),
        "sql",
        MODEL.format("koreksi_sesuai_terbitan"),
        stage="validasi",
        protects="fct_koreksi",
        checks=(
            Check(
                "koreksi_sesuai_terbitan",
                "peringatan",
                Text(
                    "sel {kolom} dari {kode} berisi {teks_terbit:teks}",
                    "cell {kolom} of {kode} reading {teks_terbit:teks}",
                ),
                Text(
                    "tidak ada versi rencana yang berisi nilai itu (koreksi usang)",
                    "no plan version reads that value (stale correction)",
                ),
                is_true("diterapkan"),
            ),
        ),
    ),
]
