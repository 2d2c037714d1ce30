"""The closing summary of a refresh: per kecamatan and year, published or not, totals and findings."""

from __future__ import annotations

from collections import Counter

import duckdb

from orchestration.domain.numbers import format_rupiah
from orchestration.warehouse.audit import AuditResult


def build_summary(con: duckdb.DuckDBPyConnection, audit: AuditResult, published: bool) -> list[dict]:
    rows = con.execute("""
        select f.kode_wilayah, coalesce(k.nama_kecamatan, '?') as nama_kecamatan, f.tahun,
               string_agg(distinct f.sumber, ', ') as sumber,
               count(*) as node,
               sum(f.pagu) filter (where f.level = 'program') as pagu_program,
               count(*) filter (where f.dikoreksi) as dikoreksi
        from marts.fct_rencana_tahunan as f
        left join marts.dim_kecamatan as k using (kode_wilayah)
        group by all
        order by f.kode_wilayah, f.tahun
    """).fetchall()
    errors = Counter((f.kode_wilayah, f.tahun) for f in audit.errors)
    warnings = Counter((f.kode_wilayah, f.tahun) for f in audit.warnings)
    return [
        {"kode_wilayah": kw, "nama_kecamatan": nama, "tahun": tahun, "sumber": sumber, "node": node,
         "pagu_program": str(pagu) if pagu is not None else None, "dikoreksi": dikoreksi,
         "error": errors[(kw, tahun)], "peringatan": warnings[(kw, tahun)],
         "dipublikasikan": published and not errors[(kw, tahun)]}
        for kw, nama, tahun, sumber, node, pagu, dikoreksi in rows
    ]


def format_summary(summary: list[dict]) -> str:
    lines = [f"{'kode_wilayah':<13}{'kecamatan':<16}{'tahun':<7}{'sumber':<10}{'node':>5}"
             f"{'pagu program (Rp)':>22}{'koreksi':>9}{'error':>7}{'peringatan':>12}  status"]
    for r in summary:
        pagu = format_rupiah(r["pagu_program"]) if r["pagu_program"] is not None else "-"
        status = "published" if r["dipublikasikan"] else "NOT published"
        lines.append(f"{r['kode_wilayah']:<13}{r['nama_kecamatan'][:15]:<16}{r['tahun']:<7}{r['sumber']:<10}"
                     f"{r['node']:>5}{pagu:>22}{r['dikoreksi']:>9}{r['error']:>7}{r['peringatan']:>12}  {status}")
    return "\n".join(lines)
