"""Plausibility warnings on the published marts (stage ``mart``): reported, never blocking."""

from orchestration.rules.model import Check, Rule, Text
from orchestration.rules.sql import at_most, not_above, when

CAPAIAN_KEY = ("kode_wilayah", "tahun", "triwulan", "kode")

RULES = [
    Rule(
        "capaian_wajar",
        Text("capaian dan realisasi dalam rentang yang wajar", "capaian and realisasi within a plausible range"),
        "mart",
        "mart_capaian_triwulan",
        stage="mart",
        protects="mart_capaian_triwulan",
        key=CAPAIAN_KEY,
        checks=(
            Check(
                "capaian_wajar",
                "peringatan",
                Text(
                    "capaian paling tinggi 150%: periksa target dan realisasi",
                    "a capaian of at most 150%: check target and realisasi",
                ),
                Text(
                    "{capaian_persen:angka}% (realisasi {realisasi:angka} dari target {target:angka})",
                    "{capaian_persen:angka}% (realisasi {realisasi:angka} of target {target:angka})",
                ),
                at_most("capaian_persen", 150, None),
            ),
            Check(
                "capaian_wajar.persen",
                "peringatan",
                Text("realisasi persentase paling tinggi 100", "a percentage realisasi of at most 100"),
                Text("{realisasi:angka}", "{realisasi:angka}"),
                at_most("realisasi", 100, when("agregasi_target", "akhir")),
            ),
        ),
    ),
    Rule(
        "serapan_wajar",
        Text("serapan anggaran tidak melebihi 100% dari pagu", "serapan anggaran does not exceed 100% of the pagu"),
        "mart",
        "mart_capaian_triwulan",
        stage="mart",
        protects="mart_capaian_triwulan",
        key=CAPAIAN_KEY,
        checks=(
            Check(
                "serapan_wajar",
                "peringatan",
                Text("serapan triwulan paling tinggi 100%", "a quarterly serapan of at most 100%"),
                Text(
                    "{serapan_persen:angka}% (realisasi {realisasi_anggaran:rp} dari pagu triwulan {pagu:rp})",
                    "{serapan_persen:angka}% (realisasi {realisasi_anggaran:rp} of the quarterly pagu {pagu:rp})",
                ),
                at_most("serapan_persen", 100, None),
            ),
            Check(
                "serapan_wajar.kumulatif",
                "peringatan",
                Text("serapan kumulatif paling tinggi 100%", "a year-to-date serapan of at most 100%"),
                Text(
                    "{serapan_kumulatif_persen:angka}% (realisasi {realisasi_anggaran_kumulatif:rp} dari pagu "
                    "{pagu_kumulatif:rp})",
                    "{serapan_kumulatif_persen:angka}% (realisasi {realisasi_anggaran_kumulatif:rp} of the pagu "
                    "{pagu_kumulatif:rp})",
                ),
                at_most("serapan_kumulatif_persen", 100, None),
            ),
        ),
    ),
    Rule(
        "ikm_sampel",
        Text("jumlah responden survei IKM cukup (Krejcie-Morgan)", "enough IKM survey respondents (Krejcie-Morgan)"),
        "mart",
        "mart_ikm",
        stage="mart",
        protects="mart_ikm",
        key=("kode_wilayah", "tahun", "unsur"),
        checks=(
            Check(
                "ikm_sampel",
                "peringatan",
                Text("paling sedikit {sampel_minimum} responden", "at least {sampel_minimum} respondents"),
                Text("{responden} responden", "{responden} respondents"),
                not_above("responden", "sampel_minimum", when("unsur", "u1")),
            ),
        ),
    ),
]
