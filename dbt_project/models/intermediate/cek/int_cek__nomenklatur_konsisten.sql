-- Reference rule: the nomenclature is a tree. Every kegiatan and sub-kegiatan has a parent one level
-- up. A broken tree would corrupt every rollup of every kecamatan, so this rule blocks publication.
with nomenklatur as (
    select * from {{ ref('stg_referensi__nomenklatur') }}
)

select
    'nomenklatur_konsisten' as aturan,
    n.kode,
    n.level,
    'kode_induk' as kolom,
    n.kode_induk,
    induk.nama as nama_induk,
    induk.level = case n.level when 'kegiatan' then 'program' when 'sub_kegiatan' then 'kegiatan' end as level_induk_sesuai,
    n.nama_berkas,
    n.baris
from nomenklatur as n
left join nomenklatur as induk on induk.kode = n.kode_induk
where n.level <> 'program'
