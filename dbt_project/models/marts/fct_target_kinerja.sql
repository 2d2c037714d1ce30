-- depends_on: {{ ref('stg_kiriman__karantina') }}  (published marts are built after the audit)
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
    nama_berkas,
    baris
from {{ ref('stg_kiriman__kinerja') }}
