-- Strategic targets: tujuan/sasaran indicators (Renstra), IKU and Perjanjian Kinerja, one row per
-- table, indicator and target year (multi-year Renstra targets included).
select
    kode_wilayah,
    tahun,
    tabel,
    no_urut,
    tujuan,
    sasaran,
    indikator,
    satuan,
    formulasi,
    sumber_data,
    penanggung_jawab,
    tahun_target,
    target,
    target_teks as target_terbit,
    sumber,
    berkas_id,
    nama_berkas,
    baris
from {{ ref('stg_kiriman__kinerja') }}
where berkas_id not in (select berkas_id from {{ ref('stg_kiriman__karantina') }})
-- the latest accepted companion file per kecamatan and year
qualify dense_rank() over (partition by kode_wilayah, tahun order by {{ urutan_versi() }}) = 1
