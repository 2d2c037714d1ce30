-- Reference rule: the nomenclature is a tree. Every kegiatan and sub-kegiatan has a parent one level
-- up. A broken tree would corrupt every rollup of every kecamatan, so this rule blocks publication.
with nomenklatur as (
    select * from {{ ref('stg_referensi__nomenklatur') }}
)

select
    'nomenklatur_konsisten' as aturan,
    n.kode as cek_id,
    cast(null as varchar) as berkas_id,
    n.nama_berkas,
    n.baris,
    cast(null as varchar) as kode_wilayah,
    cast(null as integer) as tahun,
    cast(null as integer) as triwulan,
    n.kode,
    'kode_induk' as kolom,
    n.level,
    n.kode_induk,
    induk.nama as nama_induk,
    induk.level as level_induk,
    induk.level = case n.level when 'kegiatan' then 'program' when 'sub_kegiatan' then 'kegiatan' end
        as level_induk_sesuai,
    'periksa' as perlakuan
from nomenklatur as n
left join nomenklatur as induk on n.kode_induk = induk.kode
where n.level <> 'program'
