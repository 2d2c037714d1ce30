-- What every number cell of a plan version means, after the corrections log: its state (keadaan) and
-- the value arithmetic may use (nilai_hitung). Missing is not zero: a cell that is unreadable or whose
-- value is not known has no nilai_hitung, and every sum over it is incomplete.
--
--   terisi        printed and readable                          nilai_hitung = the value
--   dikoreksi     set by the corrections log                    nilai_hitung = the corrected value
--   tak_terbaca   text that is not a number in the row's unit   nilai_hitung = null
--   nol_tersirat  an empty quarter of a row whose other quarters already add up to its annual pagu or
--                 its end-of-year pagu: nothing is planned in it. An empty quarterly target is
--                 nol_tersirat when its quarter's pagu is nol_tersirat or 0.        nilai_hitung = 0
--   hilang        an empty quarter otherwise: lost or not filled in                  nilai_hitung = null
--   kosong        an empty annual or end-of-year cell                                nilai_hitung = null
with nilai as (
    select
        *,
        case
            when nilai is not null then case when dikoreksi then 'dikoreksi' else 'terisi' end
            when ada_teks then 'tak_terbaca'
            else 'kosong'
        end as keadaan_sel
    from {{ ref('int_rencana__nilai') }}
),

pagu_baris as (
    -- per row: do the known quarters of the pagu already add up to the year (or the end-of-year cell)?
    select
        berkas_id,
        kode,
        count(*) filter (where periode like 'tw%' and keadaan_sel = 'tak_terbaca') as tak_terbaca,
        coalesce(sum(nilai) filter (where periode like 'tw%'), 0) as jumlah_terisi,
        max(nilai) filter (where periode = 'tahun') as pagu_tahun,
        max(nilai) filter (where periode = 'akhir_tahun') as pagu_akhir_tahun
    from nilai
    where ukuran = 'pagu'
    group by berkas_id, kode
),

pagu_triwulan as (
    select
        v.berkas_id,
        v.kode,
        v.periode,
        case
            when v.keadaan_sel <> 'kosong' then v.keadaan_sel
            when
                b.tak_terbaca = 0
                and (b.jumlah_terisi = b.pagu_tahun or b.jumlah_terisi = b.pagu_akhir_tahun) then 'nol_tersirat'
            else 'hilang'
        end as keadaan,
        v.nilai
    from nilai as v
    inner join pagu_baris as b on v.berkas_id = b.berkas_id and v.kode = b.kode
    where v.ukuran = 'pagu' and v.periode like 'tw%'
),

keadaan as (
    select
        v.*,
        case
            when v.keadaan_sel <> 'kosong' or v.periode not like 'tw%' then v.keadaan_sel
            when v.ukuran = 'pagu' then p.keadaan
            when p.keadaan = 'nol_tersirat' or p.nilai = 0 then 'nol_tersirat'
            else 'hilang'
        end as keadaan
    from nilai as v
    left join pagu_triwulan as p
        on v.berkas_id = p.berkas_id and v.kode = p.kode and v.periode = p.periode
)

select
    * exclude (keadaan_sel),
    case when keadaan = 'nol_tersirat' then 0 else nilai end as nilai_hitung,
    keadaan in ('terisi', 'dikoreksi', 'nol_tersirat') as diketahui
from keadaan
