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
left join (
    -- the exceptions of each checked (kecamatan, year, code, column) that has any: found from the few checked
    -- rows an exception of this rule names (a semi join), then joined back on equality, instead of a lateral
    -- subquery per checked row (3,5 s of 5,5 s for the 7 million rows of nilai_muat_kolom at national scale)
    select
        k.kode_wilayah,
        k.tahun,
        k.kode,
        k.kolom,
        string_agg(p.alasan, ' / ' order by p.koreksi_baris) as alasan,
        string_agg(p.alasan_id, ' / ' order by p.koreksi_baris) as alasan_id
    from (
        select distinct
            c.kode_wilayah,
            c.tahun,
            c.kode,
            c.kolom
        from {{ checks }} as c
        semi join {{ ref('int_rencana__pengecualian') }} as p
            on
                p.kode_wilayah = c.kode_wilayah
                and p.tahun = c.tahun
                and p.kode = c.kode
                and p.aturan = '{{ rule }}'
    ) as k
    inner join {{ ref('int_rencana__pengecualian') }} as p
        on
            p.kode_wilayah = k.kode_wilayah
            and p.tahun = k.tahun
            and p.kode = k.kode
            and p.aturan = '{{ rule }}'
            and (p.kolom is null or p.kolom = k.kolom)
    group by k.kode_wilayah, k.tahun, k.kode, k.kolom
) as e
    on
        c.kode_wilayah = e.kode_wilayah
        and c.tahun = e.tahun
        and c.kode = e.kode
        and c.kolom is not distinct from e.kolom
{% endmacro %}
