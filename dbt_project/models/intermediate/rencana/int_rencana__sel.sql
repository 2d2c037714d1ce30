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
--
-- One pass: what a cell needs from the other cells of its plan row (berkas_id, kode) is taken over the row
-- as a window, not by grouping the rows and joining them back.
{%- set triwulan = ['tw1', 'tw2', 'tw3', 'tw4'] %}
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

dengan_baris as (
    -- per cell, from its plan row: do the known quarters of the row's pagu already add up to the year (or
    -- the end-of-year pagu), none of them unreadable? And per quarter: is the row's pagu empty, or 0?
    select
        *,
        coalesce(
            not bool_or(ukuran = 'pagu' and periode like 'tw%' and keadaan_sel = 'tak_terbaca') over baris
            and coalesce(sum(nilai) filter (where ukuran = 'pagu' and periode like 'tw%') over baris, 0) in (
                max(nilai) filter (where ukuran = 'pagu' and periode = 'tahun') over baris,
                max(nilai) filter (where ukuran = 'pagu' and periode = 'akhir_tahun') over baris
            ),
            false
        ) as triwulan_lain_genap,
    {%- for tw in triwulan %}
        bool_or(ukuran = 'pagu' and periode = '{{ tw }}' and keadaan_sel = 'kosong') over baris as pagu_{{ tw }}_kosong,
        bool_or(ukuran = 'pagu' and periode = '{{ tw }}' and nilai = 0) over baris as pagu_{{ tw }}_nol
        {{- "," if not loop.last }}
    {%- endfor %}
    from nilai
    window baris as (partition by berkas_id, kode)
),

keadaan as (
    select
        *,
        case
            when keadaan_sel <> 'kosong' or periode not like 'tw%' then keadaan_sel
            when ukuran = 'pagu' then case when triwulan_lain_genap then 'nol_tersirat' else 'hilang' end
            {%- for tw in triwulan %}
                when
                    periode = '{{ tw }}' and ((pagu_{{ tw }}_kosong and triwulan_lain_genap) or pagu_{{ tw }}_nol)
                    then 'nol_tersirat'
            {%- endfor %}
            else 'hilang'
        end as keadaan
    from dengan_baris
)

select
    * exclude (
        keadaan_sel,
        triwulan_lain_genap,
        {%- for tw in triwulan %}
            pagu_{{ tw }}_kosong,
            pagu_{{ tw }}_nol{{ "," if not loop.last }}
        {%- endfor %}
    ),
    case when keadaan = 'nol_tersirat' then 0 else nilai end as nilai_hitung,
    keadaan in ('terisi', 'dikoreksi', 'nol_tersirat') as diketahui
from keadaan
