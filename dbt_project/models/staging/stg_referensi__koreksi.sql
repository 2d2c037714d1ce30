with source as (
    select * from {{ source('referensi', 'koreksi') }}
),

renamed as (
    select
        nama_berkas,
        cast(baris as integer) as baris,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        kode,
        nullif(kolom, '') as kolom,
        nullif(nilai_terbit, '') as nilai_terbit_teks,
        nilai_koreksi as nilai_koreksi_teks,
        cast(nilai_terbit_nilai as decimal(18, 4)) as nilai_terbit,
        cast(nilai_koreksi_nilai as decimal(18, 4)) as nilai_koreksi,
        jenis,
        nullif(aturan, '') as aturan,
        alasan,
        -- how certain a correction is: ditentukan (the printed numbers force it) or asumsi (one reading of
        -- several: the assumption and how many feasible readings there are); empty for an exception
        nullif(trim(kepastian), '') as kepastian,
        nullif(trim(asumsi), '') as asumsi,
        cast(nullif(trim(alternatif), '') as integer) as alternatif,
        -- alasan and asumsi in Bahasa Indonesia, as the reports print them
        alasan_id,
        nullif(trim(asumsi_id), '') as asumsi_id,
        diputuskan_oleh,
        cast(nullif(tanggal, '') as date) as tanggal
    from source
)

select * from renamed
