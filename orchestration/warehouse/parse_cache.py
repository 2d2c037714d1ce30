"""Read each received file once: the parse cache behind the refresh's raw tables.

Parsing a file is a pure function of its bytes, its name and the reader's code. The refresh keeps
what the reader produced for every file in ``$MONEV_HOME/cache/kiriman.duckdb``, keyed by berkas_id
(content hash and name), and parses only files it has not seen: after one kecamatan sends a file, one
file is read, not fifty thousand. New files are parsed by worker processes, each into its own part
database, which the cache then takes in one transaction, so a refresh killed at any moment leaves the
cache as it was before, or complete.

The cache is thrown away whole when the reader's code changes (``READER_VERSION``: the reader, its
rules and messages, and the raw tables' layout), and entries of
files that are no longer received are dropped, so it never serves a row the current code would not
produce. How a file arrived (sumber, diterima_pada, lokasi) is not cached: the build takes it from
the current list of submissions.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.domain import codes, numbers, submission, template_header
from orchestration.domain.submission import file_id, read_submission, sha256_of
from orchestration.rules import model, pembaca
from orchestration.settings import year_window
from orchestration.warehouse import ingest
from orchestration.warehouse.ingest import Submission, write_parsed

TABLES = ("berkas", "rencana", "kinerja", "realisasi", "survei", "masalah_berkas")
ARRIVAL_COLUMNS = ("sumber", "diterima_pada", "lokasi")  # how a file arrived: not a property of its bytes
# Files per worker task: big enough to amortise a part database, small enough to balance. One chunk or less
# is parsed in this process: starting workers costs ~0,5 s, parsing 77 files 0,26 s (0,75 s with workers).
CHUNK = 400


def reader_version() -> str:
    """Changes whenever the code that turns a file into raw rows changes: the reader, the registry of
    its rules (raw.masalah_berkas keeps their rendered messages) and the layout of the raw tables."""
    digest = hashlib.sha256()
    for module in (submission, template_header, numbers, codes, pembaca, model, ingest):
        digest.update(Path(module.__file__).read_bytes())
    # the years the reader accepts (rule rentang_tahun) move with the calendar and MONEV_TAHUN_MIN/MAX
    digest.update(repr(year_window()).encode())
    return digest.hexdigest()[:16]


READER_VERSION = reader_version()


def with_ids(submissions: list[Submission]) -> list[tuple[str, Submission]]:
    """(berkas_id, submission): archived files carry their hash; seed files are hashed here."""
    return [(file_id(s.path.name, s.sha256 or sha256_of(s.path)), s) for s in submissions]


def _parse_chunk(paths: list[str], part: str) -> str:
    """Worker: parse files into a part database with the raw tables' layout."""
    parsed = [(Submission(Path(p), ""), read_submission(Path(p))) for p in paths]
    # One DuckDB thread: the workers are the parallelism, more threads per part only add CPU. No sampling of
    # the frames' object columns for their type: write_parsed gives DuckDB text (str or None) only.
    with duckdb.connect(part, config={"threads": 1, "pandas_analyze_sample": 0}) as con:
        write_parsed(con, "main", parsed)
    return part


@contextmanager
def _locked(cache: Path):
    """One writer at a time (a refresh from the CLI and one from the Dagster daemon may overlap)."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.with_suffix(".lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _attach(con: duckdb.DuckDBPyConnection, cache: Path) -> None:
    """Attach the cache; one that cannot be opened (damaged) is set aside and rebuilt: it is only a cache."""
    try:
        con.execute(f"attach '{cache}' as cache")
    except duckdb.Error:
        for path in (cache, cache.with_name(cache.name + ".wal")):
            if path.exists():
                path.replace(path.with_name(path.name + ".rusak"))
        con.execute(f"attach '{cache}' as cache")


def _prepare(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create table if not exists cache.versi (reader varchar)")
    stored = con.execute("select reader from cache.versi").fetchone()
    if stored is None or stored[0] != READER_VERSION:
        for table in TABLES:
            con.execute(f"drop table if exists cache.{table}")
        con.execute("delete from cache.versi")
        con.execute("insert into cache.versi values (?)", [READER_VERSION])
    present = {
        r[0] for r in con.execute("select table_name from duckdb_tables() where database_name = 'cache'").fetchall()
    }
    missing = [t for t in TABLES if t not in present]
    if missing:  # a new or emptied cache: an empty part gives every table its columns
        with tempfile.TemporaryDirectory() as tmp:
            part = _parse_chunk([], str(Path(tmp) / "empty.duckdb"))
            con.execute(f"attach '{part}' as leeg (read_only)")
            for table in missing:
                con.execute(f"create table cache.{table} as from leeg.{table} limit 0")
            con.execute("detach leeg")


def _parse_missing(con: duckdb.DuckDBPyConnection, missing: list[Path], scratch: Path, workers: int) -> None:
    chunks = [[str(p) for p in missing[i : i + CHUNK]] for i in range(0, len(missing), CHUNK)]
    parts = [str(scratch / f"part-{i:05d}.duckdb") for i in range(len(chunks))]
    if len(chunks) < 2 or workers <= 1:
        done = [_parse_chunk(c, p) for c, p in zip(chunks, parts, strict=True)]
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
            done = list(pool.map(_parse_chunk, chunks, parts))
    con.execute("begin transaction")
    try:
        for part in done:
            con.execute(f"attach '{part}' as part (read_only)")
            for table in TABLES:
                con.execute(f"insert into cache.{table} by name select * from part.{table}")
            con.execute("detach part")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def ingest_cached(
    con: duckdb.DuckDBPyConnection, submissions: list[Submission], cache: Path, workers: int | None = None
) -> dict[str, int]:
    """Write the build's raw tables from the cache, parsing first the files it does not hold yet.
    Returns counts: files, parsed (new this time), rows, errors."""
    workers = workers or os.cpu_count() or 1
    ids = with_ids(submissions)
    arrivals = pd.DataFrame(
        [(bid, s.sumber, s.diterima_pada, str(s.path)) for bid, s in ids],
        columns=["berkas_id", *ARRIVAL_COLUMNS],
        dtype=object,
    )
    con.execute("create schema if not exists raw")
    with _locked(cache):
        _attach(con, cache)
        try:
            _prepare(con)
            con.register("kiriman_sekarang", arrivals)
            known = {r[0] for r in con.execute("select berkas_id from cache.berkas").fetchall()}
            missing = list({bid: s.path for bid, s in ids if bid not in known}.values())
            scratch = Path(tempfile.mkdtemp(prefix="parse-", dir=cache.parent))
            try:
                _parse_missing(con, missing, scratch, workers)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
            for table in TABLES:
                con.execute(
                    f"delete from cache.{table} where berkas_id not in (select berkas_id from kiriman_sekarang)"
                )
                replace = ", ".join(
                    f"k.{c} as {c}"
                    for c in ARRIVAL_COLUMNS
                    if c in {d[0] for d in con.execute(f"select * from cache.{table} limit 0").description}
                )
                select = f"c.* replace ({replace})" if replace else "c.*"
                # one row set per submission, in the order received (as a file-by-file read gives)
                con.execute(
                    f"create or replace table raw.{table} as select {select} from cache.{table} c "
                    f"join (select *, row_number() over () as urutan from kiriman_sekarang) k using (berkas_id) "
                    f"order by k.urutan, c.rowid"
                )
            counts = con.execute(
                "select count(*), coalesce(sum(jumlah_baris::int), 0), "
                "coalesce(sum(jumlah_error::int), 0) from raw.berkas"
            ).fetchone()
        finally:
            con.execute("detach cache")
        con.unregister("kiriman_sekarang")
    return {"files": counts[0], "parsed": len(missing), "rows": counts[1], "errors": counts[2]}
