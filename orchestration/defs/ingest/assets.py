"""Ingest: reference data, the corrections log and every submission file into raw.* of the build database.

Asset keys are [source, table], the keys dagster-dbt gives the dbt sources that read these tables.
"""

import dagster as dg
import duckdb

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.settings import SEEDS_DIR
from orchestration.warehouse.ingest import discover_submissions, ingest_reference, ingest_submissions

REFERENSI = ["nomenklatur", "wilayah", "koreksi"]
KIRIMAN = ["berkas", "rencana", "kinerja", "masalah_berkas"]


def _connect(monev: MonevHome) -> duckdb.DuckDBPyConnection:
    build_db = monev.paths().build_db
    build_db.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(build_db))


@dg.multi_asset(
    specs=[dg.AssetSpec(["referensi", t], group_name="ingest", kinds={"duckdb"}) for t in REFERENSI],
    pool="duckdb_writer",
)
def raw_referensi(context: dg.AssetExecutionContext, monev: MonevHome):
    """Nomenclature, region codes and the corrections log (seeds/) into raw.*."""
    with _connect(monev) as con:
        counts = ingest_reference(con, SEEDS_DIR)
    progress(context, "reference data: " + ", ".join(f"{k} {v} rows" for k, v in counts.items()))
    for table in REFERENSI:
        yield dg.MaterializeResult(asset_key=["referensi", table], metadata={"rows": counts[table]})


@dg.multi_asset(
    specs=[dg.AssetSpec(["kiriman", t], group_name="ingest", kinds={"duckdb"}) for t in KIRIMAN],
    pool="duckdb_writer",
)
def raw_kiriman(context: dg.AssetExecutionContext, monev: MonevHome):
    """Every plan and companion file (seeds/dokumen, seeds/sampel, the inbox) into raw.*, cells as received."""
    submissions = discover_submissions(SEEDS_DIR, monev.paths().inbox)
    with _connect(monev) as con:
        parsed = ingest_submissions(con, submissions)
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in KIRIMAN}
    errors = sum(len(p.errors) for p in parsed)
    progress(context, f"submissions: {len(parsed)} files, {sum(len(p.rows) for p in parsed)} rows, "
                      f"{errors} cell errors")
    files = dg.MetadataValue.md("\n".join(
        f"- {p.path.name} ({p.sha256[:12]}): {len(p.rows)} rows, {len(p.errors)} errors" for p in parsed) or "none")
    for table in KIRIMAN:
        metadata = {"rows": counts[table]}
        if table == "berkas":
            metadata["files"] = files
        yield dg.MaterializeResult(asset_key=["kiriman", table], metadata=metadata)
