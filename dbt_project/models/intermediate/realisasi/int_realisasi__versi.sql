-- Every realisasi row of every version received, with whether its file was read without error
-- and its rank among the versions of its key (kecamatan, year, triwulan): 1 = the latest.
with realisasi as (
    select * from {{ ref('stg_kiriman__realisasi') }}
),

berkas as (
    select berkas_id, max(jumlah_error) = 0 as berkas_terbaca
    from {{ ref('stg_kiriman__berkas') }}
    where jenis = 'realisasi'
    group by berkas_id
)

select
    r.*,
    b.berkas_terbaca,
    dense_rank() over (
        partition by r.kode_wilayah, r.tahun, r.triwulan order by {{ urutan_versi('r.') }}
    ) as urutan_versi
from realisasi as r
inner join berkas as b on b.berkas_id = r.berkas_id
