{{ config(tags=["setelah_validasi"]) }}
-- Every finding of the audit (written by the quality gate), for the data-quality mart.
with source as (
    select * from {{ source('gerbang', 'temuan') }}
),

renamed as (
    select
        berkas_id,
        nama_berkas,
        aturan,
        cek,
        tingkat,
        dampak,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(triwulan as integer) as triwulan,
        kode,
        kolom,
        cast(baris as integer) as baris,
        diharapkan,
        ditemukan,
        pesan,
        pesan_en
    from source
)

select * from renamed
