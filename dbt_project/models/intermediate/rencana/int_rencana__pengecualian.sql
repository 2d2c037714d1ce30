-- Accepted exceptions: discrepancies that cannot be resolved from the source. They are reported
-- as warnings and do not block publication. kolom empty = every column the rule checks.
select
    kode_wilayah,
    tahun,
    kode,
    aturan,
    kolom,
    alasan,
    alasan_id,
    diputuskan_oleh,
    baris as koreksi_baris
from {{ ref('int_rencana__koreksi_aktif') }}
where jenis = 'pengecualian'
