-- File rule: one file per version of a key (kind, kecamatan, year, triwulan). Two files with different names
-- that claim the same version (e.g. realisasi_73.24.01_2024_tw2_v2.csv and ..._v2.xlsx) are ambiguous: the one
-- received first keeps the version; every later claimant is refused and names it. The same name sent again
-- with new bytes is not a claim: it is the next version by arrival.
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
    where jenis is not null
),

klaim as (
    select
        *,
        first_value(nama_berkas) over versi_sama as nama_berkas_pertama,
        first_value(diterima_pada) over versi_sama as diterima_pertama
    from berkas
    window versi_sama as (
        partition by jenis, kode_wilayah, tahun, triwulan, versi
        order by diterima_pada asc nulls first, nama_berkas asc
    )
)

select
    'versi_tidak_ganda' as aturan,
    berkas_id as cek_id,
    berkas_id,
    nama_berkas,
    cast(null as integer) as baris,
    kode_wilayah,
    tahun,
    triwulan,
    cast(null as varchar) as kode,
    'nama_berkas' as kolom,
    coalesce(versi, 1) as versi,
    nama_berkas_pertama,
    nama_berkas = nama_berkas_pertama as versi_pertama,
    'periksa' as perlakuan
from klaim
