-- Membership rule: every plan code exists in the nomenclature, at the same level and under the same parent.
with node as (
    select * from {{ ref('int_rencana__node') }}
),

nomenklatur as (
    select * from {{ ref('stg_referensi__nomenklatur') }}
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
        'kode' as kolom,
        n.uraian,
        n.level,
        n.kode_induk,
        nk.nama as nama_nomenklatur,
        nk.level as level_nomenklatur,
        nk.kode_induk as kode_induk_nomenklatur,
        case when nk.kode is not null
            then nk.level = n.level and nk.kode_induk is not distinct from n.kode_induk
        end as posisi_sesuai  -- null when the code is unknown: reported once, by nama_nomenklatur
    from node as n
    left join nomenklatur as nk on nk.kode = n.kode
)

{{ tandai_cek('checks', 'kode_dalam_nomenklatur', ['berkas_id', 'kode']) }}
