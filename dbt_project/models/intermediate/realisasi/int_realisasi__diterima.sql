{{ config(tags=["setelah_validasi"]) }}
-- The accepted realisasi: per kecamatan, year and triwulan, the latest version not quarantined.
{{ pilih_versi_diterima(ref('int_realisasi__versi'), ['kode_wilayah', 'tahun', 'triwulan']) }}
