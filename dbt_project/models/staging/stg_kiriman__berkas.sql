with source as (
    select * from {{ source('kiriman', 'berkas') }}
),

renamed as (
    select
        berkas_id,
        sha256,
        nama_berkas,
        lokasi,
        jenis,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(triwulan as integer) as triwulan,
        cast(versi as integer) as versi,
        sumber,
        cast(diterima_pada as timestamptz) as diterima_pada,
        cast(ukuran_byte as bigint) as ukuran_byte,
        cast(jumlah_baris as integer) as jumlah_baris,
        cast(jumlah_error as integer) as jumlah_error,
        cast(dibaca_pada as timestamptz) as dibaca_pada
    from source
)

select * from renamed
