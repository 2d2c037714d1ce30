{{ config(tags=["setelah_validasi"]) }}
-- The published plan versions: per kecamatan and year, the latest plan version the audit did not
-- quarantine. A refused re-submission never replaces the version accepted before it.
with versi as (
    select distinct berkas_id, kode_wilayah, tahun, versi, diterima_pada, nama_berkas, sumber
    from {{ ref('int_rencana__node') }}
),

karantina as (
    select distinct berkas_id from {{ ref('stg_kiriman__karantina') }}
)

select *
from versi
where berkas_id not in (select berkas_id from karantina)
qualify dense_rank() over (partition by kode_wilayah, tahun order by {{ urutan_versi() }}) = 1
