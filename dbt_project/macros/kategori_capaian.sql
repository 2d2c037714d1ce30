{#
  The 5-level capaian category. Boundaries and labels come from var('kategori_capaian') in
  dbt_project.yml (lower bounds, highest first); a value in the gap between two printed bands
  belongs to the lower band (90,99 is in 76-90, 91 is in >= 91).
#}
{% macro kategori_capaian(persen) -%}
case
    when {{ persen }} is null then null
    {%- for band in var('kategori_capaian') %}
        {%- if band.batas_bawah is not none %}
    when {{ persen }} >= {{ band.batas_bawah }} then '{{ band.label }}'
    {%- else %}
    else '{{ band.label }}'
        {%- endif %}
    {%- endfor %}
end
{%- endmacro %}
