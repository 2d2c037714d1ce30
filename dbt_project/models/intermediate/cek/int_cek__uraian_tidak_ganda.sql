-- Name rule: no two children of one parent share a name (after case and spacing), within one plan
-- version. A repeated name is reported once, on the later row, naming the row it repeats (audit R4).
with node as (
    select * from {{ ref('int_rencana__node') }}
),

checks as (
    select
        n.berkas_id,
        n.nama_berkas,
        n.baris,
        n.kode_wilayah,
        n.tahun,
        cast(null as integer) as triwulan,
        n.kode,
        'uraian' as kolom,
        n.uraian,
        n.kode_induk,
        s.kode as kode_sama,
        s.baris as baris_sama
    from node as n
    left join lateral (
        select
            e.kode,
            e.baris
        from node as e
        where
            e.berkas_id = n.berkas_id
            and e.kode_induk is not distinct from n.kode_induk
            and e.uraian_kunci = n.uraian_kunci
            and e.baris < n.baris
        order by e.baris
        limit 1
    ) as s on true
)

{{ tandai_cek('checks', 'uraian_tidak_ganda', ['berkas_id', 'kode']) }}
