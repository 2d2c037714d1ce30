-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- The annual plan: one row per kecamatan, year and node. The RKT's annual target and pagu and the Rencana
-- Aksi's end-of-year column ("Kondisi Kinerja Pada Akhir Tahun"), each corrected (the value arithmetic may
-- use, int_rencana__sel.nilai_hitung) beside the cell as printed (*_terbit) and its state (keadaan_*), and
-- where the row is printed in the document (rujukan_rkt, rujukan_ra).
with node as (
    select * from {{ ref('int_rencana__node_diterima') }}
),

sel as (
    {{ sel_rencana_diterima() }}
),

angka as (
    -- the row's annual and end-of-year cells side by side, and whether a figure rests on an assumption
    -- (the quarterly cells are not grouped here: see triwulan_asumsi)
    select
        berkas_id,
        kode,
        {%- for kolom in ['target', 'pagu', 'target_akhir_tahun', 'pagu_akhir_tahun'] %}
        max(nilai_hitung) filter (where kolom = '{{ kolom }}') as {{ kolom }},
        max(teks_terbit) filter (where kolom = '{{ kolom }}') as {{ kolom }}_terbit,
        max(keadaan) filter (where kolom = '{{ kolom }}') as keadaan_{{ kolom }},
        {%- endfor %}
        bool_or(dikoreksi) as angka_dikoreksi,
        bool_or(berdasar_asumsi) as berdasar_asumsi
    from sel
    where periode in ('tahun', 'akhir_tahun')
    group by berkas_id, kode
),

triwulan_asumsi as (
    -- the rows with a quarterly figure that rests on an assumption
    select distinct
        berkas_id,
        kode
    from sel
    where periode like 'tw%' and berdasar_asumsi
)

select
    n.kode_wilayah,
    n.tahun,
    n.kode,
    n.level,
    n.kode_induk,
    n.uraian,
    n.indikator,
    n.satuan,
    cast(a.target as decimal(18, 4)) as target,
    cast(a.pagu as decimal(18, 2)) as pagu,
    cast(a.target_akhir_tahun as decimal(18, 4)) as target_akhir_tahun,
    cast(a.pagu_akhir_tahun as decimal(18, 2)) as pagu_akhir_tahun,
    n.agregasi_target,
    n.penanggung_jawab,
    n.uraian_terbit,
    a.target_terbit,
    a.pagu_terbit,
    a.target_akhir_tahun_terbit,
    a.pagu_akhir_tahun_terbit,
    a.keadaan_target,
    a.keadaan_pagu,
    a.keadaan_target_akhir_tahun,
    a.keadaan_pagu_akhir_tahun,
    coalesce(a.angka_dikoreksi, false)
        or n.uraian is distinct from n.uraian_terbit
        or n.indikator is distinct from n.indikator_terbit
        or n.satuan is distinct from n.satuan_terbit
        or n.penanggung_jawab is distinct from n.penanggung_jawab_terbit
        or n.agregasi_target is distinct from n.agregasi_target_terbit as dikoreksi,
    coalesce(a.berdasar_asumsi, false) as berdasar_asumsi,
    t.kode is not null as triwulan_berdasar_asumsi,
    n.kode_sementara,
    n.indikator_ra,
    n.rujukan_rkt,
    n.rujukan_ra,
    n.sumber,
    n.nama_berkas,
    n.baris
from node as n
left join angka as a on a.berkas_id = n.berkas_id and a.kode = n.kode
left join triwulan_asumsi as t on t.berkas_id = n.berkas_id and t.kode = n.kode
