-- depends_on: {{ ref('stg_gerbang__karantina') }}  (published marts are built after the audit)
-- Every inbox entry refused before it was read (links, FIFOs, folders, unsafe or hidden names, files
-- over the size limit or the kecamatan's archive quota), from the ledger ditolak/penolakan.jsonl.
select
    d.ditolak_pada,
    d.ditolak_pada_wita,
    d.nama_berkas,
    d.kode_wilayah,
    d.jenis,
    d.jenis_teks,
    d.alasan,
    d.ukuran_byte,
    d.byte_dibaca,
    d.sha256_dibaca,
    d.lokasi,
    d.dipindahkan,
    d.run_id
from {{ ref('stg_kiriman__ditolak') }} as d
