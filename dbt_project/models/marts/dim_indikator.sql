-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The indicator each kecamatan set for each node of its plan, with how its quarterly targets aggregate.
select
    kode_wilayah || '|' || tahun || '|' || kode as indikator_id,
    kode_wilayah,
    tahun,
    kode,
    level,
    indikator,
    satuan,
    agregasi_target,
    arah_indikator as arah
from {{ ref('int_rencana__node_diterima') }}
