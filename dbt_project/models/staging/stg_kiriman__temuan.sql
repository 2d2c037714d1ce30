{{ config(tags=["setelah_validasi"]) }}
-- Every finding of the audit (written by the validation step), for the data-quality mart.
with source as (
    select * from {{ source('kiriman', 'temuan') }}
),

renamed as (
    select
        berkas_id,
        nama_berkas,
        aturan,
        tingkat,
        dampak,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(triwulan as integer) as triwulan,
        kode,
        kolom,
        diharapkan,
        ditemukan,
        pesan
    from source
)

select * from renamed
