{#
  The order of the versions of one key, newest first: the version number in the file name (_v2),
  then the time the file arrived in the inbox, then the name. Used wherever "the latest version" is picked.
#}
{% macro urutan_versi(prefix='') -%}
{{ prefix }}versi desc, {{ prefix }}diterima_pada desc nulls last, {{ prefix }}nama_berkas desc
{%- endmacro %}
