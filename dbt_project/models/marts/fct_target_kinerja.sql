-- Strategic targets: tujuan/sasaran indicators (Renstra), IKU and Perjanjian Kinerja, one row per
-- table, indicator and target year (multi-year Renstra targets included).
with kinerja as (
    select * from {{ ref('stg_kiriman__kinerja') }}
),

diterima as (
    -- the latest accepted companion file per kecamatan and year
    {{ pilih_versi_diterima('kinerja', ['kode_wilayah', 'tahun']) }}
)

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
    rujukan,
    sumber,
    berkas_id,
    nama_berkas,
    baris
from diterima
