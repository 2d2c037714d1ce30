{#
  Mutu pelayanan from the IKM on the 25-100 scale, rounded to two decimals (Permenpan RB 14/2017):
  A (Sangat Baik) 88,31-100; B (Baik) 76,61-88,30; C (Kurang Baik) 65,00-76,60; D (Tidak Baik) 25,00-64,99.
#}
{% macro mutu_ikm(ikm_konversi) -%}
case
    when {{ ikm_konversi }} is null then null
    when round({{ ikm_konversi }}, 2) >= 88.31 then 'A'
    when round({{ ikm_konversi }}, 2) >= 76.61 then 'B'
    when round({{ ikm_konversi }}, 2) >= 65.00 then 'C'
    else 'D'
end
{%- endmacro %}

{% macro kinerja_unit_ikm(mutu) -%}
    case {{ mutu }} when 'A' then 'Sangat Baik' when 'B' then 'Baik' when 'C' then 'Kurang Baik' when 'D' then 'Tidak Baik' end
{%- endmacro %}
