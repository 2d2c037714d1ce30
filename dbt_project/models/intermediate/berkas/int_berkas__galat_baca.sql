-- The read errors still open: every error the reader listed (stg_kiriman__masalah_berkas) except those on a
-- plan cell the corrections log corrects (int_rencana__nilai.dikoreksi). One row per open error.
with masalah as (
    select * from {{ ref('stg_kiriman__masalah_berkas') }}
    where tingkat = 'error'
),

dikoreksi as (
    select
        berkas_id,
        baris,
        kolom
    from {{ ref('int_rencana__nilai') }}
    where dikoreksi
)

select m.*
from masalah as m
where not exists (
    select 1 from dikoreksi as d
    where d.berkas_id = m.berkas_id and d.baris = m.baris and d.kolom = m.kolom
)
