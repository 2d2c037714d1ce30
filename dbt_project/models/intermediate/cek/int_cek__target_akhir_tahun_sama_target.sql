-- Consistency rule: where the Rencana Aksi states an end-of-year target, it equals the annual target (RKT).
with nilai as (
    select * from {{ ref('int_rencana__nilai') }}
    where ukuran = 'target'
),

checks as (
    select
        akhir.berkas_id,
        akhir.nama_berkas,
        akhir.kode_wilayah,
        akhir.tahun,
        akhir.kode,
        akhir.level,
        akhir.kolom,
        'target' as ukuran,
        tahunan.nilai as diharapkan,
        akhir.nilai as ditemukan,
        'end-of-year column vs annual target' as keterangan
    from nilai as akhir
    inner join nilai as tahunan
        on tahunan.berkas_id = akhir.berkas_id
        and tahunan.kode = akhir.kode
        and tahunan.periode = 'tahun'
    where akhir.periode = 'akhir_tahun'
        and (akhir.teks_terbit is not null or akhir.dikoreksi)
)

{{ mark_accepted_exceptions('checks', 'target_akhir_tahun_sama_target') }}
