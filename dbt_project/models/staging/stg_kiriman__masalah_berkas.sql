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
        kode,
        aturan,
        cek,
        tingkat,
        dampak,
        cast(params as json) as params,
        pesan,
        pesan_en,
        diharapkan,
        ditemukan
    from source
)

select * from renamed
