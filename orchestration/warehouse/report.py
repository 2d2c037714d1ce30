"""Quarantine reports for kecamatan offices, in Bahasa Indonesia: one text file per refused version
in $MONEV_HOME/laporan/, naming file, sheet, row, code, column, what was expected and what was found.

Every line is a finding rendered by its own rule (``orchestration/rules/``): the reader's problems of
the version (raw.masalah_berkas), then the audit's findings on it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from orchestration.rules.model import Finding

# Rules that only restate, for the whole version, the reader's errors listed line by line above them.
CONSEQUENCES = ("berkas_terbaca",)


def read_problems(con: duckdb.DuckDBPyConnection, berkas_id: str, tingkat: str = "error") -> list[Finding]:
    """The reader's findings of one file version, as raw.masalah_berkas keeps them, in row order."""
    rows = con.execute(
        "select nama_berkas, sheet, baris, kolom, kode, aturan, cek, params from raw.masalah_berkas "
        "where berkas_id = ? and tingkat = ? order by try_cast(baris as integer) nulls first",
        [berkas_id, tingkat],
    ).fetchall()
    return [
        Finding.from_record(
            {
                "nama_berkas": nama,
                "sheet": sheet,
                "baris": int(baris) if baris else None,
                "kolom": kolom,
                "kode": kode,
                "aturan": aturan,
                "cek": cek,
                "params": json.loads(params) if params else {},
                "berkas_id": berkas_id,
            }
        )
        for nama, sheet, baris, kolom, kode, aturan, cek, params in rows
    ]


def line(finding: Finding) -> str:
    """One problem as the report lists it: where, then the rule's message in Bahasa Indonesia."""
    return f"{finding.lokasi('id') or 'berkas'}: {finding.pesan('id')}"


def write_quarantine_reports(con: duckdb.DuckDBPyConnection, folder: Path, findings: list[Finding]) -> list[Path]:
    quarantined: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.tingkat == "error" and finding.dampak == "karantina" and finding.berkas_id:
            quarantined.setdefault(finding.berkas_id, []).append(finding)
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for berkas_id, items in sorted(quarantined.items()):
        name = items[0].nama_berkas or berkas_id
        lines = [
            "LAPORAN PEMERIKSAAN BERKAS (MONEV KINERJA)",
            f"Berkas    : {name}",
            f"Kecamatan : {items[0].kode_wilayah or '-'}   Tahun: {items[0].tahun or '-'}",
            "Status    : DIKARANTINA. Berkas ini tidak dipakai; versi yang diterima sebelumnya tetap",
            "            dipublikasikan. Perbaiki masalah di bawah dan kirim ulang sebagai versi baru.",
            "",
            "Masalah:",
        ]
        problems = read_problems(con, berkas_id) + [f for f in items if f.aturan not in CONSEQUENCES]
        lines.extend(f"{number:3}. {line(f)}" for number, f in enumerate(problems, start=1))
        target = folder / f"{name}.txt"
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(target)
    return written
