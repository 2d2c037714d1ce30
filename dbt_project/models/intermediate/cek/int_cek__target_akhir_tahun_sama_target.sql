-- Consistency rule: where the Rencana Aksi states an end-of-year target, it equals the annual target (RKT).
{{ akhir_tahun_sama_tahunan('target', 'target_akhir_tahun_sama_target') }}
