-- Consistency notice (domain reference O1): the target an indicator has for a year in the Renstra
-- tujuan/sasaran table or the IKU table agrees with the Perjanjian Kinerja target of that year.
-- Reported as a warning: the tables are published as they are.
with kinerja as (
    select *, lower(regexp_replace(trim(indikator), '\s+', ' ', 'g')) as indikator_kunci
    from {{ ref('stg_kiriman__kinerja') }}
),

pk as (
    select berkas_id, indikator_kunci, tahun_target, target
    from kinerja
    where tabel = 'perjanjian_kinerja'
)

select
    'target_kinerja_konsisten' as aturan,
    k.berkas_id,
    k.nama_berkas,
    k.kode_wilayah,
    k.tahun,
    k.indikator as kode,
    k.tabel || ' ' || k.tahun_target as kolom,
    'target' as ukuran,
    pk.target as diharapkan,
    k.target as ditemukan,
    'Perjanjian Kinerja target for ' || k.tahun_target || ' against table ' || k.tabel as keterangan,
    k.baris
from kinerja as k
inner join pk
    on pk.berkas_id = k.berkas_id and pk.indikator_kunci = k.indikator_kunci and pk.tahun_target = k.tahun_target
where k.tabel <> 'perjanjian_kinerja'
