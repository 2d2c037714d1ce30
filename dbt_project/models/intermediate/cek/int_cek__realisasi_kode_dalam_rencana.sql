-- Realisasi rule: every reported code is a node of that kecamatan's plan for that year.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null
),

rencana as (
    select
        kode_wilayah,
        tahun,
        kode,
        level,
        uraian
    from {{ ref('int_rencana__terbaru') }}
),

checks as (
    select
        r.berkas_id,
        r.nama_berkas,
        r.baris,
        r.kode_wilayah,
        r.tahun,
        r.triwulan,
        r.kode,
        'kode' as kolom,
        p.uraian as uraian_rencana
    from realisasi as r
    left join rencana as p on r.kode_wilayah = p.kode_wilayah and r.tahun = p.tahun and r.kode = p.kode
)

{{ tandai_cek('checks', 'realisasi_kode_dalam_rencana', ['berkas_id', 'kode']) }}
