-- Realisasi rule: every reported code is a node of that kecamatan's plan for that year.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null
),

rencana as (
    select kode_wilayah, tahun, kode, level, uraian from {{ ref('int_rencana__terbaru') }}
)

select
    'realisasi_kode_dalam_rencana' as aturan,
    r.kode_wilayah,
    r.tahun,
    r.triwulan,
    r.kode,
    'kode' as kolom,
    p.uraian as uraian_rencana,
    r.berkas_id,
    r.nama_berkas,
    r.baris
from realisasi as r
left join rencana as p on p.kode_wilayah = r.kode_wilayah and p.tahun = r.tahun and p.kode = r.kode
