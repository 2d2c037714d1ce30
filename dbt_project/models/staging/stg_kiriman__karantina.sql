{{ config(tags=["setelah_validasi"]) }}
-- Read only after the audit has written raw.karantina.
with source as (
    select * from {{ source('kiriman', 'karantina') }}
),

renamed as (
    select
        berkas_id,
        nama_berkas,
        aturan,
        alasan
    from source
)

select * from renamed
