-- Rollup rule: the pagu of a program equals the sum of its kegiatan, and the pagu of a kegiatan
-- the sum of its sub-kegiatan, for the year and for each triwulan, within one plan version.
-- An empty cell counts as 0.
with nilai as (
    select * from {{ ref('int_rencana__nilai') }}
    where ukuran = 'pagu' and periode in ('tahun', 'tw1', 'tw2', 'tw3', 'tw4')
),

node as (
    select berkas_id, kode, kode_induk from {{ ref('int_rencana__node') }}
),

anak as (
    select
        n.berkas_id,
        n.kode_induk as kode,
        v.kolom,
        sum(coalesce(v.nilai, 0)) as jumlah_anak,
        count(*) as banyak_anak
    from node as n
    inner join nilai as v on v.berkas_id = n.berkas_id and v.kode = n.kode
    where n.kode_induk is not null
    group by all
),

checks as (
    select
        p.berkas_id,
        p.nama_berkas,
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
    inner join anak as a on a.berkas_id = p.berkas_id and a.kode = p.kode and a.kolom = p.kolom
)

{{ mark_accepted_exceptions('checks', 'pagu_anak_sama_induk') }}
