-- Each program across the kecamatan of a kabupaten: per year and triwulan, how many kecamatan run it,
-- their total pagu and realisasi anggaran, serapan and the mean capaian of the program rows.
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
        sum(c.pagu) as pagu,
        sum(c.realisasi_anggaran) as realisasi_anggaran,
        sum(c.pagu_kumulatif) as pagu_kumulatif,
        sum(c.realisasi_anggaran_kumulatif) as realisasi_anggaran_kumulatif,
        {{ rata_rata_tepat('c.capaian_kumulatif_persen') }} as rata_rata_capaian_kumulatif,
        bool_or(c.sampel) as sampel
    from capaian as c
    inner join kecamatan as k on k.kode_wilayah = c.kode_wilayah
    group by k.kode_kabupaten, c.tahun, c.triwulan, c.kode
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
    cast(p.rata_rata_capaian_kumulatif as decimal(10, 2)) as rata_rata_capaian_kumulatif_persen,
    p.sampel
from per_program as p
left join nomenklatur as n on n.kode = p.kode
