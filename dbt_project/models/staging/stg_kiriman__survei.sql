with source as (
    select * from {{ source('kiriman', 'survei') }}
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
        no_responden,
        cast(tanggal_nilai as date) as tanggal,
        layanan,
        {%- for i in range(1, 10) %}
        u{{ i }} as u{{ i }}_teks,
        cast(u{{ i }}_nilai as integer) as u{{ i }},
        {%- endfor %}
        nullif(keterangan, '') as keterangan
    from source
)

select * from renamed
