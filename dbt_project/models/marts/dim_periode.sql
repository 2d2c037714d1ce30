-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- Years that have a plan, with their four triwulan (triwulan 0 = the whole year).
with tahun as (
    select distinct tahun from {{ ref('int_rencana__node_diterima') }}
),

triwulan as (
    select unnest([0, 1, 2, 3, 4]) as triwulan
)

select
    t.tahun * 10 + q.triwulan as periode_id,
    t.tahun,
    q.triwulan,
    case when q.triwulan = 0 then 'Tahun ' || t.tahun else 'TW' || q.triwulan || ' ' || t.tahun end as label,
    make_date(t.tahun, case when q.triwulan = 0 then 1 else (q.triwulan - 1) * 3 + 1 end, 1) as tanggal_mulai,
    case
        when q.triwulan = 0 then make_date(t.tahun, 12, 31)
        else last_day(make_date(t.tahun, q.triwulan * 3, 1))
    end as tanggal_akhir
from tahun as t
cross join triwulan as q
