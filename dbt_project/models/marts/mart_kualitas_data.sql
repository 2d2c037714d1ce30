-- Data quality: every problem of every file version received, one row per problem: problems found while
-- reading the file (cell formats, header, name; the reader's rules) and findings of the audit, each with
-- its rule, where it is and its message in Bahasa Indonesia.
with versi as (
    select * from {{ ref('fct_versi_kiriman') }}
),

masalah_baca as (
    select
        berkas_id,
        aturan,
        tingkat,
        concat_ws(
            ', ', case when sheet is not null then 'sheet ' || sheet end,
            case when baris is not null then 'baris ' || baris end, kode,
            case when kolom is not null then 'kolom ' || kolom end
        ) as letak,
        diharapkan,
        ditemukan,
        pesan
    from {{ ref('stg_kiriman__masalah_berkas') }}
),

temuan as (
    select
        berkas_id,
        aturan,
        tingkat,
        concat_ws(
            ', ', case when baris is not null then 'baris ' || baris end, kode,
            case when kolom is not null then 'kolom ' || kolom end,
            case when triwulan is not null then 'triwulan ' || triwulan end
        ) as letak,
        diharapkan,
        ditemukan,
        pesan
    from {{ ref('stg_gerbang__temuan') }}
    where berkas_id is not null and aturan <> 'berkas_terbaca'  -- its read errors are listed one by one
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
    s.pesan,
    v.sumber,
    v.berkas_id
from semua as s
inner join versi as v on s.berkas_id = v.berkas_id
