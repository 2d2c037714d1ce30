{{ config(tags=["setelah_validasi"]) }}
-- The published plan versions: per kecamatan and year, the latest plan version not quarantined.
with versi as (
    select distinct
        berkas_id,
        kode_wilayah,
        tahun,
        versi,
        diterima_pada,
        nama_berkas,
        sumber
    from {{ ref('int_rencana__node') }}
)

{{ pilih_versi_diterima('versi', ['kode_wilayah', 'tahun']) }}
