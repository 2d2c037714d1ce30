-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The program / kegiatan / sub-kegiatan tree of urusan 7.01 (kecamatan).
select
    kode,
    level,
    nama,
    kode_induk,
    indikator,
    satuan,
    keyakinan,
    kode_sementara,
    catatan
from {{ ref('stg_referensi__nomenklatur') }}
