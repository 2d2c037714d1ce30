-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The corrections log as applied: every correction and accepted exception with its reason.
select
    k.kode_wilayah,
    k.tahun,
    k.kode,
    k.jenis,
    k.kolom,
    k.aturan,
    k.nilai_terbit_teks as nilai_terbit,
    k.nilai_koreksi_teks as nilai_koreksi,
    k.alasan,
    k.kepastian,
    k.asumsi,
    k.alternatif,
    k.alasan_id,
    k.asumsi_id,
    k.diputuskan_oleh,
    k.tanggal,
    k.baris as baris_log
from {{ ref('int_rencana__koreksi_aktif') }} as k
