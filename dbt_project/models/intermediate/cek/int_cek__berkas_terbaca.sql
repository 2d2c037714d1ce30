-- File rule: every file version is read without error. The reader lists each error cell by cell
-- (stg_kiriman__masalah_berkas, the reader's own rules); this rule is their consequence for the whole
-- version: a version with an open error (int_berkas__galat_baca) is quarantined.
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

galat as (
    select
        berkas_id,
        count(*) as banyak
    from {{ ref('int_berkas__galat_baca') }}
    group by berkas_id
)

select
    'berkas_terbaca' as aturan,
    b.berkas_id as cek_id,
    b.berkas_id,
    b.nama_berkas,
    cast(null as integer) as baris,
    b.kode_wilayah,
    b.tahun,
    b.triwulan,
    cast(null as varchar) as kode,
    'berkas' as kolom,
    b.jenis,
    coalesce(g.banyak, 0) as error_berat,
    'periksa' as perlakuan
from berkas as b
left join galat as g on b.berkas_id = g.berkas_id
