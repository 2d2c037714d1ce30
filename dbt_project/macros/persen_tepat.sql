{#
  pembilang / penyebut x 100, rounded half away from zero to two decimals, computed exactly: both
  values become whole numbers of 1/10.000 (money has 2 decimals, targets 4) and the division is an
  integer division, so a percentage derived from rupiah never passes through floating point
  (8.145 % stays 8,15 and a capaian of exactly 90,995 % is 91,00, not 90,99).
  Null when penyebut is null or zero, or pembilang is null.
#}
{% macro persen_tepat(pembilang, penyebut) -%}
(case
    when {{ penyebut }} is null or {{ penyebut }} = 0 or {{ pembilang }} is null then null
    else cast(
        sign(cast(({{ pembilang }}) * 10000 as hugeint)) * sign(cast(({{ penyebut }}) * 10000 as hugeint))
        * ((2 * abs(cast(({{ pembilang }}) * 10000 as hugeint)) * 10000 + abs(cast(({{ penyebut }}) * 10000 as hugeint)))
           // (2 * abs(cast(({{ penyebut }}) * 10000 as hugeint))))
        as decimal(18, 0)) * 0.01
end)
{%- endmacro %}
