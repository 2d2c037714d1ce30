with source as (
    select * from {{ source('referensi', 'nomenklatur') }}
),

renamed as (
    select
        kode,
        level,
        nama,
        nullif(kode_induk, '') as kode_induk,
        nullif(indikator, '') as indikator,
        nullif(satuan, '') as satuan,
        keyakinan,
        cast(kode_sementara as boolean) as kode_sementara,
        nullif(catatan, '') as catatan,
        nama_berkas,
        cast(baris as integer) as baris
    from source
)

select * from renamed
