-- Realisasi rule: where a kegiatan or program reports realisasi anggaran, it equals the sum of the
-- realisasi anggaran its children report in the same file. Only reported values take part: a child
-- without a value makes the check incomplete (it names the child), never a difference against 0.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null
),

anak as (
    select
        berkas_id,
        kode_induk as kode,
        any_value(level) as level_anak,
        sum(realisasi_anggaran) as jumlah_anak,
        count(*) as banyak_anak,
        string_agg(kode, ', ' order by kode) filter (where realisasi_anggaran is null) as anak_hilang
    from realisasi
    where kode_induk is not null
    group by berkas_id, kode_induk
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
        replace(a.level_anak, '_', '-') as tingkat_anak,
        r.realisasi_anggaran as realisasi_induk,
        a.jumlah_anak,
        a.banyak_anak,
        r.realisasi_anggaran - coalesce(a.jumlah_anak, 0) as selisih,
        a.anak_hilang as masukan_hilang,
        a.anak_hilang is null as lengkap
    from realisasi as r
    inner join anak as a on r.berkas_id = a.berkas_id and r.kode = a.kode
    where r.realisasi_anggaran is not null
)

{{ tandai_cek('checks', 'realisasi_anak_sama_induk', ['berkas_id', 'kode'], lengkap='lengkap') }}
