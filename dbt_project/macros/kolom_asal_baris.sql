{#
  The provenance every staged submission row carries: which file version it comes from (berkas_id,
  sha256, name, arrival) and where in it (baris), with the file's key (kecamatan, year, version).
#}
{% macro kolom_asal_baris() -%}
        berkas_id,
        sha256,
        nama_berkas,
        cast(baris as integer) as baris,
        kode_wilayah,
        cast(tahun as integer) as tahun,
        cast(versi as integer) as versi,
        sumber,
        cast(diterima_pada as timestamptz) as diterima_pada,
{%- endmacro %}
