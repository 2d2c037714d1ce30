-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The quarterly plan (Rencana Aksi): one row per kecamatan, year, triwulan and node. target and pagu are
-- the values arithmetic may use (int_rencana__sel.nilai_hitung): an implied-zero quarter (nol_tersirat:
-- the row's other quarters already add up to its year) is 0, a lost or unreadable quarter is null, and
-- keadaan_target / keadaan_pagu say which.
with node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

sel as (
    {{ sel_rencana_diterima() }}
),

triwulan as (
    select
        berkas_id,
        kode,
        cast(right(periode, 1) as integer) as triwulan,
        max(nilai_hitung) filter (where ukuran = 'target') as target,
        max(nilai_hitung) filter (where ukuran = 'pagu') as pagu,
        max(teks_terbit) filter (where ukuran = 'target') as target_terbit,
        max(teks_terbit) filter (where ukuran = 'pagu') as pagu_terbit,
        max(keadaan) filter (where ukuran = 'target') as keadaan_target,
        max(keadaan) filter (where ukuran = 'pagu') as keadaan_pagu,
        bool_or(dikoreksi) as dikoreksi,
        bool_or(berdasar_asumsi) as berdasar_asumsi
    from sel
    where periode like 'tw%'
    group by berkas_id, kode, periode
)

select
    n.kode_wilayah,
    n.tahun,
    t.triwulan,
    n.kode,
    n.level,
    n.kode_induk,
    cast(t.target as decimal(18, 4)) as target,
    cast(t.pagu as decimal(18, 2)) as pagu,
    t.target_terbit,
    t.pagu_terbit,
    t.keadaan_target,
    t.keadaan_pagu,
    t.dikoreksi,
    t.berdasar_asumsi,
    n.rujukan_ra,
    n.sumber,
    n.nama_berkas,
    n.baris
from node as n
inner join triwulan as t on n.berkas_id = t.berkas_id and n.kode = t.kode
