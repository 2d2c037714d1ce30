{#
  pembilang / penyebut x 100, rounded half away from zero to two decimals, computed exactly: both
  values become whole numbers of 1/10.000 (money has 2 decimals, targets 4) as HUGEINT, so that even
  the largest DECIMAL(18, 2) amounts cannot overflow, and the division is an integer division. A
  percentage derived from rupiah never passes through floating point (8,145 % is 8,15, and a capaian
  of exactly 90,995 % is 91,00, not 90,99). Null when penyebut is null or zero, or pembilang is null.
#}
{% macro persen_tepat(pembilang, penyebut) -%}
    {%- set n = "cast(cast(" ~ pembilang ~ " as decimal(38, 4)) * 10000 as hugeint)" -%}
    {%- set d = "cast(cast(" ~ penyebut ~ " as decimal(38, 4)) * 10000 as hugeint)" -%}
(case
    when {{ penyebut }} is null or {{ penyebut }} = 0 or {{ pembilang }} is null then null
    else cast(sign({{ n }}) * sign({{ d }}) * ((2 * abs({{ n }}) * 10000 + abs({{ d }})) // (2 * abs({{ d }})))
              as decimal(18, 0)) * 0.01
end)
{%- endmacro %}
