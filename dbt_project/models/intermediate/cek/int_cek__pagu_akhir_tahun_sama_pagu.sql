-- Consistency rule: where the Rencana Aksi states an end-of-year pagu, it equals the annual pagu (RKT).
{{ akhir_tahun_sama_tahunan('pagu', 'pagu_akhir_tahun_sama_pagu') }}
