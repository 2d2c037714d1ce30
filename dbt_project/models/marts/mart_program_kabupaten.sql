-- Each program across the kecamatan of a kabupaten: per year and triwulan, how many kecamatan run it,
-- their total pagu and realisasi anggaran, serapan and the mean capaian of the program rows.
-- Missing is not zero: a total, serapan or mean over a kecamatan whose figure is not known is null, and
-- catatan_kelengkapan names the kecamatan and what is missing there; never computed over the known part.
with capaian as (
    select * from {{ ref('mart_capaian_triwulan') }}
    where level = 'program'
),

kecamatan as (
    select * from {{ ref('dim_kecamatan') }}
),

nomenklatur as (
    select * from {{ ref('dim_nomenklatur') }}
),

per_program as (
    select
        k.kode_kabupaten,
        any_value(k.nama_kabupaten) as nama_kabupaten,
        c.tahun,
        c.triwulan,
        c.kode,
        count(distinct c.kode_wilayah) as jumlah_kecamatan,
        sum(c.pagu) as pagu_jumlah,
        bool_and(c.pagu is not null) as pagu_diketahui,
        sum(c.realisasi_anggaran) as realisasi_anggaran_jumlah,
        bool_and(c.realisasi_anggaran is not null) as realisasi_anggaran_ada,
        sum(c.pagu_kumulatif) as pagu_kumulatif_jumlah,
        bool_and(c.pagu_kumulatif is not null) as pagu_kumulatif_diketahui,
        sum(c.realisasi_anggaran_kumulatif) as realisasi_anggaran_kumulatif_jumlah,
        bool_and(c.realisasi_anggaran_kumulatif is not null) as realisasi_anggaran_kumulatif_ada,
        sum(c.pagu_tahunan) as pagu_tahunan_jumlah,
        bool_and(c.pagu_tahunan is not null) as pagu_tahunan_diketahui,
        bool_and(c.serapan_lengkap) as serapan_lengkap,
        bool_and(c.serapan_tahunan_lengkap) as serapan_tahunan_lengkap,
        bool_and(c.capaian_lengkap) as capaian_lengkap,
        {{ rata_rata_tepat('c.capaian_kumulatif_persen') }} as rata_rata_capaian_kumulatif,
        bool_or(c.serapan_berdasar_asumsi) as serapan_berdasar_asumsi,
        bool_or(c.serapan_tahunan_berdasar_asumsi) as serapan_tahunan_berdasar_asumsi,
        bool_or(c.capaian_berdasar_asumsi) as capaian_berdasar_asumsi,
        string_agg(
            c.kode_wilayah || ' ' || k.nama_kecamatan || ': ' || c.catatan_kelengkapan, '; '
            order by c.kode_wilayah
        ) as catatan_kelengkapan,
        bool_or(c.sampel) as sampel
    from capaian as c
    inner join kecamatan as k on c.kode_wilayah = k.kode_wilayah
    group by k.kode_kabupaten, c.tahun, c.triwulan, c.kode
),

dinilai as (
    select
        *,
        case when pagu_diketahui then pagu_jumlah end as pagu,
        case when realisasi_anggaran_ada then realisasi_anggaran_jumlah end as realisasi_anggaran,
        case when pagu_kumulatif_diketahui then pagu_kumulatif_jumlah end as pagu_kumulatif,
        case when realisasi_anggaran_kumulatif_ada then realisasi_anggaran_kumulatif_jumlah end
            as realisasi_anggaran_kumulatif,
        case when pagu_tahunan_diketahui then pagu_tahunan_jumlah end as pagu_tahunan
    from per_program
)

select
    p.kode_kabupaten,
    p.nama_kabupaten,
    p.tahun,
    p.triwulan,
    p.kode,
    n.nama as nama_program,
    cast(p.jumlah_kecamatan as integer) as jumlah_kecamatan,
    cast(p.pagu as decimal(18, 2)) as pagu,
    cast(p.realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    {{ serapan_persen('p.realisasi_anggaran', 'p.pagu') }} as serapan_persen,
    cast(p.pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(p.realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    {{ serapan_persen('p.realisasi_anggaran_kumulatif', 'p.pagu_kumulatif') }} as serapan_kumulatif_persen,
    cast(p.pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    {{ serapan_persen('p.realisasi_anggaran_kumulatif', 'p.pagu_tahunan') }} as serapan_tahunan_persen,
    cast(case when p.capaian_lengkap then p.rata_rata_capaian_kumulatif end as decimal(10, 2))
        as rata_rata_capaian_kumulatif_persen,
    p.serapan_lengkap,
    p.serapan_tahunan_lengkap,
    p.capaian_lengkap,
    p.serapan_lengkap and p.serapan_tahunan_lengkap and p.capaian_lengkap as lengkap,
    p.catatan_kelengkapan,
    p.serapan_berdasar_asumsi,
    p.serapan_tahunan_berdasar_asumsi,
    p.capaian_berdasar_asumsi,
    p.serapan_berdasar_asumsi or p.serapan_tahunan_berdasar_asumsi or p.capaian_berdasar_asumsi as berdasar_asumsi,
    p.sampel
from dinilai as p
left join nomenklatur as n on p.kode = n.kode
