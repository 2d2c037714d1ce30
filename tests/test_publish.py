"""Write-audit-publish in isolation: refuse on blocking findings, one refresh at a time."""

import duckdb
import pytest

from orchestration.rules.model import Finding
from orchestration.settings import Paths
from orchestration.warehouse.audit import AuditResult
from orchestration.warehouse.locking import RefreshLocked, refresh_lock
from orchestration.warehouse.publish import PublishRefused, publish


def build_db(path, rows):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_x (kode varchar, pagu decimal(18,2))")
        con.executemany("insert into marts.fct_x values (?, ?)", rows)
    return path


def finding(tingkat):
    """A warning (an accepted exception) or a blocking error (a broken nomenclature)."""
    if tingkat == "warning":
        return Finding(
            "pagu_anak_sama_induk",
            "pagu_anak_sama_induk.pengecualian",
            {"pagu_induk": "1000000.00", "jumlah_anak": "1100000.00", "alasan_pengecualian": "x"},
            kode_wilayah="73.24.10",
            tahun=2024,
            kode="7.01.03",
            kolom="pagu",
        )
    return Finding("nomenklatur_konsisten", "nomenklatur_konsisten", {"kode_induk": "7.01.09"}, kode="7.01.09.2.01")


def test_publish_copies_marts_and_keeps_the_previous_version(tmp_path):
    paths = Paths(tmp_path)
    publish(build_db(tmp_path / "b1.duckdb", [("a", "1.00")]), paths, AuditResult([finding("warning")]), "run1")
    publish(build_db(tmp_path / "b2.duckdb", [("a", "1.00"), ("b", "2.50")]), paths, AuditResult(), "run2")
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        assert con.execute("select sum(pagu) from marts.fct_x").fetchone()[0] == pytest.approx(3.5)
        assert con.execute("select distinct run_id from marts.publikasi").fetchall() == [("run2",)]
    with duckdb.connect(str(paths.previous_warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_x").fetchone()[0] == 1
        assert con.execute("select tingkat from marts.temuan_validasi").fetchall() == [("warning",)]
    assert sorted(p.name for p in paths.warehouse_dir.iterdir() if not p.name.startswith(".")) == [
        "monev.duckdb",
        "monev.previous.duckdb",
    ]
    assert not list(paths.warehouse_dir.glob("*.tmp.duckdb"))


def test_blocking_finding_refuses_and_leaves_the_file_byte_for_byte(tmp_path):
    paths = Paths(tmp_path)
    publish(build_db(tmp_path / "b1.duckdb", [("a", "1.00")]), paths, AuditResult(), "run1")
    before = paths.warehouse.read_bytes()
    with pytest.raises(PublishRefused):
        publish(build_db(tmp_path / "b2.duckdb", [("b", "9.00")]), paths, AuditResult([finding("error")]), "run2")
    assert paths.warehouse.read_bytes() == before
    assert not paths.previous_warehouse.exists()


def test_published_file_opens_with_duckdb_1_5_storage(tmp_path):
    paths = Paths(tmp_path)
    publish(build_db(tmp_path / "b1.duckdb", [("a", "1.00")]), paths, AuditResult(), "run1")
    with duckdb.connect() as con:
        con.execute(f"attach '{paths.warehouse}' as w (read_only)")
        version = con.execute(
            "select tags['storage_version'] from duckdb_databases() where database_name = 'w'"
        ).fetchone()[0]
    assert version.startswith("v1.5")  # readable by DuckDB 1.5 clients (DBeaver, duckdb-cli on PyPI)


def test_second_refresh_is_refused_while_one_runs(tmp_path):
    """Another process holds the lock (tests/test_refresh_lock.py covers the waiting run and re-entrancy)."""
    from tests.test_refresh_lock import held_elsewhere

    paths = Paths(tmp_path)
    with held_elsewhere(paths) as holder:
        with pytest.raises(RefreshLocked) as error, refresh_lock(paths):
            pass
        assert "already running" in str(error.value) and f"pid {holder.pid}" in str(error.value)
    with refresh_lock(paths):  # released afterwards
        pass
