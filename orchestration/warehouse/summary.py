"""The closing summary of a refresh: per kecamatan and year, published or not, totals and findings."""

from __future__ import annotations

from collections import Counter

import duckdb

from orchestration.domain.numbers import format_rupiah
from orchestration.warehouse.audit import AuditResult


def build_summary(con: duckdb.DuckDBPyConnection, audit: AuditResult, published: bool) -> list[dict]:
    # Read from the intermediate models, which exist whether or not the marts were built. The plan
    # version shown is the accepted one when the marts exist, else the latest read without error.
    accepted = _has_table(con, "int_rencana__diterima", "intermediate")
    versi = (
        "select berkas_id from intermediate.int_rencana__diterima"
        if accepted
        else "select berkas_id from intermediate.int_rencana__terbaru"
    )
    rows = con.execute(f"""
        with nilai as (
            select berkas_id, kode,
                   max(nilai) filter (where kolom = 'pagu') as pagu,
                   bool_or(dikoreksi) as dikoreksi
            from intermediate.int_rencana__nilai
            group by all
        )
        select n.kode_wilayah, coalesce(w.nama_kecamatan, '?') as nama_kecamatan, n.tahun,
               string_agg(distinct n.sumber, ', ') as sumber,
               count(*) as node,
               sum(v.pagu) filter (where n.level = 'program') as pagu_program,
               count(*) filter (where v.dikoreksi or n.uraian is distinct from n.uraian_terbit) as dikoreksi
        from intermediate.int_rencana__node as n
        left join nilai as v using (berkas_id, kode)
        left join staging.stg_referensi__wilayah as w using (kode_wilayah)
        where n.berkas_id in ({versi})
        group by all
        order by n.kode_wilayah, n.tahun
    """).fetchall()
    keys = {(kw, tahun) for kw, _, tahun, *_ in rows}
    planned = {
        (kw, tahun)
        for kw, tahun in con.execute(
            "select distinct kode_wilayah, tahun from intermediate.int_rencana__node"
        ).fetchall()
    }
    rows += [(kw, "?", tahun, "-", 0, None, 0) for kw, tahun in sorted(planned - keys)]
    versions = (
        {
            (kw, tahun): (diterima, karantina)
            for kw, tahun, diterima, karantina in con.execute("""
        select kode_wilayah, tahun,
               string_agg(distinct 'TW' || triwulan, ',' order by 'TW' || triwulan)
                   filter (where jenis = 'realisasi' and status = 'diterima'),
               count(*) filter (where status = 'dikarantina')
        from marts.fct_versi_kiriman group by all
    """).fetchall()
        }
        if _has_table(con, "fct_versi_kiriman")
        else {}
    )
    errors = Counter((f.kode_wilayah, f.tahun) for f in audit.errors)
    warnings = Counter((f.kode_wilayah, f.tahun) for f in audit.warnings)
    return [
        {
            "kode_wilayah": kw,
            "nama_kecamatan": nama,
            "tahun": tahun,
            "sumber": sumber,
            "node": node,
            "pagu_program": str(pagu) if pagu is not None else None,
            "dikoreksi": dikoreksi,
            "error": errors[(kw, tahun)],
            "peringatan": warnings[(kw, tahun)],
            "realisasi": versions.get((kw, tahun), (None, 0))[0] or "-",
            "dikarantina": versions.get((kw, tahun), (None, 0))[1],
            "dipublikasikan": published and accepted and node > 0,
        }
        for kw, nama, tahun, sumber, node, pagu, dikoreksi in rows
    ]


def _has_table(con: duckdb.DuckDBPyConnection, name: str, schema: str = "marts") -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, name]
        ).fetchone()[0]
    )


def format_summary(summary: list[dict]) -> str:
    lines = [
        f"{'kode_wilayah':<13}{'kecamatan':<16}{'tahun':<7}{'sumber':<10}{'node':>5}"
        f"{'pagu program (Rp)':>22}{'koreksi':>9}{'realisasi':>17}{'karantina':>11}{'error':>7}"
        f"{'peringatan':>12}  status"
    ]
    for r in summary:
        pagu = format_rupiah(r["pagu_program"]) if r["pagu_program"] is not None else "-"
        status = "published" if r["dipublikasikan"] else "NOT published"
        lines.append(
            f"{r['kode_wilayah']:<13}{r['nama_kecamatan'][:15]:<16}{r['tahun']:<7}{r['sumber']:<10}"
            f"{r['node']:>5}{pagu:>22}{r['dikoreksi']:>9}{r.get('realisasi', '-'):>17}"
            f"{r.get('dikarantina', 0):>11}{r['error']:>7}{r['peringatan']:>12}  {status}"
        )
    return "\n".join(lines)


def format_refused(refused: list, notices: list[str], title: str = "Ditolak di kotak masuk") -> str:
    """Inbox entries refused before reading (orchestration/warehouse/archive.Refused) and notices about
    the archive's ledgers, in Bahasa Indonesia; empty when there is nothing to say."""
    lines = []
    if refused:
        lines.append(f"{title} (tidak dibaca; disimpan di ditolak/, catatan ditolak/penolakan.jsonl): {len(refused)}")
        lines += ["  " + r.baris_teks() for r in refused]
    if notices:
        lines.append("Catatan penerimaan:")
        lines += ["  " + n for n in notices]
    return "\n".join(lines)
