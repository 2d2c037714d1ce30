-- The province view: per kabupaten, year and triwulan, the kecamatan that reported (a plan for that year),
-- their total annual pagu and realisasi anggaran to date, serapan against the annual pagu, the mean of their
-- year-to-date capaian, and the kabupaten's rank in its province.
-- Built on mart_kabupaten_triwulan, so every figure keeps its rules: a total or mean over a kecamatan whose
-- figure is not known is null and says which kecamatan (catatan_kelengkapan); a rank ranks only the
-- kabupaten whose figure is complete, and dasar_peringkat says among how many. The totals are those of the
-- kecamatan that reported: cakupan says how many of the kabupaten's kecamatan that is.
-- Serapan is ranked on the annual pagu (serapan_tahunan_persen), the figure that compares every kecamatan.
with kabupaten_triwulan as (
    select * from {{ ref('mart_kabupaten_triwulan') }}
),

kecamatan as (
    select * from {{ ref('dim_kecamatan') }}
),

jumlah_kecamatan as (
    select
        kode_kabupaten,
        kode_provinsi,
        nama_provinsi,
        count(*) as jumlah_kecamatan
    from kecamatan
    group by kode_kabupaten, kode_provinsi, nama_provinsi
),

per_kabupaten as (
    select
        kode_kabupaten,
        nama_kabupaten,
        tahun,
        triwulan,
        count(*) as kecamatan_dilaporkan,
        sum(pagu_tahunan) as pagu_tahunan_jumlah,
        bool_and(pagu_tahunan is not null) as pagu_tahunan_diketahui,
        sum(realisasi_anggaran_kumulatif) as realisasi_anggaran_kumulatif_jumlah,
        bool_and(realisasi_anggaran_kumulatif is not null) as realisasi_anggaran_kumulatif_ada,
        bool_and(serapan_tahunan_persen is not null) as serapan_tahunan_lengkap,
        bool_and(rata_rata_capaian_kumulatif_persen is not null) as capaian_lengkap,
        {{ rata_rata_tepat("rata_rata_capaian_kumulatif_persen") }} as rata_rata_capaian_kumulatif,
        bool_or(serapan_tahunan_berdasar_asumsi) as serapan_tahunan_berdasar_asumsi,
        bool_or(capaian_berdasar_asumsi) as capaian_berdasar_asumsi,
        string_agg(nama_kecamatan, ', ' order by kode_wilayah) filter (where serapan_tahunan_persen is null)
            as kecamatan_serapan_tidak_lengkap,
        string_agg(nama_kecamatan, ', ' order by kode_wilayah)
        filter (where rata_rata_capaian_kumulatif_persen is null) as kecamatan_capaian_tidak_lengkap,
        bool_or(sampel) as sampel
    from kabupaten_triwulan
    group by kode_kabupaten, nama_kabupaten, tahun, triwulan
),

dinilai as (
    select
        j.kode_provinsi,
        j.nama_provinsi,
        p.kode_kabupaten,
        p.nama_kabupaten,
        p.tahun,
        p.triwulan,
        p.kecamatan_dilaporkan,
        j.jumlah_kecamatan,
        case when p.pagu_tahunan_diketahui then p.pagu_tahunan_jumlah end as pagu_tahunan,
        case when p.realisasi_anggaran_kumulatif_ada then p.realisasi_anggaran_kumulatif_jumlah end
            as realisasi_anggaran_kumulatif,
        case when p.capaian_lengkap then p.rata_rata_capaian_kumulatif end as rata_rata_capaian_kumulatif,
        p.serapan_tahunan_lengkap,
        p.capaian_lengkap,
        p.serapan_tahunan_berdasar_asumsi,
        p.capaian_berdasar_asumsi,
        nullif(concat_ws(
            '; ',
            'serapan tahunan tidak lengkap: kecamatan ' || p.kecamatan_serapan_tidak_lengkap,
            'capaian tidak lengkap: kecamatan ' || p.kecamatan_capaian_tidak_lengkap
        ), '') as catatan_kelengkapan,
        p.sampel
    from per_kabupaten as p
    inner join jumlah_kecamatan as j on p.kode_kabupaten = j.kode_kabupaten
),

persen as (
    select
        *,
        case
            when serapan_tahunan_lengkap
                then
                    {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_tahunan') }}
        end as serapan_tahunan_persen
    from dinilai
),

diperingkat as (
    -- ranks among the kabupaten with a figure (macros/peringkat_lengkap.sql); null for the others
    select
        *,
        {{ peringkat_lengkap('serapan_tahunan_persen', 'kode_provinsi, tahun, triwulan') }}
            as peringkat_serapan_tahunan,
        {{ peringkat_lengkap('rata_rata_capaian_kumulatif', 'kode_provinsi, tahun, triwulan') }} as peringkat_capaian,
        count(serapan_tahunan_persen) over provinsi as diperingkat_serapan_tahunan,
        count(rata_rata_capaian_kumulatif) over provinsi as diperingkat_capaian,
        count(*) over provinsi as kabupaten_dilaporkan
    from persen
    window provinsi as (partition by kode_provinsi, tahun, triwulan)
)

select
    kode_provinsi,
    nama_provinsi,
    kode_kabupaten,
    nama_kabupaten,
    tahun,
    triwulan,
    cast(kecamatan_dilaporkan as integer) as kecamatan_dilaporkan,
    cast(jumlah_kecamatan as integer) as jumlah_kecamatan,
    kecamatan_dilaporkan || ' dari ' || jumlah_kecamatan || ' kecamatan melapor' as cakupan,
    cast(pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    serapan_tahunan_persen,
    cast(rata_rata_capaian_kumulatif as decimal(10, 2)) as rata_rata_capaian_kumulatif_persen,
    cast(peringkat_serapan_tahunan as integer) as peringkat_serapan_tahunan,
    cast(peringkat_capaian as integer) as peringkat_capaian,
    'di antara kabupaten dengan data lengkap: serapan tahunan ' || diperingkat_serapan_tahunan || ' dari '
    || kabupaten_dilaporkan || ', capaian ' || diperingkat_capaian || ' dari ' || kabupaten_dilaporkan
    || ' kabupaten' as dasar_peringkat,
    serapan_tahunan_lengkap,
    capaian_lengkap,
    serapan_tahunan_lengkap and capaian_lengkap as lengkap,
    catatan_kelengkapan,
    serapan_tahunan_berdasar_asumsi or capaian_berdasar_asumsi as berdasar_asumsi,
    sampel
from diperingkat
