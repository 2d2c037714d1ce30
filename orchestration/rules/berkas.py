"""Rules on whole files and on the reference data."""

from orchestration.rules.model import Check, Rule, Text
from orchestration.rules.sql import at_most, is_true, not_null

RULES = [
    Rule(
        "berkas_terbaca",
        Text("berkas terbaca tanpa galat", "the file is read without error"),
        "sql",
        "int_cek__berkas_terbaca",
        stage="validasi",
        protects="fct_versi_kiriman",
        checks=(
            Check(
                "berkas_terbaca",
                "karantina",
                Text("tidak ada galat saat membaca", "no error while reading"),
                Text(
                    "{error_berat} galat saat membaca (dirinci per sel)",
                    "{error_berat} errors while reading (listed cell by cell)",
                ),
                at_most("error_berat", 0),
            ),
        ),
    ),
    Rule(
        "kecamatan_dikenal",
        Text(
            "kode kecamatan pada nama berkas adalah kode Kemendagri yang ada",
            "the kecamatan code in the file name is an existing Kemendagri code",
        ),
        "sql",
        "int_cek__kecamatan_dikenal",
        stage="validasi",
        protects="dim_kecamatan",
        checks=(
            Check(
                "kecamatan_dikenal",
                "karantina",
                Text(
                    "kode kecamatan yang ada (Kepmendagri 300.2.2-2430/2025)",
                    "an existing kecamatan code (Kepmendagri 300.2.2-2430/2025)",
                ),
                Text(
                    "{kode_wilayah}, yang tidak ada dalam daftar kecamatan",
                    "{kode_wilayah}, which is not in the list of kecamatan",
                ),
                not_null("nama_kecamatan"),
            ),
        ),
    ),
    Rule(
        "nomenklatur_konsisten",
        Text(
            "nomenklatur berbentuk pohon: setiap kegiatan dan sub-kegiatan punya induk satu tingkat di atasnya",
            "the nomenclature is a tree: every kegiatan and sub-kegiatan has a parent one level up",
        ),
        "sql",
        "int_cek__nomenklatur_konsisten",
        stage="validasi",
        protects="dim_nomenklatur",
        checks=(
            Check(
                "nomenklatur_konsisten",
                "blokir",
                Text("induk {kode_induk} ada dalam nomenklatur", "its parent {kode_induk} in the nomenclature"),
                Text("{kode_induk} tidak ada", "no {kode_induk}"),
                not_null("nama_induk"),
            ),
            Check(
                "nomenklatur_konsisten.tingkat",
                "blokir",
                Text("induk satu tingkat di atas {level}", "a parent one level above {level}"),
                Text("induk {kode_induk} bertingkat {level_induk}", "parent {kode_induk} is a {level_induk}"),
                is_true("level_induk_sesuai"),
            ),
        ),
    ),
]
