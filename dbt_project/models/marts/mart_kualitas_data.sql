-- Data quality: every open problem of every file version received, one row per problem: problems
-- found while reading the file (cell formats, header, name) and findings of the audit.
with versi as (
    select * from {{ ref('fct_versi_kiriman') }}
),

masalah_baca as (
    select
        berkas_id,
        'baca: ' || aturan as aturan,
        tingkat,
        baris,
        kolom,
        diharapkan,
        ditemukan,
        coalesce('sheet ' || sheet || ', ', '') || coalesce('row ' || baris || ', ', '')
            || coalesce('column ' || kolom, '') as letak
    from {{ ref('stg_kiriman__masalah_berkas') }}
),

temuan as (
    select
        berkas_id,
        aturan,
        tingkat,
        null::integer as baris,
        kolom,
        diharapkan,
        ditemukan,
        coalesce(kode, '') || coalesce(' ' || kolom, '') as letak
    from {{ ref('stg_gerbang__temuan') }}
    where berkas_id is not null
),

semua as (
    select * from masalah_baca
    union all
    select * from temuan
)

select
    v.kode_wilayah,
    v.tahun,
    v.jenis,
    v.triwulan,
    v.versi,
    v.nama_berkas,
    v.status,
    s.aturan,
    s.tingkat,
    s.letak,
    s.diharapkan,
    s.ditemukan,
    v.sumber,
    v.berkas_id
from semua as s
inner join versi as v on v.berkas_id = s.berkas_id
