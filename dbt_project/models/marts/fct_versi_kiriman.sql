-- Every file version received, with its state: diterima (used), dikarantina (refused by the
-- audit, with the reasons) or digantikan (superseded by a later accepted version).
with berkas as (
    select * from {{ ref('stg_kiriman__berkas') }}
),

karantina as (
    select sha256, string_agg(distinct aturan || ': ' || alasan, '; ') as alasan
    from {{ ref('stg_kiriman__karantina') }}
    group by sha256
),

dipakai as (
    select distinct sha256 from {{ ref('int_realisasi__diterima') }}
    union
    select distinct sha256 from {{ ref('int_ikm__diterima') }}
)

select
    b.nama_berkas,
    b.jenis,
    b.kode_wilayah,
    b.tahun,
    b.triwulan,
    b.versi,
    b.sha256,
    b.sumber,
    case
        when k.sha256 is not null then 'dikarantina'
        when b.jenis in ('rencana', 'kinerja') or d.sha256 is not null then 'diterima'
        else 'digantikan'
    end as status,
    k.alasan,
    b.jumlah_baris,
    b.dibaca_pada
from berkas as b
left join karantina as k on k.sha256 = b.sha256
left join dipakai as d on d.sha256 = b.sha256
