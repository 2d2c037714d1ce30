-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- All kecamatan of Indonesia (Kemendagri 300.2.2-2430/2025), keyed by kode_wilayah.
select
    kode_wilayah,
    nama_kecamatan,
    kode_kabupaten,
    nama_kabupaten,
    kode_provinsi,
    nama_provinsi,
    jumlah_kelurahan,
    jumlah_desa
from {{ ref('stg_referensi__wilayah') }}
