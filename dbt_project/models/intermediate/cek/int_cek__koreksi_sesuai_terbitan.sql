-- Traceability rule: a correction applies only to the value it was written for. If the file now
-- says something else than the corrections log's "nilai_terbit", the log entry is stale.
with koreksi as (
    select * from {{ ref('int_rencana__koreksi_aktif') }}
    where jenis = 'koreksi'
),

nilai as (
    select kode_wilayah, tahun, kode, kolom, teks_terbit from {{ ref('int_rencana__nilai') }}
),

teks as (
    {%- for col in ['uraian', 'indikator', 'satuan', 'penanggung_jawab', 'agregasi_target'] %}
    select kode_wilayah, tahun, kode, '{{ col }}' as kolom, nullif({{ col }}_terbit, '') as teks_terbit
    from {{ ref('int_rencana__node') }}
    union all
    {%- endfor %}
    select * from nilai
),

checks as (
    select
        k.kode_wilayah,
        k.tahun,
        k.kode,
        k.kolom,
        k.baris as koreksi_baris,
        k.nilai_terbit_teks as diharapkan,
        t.teks_terbit as ditemukan,
        t.kode is not null as baris_ditemukan
    from koreksi as k
    left join teks as t
        on t.kode_wilayah = k.kode_wilayah and t.tahun = k.tahun and t.kode = k.kode and t.kolom = k.kolom
)

{{ mark_accepted_exceptions('checks', 'koreksi_sesuai_terbitan') }}
