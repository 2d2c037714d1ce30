{{ config(tags=["setelah_validasi"]) }}
-- The file versions the quality gate refused (read only after the gate has written raw.karantina).
with source as (
    select * from {{ source('gerbang', 'karantina') }}
),

renamed as (
    select
        berkas_id,
        nama_berkas,
        aturan,
        alasan,
        alasan_en
    from source
)

select * from renamed
