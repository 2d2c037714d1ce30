-- Unit rule (a warning, domain reference O8): a node's satuan is the satuan its code has in the
-- nomenclature (sub-kegiatan metadata), compared after case and spacing.
with node as (
    select * from {{ ref('int_rencana__node') }}
),

nomenklatur as (
    select * from {{ ref('stg_referensi__nomenklatur') }}
    where satuan is not null
),

checks as (
    select
        n.berkas_id,
        n.nama_berkas,
        n.baris,
        n.kode_wilayah,
        n.tahun,
        cast(null as integer) as triwulan,
        n.kode,
        'satuan' as kolom,
        n.satuan,
        nk.satuan as satuan_nomenklatur,
        lower(replace(n.satuan, ' ', '')) = lower(replace(nk.satuan, ' ', '')) as sesuai
    from node as n
    inner join nomenklatur as nk on n.kode = nk.kode
    where n.satuan is not null
)

{{ tandai_cek('checks', 'satuan_sesuai_nomenklatur', ['berkas_id', 'kode']) }}
