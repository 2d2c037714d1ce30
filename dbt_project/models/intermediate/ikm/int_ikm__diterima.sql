{{ config(tags=["setelah_validasi"], materialized="view") }}
-- The accepted IKM survey answers: per kecamatan and year, the latest version not quarantined.
{{ pilih_versi_diterima(ref('int_ikm__jawaban'), ['kode_wilayah', 'tahun']) }}
