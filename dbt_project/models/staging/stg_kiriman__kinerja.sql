with source as (
    select * from {{ source('kiriman', 'kinerja') }}
),

renamed as (
    select
        {{ kolom_asal_baris() }}
        tabel,
        cast(nullif(no, '') as integer) as no_urut,
        nullif(tujuan, '') as tujuan,
        nullif(sasaran, '') as sasaran,
        indikator,
        nullif(lower(trim(kode_indikator)), '') as kode_indikator,
        nullif(satuan, '') as satuan,
        nullif(formulasi, '') as formulasi,
        nullif(sumber_data, '') as sumber_data,
        nullif(penanggung_jawab, '') as penanggung_jawab,
        try_cast(tahun_target_nilai as integer) as tahun_target,
        target as target_teks,
        try_cast(target_nilai as decimal(18, 4)) as target,
        nullif(rujukan, '') as rujukan
    from source
)

select * from renamed
