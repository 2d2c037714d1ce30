-- Rollup rule: the pagu of a program equals the sum of its kegiatan, and the pagu of a kegiatan the sum
-- of its sub-kegiatan, for the year and for each triwulan, within one plan version. Only known values
-- take part (int_rencana__sel). A period whose parent or a child is not known cannot be checked: one row
-- per parent gathers those periods and names the missing inputs (perlakuan = tidak_lengkap), with the
-- parent's pagu minus the known children in brackets (the missing value, when one input is missing),
-- instead of a false difference. A period where the parent and every child are unknown (a lost
-- Rencana Aksi block) is left to rencana_lengkap.
with sel as (
    select * from {{ ref('int_rencana__sel') }}
    where ukuran = 'pagu' and periode in ('tahun', 'tw1', 'tw2', 'tw3', 'tw4')
),

node as (
    select
        berkas_id,
        kode,
        kode_induk,
        level
    from {{ ref('int_rencana__node') }}
),

anak as (
    select
        n.berkas_id,
        n.kode_induk as kode,
        v.kolom,
        any_value(n.level) as level_anak,
        sum(v.nilai_hitung) filter (where v.diketahui) as jumlah_anak,
        count(*) as banyak_anak,
        count(*) filter (where not v.diketahui) as anak_tidak_diketahui,
        string_agg(v.kode, ', ' order by v.kode) filter (where not v.diketahui) as anak_hilang
    from node as n
    inner join sel as v on n.berkas_id = v.berkas_id and n.kode = v.kode
    where n.kode_induk is not null
    group by n.berkas_id, n.kode_induk, v.kolom
),

periode as (
    select
        p.berkas_id,
        p.nama_berkas,
        p.baris,
        p.kode_wilayah,
        p.tahun,
        p.kode,
        p.kolom,
        p.periode,
        p.level,
        replace(a.level_anak, '_', '-') as tingkat_anak,
        p.nilai_hitung as pagu_induk,
        a.jumlah_anak,
        a.banyak_anak,
        p.nilai_hitung - coalesce(a.jumlah_anak, 0) as selisih,
        concat_ws(', ', case when not p.diketahui then p.kode end, a.anak_hilang) as masukan_hilang,
        p.diketahui and a.anak_tidak_diketahui = 0 as lengkap
    from sel as p
    inner join anak as a on p.berkas_id = a.berkas_id and p.kode = a.kode and p.kolom = a.kolom
    where p.diketahui or a.anak_tidak_diketahui < a.banyak_anak
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
        kolom,
        level,
        tingkat_anak,
        pagu_induk,
        jumlah_anak,
        banyak_anak,
        selisih,
        cast(null as varchar) as rincian,
        lengkap
    from periode
    where lengkap
    union all
    select
        berkas_id,
        any_value(nama_berkas),
        any_value(baris),
        any_value(kode_wilayah),
        any_value(tahun),
        cast(null as integer),
        kode,
        string_agg(kolom, ', ' order by (periode = 'tahun') desc, periode),
        any_value(level),
        any_value(tingkat_anak),
        null,
        null,
        any_value(banyak_anak),
        null,
        string_agg(
            kolom || ': ' || masukan_hilang
            || case when selisih is not null then ' (' || {{ rupiah_teks('selisih') }} || ')' else '' end,
            '; ' order by (periode = 'tahun') desc, periode
        ),
        false
    from periode
    where not lengkap
    group by berkas_id, kode
)

{{ tandai_cek('checks', 'pagu_anak_sama_induk', ['berkas_id', 'kode', 'kolom'], lengkap='lengkap') }}
