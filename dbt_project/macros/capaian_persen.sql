{#
  Capaian kinerja in percent (domain reference section 5), exact (persen_tepat).
  Higher is better (arah 'naik'):   realisasi / target x 100.
  Lower is better (arah 'turun'):   (1 + (1 - realisasi / target)) x 100 = (2 x target - realisasi) / target x 100,
                                    the PermenPANRB 6/2022 "kondisi khusus" formula, floored at 0.
  No target, a zero target or no realisasi: null (not measurable).
#}
{% macro capaian_persen(realisasi, target, arah) -%}
cast(case
    when {{ target }} is null or {{ target }} = 0 or {{ realisasi }} is null then null
    when {{ arah }} = 'turun' then greatest({{ persen_tepat('2 * ' ~ target ~ ' - ' ~ realisasi, target) }}, 0)
    else {{ persen_tepat(realisasi, target) }}
end as decimal(10, 2))
{%- endmacro %}
