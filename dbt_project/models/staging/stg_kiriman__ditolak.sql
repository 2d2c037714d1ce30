-- Built with the marts, after the audit: it feeds only fct_kiriman_ditolak, and `monev check` (which builds
-- the models before the audit on the files it checks) has no inbox and no raw.ditolak.
{{ config(tags=['setelah_validasi']) }}

with source as (
    select * from {{ source('kiriman', 'ditolak') }}
),

renamed as (
    select
        nama_berkas,
        jenis,
        jenis_teks,
        alasan,
        cast(ditolak_pada as timestamptz) as ditolak_pada,
        cast(ditolak_pada_wita as timestamp) as ditolak_pada_wita,
        cast(ukuran_byte as bigint) as ukuran_byte,
        cast(byte_dibaca as bigint) as byte_dibaca,
        sha256_dibaca,
        kode_wilayah,
        lokasi,
        cast(dipindahkan as boolean) as dipindahkan,
        run_id
    from source
)

select * from renamed
