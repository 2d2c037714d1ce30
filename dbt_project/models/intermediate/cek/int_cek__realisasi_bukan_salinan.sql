-- Realisasi rule: a kecamatan's realisasi is its own. A file whose figures (code, realisasi and realisasi
-- anggaran, row for row) equal those of another kecamatan's file for the same year and triwulan was probably
-- sent under the wrong name or copied: a warning naming the other file. A file with fewer than 3 non-zero
-- amounts is not compared: an empty quarter looks the same everywhere.
with baris as (
    select * from {{ ref('stg_kiriman__realisasi') }}
),

isi as (
    select
        berkas_id,
        any_value(nama_berkas) as nama_berkas,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        any_value(triwulan) as triwulan,
        count(*) filter (where realisasi_anggaran <> 0) as jumlah_anggaran_bukan_nol,
        md5(
            string_agg(
                concat_ws('|', kode, cast(realisasi_target as varchar), cast(realisasi_anggaran as varchar)),
                ';' order by kode, realisasi_target, realisasi_anggaran
            )
        ) as sidik_isi
    from baris
    group by berkas_id
),

sama as (
    select
        a.berkas_id,
        min(b.nama_berkas) as nama_berkas_sama,
        count(distinct b.kode_wilayah) as jumlah_kecamatan_sama
    from isi as a
    inner join isi as b
        on
            a.tahun = b.tahun
            and a.triwulan = b.triwulan
            and a.sidik_isi = b.sidik_isi
            and a.kode_wilayah <> b.kode_wilayah
    where a.jumlah_anggaran_bukan_nol >= 3
    group by a.berkas_id
)

select
    'realisasi_bukan_salinan' as aturan,
    i.berkas_id as cek_id,
    i.berkas_id,
    i.nama_berkas,
    cast(null as integer) as baris,
    i.kode_wilayah,
    i.tahun,
    i.triwulan,
    cast(null as varchar) as kode,
    'berkas' as kolom,
    i.jumlah_anggaran_bukan_nol,
    s.nama_berkas_sama,
    coalesce(s.jumlah_kecamatan_sama, 0) as jumlah_kecamatan_sama,
    'periksa' as perlakuan
from isi as i
left join sama as s on i.berkas_id = s.berkas_id
