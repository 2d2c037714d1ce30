-- Realisasi rule: where a kegiatan or program reports realisasi anggaran, it equals the sum of the
-- realisasi anggaran its children report in the same file.
with realisasi as (
    select * from {{ ref('int_realisasi__versi') }}
    where kode is not null
),

anak as (
    select berkas_id, kode_induk as kode, sum(coalesce(realisasi_anggaran, 0)) as jumlah_anak, count(*) as banyak_anak
    from realisasi
    where kode_induk is not null
    group by berkas_id, kode_induk
)

select
    'realisasi_anak_sama_induk' as aturan,
    r.kode_wilayah,
    r.tahun,
    r.triwulan,
    r.kode,
    r.level,
    'realisasi_anggaran' as kolom,
    'pagu' as ukuran,
    r.realisasi_anggaran as diharapkan,
    a.jumlah_anak as ditemukan,
    'sum of ' || a.banyak_anak || ' child rows in the file' as keterangan,
    r.berkas_id,
    r.nama_berkas,
    r.baris
from realisasi as r
inner join anak as a on a.berkas_id = r.berkas_id and a.kode = r.kode
where r.realisasi_anggaran is not null
