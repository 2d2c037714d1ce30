-- Consistency rule (a warning, domain reference O1): an indicator has one target per year in every
-- table of the kinerja file that gives one (Renstra tujuan/sasaran, IKU, Perjanjian Kinerja). Rows are
-- the same indicator when they carry the same kode_indikator (never by wording: the tables word the
-- same indicator differently). One row per indicator and year given by two tables or more.
with kinerja as (
    select * from {{ ref('stg_kiriman__kinerja') }}
    where kode_indikator is not null and tahun_target is not null and target is not null
),

checks as (
    select
        berkas_id,
        any_value(nama_berkas) as nama_berkas,
        min(baris) as baris,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        cast(null as integer) as triwulan,
        kode_indikator as kode,
        'target' as kolom,
        tahun_target,
        arg_min(indikator, baris) as indikator,
        string_agg(
            tabel || ' ' || {{ angka_teks('target') }}, ', ' order by
                case tabel when 'tujuan_sasaran' then 1 when 'iku' then 2 else 3 end
        ) as rincian,
        count(distinct target) as banyak_target,
        count(distinct tabel) as banyak_tabel
    from kinerja
    group by berkas_id, kode_indikator, tahun_target
    having count(distinct tabel) >= 2
)

{{ tandai_cek('checks', 'target_kinerja_konsisten', ['berkas_id', 'kode', 'tahun_target']) }}
