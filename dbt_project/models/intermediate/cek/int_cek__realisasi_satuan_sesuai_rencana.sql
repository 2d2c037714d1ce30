-- Realisasi rule: a unit written with a realisasi target ("50%", "6 Dokumen") is the unit of the plan's
-- indicator for that node (compared without case, % and persen being one unit). A number alone is in
-- the plan's unit. A realisasi in another unit cannot be compared with its target: 50% of a Dokumen
-- indicator would be read as 50 Dokumen.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null and satuan_realisasi is not null
),

rencana as (
    select
        kode_wilayah,
        tahun,
        kode,
        satuan
    from {{ ref('int_rencana__terbaru') }}
    where satuan is not null
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
        'realisasi_target' as kolom,
        r.realisasi_target_teks,
        r.satuan_realisasi,
        p.satuan as satuan_rencana,
        (
            lower(r.satuan_realisasi) = lower(p.satuan)
            or (lower(r.satuan_realisasi) in ('%', 'persen') and lower(p.satuan) in ('%', 'persen'))
        ) as satuan_sesuai
    from realisasi as r
    inner join rencana as p on r.kode_wilayah = p.kode_wilayah and r.tahun = p.tahun and r.kode = p.kode
)

{{ tandai_cek('checks', 'realisasi_satuan_sesuai_rencana', ['berkas_id', 'kode']) }}
