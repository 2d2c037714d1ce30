{#
  A number as text the way the messages show it, without thousands separators: 12.0000 -> '12',
  1.5000 -> '1,5', null -> '?'. Used where a rule lists several numbers in one parameter.
#}
{% macro angka_teks(x) -%}
    coalesce(replace(regexp_replace(regexp_replace(cast({{ x }} as varchar), '(\.[0-9]*?)0+$', '\1'), '\.$', ''), '.', ','), '?')
{%- endmacro %}

{#
  Rupiah as text with thousands dots, as the messages show money: 38290000.00 -> '38.290.000',
  1234.50 -> '1.234,50', null -> '?'.
#}
{% macro rupiah_teks(x) -%}
coalesce(
    case when {{ x }} < 0 then '-' else '' end
    || replace(format('{:,}', cast(floor(abs({{ x }})) as hugeint)), ',', '.')
    || case when abs({{ x }}) <> floor(abs({{ x }}))
        then ',' || lpad(cast(cast(round((abs({{ x }}) - floor(abs({{ x }}))) * 100) as integer) as varchar), 2, '0')
        else '' end,
    '?')
{%- endmacro %}
