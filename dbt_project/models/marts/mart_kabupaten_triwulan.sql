-- The kabupaten view: per kecamatan, year and triwulan the total pagu and realisasi anggaran of its
-- programs, serapan, the mean capaian of its sub-kegiatan, and its rank in the kabupaten.
-- Missing is not zero: a total, serapan or mean over a component that is not known (a lost quarterly pagu,
-- a sub-kegiatan whose capaian cannot be computed) is null, and says why (catatan_kelengkapan); it is
-- never computed over the known part. A rank ranks only the kecamatan whose figure is complete (null rank
-- otherwise), and dasar_peringkat says among how many:
--   peringkat_serapan          on serapan_kumulatif_persen (realisasi anggaran to date / pagu of TW1..TWn);
--   peringkat_serapan_tahunan  on serapan_tahunan_persen (realisasi anggaran to date / annual pagu of the RKT):
--                              needs only the annual pagu, so it ranks a kecamatan whose quarterly plan has
--                              lost cells (Kalaena 2024) and is the rank to compare every kecamatan on;
--   peringkat_capaian          on rata_rata_capaian_kumulatif_persen.
-- A sub-kegiatan whose capaian is known not to be measurable (target 0: nothing planned) is left out of
-- the mean, as before; one whose target or realisasi is not known makes the mean incomplete.
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
        sum(pagu) filter (where level = 'program') as pagu_jumlah,
        bool_and(pagu is not null) filter (where level = 'program') as pagu_diketahui,
        sum(realisasi_anggaran) filter (where level = 'program') as realisasi_anggaran_jumlah,
        bool_and(realisasi_anggaran is not null) filter (where level = 'program') as realisasi_anggaran_ada,
        sum(pagu_kumulatif) filter (where level = 'program') as pagu_kumulatif_jumlah,
        bool_and(pagu_kumulatif is not null) filter (where level = 'program') as pagu_kumulatif_diketahui,
        sum(realisasi_anggaran_kumulatif) filter (where level = 'program') as realisasi_anggaran_kumulatif_jumlah,
        bool_and(realisasi_anggaran_kumulatif is not null) filter (where level = 'program')
            as realisasi_anggaran_kumulatif_ada,
        sum(pagu_tahunan) filter (where level = 'program') as pagu_tahunan_jumlah,
        bool_and(pagu_tahunan is not null) filter (where level = 'program') as pagu_tahunan_diketahui,
        coalesce(bool_and(serapan_lengkap) filter (where level = 'program'), false) as serapan_lengkap,
        coalesce(bool_and(serapan_tahunan_lengkap) filter (where level = 'program'), false) as serapan_tahunan_lengkap,
        -- capaian of this triwulan: target and realisasi of the triwulan known for every sub-kegiatan
        bool_and(target is not null and realisasi is not null) filter (where level = 'sub_kegiatan')
            as capaian_triwulan_lengkap,
        coalesce(bool_and(capaian_lengkap) filter (where level = 'sub_kegiatan'), false) as capaian_lengkap,
        {{ rata_rata_tepat("case when level = 'sub_kegiatan' then capaian_persen end") }} as rata_rata_capaian,
        {{ rata_rata_tepat("case when level = 'sub_kegiatan' then capaian_kumulatif_persen end") }}
            as rata_rata_capaian_kumulatif,
        coalesce(bool_or(serapan_berdasar_asumsi) filter (where level = 'program'), false) as serapan_berdasar_asumsi,
        coalesce(bool_or(serapan_tahunan_berdasar_asumsi) filter (where level = 'program'), false)
            as serapan_tahunan_berdasar_asumsi,
        coalesce(bool_or(capaian_berdasar_asumsi) filter (where level = 'sub_kegiatan'), false)
            as capaian_berdasar_asumsi,
        string_agg(kode, ', ' order by kode) filter (where level = 'program' and not serapan_lengkap)
            as program_serapan_tidak_lengkap,
        string_agg(kode, ', ' order by kode) filter (where level = 'program' and not serapan_tahunan_lengkap)
            as program_serapan_tahunan_tidak_lengkap,
        count(*) filter (where level = 'sub_kegiatan' and not capaian_lengkap) as sub_kegiatan_tidak_lengkap,
        count(*) filter (where level = 'sub_kegiatan') as sub_kegiatan,
        bool_or(sampel) as sampel
    from capaian
    group by kode_wilayah, tahun, triwulan
),

dinilai as (
    select
        p.kode_wilayah,
        p.tahun,
        p.triwulan,
        k.kode_kabupaten,
        k.nama_kabupaten,
        k.nama_kecamatan,
        case when p.pagu_diketahui then p.pagu_jumlah end as pagu,
        case when p.realisasi_anggaran_ada then p.realisasi_anggaran_jumlah end as realisasi_anggaran,
        case when p.pagu_kumulatif_diketahui then p.pagu_kumulatif_jumlah end as pagu_kumulatif,
        case when p.realisasi_anggaran_kumulatif_ada then p.realisasi_anggaran_kumulatif_jumlah end
            as realisasi_anggaran_kumulatif,
        case when p.pagu_tahunan_diketahui then p.pagu_tahunan_jumlah end as pagu_tahunan,
        case when p.capaian_triwulan_lengkap then p.rata_rata_capaian end as rata_rata_capaian,
        case when p.capaian_lengkap then p.rata_rata_capaian_kumulatif end as rata_rata_capaian_kumulatif,
        p.serapan_lengkap,
        p.serapan_tahunan_lengkap,
        p.capaian_lengkap,
        p.serapan_berdasar_asumsi,
        p.serapan_tahunan_berdasar_asumsi,
        p.capaian_berdasar_asumsi,
        nullif(concat_ws(
            '; ',
            'serapan tidak lengkap: program ' || p.program_serapan_tidak_lengkap,
            'serapan tahunan tidak lengkap: program ' || p.program_serapan_tahunan_tidak_lengkap,
            case
                when p.sub_kegiatan_tidak_lengkap > 0
                    then
                        'capaian tidak lengkap: ' || p.sub_kegiatan_tidak_lengkap || ' dari ' || p.sub_kegiatan
                        || ' sub-kegiatan'
            end
        ), '') as catatan_kelengkapan,
        p.sampel
    from per_kecamatan as p
    inner join kecamatan as k on p.kode_wilayah = k.kode_wilayah
),

persen as (
    select
        *,
        {{ serapan_persen('realisasi_anggaran', 'pagu') }} as serapan_persen,
        {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_kumulatif') }} as serapan_kumulatif_persen,
        {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_tahunan') }} as serapan_tahunan_persen
    from dinilai
),

diperingkat as (
    -- ranks among the kecamatan with a figure (macros/peringkat_lengkap.sql); null for the others
    select
        *,
        {{ peringkat_lengkap('serapan_kumulatif_persen', 'kode_kabupaten, tahun, triwulan') }} as peringkat_serapan,
        {{ peringkat_lengkap('serapan_tahunan_persen', 'kode_kabupaten, tahun, triwulan') }}
            as peringkat_serapan_tahunan,
        {{ peringkat_lengkap('rata_rata_capaian_kumulatif', 'kode_kabupaten, tahun, triwulan') }} as peringkat_capaian,
        count(serapan_kumulatif_persen) over kabupaten as diperingkat_serapan,
        count(serapan_tahunan_persen) over kabupaten as diperingkat_serapan_tahunan,
        count(rata_rata_capaian_kumulatif) over kabupaten as diperingkat_capaian,
        count(*) over kabupaten as kecamatan_dilaporkan
    from persen
    window kabupaten as (partition by kode_kabupaten, tahun, triwulan)
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
    cast(pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    serapan_tahunan_persen,
    cast(rata_rata_capaian as decimal(10, 2)) as rata_rata_capaian_persen,
    cast(rata_rata_capaian_kumulatif as decimal(10, 2)) as rata_rata_capaian_kumulatif_persen,
    cast(peringkat_serapan as integer) as peringkat_serapan,
    cast(peringkat_serapan_tahunan as integer) as peringkat_serapan_tahunan,
    cast(peringkat_capaian as integer) as peringkat_capaian,
    'di antara kecamatan dengan data lengkap: serapan kumulatif ' || diperingkat_serapan || ' dari '
    || kecamatan_dilaporkan || ', serapan tahunan ' || diperingkat_serapan_tahunan || ' dari '
    || kecamatan_dilaporkan || ', capaian ' || diperingkat_capaian || ' dari ' || kecamatan_dilaporkan
    || ' kecamatan' as dasar_peringkat,
    serapan_lengkap,
    serapan_tahunan_lengkap,
    capaian_lengkap,
    serapan_lengkap and serapan_tahunan_lengkap and capaian_lengkap as lengkap,
    catatan_kelengkapan,
    serapan_berdasar_asumsi,
    serapan_tahunan_berdasar_asumsi,
    capaian_berdasar_asumsi,
    serapan_berdasar_asumsi or serapan_tahunan_berdasar_asumsi or capaian_berdasar_asumsi as berdasar_asumsi,
    sampel
from diperingkat
