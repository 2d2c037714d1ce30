-- The Perjanjian Kinerja indicators with their realisasi and achievement for the year:
--   Indeks Kepuasan Masyarakat: the IKM konversi of the year's survey (mart_ikm);
--   Persentase Capaian Kinerja Program Penunjang: the mean, over the sub-kegiatan of program 7.01.01,
--   of their year-to-date capaian capped at 100%, at the latest triwulan with realisasi.
with pk as (
    select * from {{ ref('fct_target_kinerja') }}
    where tabel = 'perjanjian_kinerja' and tahun_target = tahun
),

ikm as (
    select distinct kode_wilayah, tahun, ikm_konversi, responden, sampel from {{ ref('mart_ikm') }}
),

capaian as (
    select * from {{ ref('mart_capaian_triwulan') }}
),

triwulan_terakhir as (
    select kode_wilayah, tahun, max(triwulan) as triwulan
    from capaian
    where realisasi_anggaran is not null
    group by kode_wilayah, tahun
),

penunjang as (
    select
        c.kode_wilayah,
        c.tahun,
        c.triwulan,
        {{ rata_rata_tepat('least(c.capaian_kumulatif_persen, 100)') }} as nilai,
        count(c.capaian_kumulatif_persen) as banyak_indikator,
        bool_or(c.sampel) as sampel
    from capaian as c
    inner join triwulan_terakhir as t on t.kode_wilayah = c.kode_wilayah and t.tahun = c.tahun and t.triwulan = c.triwulan
    where c.level = 'sub_kegiatan' and c.kode like '7.01.01.%'
    group by all
),

gabung as (
    select
        pk.kode_wilayah,
        pk.tahun,
        pk.no_urut,
        pk.sasaran,
        pk.indikator,
        pk.satuan,
        pk.target,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then ikm.ikm_konversi
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then pen.nilai
        end as realisasi,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then 'survei IKM, ' || ikm.responden || ' responden'
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%'
                then 'rata-rata capaian kumulatif ' || pen.banyak_indikator || ' sub-kegiatan 7.01.01 s.d. TW' || pen.triwulan
        end as dasar_realisasi,
        coalesce(case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then ikm.sampel
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then pen.sampel
        end, false) as sampel,
        pk.sumber as sumber_target
    from pk
    left join ikm on ikm.kode_wilayah = pk.kode_wilayah and ikm.tahun = pk.tahun
    left join penunjang as pen on pen.kode_wilayah = pk.kode_wilayah and pen.tahun = pk.tahun
)

select
    kode_wilayah,
    tahun,
    no_urut,
    sasaran,
    indikator,
    satuan,
    target,
    cast(realisasi as decimal(18, 4)) as realisasi,
    {{ capaian_persen('realisasi', 'target', "'naik'") }} as capaian_persen,
    {{ kategori_capaian(capaian_persen('realisasi', 'target', "'naik'")) }} as kategori,
    dasar_realisasi,
    sampel,
    sumber_target
from gabung
