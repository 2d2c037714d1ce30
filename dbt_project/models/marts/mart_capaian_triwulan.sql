-- Capaian kinerja and serapan anggaran per kecamatan, year, triwulan and node: for the triwulan
-- alone and cumulative from TW1 (year to date). Cumulative targets and realisasi follow the node's
-- aggregation rule: jumlah adds the quarters up; tetap and akhir take the latest quarter's value.
with rencana as (
    select * from {{ ref('int_rencana__nilai_diterima') }}
    where periode like 'tw%'
),

node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

tahunan as (
    select kode_wilayah, tahun, kode, nilai as pagu_tahunan
    from {{ ref('int_rencana__nilai_diterima') }}
    where kolom = 'pagu'
),

realisasi as (
    select * from {{ ref('fct_realisasi_triwulan') }}
),

dilaporkan as (
    select distinct kode_wilayah, tahun from realisasi
),

triwulan as (
    select
        n.kode_wilayah,
        n.tahun,
        cast(right(p.periode, 1) as integer) as triwulan,
        n.kode,
        n.level,
        n.agregasi_target,
        n.arah_indikator,
        max(p.nilai) filter (where p.ukuran = 'target') as target,
        cast(max(p.nilai) filter (where p.ukuran = 'pagu') as decimal(18, 2)) as pagu,
        n.sumber
    from node as n
    inner join dilaporkan as d on d.kode_wilayah = n.kode_wilayah and d.tahun = n.tahun
    inner join rencana as p on p.kode_wilayah = n.kode_wilayah and p.tahun = n.tahun and p.kode = n.kode
    group by all
),

gabung as (
    select
        t.*,
        r.realisasi_target as realisasi,
        r.realisasi_anggaran,
        r.sumber as sumber_realisasi,
        tt.pagu_tahunan
    from triwulan as t
    left join realisasi as r
        on r.kode_wilayah = t.kode_wilayah and r.tahun = t.tahun and r.triwulan = t.triwulan and r.kode = t.kode
    left join tahunan as tt on tt.kode_wilayah = t.kode_wilayah and tt.tahun = t.tahun and tt.kode = t.kode
),

kumulatif as (
    select
        *,
        case when agregasi_target = 'jumlah'
            then sum(target) over ytd
            else last_value(target ignore nulls) over ytd
        end as target_kumulatif,
        case when agregasi_target = 'jumlah'
            then sum(realisasi) over ytd
            else last_value(realisasi ignore nulls) over ytd
        end as realisasi_kumulatif,
        sum(pagu) over ytd as pagu_kumulatif,
        sum(realisasi_anggaran) over ytd as realisasi_anggaran_kumulatif
    from gabung
    window ytd as (partition by kode_wilayah, tahun, kode order by triwulan rows between unbounded preceding and current row)
)

select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    cast(target as decimal(18, 4)) as target,
    cast(realisasi as decimal(18, 4)) as realisasi,
    {{ capaian_persen('realisasi', 'target', 'arah_indikator') }} as capaian_persen,
    {{ kategori_capaian(capaian_persen('realisasi', 'target', 'arah_indikator')) }} as kategori,
    pagu,
    cast(realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    {{ serapan_persen('realisasi_anggaran', 'pagu') }} as serapan_persen,
    cast(target_kumulatif as decimal(18, 4)) as target_kumulatif,
    cast(realisasi_kumulatif as decimal(18, 4)) as realisasi_kumulatif,
    {{ capaian_persen('realisasi_kumulatif', 'target_kumulatif', 'arah_indikator') }} as capaian_kumulatif_persen,
    {{ kategori_capaian(capaian_persen('realisasi_kumulatif', 'target_kumulatif', 'arah_indikator')) }}
        as kategori_kumulatif,
    cast(pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_kumulatif') }} as serapan_kumulatif_persen,
    cast(pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_tahunan') }} as serapan_tahunan_persen,
    agregasi_target,
    arah_indikator,
    sumber as sumber_rencana,
    sumber_realisasi,
    coalesce(sumber_realisasi = 'sampel' or sumber = 'sampel', false) as sampel
from kumulatif
