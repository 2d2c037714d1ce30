with source as (
    select * from {{ source('kiriman', 'realisasi') }}
),

renamed as (
    select
        berkas_id,
        sha256,
        nama_berkas,
        cast(baris as integer) as baris,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(triwulan as integer) as triwulan,
        cast(versi as integer) as versi,
        sumber,
        cast(diterima_pada as timestamptz) as diterima_pada,
        kode as kode_tertulis,
        kode_normal as kode,
        level,
        kode_induk,
        realisasi_target as realisasi_target_teks,
        cast(realisasi_target_nilai as decimal(18, 4)) as realisasi_target,
        realisasi_anggaran as realisasi_anggaran_teks,
        cast(realisasi_anggaran_nilai as decimal(18, 2)) as realisasi_anggaran,
        nullif(keterangan, '') as keterangan,
        nullif(permasalahan, '') as permasalahan,
        nullif(tindak_lanjut, '') as tindak_lanjut
    from source
)

select * from renamed
