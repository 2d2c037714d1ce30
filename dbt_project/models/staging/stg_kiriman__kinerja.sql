with source as (
    select * from {{ source('kiriman', 'kinerja') }}
),

renamed as (
    select
        berkas_id,
        sha256,
        nama_berkas,
        cast(baris as integer) as baris,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(versi as integer) as versi,
        sumber,
        cast(diterima_pada as timestamptz) as diterima_pada,
        tabel,
        cast(nullif("no", '') as integer) as no_urut,
        nullif(tujuan, '') as tujuan,
        nullif(sasaran, '') as sasaran,
        indikator,
        nullif(satuan, '') as satuan,
        nullif(formulasi, '') as formulasi,
        nullif(sumber_data, '') as sumber_data,
        nullif(penanggung_jawab, '') as penanggung_jawab,
        cast(tahun_target_nilai as integer) as tahun_target,
        target as target_teks,
        cast(target_nilai as decimal(18, 4)) as target
    from source
)

select * from renamed
