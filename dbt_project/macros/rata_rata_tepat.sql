{#
  The mean of a percentage column, exact and rounded half away from zero to 2 decimals (persen_tepat
  of the sum over 100 x the count), instead of avg(), which DuckDB computes in floating point.
  `syarat` optionally restricts the rows, as a FILTER clause would. Null when no row has a value.
#}
{% macro rata_rata_tepat(kolom, syarat=none) -%}
{%- set filter = " filter (where " ~ syarat ~ ")" if syarat else "" -%}
{{ persen_tepat("sum(" ~ kolom ~ ")" ~ filter, "100 * count(" ~ kolom ~ ")" ~ filter) }}
{%- endmacro %}
