-- Every realisasi row of every version received, with whether its file was read without error.
with realisasi as (
    select * from {{ ref('stg_kiriman__realisasi') }}
),

berkas as (
    select
        berkas_id,
        max(jumlah_error) = 0 as berkas_terbaca
    from {{ ref('stg_kiriman__berkas') }}
    where jenis = 'realisasi'
    group by berkas_id
)

select
    r.*,
    b.berkas_terbaca
from realisasi as r
inner join berkas as b on r.berkas_id = b.berkas_id
