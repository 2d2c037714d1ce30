-- Accepted realisasi: one row per kecamatan, year, triwulan and reported node; values for that triwulan alone.
with realisasi as (
    select * from {{ ref('int_realisasi__diterima') }}
),

node as (
    select
        kode_wilayah,
        tahun,
        kode,
        level
    from {{ ref('int_rencana__node_diterima') }}
)

select
    r.kode_wilayah,
    r.tahun,
    r.triwulan,
    r.kode,
    coalesce(n.level, r.level) as level,
    r.realisasi_target,
    r.realisasi_anggaran,
    r.keterangan,
    r.permasalahan,
    r.tindak_lanjut,
    r.versi,
    r.sumber,
    r.sumber = 'sampel' as sampel,
    r.nama_berkas,
    r.baris
from realisasi as r
left join node as n on r.kode_wilayah = n.kode_wilayah and r.tahun = n.tahun and r.kode = n.kode
