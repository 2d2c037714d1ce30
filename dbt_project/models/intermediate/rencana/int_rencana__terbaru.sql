-- The plan realisasi is checked against: per kecamatan and year, the latest plan version read
-- without error (unreadable numbers left to the corrections log do not count). (Which plan version is published is decided after the audit: int_rencana__diterima.)
with node as (
    select * from {{ ref('int_rencana__node') }}
),

berkas as (
    select berkas_id, max(error_berat) = 0 as berkas_terbaca
    from {{ ref('int_cek__berkas_terbaca') }}
    group by berkas_id
)

select node.*
from node
inner join berkas on berkas.berkas_id = node.berkas_id
where berkas.berkas_terbaca
{{ hanya_versi_terbaru(['kode_wilayah', 'tahun']) }}
