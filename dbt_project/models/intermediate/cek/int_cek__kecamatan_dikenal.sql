-- File rule: every file names a kecamatan that exists (Kemendagri codes, dim_kecamatan).
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
    where jenis is not null
),

wilayah as (
    select * from {{ ref('stg_referensi__wilayah') }}
)

select
    'kecamatan_dikenal' as aturan,
    b.berkas_id,
    b.nama_berkas,
    b.kode_wilayah,
    b.tahun,
    'kode_wilayah' as kolom,
    w.nama_kecamatan
from berkas as b
left join wilayah as w on w.kode_wilayah = b.kode_wilayah
