-- Target rule (domain reference O9): quarterly targets agree with the annual target under the
-- node's aggregation rule:
--   jumlah  the quarters with a target add up to the annual target (1+1+1+1 = 4);
--   tetap   every quarter with a target repeats the annual level (6/6/6/6 = 6), one check per quarter;
--   akhir   the last quarter with a target equals the annual target (100% at TW4).
-- A node with no quarterly target at all is found empty.
with nilai as (
    select v.*, n.agregasi_target
    from {{ ref('int_rencana__nilai') }} as v
    inner join {{ ref('int_rencana__node') }} as n
        on n.berkas_id = v.berkas_id and n.kode = v.kode
    where v.ukuran = 'target'
),

tahunan as (
    select * from nilai where periode = 'tahun'
),

triwulan as (
    select * from nilai where periode like 'tw%' and nilai is not null
),

dijumlah as (
    select
        t.berkas_id, t.nama_berkas, t.kode_wilayah, t.tahun, t.kode, t.level,
        'target' as kolom,
        t.nilai as diharapkan,
        sum(q.nilai) as ditemukan,
        'jumlah: sum of ' || count(q.nilai) || ' quarterly targets' as keterangan
    from tahunan as t
    left join triwulan as q
        on q.berkas_id = t.berkas_id and q.kode = t.kode
    where t.agregasi_target = 'jumlah'
    group by t.berkas_id, t.nama_berkas, t.kode_wilayah, t.tahun, t.kode, t.level, t.nilai
),

nilai_akhir as (
    select
        t.berkas_id, t.nama_berkas, t.kode_wilayah, t.tahun, t.kode, t.level,
        'target' as kolom,
        t.nilai as diharapkan,
        arg_max(q.nilai, q.periode) as ditemukan,
        'akhir: last quarterly target (' || coalesce(max(q.periode), 'none') || ')' as keterangan
    from tahunan as t
    left join triwulan as q
        on q.berkas_id = t.berkas_id and q.kode = t.kode
    where t.agregasi_target = 'akhir'
    group by t.berkas_id, t.nama_berkas, t.kode_wilayah, t.tahun, t.kode, t.level, t.nilai
),

tetap as (
    select
        t.berkas_id, t.nama_berkas, t.kode_wilayah, t.tahun, t.kode, t.level,
        coalesce(q.kolom, 'target') as kolom,
        t.nilai as diharapkan,
        q.nilai as ditemukan,
        'tetap: quarterly level ' || coalesce(q.periode, '(no quarterly target)') as keterangan
    from tahunan as t
    left join triwulan as q
        on q.berkas_id = t.berkas_id and q.kode = t.kode
    where t.agregasi_target = 'tetap'
),

checks as (
    select *, 'target' as ukuran from dijumlah
    union all
    select *, 'target' as ukuran from nilai_akhir
    union all
    select *, 'target' as ukuran from tetap
)

{{ mark_accepted_exceptions('checks', 'target_triwulan_sesuai_agregasi') }}
