with source as (
    select * from {{ source('kiriman', 'survei') }}
),

renamed as (
    select
        {{ kolom_asal_baris() }}
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
