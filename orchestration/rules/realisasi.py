"""Rules of the quarterly realisasi, against the kecamatan's plan."""

from orchestration.rules.model import Rule, Text
from orchestration.rules.sql import INCOMPLETE, checks, is_null, is_true, not_above, not_null, pair_equal

RULES = [
    Rule(
        "realisasi_kode_dalam_rencana",
        Text("kode realisasi ada dalam rencana kecamatan ini", "every realisasi code is a node of the plan"),
        "sql",
        "int_cek__realisasi_kode_dalam_rencana",
        stage="validasi",
        protects="fct_realisasi_triwulan",
        checks=checks(
            "realisasi_kode_dalam_rencana",
            "karantina",
            Text("kode yang ada dalam rencana {tahun} kecamatan ini", "a code of this kecamatan's {tahun} plan"),
            Text("{kode}, yang tidak ada dalam rencana", "{kode}, which is not in the plan"),
            not_null("uraian_rencana"),
            exceptions=False,
        ),
    ),
    Rule(
        "realisasi_satuan_sesuai_rencana",
        Text(
            "satuan realisasi sama dengan satuan indikator dalam rencana",
            "a unit written with a realisasi target is the unit of the plan's indicator",
        ),
        "sql",
        "int_cek__realisasi_satuan_sesuai_rencana",
        stage="validasi",
        protects="fct_realisasi_triwulan",
        checks=checks(
            "realisasi_satuan_sesuai_rencana",
            "karantina",
            Text(
                "realisasi dalam satuan rencana, {satuan_rencana:teks}, atau angka saja",
                "a realisasi in the plan's unit {satuan_rencana:teks}, or a number alone",
            ),
            Text(
                "{realisasi_target_teks:teks}, dalam satuan {satuan_realisasi:teks} (tidak dapat dibandingkan "
                "dengan target dalam {satuan_rencana:teks})",
                "{realisasi_target_teks:teks}, in {satuan_realisasi:teks} (it cannot be compared with a target "
                "in {satuan_rencana:teks})",
            ),
            is_true("satuan_sesuai"),
            exceptions=False,
        ),
    ),
    Rule(
        "realisasi_bukan_salinan",
        Text(
            "realisasi kecamatan ini bukan salinan realisasi kecamatan lain",
            "a kecamatan's realisasi is not another kecamatan's, row for row",
        ),
        "sql",
        "int_cek__realisasi_bukan_salinan",
        stage="validasi",
        protects="fct_realisasi_triwulan",
        checks=checks(
            "realisasi_bukan_salinan",
            "peringatan",
            Text(
                "realisasi kecamatan ini sendiri (berkas dikirim dengan nama kecamatan yang benar?)",
                "this kecamatan's own realisasi (was the file sent under the right kecamatan's name?)",
            ),
            Text(
                "setiap kode, realisasi dan realisasi anggaran sama persis dengan {nama_berkas_sama} "
                "({jumlah_anggaran_bukan_nol} realisasi anggaran bukan nol)",
                "every code, realisasi and realisasi anggaran equal to those of {nama_berkas_sama} "
                "({jumlah_anggaran_bukan_nol} non-zero amounts)",
            ),
            is_null("nama_berkas_sama"),
            exceptions=False,
        ),
    ),
    Rule(
        "realisasi_anak_sama_induk",
        Text(
            "realisasi anggaran program/kegiatan sama dengan jumlah realisasi di bawahnya",
            "the realisasi anggaran of a program or kegiatan equals the sum of its children's",
        ),
        "sql",
        "int_cek__realisasi_anak_sama_induk",
        stage="validasi",
        protects="fct_realisasi_triwulan",
        checks=checks(
            "realisasi_anak_sama_induk",
            "karantina",
            Text("{realisasi_induk:rp}, realisasi baris ini", "{realisasi_induk:rp}, this row's realisasi"),
            Text(
                "{jumlah_anak:rp}, jumlah {banyak_anak} {tingkat_anak} (selisih {selisih:rp})",
                "{jumlah_anak:rp}, the sum of {banyak_anak} {tingkat_anak} (difference {selisih:rp})",
            ),
            pair_equal("realisasi_induk", "jumlah_anak"),
            incomplete=(
                Text(
                    "{realisasi_induk:rp}, realisasi baris ini, sama dengan jumlah {banyak_anak} {tingkat_anak}",
                    "{realisasi_induk:rp}, this row's realisasi, to equal the sum of {banyak_anak} {tingkat_anak}",
                ),
                Text(
                    "tidak dapat diperiksa: tidak ada nilai pada {masukan_hilang}",
                    "cannot be checked: no value for {masukan_hilang}",
                ),
                is_true("lengkap", INCOMPLETE),
            ),
            exceptions=False,
        ),
    ),
    Rule(
        "realisasi_kumulatif_dalam_pagu",
        Text(
            "realisasi anggaran kumulatif tidak melebihi pagu setahun",
            "cumulative realisasi anggaran stays within the annual pagu",
        ),
        "sql",
        "int_cek__realisasi_kumulatif_dalam_pagu",
        stage="validasi",
        protects="fct_realisasi_triwulan",
        checks=checks(
            "realisasi_kumulatif_dalam_pagu",
            "karantina",
            Text("paling besar {pagu:rp} (pagu setahun)", "at most {pagu:rp} (the annual pagu)"),
            Text(
                "{realisasi_kumulatif:rp}, realisasi anggaran TW1 sampai TW{triwulan}",
                "{realisasi_kumulatif:rp}, realisasi anggaran TW1 to TW{triwulan}",
            ),
            not_above("pagu", "realisasi_kumulatif"),
            exceptions=False,
        ),
    ),
]
