-- The IKM survey result per kecamatan, year and unsur (U1..U9), with the overall index, its
-- 25-100 conversion and the mutu pelayanan (A-D) on every row.
select
    kode_wilayah,
    tahun,
    unsur,
    nrr,
    nrr_tertimbang,
    ikm,
    ikm_konversi,
    {{ mutu_ikm('ikm_konversi') }} as mutu,
    {{ kinerja_unit_ikm(mutu_ikm('ikm_konversi')) }} as kinerja_unit,
    responden,
    sampel_minimum,
    sumber,
    sumber = 'sampel' as sampel,
    nama_berkas
from {{ ref('int_ikm__indeks') }}
