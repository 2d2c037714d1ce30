with source as (
    select * from {{ source('kiriman', 'masalah_berkas') }}
),

renamed as (
    select
        berkas_id,
        sha256,
        nama_berkas,
        sheet,
        cast(baris as integer) as baris,
        kolom,
        aturan,
        diharapkan,
        ditemukan,
        tingkat
    from source
)

select * from renamed
