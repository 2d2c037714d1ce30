-- File rule: every file version is read without error. The reader lists each error cell by cell
-- (stg_kiriman__masalah_berkas, the reader's own rules); this rule is their consequence for the whole
-- version: a version with an error is quarantined. An unreadable plan cell that the corrections log
-- corrects (int_rencana__nilai.dikoreksi) no longer counts.
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

masalah as (
    select * from {{ ref('stg_kiriman__masalah_berkas') }}
    where tingkat = 'error'
),

dikoreksi as (
    select berkas_id, baris, kolom from {{ ref('int_rencana__nilai') }} where dikoreksi
),

tersisa as (
    select m.*
    from masalah as m
    where not exists (
        select 1 from dikoreksi as d
        where d.berkas_id = m.berkas_id and d.baris = m.baris and d.kolom = m.kolom
    )
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
    count(t.berkas_id) as error_berat,
    'periksa' as perlakuan
from berkas as b
left join tersisa as t on t.berkas_id = b.berkas_id
group by all
