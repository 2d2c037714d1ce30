-- Traceability rule: a correction applies only to the value it was written for (the cell must read
-- the log's nilai_terbit). A correction that no plan version reads any more is reported as stale.
with koreksi as (
    select * from {{ ref('int_rencana__koreksi_aktif') }}
    where jenis = 'koreksi'
),

teks as (
    {%- for col in ['uraian', 'indikator', 'satuan', 'penanggung_jawab', 'agregasi_target'] %}
        select
            berkas_id,
            kode_wilayah,
            tahun,
            kode,
            '{{ col }}' as kolom,
            nullif({{ col }}_terbit, '') as teks_terbit
        from {{ ref('int_rencana__node') }}
        union all
    {%- endfor %}
    select
        berkas_id,
        kode_wilayah,
        tahun,
        kode,
        kolom,
        teks_terbit
    from {{ ref('int_rencana__nilai') }}
),

checks as (
    select
        cast(null as varchar) as berkas_id,
        k.nama_berkas,
        k.baris,
        k.kode_wilayah,
        k.tahun,
        cast(null as integer) as triwulan,
        k.kode,
        k.kolom,
        k.nilai_terbit_teks as teks_terbit,
        count(t.berkas_id) > 0 as diterapkan,
        count(t.berkas_id) as banyak_versi
    from koreksi as k
    left join teks as t
        on
            k.kode_wilayah = t.kode_wilayah and k.tahun = t.tahun and k.kode = t.kode and k.kolom = t.kolom
            and coalesce(t.teks_terbit, '') = coalesce(k.nilai_terbit_teks, '')
    group by all
)

{{ tandai_cek('checks', 'koreksi_sesuai_terbitan', ['kode_wilayah', 'tahun', 'kode', 'kolom', 'baris']) }}
