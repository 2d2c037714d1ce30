-- One row per plan version and node (program, kegiatan, sub-kegiatan) with its descriptive fields,
-- text corrections applied (where the cell reads what the log says) and the published text beside them.
{%- set text_columns = ['uraian', 'indikator', 'satuan', 'penanggung_jawab', 'agregasi_target'] %}
with rencana as (
    select * from {{ ref('stg_kiriman__rencana') }}
    where kode is not null
),

koreksi as (
    select * from {{ ref('int_rencana__koreksi_aktif') }}
    where jenis = 'koreksi'
)

select
    r.berkas_id,
    r.versi,
    r.diterima_pada,
    r.kode_wilayah,
    r.tahun,
    r.kode,
    r.level,
    r.kode_induk,
    r.kode_sementara,
    {%- for col in text_columns %}
        coalesce(k_{{ col }}.nilai_koreksi_teks, r.{{ col }}) as {{ col }},
        r.{{ col }} as {{ col }}_terbit,
    {%- endfor %}
    lower(regexp_replace(trim(coalesce(k_uraian.nilai_koreksi_teks, r.uraian)), '\s+', ' ', 'g')) as uraian_kunci,
    r.indikator_ra,
    r.arah_indikator,
    r.rujukan_rkt,
    r.rujukan_ra,
    r.catatan,
    r.sumber,
    r.sha256,
    r.nama_berkas,
    r.baris
from
    rencana as r
    {%- for col in text_columns %}
    left join koreksi as k_{{ col }}
        on
            k_{{ col }}.kode_wilayah = r.kode_wilayah
            and k_{{ col }}.tahun = r.tahun
            and k_{{ col }}.kode = r.kode
            and k_{{ col }}.kolom = '{{ col }}'
            and coalesce(k_{{ col }}.nilai_terbit_teks, '') = coalesce(r.{{ col }}, '')
        {%- endfor %}
