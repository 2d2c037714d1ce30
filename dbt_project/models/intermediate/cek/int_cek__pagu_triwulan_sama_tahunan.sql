-- Sum rule: the four triwulan pagu of a node add up to its annual pagu. An empty quarter counts as 0.
with nilai as (
    select * from {{ ref('int_rencana__nilai') }}
    where ukuran = 'pagu'
),

checks as (
    select
        berkas_id,
        any_value(nama_berkas) as nama_berkas,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        kode,
        any_value(level) as level,
        'pagu' as kolom,
        'pagu' as ukuran,
        coalesce(max(nilai) filter (where periode = 'tahun'), 0) as diharapkan,
        coalesce(sum(nilai) filter (where periode like 'tw%'), 0) as ditemukan,
        count(nilai) filter (where periode like 'tw%') || ' of 4 triwulan filled' as keterangan
    from nilai
    group by berkas_id, kode
)

{{ mark_accepted_exceptions('checks', 'pagu_triwulan_sama_tahunan') }}
