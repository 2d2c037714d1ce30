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
        select n.kode_wilayah, w.nama_kecamatan, n.tahun,
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
    names = dict(con.execute("select kode_wilayah, nama_kecamatan from staging.stg_referensi__wilayah").fetchall())
    rows += [(kw, names.get(kw), tahun, "-", 0, None, 0) for kw, tahun in sorted(planned - keys)]
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
            "nama_kecamatan": nama or names.get(kw) or "?",
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


# The summary table's columns: (heading, width, right-aligned); counts say what they count.
KOLOM = {
    "id": (
        ("kode_wilayah", 13),
        ("kecamatan", 16),
        ("tahun", 7),
        ("sumber", 10),
        ("node", 5),
        ("pagu program (Rp)", 22),
        ("koreksi", 9),
        ("realisasi", 17),
        ("versi dikarantina", 19),
        ("temuan blokir", 15),
        ("temuan peringatan", 19),
    ),
    "en": (
        ("kode_wilayah", 13),
        ("kecamatan", 16),
        ("year", 7),
        ("source", 10),
        ("nodes", 5),
        ("programme pagu (Rp)", 22),
        ("corrected", 10),
        ("realisasi", 17),
        ("versions quarantined", 22),
        ("blocking findings", 19),
        ("warning findings", 18),
    ),
}
STATUS = {"id": ("diterbitkan", "TIDAK diterbitkan"), "en": ("published", "NOT published")}
KETERANGAN = {
    "id": "versi dikarantina: banyaknya versi berkas yang ditolak; temuan blokir dan temuan peringatan: banyaknya "
    "pelanggaran aturan yang menahan publikasi atau hanya dilaporkan",
    "en": "versions quarantined: how many file versions were refused; blocking and warning findings: how many rule "
    "violations hold the publication back or are only reported",
}


def format_summary(summary: list[dict], bahasa: str = "id") -> str:
    """The summary table of a refresh, in Bahasa Indonesia (or English), with a line saying what the counts count."""
    columns = KOLOM[bahasa]
    left = 2  # kode_wilayah and kecamatan are left-aligned, the rest right-aligned (tahun and sumber left too)
    heading = "".join(
        f"{title:<{width}}" if i < left + 2 else f"{title:>{width}}" for i, (title, width) in enumerate(columns)
    )
    lines = [heading + "  status"]
    for r in summary:
        pagu = format_rupiah(r["pagu_program"]) if r["pagu_program"] is not None else "-"
        status = STATUS[bahasa][0 if r["dipublikasikan"] else 1]
        values = (
            r["kode_wilayah"],
            (r["nama_kecamatan"] or "?")[: columns[1][1] - 1],
            r["tahun"],
            r["sumber"],
            r["node"],
            pagu,
            r["dikoreksi"],
            r.get("realisasi", "-"),
            r.get("dikarantina", 0),
            r["error"],
            r["peringatan"],
        )
        lines.append(
            "".join(
                f"{str(v):<{w}}" if i < left + 2 else f"{str(v):>{w}}"
                for i, (v, (_, w)) in enumerate(zip(values, columns, strict=True))
            )
            + f"  {status}"
        )
    lines.append(f"({KETERANGAN[bahasa]})")
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
