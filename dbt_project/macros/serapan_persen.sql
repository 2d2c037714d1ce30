{# Serapan anggaran in percent: realisasi anggaran / pagu x 100 (no regulation text; common practice). #}
{% macro serapan_persen(realisasi_anggaran, pagu) -%}
cast(case
    when {{ pagu }} is null or {{ pagu }} = 0 or {{ realisasi_anggaran }} is null then null
    else round(cast({{ realisasi_anggaran }} as double) / cast({{ pagu }} as double) * 100, 2)
end as decimal(10, 2))
{%- endmacro %}
