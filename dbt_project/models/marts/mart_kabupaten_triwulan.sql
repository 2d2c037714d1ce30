-- The kabupaten view: per kecamatan, year and triwulan the total pagu and realisasi anggaran (its
-- programs), serapan, the mean capaian of its sub-kegiatan, and its rank in the kabupaten.
with capaian as (
    select * from {{ ref('mart_capaian_triwulan') }}
),

kecamatan as (
    select * from {{ ref('dim_kecamatan') }}
),

per_kecamatan as (
    select
        kode_wilayah,
        tahun,
        triwulan,
        sum(pagu) filter (where level = 'program') as pagu,
        sum(realisasi_anggaran) filter (where level = 'program') as realisasi_anggaran,
        sum(pagu_kumulatif) filter (where level = 'program') as pagu_kumulatif,
        sum(realisasi_anggaran_kumulatif) filter (where level = 'program') as realisasi_anggaran_kumulatif,
        sum(pagu_tahunan) filter (where level = 'program') as pagu_tahunan,
        {{ rata_rata_tepat("case when level = 'sub_kegiatan' then capaian_persen end") }} as rata_rata_capaian,
        {{ rata_rata_tepat("case when level = 'sub_kegiatan' then capaian_kumulatif_persen end") }} as rata_rata_capaian_kumulatif,
        bool_or(sampel) as sampel
    from capaian
    group by kode_wilayah, tahun, triwulan
),

dinilai as (
    select
        p.*,
        k.kode_kabupaten,
        k.nama_kabupaten,
        k.nama_kecamatan,
        {{ serapan_persen('p.realisasi_anggaran', 'p.pagu') }} as serapan_persen,
        {{ serapan_persen('p.realisasi_anggaran_kumulatif', 'p.pagu_kumulatif') }} as serapan_kumulatif_persen,
        {{ serapan_persen('p.realisasi_anggaran_kumulatif', 'p.pagu_tahunan') }} as serapan_tahunan_persen
    from per_kecamatan as p
    inner join kecamatan as k on k.kode_wilayah = p.kode_wilayah
)

select
    kode_kabupaten,
    nama_kabupaten,
    kode_wilayah,
    nama_kecamatan,
    tahun,
    triwulan,
    cast(pagu as decimal(18, 2)) as pagu,
    cast(realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    serapan_persen,
    cast(pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    serapan_kumulatif_persen,
    serapan_tahunan_persen,
    cast(rata_rata_capaian as decimal(10, 2)) as rata_rata_capaian_persen,
    cast(rata_rata_capaian_kumulatif as decimal(10, 2)) as rata_rata_capaian_kumulatif_persen,
    cast(rank() over (partition by kode_kabupaten, tahun, triwulan
                      order by serapan_kumulatif_persen desc nulls last) as integer) as peringkat_serapan,
    cast(rank() over (partition by kode_kabupaten, tahun, triwulan
                      order by rata_rata_capaian_kumulatif desc nulls last) as integer) as peringkat_capaian,
    sampel
from dinilai
