{#
  A rank (1 = highest) among the rows of a partition whose figure is known, null for a row whose figure is
  not: ranks are given over complete figures only (a kecamatan or kabupaten with a lost input is not
  ranked, and does not push the others down). Partitioning also by "figure is null" makes the complete ones
  rank 1..N among themselves.
#}
{% macro peringkat_lengkap(nilai, partisi) -%}
    case when {{ nilai }} is not null then rank() over (
        partition by {{ partisi }}, {{ nilai }} is null
        order by {{ nilai }} desc
    ) end
{%- endmacro %}
