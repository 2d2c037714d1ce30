{{ config(tags=["setelah_validasi"]) }}
-- The accepted realisasi: per kecamatan, year and triwulan, the latest version the audit did not
-- quarantine. A refused re-submission therefore never erases the version accepted before it.
with versi as (
    select * from {{ ref('int_realisasi__versi') }}
),

karantina as (
    select distinct berkas_id from {{ ref('stg_kiriman__karantina') }}
)

select *
from versi
where berkas_id not in (select berkas_id from karantina)
qualify dense_rank() over (partition by kode_wilayah, tahun, triwulan order by {{ urutan_versi() }}) = 1
