{# Serapan anggaran in percent: realisasi anggaran / pagu x 100, exact (no regulation text; common practice). #}
{% macro serapan_persen(realisasi_anggaran, pagu) -%}
    cast({{ persen_tepat(realisasi_anggaran, pagu) }} as decimal(10, 2))
{%- endmacro %}
