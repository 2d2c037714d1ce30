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
                    "{kode_wilayah:teks}, yang bukan kode kecamatan Kemendagri (tidak ada dalam daftar 7.285 "
                    "kecamatan; salah ketik pada nama berkas?)",
                    "{kode_wilayah:teks}, which is not a Kemendagri kecamatan code (not among the 7.285 kecamatan; "
                    "a typing error in the file name?)",
                ),
                not_null("nama_kecamatan"),
            ),
        ),
    ),
    Rule(
        "versi_tidak_ganda",
        Text("satu berkas untuk setiap versi", "one file per version"),
        "sql",
        "int_cek__versi_tidak_ganda",
        stage="validasi",
        protects="fct_versi_kiriman",
        checks=(
            Check(
                "versi_tidak_ganda",
                "karantina",
                Text(
                    "versi {versi} yang belum dikirim; versi ini sudah dikirim sebagai {nama_berkas_pertama} "
                    "(kirim ulang dengan nomor versi berikutnya, _v<n>)",
                    "a version {versi} not sent before; this version was already sent as "
                    "{nama_berkas_pertama} (send again with the next version number, _v<n>)",
                ),
                Text(
                    "{nama_berkas} juga mengaku versi {versi}",
                    "{nama_berkas} claims version {versi} too",
                ),
                is_true("versi_pertama"),
            ),
        ),
    ),
    Rule(
        "nilai_muat_kolom",
        Text(
            "setiap angka yang terbaca muat dalam kolom penyimpanannya",
            "every number the reader accepted fits the column it is stored in",
        ),
        "sql",
        "int_cek__nilai_muat_kolom",
        stage="validasi",
        protects="fct_versi_kiriman",
        checks=(
            Check(
                "nilai_muat_kolom",
                "karantina",
                Text("angka yang muat dalam kolom {kolom} ({tipe})", "a number that fits the column {kolom} ({tipe})"),
                Text(
                    "{isian:teks}, yang tidak dapat disimpan (terlalu besar?)",
                    "{isian:teks}, which cannot be stored (too large?)",
                ),
                is_true("muat"),
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
