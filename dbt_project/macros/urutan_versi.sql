{#
  The order of the versions of one key, newest first: the version number in the file name (_v2),
  then the time the file arrived in the inbox, then the name. Used wherever "the latest version" is picked
  (through hanya_versi_terbaru).
#}
{% macro urutan_versi() -%}
    versi desc, diterima_pada desc nulls last, nama_berkas desc
{%- endmacro %}

{#
  Keeps, per key, the rows of its latest version (urutan_versi): the clause that ends a select over the
  versions that may be chosen (accepted ones in pilih_versi_diterima, readable ones for the audit).
#}
{% macro hanya_versi_terbaru(kunci) -%}
    qualify dense_rank() over (partition by {{ kunci | join(', ') }} order by {{ urutan_versi() }}) = 1
{%- endmacro %}
