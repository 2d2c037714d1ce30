-- Every file version received, with its state: diterima (used), dikarantina (refused by the
-- audit, with the reasons) or digantikan (superseded by a later accepted version).
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

karantina as (
    select berkas_id, string_agg(distinct aturan || ': ' || alasan, '; ') as alasan
    from {{ ref('stg_gerbang__karantina') }}
    group by berkas_id
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
        when k.berkas_id is not null then 'dikarantina'
        when d.berkas_id is not null then 'diterima'
        else 'digantikan'
    end as status,
    k.alasan,
    b.jumlah_baris,
    b.diterima_pada
from berkas as b
left join karantina as k on k.berkas_id = b.berkas_id
left join dipakai as d on d.berkas_id = b.berkas_id
