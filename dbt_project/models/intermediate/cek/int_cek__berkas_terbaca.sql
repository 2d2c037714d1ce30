-- File rule: every file is read without error. Unreadable numbers in a plan are left to the
-- corrections log (rule angka_terbaca); every other read error counts here.
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

masalah as (
    select * from {{ ref('stg_kiriman__masalah_berkas') }}
    where tingkat = 'error'
)

select
    'berkas_terbaca' as aturan,
    b.kode_wilayah,
    b.tahun,
    b.jenis,
    b.nama_berkas,
    b.berkas_id,
    'berkas' as kolom,
    count(m.berkas_id) filter (where not (b.jenis = 'rencana' and m.aturan = 'number format')) as error_berat,
    string_agg(
        coalesce('row ' || m.baris || ' ', '') || coalesce(m.kolom || ': ', '') || m.aturan
        || ': expected ' || m.diharapkan || ', found ' || m.ditemukan, '; ' order by m.baris
    ) filter (where not (b.jenis = 'rencana' and m.aturan = 'number format')) as keterangan
from berkas as b
left join masalah as m on m.berkas_id = b.berkas_id
group by all
