with source as (
    select * from {{ source('referensi', 'wilayah') }}
),

renamed as (
    select
        kode_kecamatan as kode_wilayah,
        nama_kecamatan,
        kode_kabupaten,
        nama_kabupaten,
        kode_provinsi,
        nama_provinsi,
        cast(jumlah_kelurahan as integer) as jumlah_kelurahan,
        cast(jumlah_desa as integer) as jumlah_desa
    from source
)

select * from renamed
