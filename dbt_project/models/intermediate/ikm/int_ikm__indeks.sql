{{ config(tags=["setelah_validasi"]) }}
-- The IKM (Permenpan RB 14/2017), per kecamatan, year and unsur:
--   NRR per unsur   = sum of the answers / number of answers to that unsur
--   NRR tertimbang  = NRR x nilai penimbang, nilai penimbang = 1 / number of unsur (1/9; printed 0,111)
--   IKM             = sum of the NRR tertimbang (1-4), IKM konversi = IKM x 25 (25-100)
-- Sample size: the Krejcie-Morgan formula s = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)), X2 = 3,841,
-- P = 0,5, d = 0,05; the population of service users is not known, so its limit for a large
-- population (384) is the minimum reported.
with jawaban as (
    select * from {{ ref('int_ikm__diterima') }}
),

per_unsur as (
    select
        kode_wilayah,
        tahun,
        unsur,
        any_value(sumber) as sumber,
        any_value(nama_berkas) as nama_berkas,
        sum(nilai) as jumlah_nilai,
        count(nilai) as jumlah_jawaban,
        cast(round(sum(nilai) / count(nilai), 4) as decimal(10, 4)) as nrr
    from jawaban
    group by kode_wilayah, tahun, unsur
),

indeks as (
    select
        kode_wilayah,
        tahun,
        count(*) as jumlah_unsur,
        sum(jumlah_nilai / jumlah_jawaban) / count(*) as ikm_tepat
    from per_unsur
    group by kode_wilayah, tahun
),

responden as (
    select
        kode_wilayah,
        tahun,
        count(distinct no_responden) as responden
    from jawaban
    group by kode_wilayah, tahun
)

select
    u.kode_wilayah,
    u.tahun,
    u.unsur,
    u.nrr,
    cast(round(u.jumlah_nilai / u.jumlah_jawaban / i.jumlah_unsur, 4) as decimal(10, 4)) as nrr_tertimbang,
    cast(round(i.ikm_tepat, 4) as decimal(10, 4)) as ikm,
    cast(round(i.ikm_tepat * 25, 2) as decimal(6, 2)) as ikm_konversi,
    r.responden,
    384 as sampel_minimum,
    u.sumber,
    u.nama_berkas
from per_unsur as u
inner join indeks as i on u.kode_wilayah = i.kode_wilayah and u.tahun = i.tahun
inner join responden as r on u.kode_wilayah = r.kode_wilayah and u.tahun = r.tahun
