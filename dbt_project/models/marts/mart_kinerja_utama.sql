-- The Perjanjian Kinerja indicators with their realisasi and achievement for the year:
--   Indeks Kepuasan Masyarakat: the IKM konversi of the year's survey (mart_ikm);
--   Persentase Capaian Kinerja Program Penunjang: the mean, over the sub-kegiatan of program 7.01.01,
--   of their year-to-date capaian capped at 100%, at the latest triwulan with realisasi.
-- The mean is taken over the complete set or not at all: when the year-to-date capaian of a sub-kegiatan
-- of 7.01.01 cannot be computed because an input is not known (a lost target, an unreported realisasi:
-- mart_capaian_triwulan.capaian_lengkap), realisasi and capaian are null and catatan_kelengkapan names the
-- sub-kegiatan. A sub-kegiatan whose capaian is known not to be measurable (a target of 0: nothing planned)
-- is left out of the mean, and dasar_realisasi says over how many the mean is taken.
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
        -- (least() skips nulls: least(null, 100) is 100, so a capaian that is not measurable stays null here)
        {{ rata_rata_tepat('case when c.capaian_kumulatif_persen is not null then least(c.capaian_kumulatif_persen, 100) end') }}
            as nilai_terhitung,
        count(c.capaian_kumulatif_persen) as banyak_indikator,
        count(*) as banyak_sub_kegiatan,
        bool_and(c.capaian_lengkap) as lengkap,
        count(*) filter (where not c.capaian_lengkap) as banyak_tidak_lengkap,
        string_agg(c.kode, ', ' order by c.kode) filter (where not c.capaian_lengkap) as tidak_lengkap,
        bool_or(c.capaian_berdasar_asumsi) as berdasar_asumsi,
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
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%'
                then case when pen.lengkap then pen.nilai_terhitung end
        end as realisasi,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then 'survei IKM, ' || ikm.responden || ' responden'
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%'
                then 'rata-rata capaian kumulatif ' || pen.banyak_indikator || ' sub-kegiatan 7.01.01 s.d. TW' || pen.triwulan
        end as dasar_realisasi,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then ikm.ikm_konversi is not null
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then coalesce(pen.lengkap, false)
            else false
        end as lengkap,
        case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' and ikm.ikm_konversi is null
                then 'survei IKM tahun ini belum ada'
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' and pen.triwulan is null
                then 'realisasi belum dilaporkan'
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' and not pen.lengkap
                then 'capaian kumulatif s.d. TW' || pen.triwulan || ' tidak lengkap pada ' || pen.banyak_tidak_lengkap
                     || ' dari ' || pen.banyak_sub_kegiatan || ' sub-kegiatan 7.01.01: ' || pen.tidak_lengkap
                     || ' (lihat catatan_kelengkapan di mart_capaian_triwulan)'
            when not (pk.indikator ilike 'Indeks Kepuasan Masyarakat%'
                      or pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%')
                then 'realisasi indikator ini tidak dihitung oleh Monev Kinerja'
        end as catatan_kelengkapan,
        coalesce(case
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then pen.berdasar_asumsi
        end, false) as berdasar_asumsi,
        coalesce(case
            when pk.indikator ilike 'Indeks Kepuasan Masyarakat%' then ikm.sampel
            when pk.indikator ilike 'Persentase Capaian Kinerja Program Penunjang%' then pen.sampel
        end, false) as sampel,
        pk.sumber as sumber_target,
        pk.rujukan as rujukan_target
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
    lengkap,
    catatan_kelengkapan,
    berdasar_asumsi,
    sampel,
    sumber_target,
    rujukan_target
from gabung
