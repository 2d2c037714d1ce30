-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The quarterly plan: one row per kecamatan, year, triwulan and node. An empty published quarter is null.
with node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

nilai as (
    select *, cast(right(periode, 1) as integer) as triwulan
    from {{ ref('int_rencana__nilai_diterima') }}
    where periode like 'tw%'
),

target as (select * from nilai where ukuran = 'target'),
pagu as (select * from nilai where ukuran = 'pagu')

select
    n.kode_wilayah,
    n.tahun,
    p.triwulan,
    n.kode,
    n.level,
    n.kode_induk,
    cast(t.nilai as decimal(18, 4)) as target,
    cast(p.nilai as decimal(18, 2)) as pagu,
    t.teks_terbit as target_terbit,
    p.teks_terbit as pagu_terbit,
    t.dikoreksi or p.dikoreksi as dikoreksi,
    n.sumber,
    n.nama_berkas,
    n.baris
from node as n
inner join pagu as p on p.kode_wilayah = n.kode_wilayah and p.tahun = n.tahun and p.kode = n.kode
inner join target as t
    on t.kode_wilayah = n.kode_wilayah and t.tahun = n.tahun and t.kode = n.kode and t.triwulan = p.triwulan
