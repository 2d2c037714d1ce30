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
    b.berkas_id as cek_id,
    b.berkas_id,
    b.nama_berkas,
    cast(null as integer) as baris,
    b.kode_wilayah,
    b.tahun,
    b.triwulan,
    cast(null as varchar) as kode,
    'kode_wilayah' as kolom,
    w.nama_kecamatan,
    'periksa' as perlakuan
from berkas as b
left join wilayah as w on b.kode_wilayah = w.kode_wilayah
