"""Ingest: reference data, the corrections log and every submission file into raw.* of the build database.

Asset keys are [source, table], the keys dagster-dbt gives the dbt sources that read these tables.
"""

from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.settings import seeds_dir
from orchestration.warehouse.archive import archive_inbox, write_intake_note, write_refused_table
from orchestration.warehouse.fingerprint import inbox_listing, input_fingerprint, listing_without
from orchestration.warehouse.folders import remove_all_but_newest
from orchestration.warehouse.ingest import discover_submissions, ingest_reference
from orchestration.warehouse.parse_cache import ingest_cached

REFERENSI = ["nomenklatur", "wilayah", "koreksi"]
KIRIMAN = ["berkas", "rencana", "kinerja", "realisasi", "survei", "masalah_berkas", "ditolak"]


KEEP_BUILDS = 5


def _connect(context: dg.AssetExecutionContext, monev: MonevHome) -> duckdb.DuckDBPyConnection:
    paths = monev.paths()
    build_db = paths.build_db(context.run.run_id)
    build_db.parent.mkdir(parents=True, exist_ok=True)
    prune_builds(paths.builds, keep=build_db.parent)
    return duckdb.connect(str(build_db))


def prune_builds(builds: Path, keep: Path) -> None:
    """Keep the newest KEEP_BUILDS private build folders (and the current one); they are for diagnosis only."""
    remove_all_but_newest((p for p in builds.iterdir() if p.is_dir() and p != keep), KEEP_BUILDS - 1)


@dg.multi_asset(
    specs=[dg.AssetSpec(["referensi", t], group_name="ingest", kinds={"duckdb"}) for t in REFERENSI],
)
def raw_referensi(context: dg.AssetExecutionContext, monev: MonevHome):
    """Nomenclature, region codes and the corrections log (seeds/) into raw.*."""
    with _connect(context, monev) as con:
        counts = ingest_reference(con, seeds_dir())
    progress(context, "reference data: " + ", ".join(f"{k} {v} rows" for k, v in counts.items()))
    for table in REFERENSI:
        yield dg.MaterializeResult(asset_key=["referensi", table], metadata={"rows": counts[table]})


@dg.multi_asset(
    specs=[dg.AssetSpec(["kiriman", t], group_name="ingest", kinds={"duckdb"}) for t in KIRIMAN],
)
def raw_kiriman(context: dg.AssetExecutionContext, monev: MonevHome):
    """Every plan and companion file (seeds/dokumen, seeds/sampel, the inbox) into raw.*, cells as received."""
    paths = monev.paths()
    inbox = inbox_listing(paths)  # before archiving: a file that arrives later is new to the next run
    intake = archive_inbox(paths.inbox, paths.archive, paths.rejected, run_id=context.run.run_id)
    received = intake.received
    for line in [*map(str, intake.refused), *intake.notices]:  # refused entries: ditolak/penolakan.jsonl
        context.log.warning(f"inbox: {line}")
    submissions = discover_submissions(seeds_dir(), paths.archive)
    # what this run is built from; publish records it, so that a refresh with nothing new can stop early
    fingerprint = input_fingerprint(paths, seeds_dir(), listing_without(inbox, intake.removed))
    with _connect(context, monev) as con:
        read = ingest_cached(con, submissions, paths.parse_cache)
        write_refused_table(con, paths.rejected)
        counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in KIRIMAN}
        with_errors = con.execute(
            "select nama_berkas, jumlah_error from raw.berkas where jumlah_error::int > 0 order by nama_berkas"
        ).fetchall()
    paths.fingerprint_file(context.run.run_id).write_text(fingerprint)
    write_intake_note(paths.build_dir(context.run.run_id), intake)
    progress(
        context,
        f"archive: {len(received)} files received in all; submissions: {read['files']} files "
        f"({read['parsed']} read for the first time), {read['rows']} rows, {read['errors']} cell errors",
    )
    files = dg.MetadataValue.md("\n".join(f"- {name}: {n} errors" for name, n in with_errors) or "none")
    for table in KIRIMAN:
        metadata = {"rows": counts[table]}
        if table == "berkas":
            metadata.update(files_read=read["files"], files_parsed_this_run=read["parsed"], files_with_errors=files)
        yield dg.MaterializeResult(asset_key=["kiriman", table], metadata=metadata)
