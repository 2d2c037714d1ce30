-- Rollup rule: the pagu of a program equals the sum of its kegiatan, and the pagu of a kegiatan
-- the sum of its sub-kegiatan, for the year and for each triwulan. An empty cell counts as 0.
with nilai as (
    select * from {{ ref('int_rencana__nilai') }}
    where ukuran = 'pagu' and periode in ('tahun', 'tw1', 'tw2', 'tw3', 'tw4')
),

node as (
    select kode_wilayah, tahun, kode, kode_induk from {{ ref('int_rencana__node') }}
),

anak as (
    select
        n.kode_wilayah,
        n.tahun,
        n.kode_induk as kode,
        v.kolom,
        sum(coalesce(v.nilai, 0)) as jumlah_anak,
        count(*) as banyak_anak
    from node as n
    inner join nilai as v
        on v.kode_wilayah = n.kode_wilayah and v.tahun = n.tahun and v.kode = n.kode
    where n.kode_induk is not null
    group by all
),

checks as (
    select
        p.kode_wilayah,
        p.tahun,
        p.kode,
        p.level,
        p.kolom,
        'pagu' as ukuran,
        coalesce(p.nilai, 0) as diharapkan,
        a.jumlah_anak as ditemukan,
        'sum of ' || a.banyak_anak || ' child rows' as keterangan
    from nilai as p
    inner join anak as a
        on a.kode_wilayah = p.kode_wilayah and a.tahun = p.tahun and a.kode = p.kode and a.kolom = p.kolom
)

{{ mark_accepted_exceptions('checks', 'pagu_anak_sama_induk') }}
