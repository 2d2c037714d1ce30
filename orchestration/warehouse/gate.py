"""The quality gate's verdict, written into the build database for the models built after it.

``raw.karantina``: one row per refused file version and rule (the accepted-version models leave these
versions out); ``raw.temuan``: every finding of the audit, for the data-quality mart.
"""

from __future__ import annotations

import duckdb

from orchestration.warehouse.audit import AuditResult
from orchestration.warehouse.text_tables import write_records

KARANTINA_COLUMNS = ["berkas_id", "nama_berkas", "aturan", "alasan", "alasan_en"]
TEMUAN_COLUMNS = [
    "berkas_id",
    "nama_berkas",
    "aturan",
    "cek",
    "tingkat",
    "dampak",
    "kode_wilayah",
    "tahun",
    "triwulan",
    "kode",
    "kolom",
    "baris",
    "diharapkan",
    "ditemukan",
    "pesan",
    "pesan_en",
]


def write_verdict(con: duckdb.DuckDBPyConnection, audit: AuditResult | None) -> None:
    """raw.karantina and raw.temuan from the audit (empty tables when there is no audit, as in `monev check`)."""
    audit = audit or AuditResult()
    con.execute("create schema if not exists raw")
    write_records(con, "raw.karantina", KARANTINA_COLUMNS, audit.quarantine_records())
    write_records(con, "raw.temuan", TEMUAN_COLUMNS, [f.as_record() for f in audit.findings])
