{#
  The accepted version of a key: among the versions the audit did not quarantine, the latest
  (urutan_versi). A refused re-submission therefore never replaces the version accepted before it.
  `rows` is a relation or CTE with berkas_id, versi, diterima_pada and nama_berkas; `kunci` the key columns.
  The version is chosen among files (one row each), then their rows are kept: ranking millions of
  survey answers row by row would sort them all.
#}
{% macro pilih_versi_diterima(rows, kunci) %}
select *
from {{ rows }}
where berkas_id in (
    select berkas_id
    from (
        select distinct {{ kunci | join(', ') }}, berkas_id, versi, diterima_pada, nama_berkas
        from {{ rows }}
        where berkas_id not in (select berkas_id from {{ ref('stg_gerbang__karantina') }})
    )
    {{ hanya_versi_terbaru(kunci) }}
)
{% endmacro %}
