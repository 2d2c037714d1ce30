-- Annual rule: a row's three annual pagu figures agree: the annual pagu (RKT), the sum of its four
-- quarterly pagu (Rencana Aksi) and its end-of-year pagu ("Kondisi Kinerja Pada Akhir Tahun"), where
-- known (int_rencana__sel). One row per plan row with at least two known figures, so that a row whose
-- three figures differ is reported once with all three.
with sel as (
    select * from {{ ref('int_rencana__sel') }}
    where ukuran = 'pagu'
),

angka as (
    select
        berkas_id,
        kode,
        any_value(nama_berkas) as nama_berkas,
        any_value(baris) as baris,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        max(nilai_hitung) filter (where periode = 'tahun' and diketahui) as pagu,
        case
            when count(*) filter (where periode like 'tw%' and diketahui) = 4
                then sum(nilai_hitung) filter (where periode like 'tw%')
        end as pagu_jumlah_triwulan,
        max(nilai_hitung) filter (where periode = 'akhir_tahun' and diketahui) as pagu_akhir_tahun
    from sel
    group by berkas_id, kode
),

checks as (
    select
        berkas_id,
        nama_berkas,
        baris,
        kode_wilayah,
        tahun,
        cast(null as integer) as triwulan,
        kode,
        'pagu' as kolom,
        pagu,
        pagu_jumlah_triwulan,
        pagu_akhir_tahun,
        (pagu is null or pagu_jumlah_triwulan is null or pagu = pagu_jumlah_triwulan)
        and (pagu is null or pagu_akhir_tahun is null or pagu = pagu_akhir_tahun)
        and (
            pagu_jumlah_triwulan is null or pagu_akhir_tahun is null
            or pagu_jumlah_triwulan = pagu_akhir_tahun
        ) as sepakat
    from angka
    where
        cast((pagu is not null) as int)
        + cast((pagu_jumlah_triwulan is not null) as int)
        + cast((pagu_akhir_tahun is not null) as int)
        >= 2
)

{{ tandai_cek('checks', 'pagu_tahunan_konsisten', ['berkas_id', 'kode']) }}
