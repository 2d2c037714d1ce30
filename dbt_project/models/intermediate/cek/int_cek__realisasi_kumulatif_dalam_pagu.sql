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
        on r.kode_wilayah = t.kode_wilayah and r.tahun = t.tahun and r.kode = t.kode and r.triwulan > t.triwulan
    group by r.berkas_id, r.kode
),

pagu as (
    select
        v.kode_wilayah,
        v.tahun,
        v.kode,
        v.nilai as pagu
    from {{ ref('int_rencana__nilai') }} as v
    inner join (select distinct berkas_id from {{ ref('int_rencana__terbaru') }}) as t on v.berkas_id = t.berkas_id
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
    inner join pagu as p on r.kode_wilayah = p.kode_wilayah and r.tahun = p.tahun and r.kode = p.kode
    left join sebelumnya as s on r.berkas_id = s.berkas_id and r.kode = s.kode
    where r.realisasi_anggaran is not null
)

{{ tandai_cek('checks', 'realisasi_kumulatif_dalam_pagu', ['berkas_id', 'kode']) }}
