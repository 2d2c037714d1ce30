"""Quarantine reports for kecamatan offices, in Bahasa Indonesia: one text file per refused version
in $MONEV_HOME/reports/karantina/, naming file, sheet, row, code, column, what was expected and what was found.

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


# What the report's status says about the key (kecamatan, year, kind, triwulan) of the refused version.
STATUS_ADA_DITERIMA = (
    "DIKARANTINA. Berkas ini tidak dipakai; versi yang diterima untuk kecamatan, tahun dan jenis",
    "berkas ini, {diterima}, tetap dipublikasikan.",
)
STATUS_BELUM_DITERIMA = (
    "DIKARANTINA. Berkas ini tidak dipakai. Belum ada versi yang diterima untuk kecamatan, tahun dan",
    "jenis berkas ini, jadi belum ada data yang dipublikasikan untuknya.",
)
STATUS_SUDAH_DIGANTI = (
    "DIKARANTINA. Berkas ini tidak dipakai; versi yang lebih baru untuk kecamatan, tahun dan jenis",
    "berkas ini, {diterima}, sudah diterima dan dipublikasikan. Laporan ini hanya untuk arsip.",
)
STATUS_PERBAIKI = "Perbaiki masalah di bawah dan kirim ulang sebagai versi baru."


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    query = "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?"
    return bool(con.execute(query, [schema, name]).fetchone()[0])


def accepted_versions(con: duckdb.DuckDBPyConnection, quarantined: set[str]) -> dict[str, tuple[str, bool] | None]:
    """Per refused version (berkas_id): the name of the version of the same key (jenis, kecamatan, year,
    triwulan) that is used instead, the latest one not refused, and whether it is a later version than the
    refused one; None when every version of the key is refused."""
    if not quarantined or not _table_exists(con, "raw", "berkas"):
        return dict.fromkeys(quarantined)
    rows = con.execute(
        """
        select q.berkas_id, (
            select {'nama': b.nama_berkas,
                    'baru': coalesce(try_cast(b.versi as integer) > try_cast(q.versi as integer), false)}
            from raw.berkas as b
            where b.jenis is not distinct from q.jenis and b.kode_wilayah is not distinct from q.kode_wilayah
              and b.tahun is not distinct from q.tahun and b.triwulan is not distinct from q.triwulan
              and b.kode_wilayah is not null and list_position(?, b.berkas_id) is null
            order by try_cast(b.versi as integer) desc nulls last, b.nama_berkas desc
            limit 1
        )
        from raw.berkas as q where list_position(?, q.berkas_id) is not null
        """,
        [sorted(quarantined), sorted(quarantined)],
    ).fetchall()
    found = {berkas_id: (v["nama"], v["baru"]) if v else None for berkas_id, v in rows}
    return {berkas_id: found.get(berkas_id) for berkas_id in quarantined}


def _received(con: duckdb.DuckDBPyConnection, berkas_id: str) -> tuple[str | None, str | None, str | None]:
    """The version's kind, triwulan and arrival time in WITA, as far as the build database knows them."""
    from orchestration.domain.waktu import waktu_wita

    if not _table_exists(con, "raw", "berkas"):
        return None, None, None
    row = con.execute(
        "select jenis, triwulan, cast(diterima_pada as varchar) from raw.berkas where berkas_id = ?", [berkas_id]
    ).fetchone()
    if row is None:
        return None, None, None
    jenis, triwulan, diterima = row
    try:
        waktu = waktu_wita(diterima) if diterima else None
    except ValueError:
        waktu = None
    return jenis, triwulan, waktu


def kecamatan_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Kecamatan names of the reference (raw.wilayah) by code; empty when the reference is not loaded."""
    if not _table_exists(con, "raw", "wilayah"):
        return {}
    return dict(con.execute("select kode_kecamatan, nama_kecamatan from raw.wilayah").fetchall())


def report_name(nama_berkas: str) -> str:
    """The file name of a version's quarantine report under reports/karantina/ (one place for it)."""
    return f"{nama_berkas}.txt"


def report_text(
    name: str,
    kode_wilayah: str | None,
    nama_kecamatan: str | None,
    tahun,
    jenis: str | None,
    triwulan,
    diterima_pada: str | None,
    diterima: tuple[str, bool] | None,
    problems: list[Finding],
) -> str:
    """One quarantine report: the version, what is published for its key instead, and every problem."""
    kecamatan = " ".join(x for x in (kode_wilayah or "-", nama_kecamatan) if x)
    jenis_teks = " ".join(str(x) for x in (jenis, f"triwulan {triwulan}" if triwulan else None) if x)
    if diterima is None:
        status = [*STATUS_BELUM_DITERIMA, STATUS_PERBAIKI]
    else:
        nama_diterima, lebih_baru = diterima
        template = STATUS_SUDAH_DIGANTI if lebih_baru else STATUS_ADA_DITERIMA
        status = [template[0], template[1].format(diterima=nama_diterima)]
        if not lebih_baru:
            status.append(STATUS_PERBAIKI)
    lines = [
        "LAPORAN PEMERIKSAAN BERKAS (MONEV KINERJA)",
        f"Berkas    : {name}",
        f"Kecamatan : {kecamatan}   Tahun: {tahun or '-'}",
    ]
    if jenis_teks:
        lines.append(f"Jenis     : {jenis_teks}")
    if diterima_pada:
        lines.append(f"Diterima  : {diterima_pada}")
    lines.append(f"Status    : {status[0]}")
    lines += [f"            {text}" for text in status[1:]]
    lines.append("")
    lines.append("Masalah:")
    lines.extend(f"{number:3}. {line(f)}" for number, f in enumerate(problems, start=1))
    return "\n".join(lines) + "\n"


def write_quarantine_reports(con: duckdb.DuckDBPyConnection, folder: Path, findings: list[Finding]) -> list[Path]:
    quarantined: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.tingkat == "error" and finding.dampak == "karantina" and finding.berkas_id:
            quarantined.setdefault(finding.berkas_id, []).append(finding)
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    accepted = accepted_versions(con, set(quarantined))
    names = kecamatan_names(con)
    for berkas_id, items in sorted(quarantined.items()):
        name = items[0].nama_berkas or berkas_id
        jenis, triwulan, diterima_pada = _received(con, berkas_id)
        problems = read_problems(con, berkas_id) + [f for f in items if f.aturan not in CONSEQUENCES]
        kode_wilayah = items[0].kode_wilayah
        text = report_text(
            name,
            kode_wilayah,
            names.get(kode_wilayah),
            items[0].tahun,
            jenis,
            triwulan,
            diterima_pada,
            accepted.get(berkas_id),
            problems,
        )
        target = folder / report_name(name)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
