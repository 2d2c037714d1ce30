-- Completeness rule: every quarterly target and pagu cell of a plan row is known. One row per plan row
-- listing its missing cells (int_rencana__sel: hilang, i.e. empty where the row's other quarters do not
-- already add up to its year) in column order, so a lost Rencana Aksi row is reported once, as lost
-- cells, and never as a difference against 0.
with sel as (
    select * from {{ ref('int_rencana__sel') }}
),

urutan as (
    select
        *,
        case periode when 'tw1' then 1 when 'tw2' then 2 when 'tw3' then 3 when 'tw4' then 4 end * 2
        + case ukuran when 'target' then 0 else 1 end as urutan_kolom
    from sel
),

checks as (
    select
        berkas_id,
        any_value(nama_berkas) as nama_berkas,
        any_value(baris) as baris,
        any_value(kode_wilayah) as kode_wilayah,
        any_value(tahun) as tahun,
        cast(null as integer) as triwulan,
        kode,
        cast(null as varchar) as kolom,
        string_agg(kolom, ', ' order by urutan_kolom) filter (where keadaan = 'hilang' and periode like 'tw%')
            as sel_hilang,
        count(*) filter (where keadaan = 'hilang' and periode like 'tw%') as banyak_sel_hilang,
        max(nilai) filter (where kolom = 'pagu') as pagu,
        sum(nilai) filter (where ukuran = 'pagu' and periode like 'tw%') as pagu_triwulan_terbaca
    from urutan
    group by berkas_id, kode
)

{{ tandai_cek('checks', 'rencana_lengkap', ['berkas_id', 'kode']) }}
