{#
  The mean of a percentage column, exact and rounded half away from zero to 2 decimals (persen_tepat
  of the sum over 100 x the count), instead of avg(), which DuckDB computes in floating point.
  Nulls are left out, as avg() leaves them out: to average some rows only, pass
  "case when <condition> then <column> end". Null when no row has a value.
#}
{% macro rata_rata_tepat(kolom) -%}
    {{ persen_tepat("sum(" ~ kolom ~ ")", "100 * count(" ~ kolom ~ ")") }}
{%- endmacro %}
