-- File rule: every number the reader accepted fits the column staging stores it in. The reader bounds
-- every amount and target (rule rentang_nilai), so this never fails on what it accepts today; it is the
-- safety net that turns a value that would still overflow its DECIMAL into a located, quarantining
-- finding (staging try_casts it to NULL) instead of a cast error that stops the whole refresh.
{%- set kolom = {
    'rencana': [
        ('pagu', 'decimal(18, 2)'), ('pagu_tw1', 'decimal(18, 2)'), ('pagu_tw2', 'decimal(18, 2)'),
        ('pagu_tw3', 'decimal(18, 2)'), ('pagu_tw4', 'decimal(18, 2)'), ('pagu_akhir_tahun', 'decimal(18, 2)'),
        ('target', 'decimal(18, 4)'), ('target_tw1', 'decimal(18, 4)'), ('target_tw2', 'decimal(18, 4)'),
        ('target_tw3', 'decimal(18, 4)'), ('target_tw4', 'decimal(18, 4)'), ('target_akhir_tahun', 'decimal(18, 4)'),
    ],
    'realisasi': [('realisasi_target', 'decimal(18, 4)'), ('realisasi_anggaran', 'decimal(18, 2)')],
    'kinerja': [('target', 'decimal(18, 4)'), ('tahun_target', 'integer')],
} %}
with checks as (
    {%- for tabel, kolom_tabel in kolom.items() %}
        {%- for nama, tipe in kolom_tabel %}
            select
                berkas_id,
                nama_berkas,
                cast(baris as integer) as baris,
                kode_wilayah,
                cast(tahun as integer) as tahun,
                cast(triwulan as integer) as triwulan,
                {{ "coalesce(kode_normal, nullif(kode, ''))" if tabel != 'kinerja' else "cast(null as varchar)" }}
                    as kode,
                '{{ nama }}' as kolom,
                {{ nama }} as isian,
                '{{ tipe }}' as tipe,
                try_cast({{ nama }}_nilai as {{ tipe }}) is not null as muat
            from {{ source('kiriman', tabel) }}
            where {{ nama }}_nilai is not null
            {{ "union all" if not loop.last }}
        {%- endfor %}
        {{ "union all" if not loop.last }}
    {%- endfor %}
)

{{ tandai_cek('checks', 'nilai_muat_kolom', ['berkas_id', 'baris', 'kolom']) }}
