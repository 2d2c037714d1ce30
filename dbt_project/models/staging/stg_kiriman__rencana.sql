{%- set money = ['pagu', 'pagu_tw1', 'pagu_tw2', 'pagu_tw3', 'pagu_tw4', 'pagu_akhir_tahun'] -%}
{%- set targets = ['target', 'target_tw1', 'target_tw2', 'target_tw3', 'target_tw4', 'target_akhir_tahun'] -%}
with source as (
    select * from {{ source('kiriman', 'rencana') }}
),

renamed as (
    select
        {{ kolom_asal_baris() }}
        kode as kode_tertulis,
        kode_normal as kode,
        level,
        kode_induk,
        cast(kode_sementara as boolean) as kode_sementara,
        uraian,
        indikator,
        satuan as satuan_tertulis,
        satuan_normal as satuan,
        agregasi_target_normal as agregasi_target,
        arah_indikator_normal as arah_indikator,
        penanggung_jawab,
        nullif(indikator_ra, '') as indikator_ra,
        nullif(rujukan_rkt, '') as rujukan_rkt,
        nullif(rujukan_ra, '') as rujukan_ra,
        catatan,
        {%- for col in money %}
            {{ col }} as {{ col }}_teks,
            try_cast({{ col }}_nilai as decimal(18, 2)) as {{ col }},
        {%- endfor %}
    {%- for col in targets %}
        {{ col }} as {{ col }}_teks,
        try_cast({{ col }}_nilai as decimal(18, 4)) as {{ col }}{{ "," if not loop.last }}
    {%- endfor %}
    from source
)

select * from renamed
