-- Realisasi rule: cumulative realisasi anggaran (TW1 up to this file's triwulan) never exceeds the
-- node's annual pagu. Earlier triwulan count with their latest version read without error; the
-- version under check counts with its own value, so a bad re-submission never hides behind an old one.
-- An earlier triwulan that was not received (or a node it does not report) takes no part: the
-- cumulative figure is then a lower bound, and exceeding the pagu is still certain.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null
),

terbaru as (
    select *
    from realisasi
    where berkas_terbaca
    {{ hanya_versi_terbaru(['kode_wilayah', 'tahun', 'triwulan']) }}
),

sebelumnya as (
    select
        r.berkas_id,
        r.kode,
        sum(t.realisasi_anggaran) as realisasi_sebelumnya
    from realisasi as r
    inner join terbaru as t
        on t.kode_wilayah = r.kode_wilayah and t.tahun = r.tahun and t.kode = r.kode and t.triwulan < r.triwulan
    group by r.berkas_id, r.kode
),

pagu as (
    select v.kode_wilayah, v.tahun, v.kode, v.nilai as pagu
    from {{ ref('int_rencana__nilai') }} as v
    inner join (select distinct berkas_id from {{ ref('int_rencana__terbaru') }}) as t on t.berkas_id = v.berkas_id
    where v.kolom = 'pagu' and v.nilai is not null
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
        'realisasi_anggaran' as kolom,
        p.pagu,
        coalesce(s.realisasi_sebelumnya, 0) + r.realisasi_anggaran as realisasi_kumulatif,
        r.realisasi_anggaran
    from realisasi as r
    inner join pagu as p on p.kode_wilayah = r.kode_wilayah and p.tahun = r.tahun and p.kode = r.kode
    left join sebelumnya as s on s.berkas_id = r.berkas_id and s.kode = r.kode
    where r.realisasi_anggaran is not null
)

{{ tandai_cek('checks', 'realisasi_kumulatif_dalam_pagu', ['berkas_id', 'kode']) }}
