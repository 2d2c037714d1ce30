-- Annual rule for targets: a row's annual target (RKT), its quarterly targets rolled up under the row's
-- aggregation rule (agregasi_target, domain reference O9) and its end-of-year target agree, where known
-- (int_rencana__sel):
--   jumlah  the four quarters add up to the year (1+1+1+1 = 4; an empty quarter with no pagu is 0);
--   tetap   every quarter with a target repeats the annual level (6/6/6/6 = 6);
--   akhir   the last quarter with a target is the annual value (100% at TW4).
-- One row per plan row with at least two known figures (or quarters that break `tetap`).
with sel as (
    select
        s.*,
        n.agregasi_target
    from {{ ref('int_rencana__sel') }} as s
    inner join {{ ref('int_rencana__node') }} as n on s.berkas_id = n.berkas_id and s.kode = n.kode
    where s.ukuran = 'target'
),

angka as (
    select
        berkas_id,
        kode,
        any_value(nama_berkas) as nama_berkas,
        any_value(baris) as baris,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        any_value(agregasi_target) as agregasi_target,
        max(nilai_hitung) filter (where periode = 'tahun' and diketahui) as target,
        max(nilai_hitung) filter (where periode = 'akhir_tahun' and diketahui) as target_akhir_tahun,
        count(*) filter (where periode like 'tw%' and diketahui) = 4 as triwulan_diketahui,
        sum(nilai_hitung) filter (where periode like 'tw%') as jumlah_triwulan,
        count(distinct nilai_hitung) filter (where periode like 'tw%' and keadaan in ('terisi', 'dikoreksi'))
            as banyak_tingkat,
        max(nilai_hitung) filter (where periode like 'tw%' and keadaan in ('terisi', 'dikoreksi')) as tingkat,
        arg_max(nilai_hitung, periode) filter (where periode like 'tw%' and keadaan in ('terisi', 'dikoreksi'))
            as nilai_terakhir,
        string_agg(
            'TW' || right(periode, 1) || ' ' || {{ angka_teks("case when diketahui then nilai_hitung end") }},
            ', ' order by periode
        ) filter (where periode like 'tw%'
        ) as rincian_triwulan
    from sel
    group by berkas_id, kode
),

triwulan as (
    select
        *,
        case
            when not triwulan_diketahui then null
            when agregasi_target = 'jumlah' then jumlah_triwulan
            when agregasi_target = 'tetap' and banyak_tingkat = 1 then tingkat
            when agregasi_target = 'akhir' then nilai_terakhir
        end as target_triwulan,
        triwulan_diketahui and agregasi_target = 'tetap' and banyak_tingkat > 1 as tidak_tetap
    from angka
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
        'target' as kolom,
        agregasi_target,
        target,
        target_triwulan,
        rincian_triwulan,
        target_akhir_tahun,
        not tidak_tetap
        and (target is null or target_triwulan is null or target = target_triwulan)
        and (target is null or target_akhir_tahun is null or target = target_akhir_tahun)
        and (target_triwulan is null or target_akhir_tahun is null or target_triwulan = target_akhir_tahun)
            as sepakat
    from triwulan
    where
        tidak_tetap
        or cast((target is not null) as int)
        + cast((target_triwulan is not null) as int)
        + cast((target_akhir_tahun is not null) as int)
        >= 2
)

{{ tandai_cek('checks', 'target_tahunan_konsisten', ['berkas_id', 'kode']) }}
