-- Every file version received, with its state: diterima (used), dikarantina (refused by the
-- audit, with the reasons) or digantikan (superseded by a later accepted version).
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

-- Why a version was refused, in sentences an office reads: the rule findings (where, what was expected,
-- what was found), and for a version refused because it could not be read, its first read errors. A file
-- named for a kecamatan that does not exist says so first: every other finding follows from it.
karantina as (
    select
        berkas_id,
        string_agg(alasan, '; ' order by aturan <> 'kecamatan_dikenal', aturan) as alasan
    from {{ ref('stg_gerbang__karantina') }}
    where aturan <> 'berkas_terbaca'
    group by berkas_id
),

galat_baca as (
    select
        berkas_id,
        string_agg(
            concat_ws(
                ', ', case when sheet is not null then 'sheet ' || sheet end,
                case when baris is not null then 'baris ' || baris end, kode,
                case when kolom is not null then 'kolom ' || kolom end
            ) || ': ' || pesan,
            '; ' order by baris nulls first, kolom
        ) as alasan,
        count(*) as banyak
    from {{ ref('int_berkas__galat_baca') }}
    group by berkas_id
),

ditolak as (
    select berkas_id from {{ ref('stg_gerbang__karantina') }}
),

dipakai as (
    select distinct berkas_id from {{ ref('int_rencana__diterima') }}
    union
    select distinct berkas_id from {{ ref('fct_target_kinerja') }}
    union
    select distinct berkas_id from {{ ref('int_realisasi__diterima') }}
    union
    select distinct berkas_id from {{ ref('int_ikm__diterima') }}
)

select
    b.nama_berkas,
    b.jenis,
    b.kode_wilayah,
    b.tahun,
    b.triwulan,
    b.versi,
    b.berkas_id,
    b.sha256,
    b.sumber,
    case
        when t.berkas_id is not null then 'dikarantina'
        when d.berkas_id is not null then 'diterima'
        else 'digantikan'
    end as status,
    case when t.berkas_id is not null then concat_ws('; ', k.alasan, g.alasan) end as alasan,
    b.jumlah_baris,
    -- the latest version received of its key (urutan_versi: the one definition of "latest")
    row_number() over (
        partition by b.jenis, b.kode_wilayah, b.tahun, b.triwulan
        order by
            {{ urutan_versi() | replace('versi', 'b.versi') | replace('diterima_pada', 'b.diterima_pada') | replace('nama_berkas', 'b.nama_berkas') }}
    ) = 1 as terbaru,
    b.diterima_pada
from berkas as b
left join (select distinct berkas_id from ditolak) as t on b.berkas_id = t.berkas_id
left join karantina as k on b.berkas_id = k.berkas_id
left join galat_baca as g on b.berkas_id = g.berkas_id
left join dipakai as d on b.berkas_id = d.berkas_id
