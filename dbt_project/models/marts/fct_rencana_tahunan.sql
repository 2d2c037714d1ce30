-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The annual plan: one row per kecamatan, year and node, corrected values beside the published ones.
with node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

nilai as (
    select * from {{ ref('int_rencana__nilai_diterima') }}
    where periode = 'tahun'
),

target as (select * from nilai where ukuran = 'target'),
pagu as (select * from nilai where ukuran = 'pagu')

select
    n.kode_wilayah,
    n.tahun,
    n.kode,
    n.level,
    n.kode_induk,
    n.uraian,
    n.indikator,
    n.satuan,
    cast(t.nilai as decimal(18, 4)) as target,
    cast(p.nilai as decimal(18, 2)) as pagu,
    n.agregasi_target,
    n.penanggung_jawab,
    n.uraian_terbit,
    t.teks_terbit as target_terbit,
    p.teks_terbit as pagu_terbit,
    coalesce(t.dikoreksi, false) or coalesce(p.dikoreksi, false)
        or n.uraian is distinct from n.uraian_terbit as dikoreksi,
    n.kode_sementara,
    n.sumber,
    n.nama_berkas,
    n.baris
from node as n
left join target as t on t.kode_wilayah = n.kode_wilayah and t.tahun = n.tahun and t.kode = n.kode
left join pagu as p on p.kode_wilayah = n.kode_wilayah and p.tahun = n.tahun and p.kode = n.kode
