"""Quarantine reports for kecamatan offices, in Bahasa Indonesia: one text file per refused version
in $MONEV_HOME/laporan/, naming file, sheet, row, column, what was expected and what was found."""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.warehouse.audit import Finding
from orchestration.warehouse.bahasa import indonesia

# What each rule means, for the people who fix the file.
ATURAN = {
    "berkas_terbaca": "berkas harus terbaca tanpa kesalahan",
    "kecamatan_dikenal": "kode kecamatan pada nama berkas harus kode Kemendagri yang ada",
    "pagu_anak_sama_induk": "pagu program/kegiatan harus sama dengan jumlah pagu di bawahnya",
    "pagu_triwulan_sama_tahunan": "jumlah pagu empat triwulan harus sama dengan pagu setahun",
    "pagu_akhir_tahun_sama_pagu": "pagu akhir tahun harus sama dengan pagu setahun",
    "target_akhir_tahun_sama_target": "target akhir tahun harus sama dengan target setahun",
    "target_triwulan_sesuai_agregasi": "target triwulan harus sesuai dengan target setahun (jumlah/tetap/akhir)",
    "kode_dalam_nomenklatur": "kode harus ada dalam nomenklatur, pada tingkat dan induk yang benar",
    "uraian_tidak_ganda": "dua baris di bawah induk yang sama tidak boleh bernama sama",
    "angka_terbaca": "setiap angka harus ditulis dengan format yang benar",
    "uang_tidak_negatif": "nilai uang tidak boleh negatif",
    "realisasi_kode_dalam_rencana": "kode realisasi harus ada dalam rencana kecamatan ini",
    "realisasi_anak_sama_induk": "realisasi anggaran program/kegiatan harus sama dengan jumlah di bawahnya",
    "realisasi_kumulatif_dalam_pagu": "realisasi anggaran kumulatif tidak boleh melebihi pagu setahun",
    "survei_jawaban_lengkap": "setiap responden harus menjawab kesembilan unsur",
    "survei_jawaban_1_sampai_4": "jawaban survei hanya 1, 2, 3 atau 4",
}
ATURAN_BACA = {
    "file name": "nama berkas", "file size": "ukuran berkas", "file type": "jenis berkas",
    "text encoding": "pengodean teks", "content": "isi berkas", "header": "judul kolom",
    "data rows": "baris data", "row count": "jumlah baris", "number format": "format angka",
    "code format": "format kode", "required value": "isian wajib", "allowed value": "isian yang diizinkan",
    "unique code": "kode ganda", "unique respondent": "responden ganda", "cell content": "isi sel",
    "unit": "satuan", "date": "tanggal", "not negative": "tidak boleh negatif",
}


def write_quarantine_reports(con: duckdb.DuckDBPyConnection, folder: Path, findings: list[Finding]) -> list[Path]:
    quarantined: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.tingkat == "error" and finding.dampak == "karantina" and finding.berkas_id:
            quarantined.setdefault(finding.berkas_id, []).append(finding)
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for berkas_id, items in sorted(quarantined.items()):
        name = items[0].nama_berkas or berkas_id
        read_problems = con.execute(
            "select sheet, baris, kolom, aturan, diharapkan, ditemukan from raw.masalah_berkas "
            "where berkas_id = ? and tingkat = 'error' order by try_cast(baris as integer) nulls first",
            [berkas_id]).fetchall()
        lines = [
            "LAPORAN PEMERIKSAAN BERKAS (MONEV KINERJA)",
            f"Berkas    : {name}",
            f"Kecamatan : {items[0].kode_wilayah or '-'}   Tahun: {items[0].tahun or '-'}",
            "Status    : DIKARANTINA. Berkas ini tidak dipakai; versi yang diterima sebelumnya tetap",
            "            dipublikasikan. Perbaiki masalah di bawah dan kirim ulang sebagai versi baru.",
            "",
            "Masalah:",
        ]
        number = 0
        for sheet, baris, kolom, aturan, diharapkan, ditemukan in read_problems:
            number += 1
            where = ", ".join(x for x in (f"sheet {sheet}" if sheet else "", f"baris {baris}" if baris else "",
                                          f"kolom {kolom}" if kolom else "") if x) or "berkas"
            lines.append(f"{number:3}. {where}: {ATURAN_BACA.get(aturan, aturan)}; "
                         f"seharusnya {indonesia(diharapkan)}; ditemukan {indonesia(ditemukan)}")
        for f in items:
            if f.aturan == "berkas_terbaca":
                continue  # its problems are listed cell by cell above
            number += 1
            where = ", ".join(x for x in (f"kode {f.kode}" if f.kode else "", f"kolom {f.kolom}" if f.kolom else "",
                                          f"triwulan {f.triwulan}" if f.triwulan else "") if x)
            lines.append(f"{number:3}. {where}: {ATURAN.get(f.aturan, f.aturan)}; "
                         f"seharusnya {indonesia(f.diharapkan)}; ditemukan {indonesia(f.ditemukan)}")
        target = folder / f"{name}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(target)
    return written
