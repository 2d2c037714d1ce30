-- The plan realisasi is checked against: per kecamatan and year, the latest plan version read
-- without error (unreadable numbers left to the corrections log do not count). (Which plan version is published is decided after the audit: int_rencana__diterima.)
with node as (
    select * from {{ ref('int_rencana__node') }}
),

berkas as (
    select distinct
        berkas_id,
        not exists (
            select 1 from {{ ref('int_berkas__galat_baca') }} as g
            where g.berkas_id = node.berkas_id
        ) as berkas_terbaca
    from node
)

select node.*
from node
inner join berkas on node.berkas_id = berkas.berkas_id
where berkas.berkas_terbaca
{{ hanya_versi_terbaru(['kode_wilayah', 'tahun']) }}
