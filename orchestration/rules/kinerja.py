"""Rules of the strategic targets (kinerja file: Renstra tujuan/sasaran, IKU, Perjanjian Kinerja)."""

from orchestration.rules.model import Rule, Text
from orchestration.rules.sql import at_most, checks

RULES = [
    Rule(
        "target_kinerja_konsisten",
        Text(
            "satu indikator punya satu target per tahun di setiap tabel",
            "an indicator has one target per year in every table",
        ),
        "sql",
        "int_cek__target_kinerja_konsisten",
        stage="validasi",
        protects="fct_target_kinerja",
        accepts_exceptions=True,
        checks=checks(
            "target_kinerja_konsisten",
            "peringatan",
            Text(
                "target {tahun_target} yang sama di setiap tabel untuk {indikator:teks}",
                "one {tahun_target} target in every table for {indikator:teks}",
            ),
            Text("{rincian}", "{rincian}"),
            at_most("banyak_target", 1),
        ),
    ),
]
