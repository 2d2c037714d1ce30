{#
  The common columns of every rule model (int_cek__<rule>), around its checks:
  - aturan: the rule's code in the registry (orchestration/rules/), by convention the model's suffix;
  - cek_id: one key per checked row (the Great Expectations suites return the cek_id of failing rows);
  - pengecualian, alasan_pengecualian (alasan_pengecualian__id in Bahasa Indonesia): a known discrepancy the
    corrections log accepts (jenis = pengecualian) for this rule, kecamatan, year, code and column (kolom
    empty = every column);
  - perlakuan: how the row is checked: 'pengecualian' (accepted: reported as a warning), 'tidak_lengkap'
    (an input of the check is not known: the check cannot be made, and says which input is missing),
    'periksa' (checked).
  `checks` is a CTE with kode_wilayah, tahun, kode and kolom; `kunci` the columns that make cek_id unique;
  `lengkap` an expression that is true when every input of the row's check is known.
#}
{% macro tandai_cek(checks, rule, kunci, lengkap=none) %}
    
    
select
    '{{ rule }}' as aturan,
    concat_ws('|', {% for k in kunci %}coalesce(cast(c.{{ k }} as varchar), '-'){{ ", " if not loop.last }}{% endfor %})
        as cek_id,
    c.*,
    e.alasan is not null as pengecualian,
    e.alasan as alasan_pengecualian,
    e.alasan_id as alasan_pengecualian__id,
    case
        when e.alasan is not null then 'pengecualian'
{%- if lengkap %}
        when not coalesce({{ lengkap }}, false) then 'tidak_lengkap'
{%- endif %}
        else 'periksa'
    end as perlakuan
from {{ checks }} as c
left join lateral (
    select
        string_agg(p.alasan, ' / ' order by p.koreksi_baris) as alasan,
        string_agg(p.alasan_id, ' / ' order by p.koreksi_baris) as alasan_id
    from {{ ref('int_rencana__pengecualian') }} as p
    where p.kode_wilayah = c.kode_wilayah
        and p.tahun = c.tahun
        and p.kode = c.kode
        and p.aturan = '{{ rule }}'
        and (p.kolom is null or p.kolom = c.kolom)
) as e on true
{% endmacro %}
