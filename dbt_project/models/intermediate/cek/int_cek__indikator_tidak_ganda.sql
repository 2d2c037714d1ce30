-- Indicator rule (a warning): a node's indicator is its own; an indicator repeated word for word from
-- another node of the same plan version is a copy error (audit R4; the Rencana Aksi indicator of
-- kegiatan 7.01.01.2.03). Both the RKT indicator and the one the Rencana Aksi prints (indikator_ra)
-- are compared. Reported once, on the later row, naming the row it repeats.
with node as (
    select * from {{ ref('int_rencana__node') }}
),

indikator as (
    select
        berkas_id,
        kode,
        baris,
        'indikator' as kolom,
        indikator as teks
    from node
    where indikator is not null
    union all
    select
        berkas_id,
        kode,
        baris,
        'indikator_ra' as kolom,
        indikator_ra as teks
    from node
    where indikator_ra is not null
),

kunci as (
    select
        *,
        lower(regexp_replace(regexp_replace(trim(teks), '\s*/\s*', '/', 'g'), '\s+', ' ', 'g')) as teks_kunci
    from indikator
),

checks as (
    select
        i.berkas_id,
        n.nama_berkas,
        i.baris,
        n.kode_wilayah,
        n.tahun,
        cast(null as integer) as triwulan,
        i.kode,
        i.kolom,
        i.teks as indikator,
        s.kode as kode_sama,
        s.baris as baris_sama
    from kunci as i
    inner join node as n on i.berkas_id = n.berkas_id and i.kode = n.kode
    left join lateral (
        select
            e.kode,
            e.baris
        from kunci as e
        where
            e.berkas_id = i.berkas_id
            and e.teks_kunci = i.teks_kunci
            and e.kode <> i.kode
            and (e.baris < i.baris or (e.baris = i.baris and e.kode < i.kode))
        order by e.baris
        limit 1
    ) as s on true
)

{{ tandai_cek('checks', 'indikator_tidak_ganda', ['berkas_id', 'kode', 'kolom']) }}
