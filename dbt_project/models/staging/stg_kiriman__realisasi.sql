with source as (
    select * from {{ source('kiriman', 'realisasi') }}
),

renamed as (
    select
        {{ kolom_asal_baris() }}
        cast(triwulan as integer) as triwulan,
        kode as kode_tertulis,
        kode_normal as kode,
        level,
        kode_induk,
        realisasi_target as realisasi_target_teks,
        try_cast(realisasi_target_nilai as decimal(18, 4)) as realisasi_target,
        satuan_realisasi,
        realisasi_anggaran as realisasi_anggaran_teks,
        try_cast(realisasi_anggaran_nilai as decimal(18, 2)) as realisasi_anggaran,
        nullif(keterangan, '') as keterangan,
        nullif(permasalahan, '') as permasalahan,
        nullif(tindak_lanjut, '') as tindak_lanjut
    from source
)

select * from renamed
