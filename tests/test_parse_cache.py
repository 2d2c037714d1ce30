"""The parse cache: each received file is read once, and the raw tables are the same as a fresh read."""

from pathlib import Path

import duckdb
import pytest
from conftest import GOOD_PLAN, plan_with, write_plan

from orchestration.warehouse import parse_cache
from orchestration.warehouse.ingest import Submission, ingest_submissions
from orchestration.warehouse.parse_cache import TABLES, ingest_cached

# dibaca_pada is the time a file was read: the one column allowed to differ between reads
COMPARED = {t: "* exclude (dibaca_pada)" if t == "berkas" else "*" for t in TABLES}


@pytest.fixture
def files(tmp_path) -> list[Path]:
    folder = tmp_path / "kiriman"
    return [
        write_plan(folder / "rencana_73.24.01_2024.csv", GOOD_PLAN),
        write_plan(folder / "rencana_73.24.02_2024.csv", plan_with({"7.01.03": {"pagu": "1.000.00"}})),  # a bad cell
        write_plan(folder / "rencana_73.24.03_2024.csv", GOOD_PLAN[:2]),
    ]


def submissions(paths: list[Path]) -> list[Submission]:
    return [Submission(p, "kiriman", "2026-11-28T01:00:00+00:00") for p in paths]


def build(tmp_path: Path, name: str, subs: list[Submission], cache: Path | None, **kwargs):
    con = duckdb.connect(str(tmp_path / f"{name}.duckdb"))
    counts = ingest_cached(con, subs, cache, **kwargs) if cache else ingest_submissions(con, subs)
    return con, counts


def assert_same_raw(a: duckdb.DuckDBPyConnection, b: duckdb.DuckDBPyConnection) -> None:
    for table, columns in COMPARED.items():
        left = a.execute(f"select {columns} from raw.{table}").fetchall()
        right = b.execute(f"select {columns} from raw.{table}").fetchall()
        assert sorted(left, key=repr) == sorted(right, key=repr), table


def test_cached_raw_tables_equal_a_fresh_read_and_the_second_refresh_reads_nothing(tmp_path, files):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    fresh, _ = build(tmp_path, "fresh", submissions(files), None)
    first, counts = build(tmp_path, "first", submissions(files), cache)
    assert counts == {"files": 3, "parsed": 3, "rows": 4 + 4 + 2, "errors": 1}
    second, counts = build(tmp_path, "second", submissions(files), cache)
    assert counts["parsed"] == 0
    assert_same_raw(fresh, first)
    assert_same_raw(first, second)
    # the bad cell is kept with its file, row, code and column, its check and its message in both languages
    assert second.execute(
        "select nama_berkas, baris, kode, kolom, aturan, cek, tingkat, dampak, params, "
        "diharapkan, ditemukan, pesan, pesan_en from raw.masalah_berkas"
    ).fetchall() == [
        (
            "rencana_73.24.02_2024.csv",
            "2",
            "7.01.03",
            "pagu",
            "format_rupiah",
            "format_rupiah.kelompok_ribuan",
            "error",
            "karantina",
            '{"isian": "1.000.00", "kelompok": "00"}',
            "rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '00')",
            "'1.000.00'",
            "format rupiah: seharusnya rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', "
            "bukan '00'); ditemukan '1.000.00'",
            "rupiah format: expected rupiah such as 1.378.000 or 1.378.000,00 (groups of three digits after each "
            "'.', not '00'), found '1.000.00'",
        )
    ]


def test_a_new_file_is_the_only_one_read_and_a_gone_file_leaves_no_rows(tmp_path, files):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    build(tmp_path, "first", submissions(files[:2]), cache)
    con, counts = build(tmp_path, "second", submissions(files[1:]), cache)
    assert (counts["files"], counts["parsed"]) == (2, 1)
    names = {r[0] for r in con.execute("select distinct nama_berkas from raw.rencana").fetchall()}
    assert names == {"rencana_73.24.02_2024.csv", "rencana_73.24.03_2024.csv"}
    con.execute(f"attach '{cache}' as c (read_only)")
    assert con.execute("select count(*) from c.berkas").fetchone()[0] == 2  # 73.24.01 left the cache


def test_arrival_comes_from_the_submission_not_from_the_cache(tmp_path, files):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    build(tmp_path, "first", submissions(files), cache)
    later = [Submission(p, "sampel", None) for p in files]
    con, _ = build(tmp_path, "second", later, cache)
    assert con.execute("select distinct sumber, diterima_pada from raw.rencana").fetchall() == [("sampel", None)]


def test_the_reader_version_follows_the_reader_and_its_messages(tmp_path, monkeypatch):
    from orchestration.rules import pembaca

    assert parse_cache.reader_version() == parse_cache.READER_VERSION
    reworded = tmp_path / "pembaca.py"
    reworded.write_text(Path(pembaca.__file__).read_text().replace("sel kosong", "sel tanpa isi"))
    monkeypatch.setattr(pembaca, "__file__", str(reworded))
    assert parse_cache.reader_version() != parse_cache.READER_VERSION  # a reworded message drops the cache


def test_a_cache_of_an_older_reader_is_dropped_with_its_layout(tmp_path, files):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    cache.parent.mkdir()
    with duckdb.connect(str(cache)) as con:  # a cache as the reader with English texts left it
        con.execute("create table versi (reader varchar)")
        con.execute("insert into versi values ('an-older-reader')")
        con.execute(
            "create table masalah_berkas (berkas_id varchar, aturan varchar, diharapkan varchar, ditemukan varchar)"
        )
        con.execute("insert into masalah_berkas values ('x', 'number format', 'rupiah such as', '1.000.00')")
    con, counts = build(tmp_path, "after", submissions(files), cache)
    assert counts["parsed"] == 3
    assert con.execute("select aturan, cek from raw.masalah_berkas").fetchall() == [
        ("format_rupiah", "format_rupiah.kelompok_ribuan")
    ]


def test_a_new_reader_reads_everything_again(tmp_path, files, monkeypatch):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    build(tmp_path, "first", submissions(files), cache)
    monkeypatch.setattr(parse_cache, "READER_VERSION", "another-reader")
    _, counts = build(tmp_path, "second", submissions(files), cache)
    assert counts["parsed"] == 3


def test_worker_processes_give_the_same_tables(tmp_path, files, monkeypatch):
    monkeypatch.setattr(parse_cache, "CHUNK", 1)  # three parts from two workers
    serial, _ = build(tmp_path, "serial", submissions(files), tmp_path / "a" / "kiriman.duckdb", workers=1)
    parallel, counts = build(tmp_path, "parallel", submissions(files), tmp_path / "b" / "kiriman.duckdb", workers=2)
    assert counts["parsed"] == 3
    assert_same_raw(serial, parallel)


def test_one_chunk_of_new_files_is_parsed_without_starting_workers(tmp_path, files, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("worker processes started for one chunk")

    monkeypatch.setattr(parse_cache, "ProcessPoolExecutor", no_pool)
    assert len(files) <= parse_cache.CHUNK
    _, counts = build(tmp_path, "one", submissions(files), tmp_path / "kiriman.duckdb", workers=2)
    assert counts["parsed"] == 3
    monkeypatch.setattr(parse_cache, "CHUNK", 1)  # three chunks: the workers are asked for
    with pytest.raises(AssertionError, match="worker processes started"):
        build(tmp_path, "three", submissions(files), tmp_path / "other.duckdb", workers=2)


def test_a_failed_read_leaves_the_cache_as_it_was(tmp_path, files, monkeypatch):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    build(tmp_path, "first", submissions(files[:1]), cache)
    real = parse_cache._parse_chunk
    calls = []

    def failing(paths, part):
        calls.append(part)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(paths, part)

    monkeypatch.setattr(parse_cache, "_parse_chunk", failing)
    monkeypatch.setattr(parse_cache, "CHUNK", 1)
    with pytest.raises(OSError, match="disk full"):
        build(tmp_path, "second", submissions(files), cache, workers=1)
    with duckdb.connect(str(cache), read_only=True) as con:
        assert con.execute("select nama_berkas from berkas").fetchall() == [("rencana_73.24.01_2024.csv",)]
    assert not list(cache.parent.glob("parse-*"))  # no scratch left behind


def test_a_damaged_cache_is_set_aside_and_rebuilt(tmp_path, files):
    cache = tmp_path / "cache" / "kiriman.duckdb"
    cache.parent.mkdir()
    cache.write_bytes(b"not a database" * 100)
    con, counts = build(tmp_path, "after", submissions(files), cache)
    assert counts["parsed"] == 3
    assert con.execute("select count(*) from raw.rencana").fetchone()[0] == 10
    assert (cache.parent / "kiriman.duckdb.rusak").read_bytes().startswith(b"not a database")
