-- Every answer of every IKM survey version in long form: one row per respondent and unsur (U1..U9).
with survei as (
    select * from {{ ref('stg_kiriman__survei') }}
)

{%- for i in range(1, 10) %}

    select
        kode_wilayah,
        tahun,
        versi,
        diterima_pada,
        sumber,
        berkas_id,
        nama_berkas,
        baris,
        no_responden,
        tanggal,
        layanan,
        'u{{ i }}' as unsur,
        'u{{ i }}' as kolom,
        u{{ i }}_teks as teks_terbit,
        u{{ i }} as nilai
    from survei
    {{ "union all" if not loop.last }}
{%- endfor %}
