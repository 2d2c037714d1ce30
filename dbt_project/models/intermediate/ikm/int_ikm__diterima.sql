{{ config(tags=["setelah_validasi"]) }}
-- The accepted IKM survey answers: per kecamatan and year, the latest version not quarantined.
with jawaban as (
    select * from {{ ref('int_ikm__jawaban') }}
),

karantina as (
    select distinct berkas_id from {{ ref('stg_kiriman__karantina') }}
)

select *
from jawaban
where berkas_id not in (select berkas_id from karantina)
qualify dense_rank() over (partition by kode_wilayah, tahun order by {{ urutan_versi() }}) = 1
