-- Capaian kinerja and serapan anggaran per kecamatan, year, triwulan and node: for the triwulan alone
-- and year to date (TW1 up to this triwulan). Missing is not zero: plan numbers are the values arithmetic
-- may use (int_rencana__sel.nilai_hitung: an implied-zero quarter is 0, a lost one is null), and a figure
-- whose inputs are not all known is null, never computed over the known part:
--   capaian_persen          target and realisasi of this triwulan;
--   capaian_kumulatif       jumlah: the targets and realisasi of TW1..TWn added up (null when one of them is
--                           not known); tetap and akhir: the target of the latest quarter with a target
--                           (a quarter whose target is known to be 0 has none) and the realisasi of TWn;
--   serapan_persen          pagu and realisasi anggaran of this triwulan;
--   serapan_kumulatif       pagu and realisasi anggaran of TW1..TWn added up (null when one is not known);
--   serapan_tahunan         realisasi anggaran of TW1..TWn against the annual pagu (RKT).
-- capaian_lengkap / serapan_lengkap / serapan_tahunan_lengkap say whether every input of those figures up
-- to this triwulan is known, catatan_kelengkapan which input is not (in Indonesian), and *_berdasar_asumsi
-- whether an input rests on an assumption of the corrections log (kepastian 'asumsi').
with sel as (
    {{ sel_rencana_diterima() }}
),

node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

realisasi as (
    select * from {{ ref('fct_realisasi_triwulan') }}
),

dilaporkan as (
    select distinct kode_wilayah, tahun from realisasi
),

tahunan as (
    select berkas_id, kode, nilai_hitung, keadaan, diketahui, berdasar_asumsi
    from sel
    where kolom = 'pagu'
),

triwulan_sel as (
    -- per node and quarter: its target and pagu cells side by side (grouped on the plan row and quarter
    -- alone; the node's fields are joined to the result)
    select
        berkas_id,
        kode,
        cast(right(periode, 1) as integer) as triwulan,
        max(nilai_hitung) filter (where ukuran = 'target') as target,
        max(keadaan) filter (where ukuran = 'target') as keadaan_target,
        coalesce(bool_or(diketahui) filter (where ukuran = 'target'), false) as target_diketahui,
        coalesce(bool_or(berdasar_asumsi) filter (where ukuran = 'target'), false) as target_asumsi,
        max(nilai_hitung) filter (where ukuran = 'pagu') as pagu,
        max(keadaan) filter (where ukuran = 'pagu') as keadaan_pagu,
        coalesce(bool_or(diketahui) filter (where ukuran = 'pagu'), false) as pagu_diketahui,
        coalesce(bool_or(berdasar_asumsi) filter (where ukuran = 'pagu'), false) as pagu_asumsi
    from sel
    where periode like 'tw%'
    group by berkas_id, kode, periode
),

triwulan as (
    select
        n.berkas_id,
        n.kode_wilayah,
        n.tahun,
        s.triwulan,
        n.kode,
        n.level,
        n.agregasi_target,
        n.arah_indikator,
        n.rujukan_rkt,
        n.rujukan_ra,
        n.sumber,
        s.target,
        s.keadaan_target,
        s.target_diketahui,
        s.target_asumsi,
        s.pagu,
        s.keadaan_pagu,
        s.pagu_diketahui,
        s.pagu_asumsi
    from node as n
    inner join dilaporkan as d on d.kode_wilayah = n.kode_wilayah and d.tahun = n.tahun
    inner join triwulan_sel as s on s.berkas_id = n.berkas_id and s.kode = n.kode
),

gabung as (
    select
        t.*,
        r.kode is not null as ada_realisasi,
        r.realisasi_target as realisasi,
        r.realisasi_anggaran,
        r.sumber as sumber_realisasi,
        a.nilai_hitung as pagu_tahunan,
        a.keadaan as keadaan_pagu_tahunan,
        coalesce(a.diketahui, false) as pagu_tahunan_diketahui,
        coalesce(a.berdasar_asumsi, false) as pagu_tahunan_asumsi,
        -- a quarter with a target: its target is not known to be 0 (an unknown target may be one)
        not (t.target_diketahui and t.target = 0) as bertarget
    from triwulan as t
    left join realisasi as r
        on r.kode_wilayah = t.kode_wilayah and r.tahun = t.tahun and r.triwulan = t.triwulan and r.kode = t.kode
    left join tahunan as a on a.berkas_id = t.berkas_id and a.kode = t.kode
),

kumulatif as (
    -- year to date: every quarter of the node up to this one
    select
        *,
        sum(target) over ytd as target_jumlah,
        bool_and(target_diketahui) over ytd as target_jumlah_diketahui,
        -- tetap and akhir: the latest quarter with a target, its target and whether that is known
        last_value(case when bertarget then {'triwulan': triwulan, 'target': target, 'diketahui': target_diketahui,
                                             'keadaan': keadaan_target} end ignore nulls) over ytd as bertarget_terakhir,
        sum(realisasi) over ytd as realisasi_jumlah,
        bool_and(realisasi is not null) over ytd as realisasi_jumlah_ada,
        sum(pagu) over ytd as pagu_jumlah,
        bool_and(pagu_diketahui) over ytd as pagu_jumlah_diketahui,
        sum(realisasi_anggaran) over ytd as realisasi_anggaran_jumlah,
        bool_and(realisasi_anggaran is not null) over ytd as realisasi_anggaran_jumlah_ada,
        bool_or(target_asumsi) over ytd as target_asumsi_kumulatif,
        bool_or(pagu_asumsi) over ytd as pagu_asumsi_kumulatif,
        -- what is not known up to this triwulan, in Indonesian, quarter by quarter (taken over the same
        -- quarters, not by joining each row to the quarters before it)
        string_agg('target TW' || triwulan || ' ' || replace(coalesce(keadaan_target, 'hilang'), '_', ' '),
                   '; ' order by triwulan) filter (where not target_diketahui) over ytd as catatan_target,
        string_agg('pagu TW' || triwulan || ' ' || replace(coalesce(keadaan_pagu, 'hilang'), '_', ' '),
                   '; ' order by triwulan) filter (where not pagu_diketahui) over ytd as catatan_pagu,
        string_agg('realisasi TW' || triwulan || ' belum dilaporkan', '; ' order by triwulan)
            filter (where not ada_realisasi) over ytd as catatan_belum_dilaporkan,
        string_agg('realisasi fisik TW' || triwulan || ' kosong', '; ' order by triwulan)
            filter (where ada_realisasi and realisasi is null) over ytd as catatan_realisasi_jumlah,
        string_agg('realisasi anggaran TW' || triwulan || ' kosong', '; ' order by triwulan)
            filter (where ada_realisasi and realisasi_anggaran is null) over ytd as catatan_realisasi_anggaran
    from gabung
    window ytd as (partition by berkas_id, kode order by triwulan rows between unbounded preceding and current row)
),

dinilai as (
    select
        k.*,
        case
            when k.agregasi_target = 'jumlah' then case when k.target_jumlah_diketahui then k.target_jumlah end
            when k.bertarget_terakhir is null then 0
            else k.bertarget_terakhir.target
        end as target_kumulatif,
        case
            when k.agregasi_target = 'jumlah' then case when k.realisasi_jumlah_ada then k.realisasi_jumlah end
            else k.realisasi
        end as realisasi_kumulatif,
        case when k.pagu_jumlah_diketahui then k.pagu_jumlah end as pagu_kumulatif,
        case when k.realisasi_anggaran_jumlah_ada then k.realisasi_anggaran_jumlah end as realisasi_anggaran_kumulatif,
        case
            when k.agregasi_target = 'jumlah' then k.target_jumlah_diketahui and k.realisasi_jumlah_ada
            else coalesce(k.bertarget_terakhir.diketahui, true) and k.realisasi is not null
        end as capaian_lengkap,
        k.pagu_jumlah_diketahui and k.realisasi_anggaran_jumlah_ada as serapan_lengkap,
        k.pagu_tahunan_diketahui and k.realisasi_anggaran_jumlah_ada as serapan_tahunan_lengkap,
        nullif(concat_ws('; ',
            case
                when k.agregasi_target = 'jumlah' then k.catatan_target
                when not k.bertarget_terakhir.diketahui
                    then 'target TW' || k.bertarget_terakhir.triwulan || ' '
                         || replace(coalesce(k.bertarget_terakhir.keadaan, 'hilang'), '_', ' ')
            end,
            k.catatan_pagu,
            case when not k.pagu_tahunan_diketahui
                then 'pagu tahunan ' || replace(coalesce(k.keadaan_pagu_tahunan, 'kosong'), '_', ' ') end,
            k.catatan_belum_dilaporkan,
            -- the realisasi fisik of every quarter up to this one for jumlah, of this quarter alone otherwise
            case
                when k.agregasi_target = 'jumlah' then k.catatan_realisasi_jumlah
                when k.ada_realisasi and k.realisasi is null then 'realisasi fisik TW' || k.triwulan || ' kosong'
            end,
            k.catatan_realisasi_anggaran
        ), '') as catatan_kelengkapan
    from kumulatif as k
)

select
    kode_wilayah,
    tahun,
    triwulan,
    kode,
    level,
    cast(target as decimal(18, 4)) as target,
    cast(realisasi as decimal(18, 4)) as realisasi,
    {{ capaian_persen('realisasi', 'target', 'arah_indikator') }} as capaian_persen,
    {{ kategori_capaian(capaian_persen('realisasi', 'target', 'arah_indikator')) }} as kategori,
    cast(pagu as decimal(18, 2)) as pagu,
    cast(realisasi_anggaran as decimal(18, 2)) as realisasi_anggaran,
    {{ serapan_persen('realisasi_anggaran', 'pagu') }} as serapan_persen,
    cast(target_kumulatif as decimal(18, 4)) as target_kumulatif,
    cast(realisasi_kumulatif as decimal(18, 4)) as realisasi_kumulatif,
    {{ capaian_persen('realisasi_kumulatif', 'target_kumulatif', 'arah_indikator') }} as capaian_kumulatif_persen,
    {{ kategori_capaian(capaian_persen('realisasi_kumulatif', 'target_kumulatif', 'arah_indikator')) }}
        as kategori_kumulatif,
    cast(pagu_kumulatif as decimal(18, 2)) as pagu_kumulatif,
    cast(realisasi_anggaran_kumulatif as decimal(18, 2)) as realisasi_anggaran_kumulatif,
    {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_kumulatif') }} as serapan_kumulatif_persen,
    cast(pagu_tahunan as decimal(18, 2)) as pagu_tahunan,
    {{ serapan_persen('realisasi_anggaran_kumulatif', 'pagu_tahunan') }} as serapan_tahunan_persen,
    keadaan_target,
    keadaan_pagu,
    capaian_lengkap,
    serapan_lengkap,
    serapan_tahunan_lengkap,
    capaian_lengkap and serapan_lengkap and serapan_tahunan_lengkap as lengkap,
    catatan_kelengkapan,
    target_asumsi_kumulatif as capaian_berdasar_asumsi,
    pagu_asumsi_kumulatif as serapan_berdasar_asumsi,
    pagu_tahunan_asumsi as serapan_tahunan_berdasar_asumsi,
    target_asumsi_kumulatif or pagu_asumsi_kumulatif or pagu_tahunan_asumsi as berdasar_asumsi,
    agregasi_target,
    arah_indikator,
    sumber as sumber_rencana,
    sumber_realisasi,
    rujukan_rkt,
    rujukan_ra,
    coalesce(sumber_realisasi = 'sampel' or sumber = 'sampel', false) as sampel
from dinilai
