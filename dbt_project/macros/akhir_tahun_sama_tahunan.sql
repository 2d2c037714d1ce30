{#
  Where the Rencana Aksi prints an end-of-year value (its "Kondisi Kinerja Pada Akhir Tahun" column)
  for `ukuran` (pagu or target), the annual value of the RKT (diharapkan) against it (ditemukan).
#}
{% macro akhir_tahun_sama_tahunan(ukuran, rule) %}
with nilai as (
    select * from {{ ref('int_rencana__nilai') }}
    where ukuran = '{{ ukuran }}'
),

checks as (
    select
        akhir.berkas_id,
        akhir.nama_berkas,
        akhir.kode_wilayah,
        akhir.tahun,
        akhir.kode,
        akhir.level,
        akhir.kolom,
        '{{ ukuran }}' as ukuran,
        tahunan.nilai as diharapkan,
        akhir.nilai as ditemukan,
        'end-of-year column vs annual {{ ukuran }}' as keterangan
    from nilai as akhir
    inner join nilai as tahunan
        on tahunan.berkas_id = akhir.berkas_id
        and tahunan.kode = akhir.kode
        and tahunan.periode = 'tahun'
    where akhir.periode = 'akhir_tahun'
        and (akhir.teks_terbit is not null or akhir.dikoreksi)
)

{{ mark_accepted_exceptions('checks', rule) }}
{% endmacro %}
