-- Every number of every plan row of every plan version in long form (one row per version, node,
-- measure and period), with the published value, its text as printed and the corrected value side by
-- side. A correction applies only where the cell reads what the corrections log says was published, and
-- carries how sure it is (kepastian: ditentukan or asumsi; for an asumsi, the assumption and the number of
-- feasible readings), so that every figure built on it can say whether it rests on an assumption.
{%- set cells = [
    ('pagu', 'pagu', 'tahun'), ('pagu_tw1', 'pagu', 'tw1'), ('pagu_tw2', 'pagu', 'tw2'),
    ('pagu_tw3', 'pagu', 'tw3'), ('pagu_tw4', 'pagu', 'tw4'), ('pagu_akhir_tahun', 'pagu', 'akhir_tahun'),
    ('target', 'target', 'tahun'), ('target_tw1', 'target', 'tw1'), ('target_tw2', 'target', 'tw2'),
    ('target_tw3', 'target', 'tw3'), ('target_tw4', 'target', 'tw4'), ('target_akhir_tahun', 'target', 'akhir_tahun'),
] %}
with rencana as (
    select * from {{ ref('stg_kiriman__rencana') }}
    where kode is not null
),

koreksi as (
    select * from {{ ref('int_rencana__koreksi_aktif') }}
    where jenis = 'koreksi'
),

unpivoted as (
    {%- for kolom, ukuran, periode in cells %}
        select
            berkas_id,
            versi,
            diterima_pada,
            kode_wilayah,
            tahun,
            kode,
            level,
            sumber,
            nama_berkas,
            baris,
            '{{ kolom }}' as kolom,
            '{{ ukuran }}' as ukuran,
            '{{ periode }}' as periode,
            nullif({{ kolom }}_teks, '') as teks_terbit,
            coalesce({{ kolom }}_teks, '') <> '' as ada_teks,
            cast({{ kolom }} as decimal(18, 4)) as nilai_terbit
        from rencana
        {{ "union all" if not loop.last }}
    {%- endfor %}
)

select
    u.*,
    k.baris is not null as dikoreksi,
    k.kepastian,
    k.asumsi,
    k.alternatif,
    case when k.baris is not null then k.nilai_koreksi else u.nilai_terbit end as nilai,
    k.alasan as alasan_koreksi,
    k.diputuskan_oleh as koreksi_diputuskan_oleh,
    k.baris as koreksi_baris
from unpivoted as u
left join koreksi as k
    on
        u.kode_wilayah = k.kode_wilayah
        and u.tahun = k.tahun
        and u.kode = k.kode
        and u.kolom = k.kolom
        and coalesce(k.nilai_terbit_teks, '') = coalesce(u.teks_terbit, '')
