{#
  Adds the rule name (by convention the model is int_cek__<rule>) and marks checks covered by
  an accepted exception in the corrections log (jenis = pengecualian) for that rule.
  `checks` is a CTE with kode_wilayah, tahun, kode and kolom.
#}
{% macro mark_accepted_exceptions(checks, rule) %}
select
    '{{ rule }}' as aturan,
    c.*,
    p.koreksi_baris is not null as pengecualian,
    p.alasan as alasan_pengecualian
from {{ checks }} as c
left join {{ ref('int_rencana__pengecualian') }} as p
    on p.kode_wilayah = c.kode_wilayah
    and p.tahun = c.tahun
    and p.kode = c.kode
    and p.aturan = '{{ rule }}'
    and (p.kolom is null or p.kolom = c.kolom)
{% endmacro %}
