"""The published marts served from a real PostgreSQL 15 (issue 14): one throwaway cluster per session
(tests/pg_cluster.py), Kalaena's published DuckDB warehouse (kalaena_published) published into it."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import psycopg
import pytest
from conftest import copy_home, monev, project_env
from pg_cluster import ANALYST, ANALYST_PASSWORD, LOADER, LOADER_PASSWORD, Served, serve

from orchestration.postgres import kluster
from orchestration.postgres.publish import publish, read_dictionary
from orchestration.settings import PROJECT_ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("postgres")]  # one cluster, on one worker


@pytest.fixture(scope="session")
def pg_kluster():
    assert kluster.tersedia(), "PostgreSQL 15 is not installed: .ci/system-packages installs postgresql-15"
    cluster = kluster.mulai()
    yield cluster
    cluster.remove()


@pytest.fixture(scope="session")
def pg_monev(pg_kluster, kalaena_published) -> Served:
    """Database `monev`: Kalaena's published warehouse served by PostgreSQL (read it; do not publish into it)."""
    home, _, _ = kalaena_published
    return serve(pg_kluster, "monev", home / "warehouse" / "monev.duckdb")


def _norm(value):
    """A value as both engines must agree on it: exact decimals as text (scale included), moments in UTC."""
    if isinstance(value, Decimal):
        return ("decimal", str(value))
    if isinstance(value, datetime) and value.tzinfo is not None:
        return ("timestamptz", value.astimezone(UTC).isoformat())
    if isinstance(value, float):
        raise AssertionError(f"a float in the published marts: {value!r}")
    return (type(value).__name__, value)


def _rows(rows) -> list[tuple]:
    return [tuple(_norm(v) for v in row) for row in rows]


def _sorted(rows) -> list[tuple]:
    return sorted(_rows(rows), key=repr)


def _duckdb_tables(warehouse: Path):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return read_dictionary(con)


def test_every_table_equal_row_by_row_with_exact_types_and_the_dictionary(pg_monev):
    tables = _duckdb_tables(pg_monev.warehouse)
    assert len(tables) >= 18
    with (
        duckdb.connect(str(pg_monev.warehouse), read_only=True) as source,
        psycopg.connect(pg_monev.analyst_url) as pg,
    ):
        served = {r[0] for r in pg.execute("select tablename from pg_tables where schemaname = 'marts'").fetchall()}
        assert served == {t.name for t in tables}
        for table in tables:
            expected = source.execute(f'select * from marts."{table.name}"').fetchall()
            found = pg.execute(f'select * from marts."{table.name}"').fetchall()
            assert len(found) == len(expected), table.name
            assert _sorted(found) == _sorted(expected), table.name
            comment = pg.execute("select obj_description(%s::regclass, 'pg_class')", (f"marts.{table.name}",))
            assert comment.fetchone()[0] == table.comment, table.name
            columns = pg.execute(
                "select column_name, data_type, numeric_precision, numeric_scale, "
                "col_description(%s::regclass, ordinal_position::int) from information_schema.columns "
                "where table_schema = 'marts' and table_name = %s order by ordinal_position",
                (f"marts.{table.name}", table.name),
            ).fetchall()
            assert [c[0] for c in columns] == [c.name for c in table.columns]
            for (name, pg_type, precision, scale, pg_comment), column in zip(columns, table.columns, strict=True):
                assert pg_comment == column.comment, (table.name, name)
                assert pg_type not in ("real", "double precision"), (table.name, name)
                decimal = re.match(r"DECIMAL\((\d+),(\d+)\)", column.duckdb_type)
                if decimal:
                    assert (pg_type, precision, scale) == ("numeric", int(decimal[1]), int(decimal[2]))
                if column.duckdb_type == "VARCHAR":
                    assert pg_type == "text"
        # money exact, by hand: the six program pagu of Kalaena 2024 add up to 2.758.235.300,00 (README)
        total = pg.execute(
            "select sum(pagu) from fct_rencana_tahunan where kode_wilayah = '73.24.10' and tahun = 2024 "
            "and level = 'program'"
        ).fetchone()[0]
        assert str(total) == "2758235300.00"


def _readme_queries() -> list[str]:
    section = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split("## Querying", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r'uv run monev sql "(.*?)"', section, re.S)


def test_readme_queries_give_the_same_answers_on_both_engines(pg_monev):
    queries = _readme_queries()
    assert len(queries) == 4
    with (
        duckdb.connect(str(pg_monev.warehouse), read_only=True) as source,
        psycopg.connect(pg_monev.analyst_url) as pg,
    ):
        for query in queries:
            expected = source.execute(query).fetchall()
            found = pg.execute(query).fetchall()  # unchanged: the analysts' search_path is marts
            assert expected, query
            if "order by" in query:
                assert _rows(found) == _rows(expected), query
            else:
                assert _sorted(found) == _sorted(expected), query
        first = pg.execute(queries[0]).fetchall()
    assert [(kode, str(pagu)) for kode, _, pagu in first][:2] == [
        ("7.01.01", "2590643300.00"),
        ("7.01.02", "4570000.00"),
    ]


def _denied(url: str, statement: str) -> str:
    with psycopg.connect(url, autocommit=True) as con, pytest.raises(psycopg.Error) as caught:
        con.execute(statement)
    return str(caught.value)


def test_the_analyst_reads_the_published_schema_only_and_writes_nothing(pg_kluster, kalaena_published):
    home, _, _ = kalaena_published
    served = serve(pg_kluster, "monev_hak", home / "warehouse" / "monev.duckdb")
    assert publish(served.warehouse, served.loader_url, analyst=ANALYST).status == "berhasil"  # marts_sebelumnya
    with psycopg.connect(served.admin_url, autocommit=True) as admin:
        admin.execute("create table public.rahasia (x int)")
        admin.execute("create schema staging")
        admin.execute("create table staging.stg (x int)")
        admin.execute("grant usage on schema staging to public")  # even then: no SELECT
    with psycopg.connect(served.loader_url, autocommit=True) as loader:  # a schema being loaded
        loader.execute("create schema monev_baru_uji")
        loader.execute("create table monev_baru_uji.t (x int)")
    url = served.analyst_url
    with psycopg.connect(url) as con:  # what it may do: read marts, unqualified or not
        assert con.execute("select count(*) from fct_rencana_tahunan").fetchone()[0] == 54
        assert con.execute("select count(*) from marts.publikasi").fetchone()[0] > 0
        assert con.execute("show transaction_read_only").fetchone()[0] == "on"
        assert con.execute("show idle_in_transaction_session_timeout").fetchone()[0] == "15min"
    for statement in (
        "select * from marts_sebelumnya.publikasi",
        "select * from monev_baru_uji.t",
        "select * from public.rahasia",
        "select * from staging.stg",
        "insert into marts.publikasi (run_id) values ('x')",
        "update marts.fct_rencana_tahunan set pagu = 0",
        "delete from marts.publikasi",
        "truncate marts.publikasi",
        "create table marts.baru (x int)",
        "create table public.baru (x int)",
        "create temp table sementara (x int)",
        "create schema milik_analis",
        "drop table marts.publikasi",
    ):
        assert re.search(r"permission denied|read-only transaction", _denied(url, statement)), statement
    # read-only by default, and still without rights when it turns that off
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("set default_transaction_read_only = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("insert into marts.publikasi (run_id) values ('x')")


def _warehouse_b(source: Path, target: Path, run_id: str, extra_rows: int = 0) -> Path:
    """A copy of a published warehouse as the next publish would bring it: another run id, one program's pagu
    changed, and (for the kill test) a large last table that keeps the load busy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        con.execute("update marts.publikasi set run_id = ?", [run_id])
        con.execute("update marts.fct_rencana_tahunan set pagu = pagu + 1000 where kode = '7.01.01' and tahun = 2024")
        if extra_rows:
            con.execute(
                f"create table marts.zz_muatan as select i::bigint as nomor, (i * 1.25)::decimal(18,2) as rupiah, "
                f"'baris ' || i::varchar as teks from range({extra_rows}) t(i)"
            )
    return target


def _program_pagu(con) -> str:
    return str(
        con.execute(
            "select pagu from marts.fct_rencana_tahunan where kode = '7.01.01' and tahun = 2024 and "
            "kode_wilayah = '73.24.10'"
        ).fetchone()[0]
    )


def test_a_reader_during_a_publish_sees_one_consistent_snapshot(pg_kluster, kalaena_published, tmp_path):
    home, _, _ = kalaena_published
    served = serve(pg_kluster, "monev_baca", home / "warehouse" / "monev.duckdb")
    b = _warehouse_b(served.warehouse, tmp_path / "b" / "monev.duckdb", "run-b-0000")
    reader = psycopg.connect(served.analyst_url)
    reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    run_a = reader.execute("select min(run_id) from publikasi").fetchone()[0]
    assert run_a != "run-b-0000" and _program_pagu(reader) == "2590643300.00"
    outcome = {}
    publisher = threading.Thread(target=lambda: outcome.update(r=publish(b, served.loader_url, analyst=ANALYST)))
    publisher.start()
    with psycopg.connect(served.admin_url, autocommit=True) as admin:  # the swap is waiting for the reader
        deadline = time.monotonic() + 60
        while not admin.execute(
            "select 1 from pg_locks l join pg_stat_activity a using (pid) "
            "where not l.granted and a.application_name = 'monev'"
        ).fetchone():
            assert time.monotonic() < deadline and publisher.is_alive(), outcome
            time.sleep(0.02)
    # the new marts are loaded and waiting: the reader still sees the old ones, every table of them
    assert reader.execute("select min(run_id) from publikasi").fetchone()[0] == run_a
    assert _program_pagu(reader) == "2590643300.00"
    assert reader.execute("select count(*) from fct_rencana_tahunan").fetchone()[0] == 54
    reader.commit()  # its transaction ends: the swap goes through
    publisher.join(60)
    assert outcome["r"].status == "berhasil", outcome
    assert reader.execute("select min(run_id) from publikasi").fetchone()[0] == "run-b-0000"
    assert _program_pagu(reader) == "2590644300.00"  # 2.590.643.300 + 1.000
    reader.close()


def test_kill_9_during_the_load_leaves_the_old_marts_and_the_next_refresh_repairs(
    pg_kluster, kalaena_published, tmp_path, monkeypatch, capsys
):
    home, seeds, _ = kalaena_published
    served = serve(pg_kluster, "monev_bunuh", home / "warehouse" / "monev.duckdb")
    own = copy_home(home, tmp_path / "home")
    _warehouse_b(served.warehouse, own / "warehouse" / "monev.duckdb", "run-b-1111", extra_rows=1_000_000)
    report_path = own / "reports" / "latest.json"  # as the refresh that published B would have left it
    report_path.write_text(json.dumps(dict(json.loads(report_path.read_text()), run_id="run-b-1111")))
    env = dict(project_env(own, seeds), MONEV_POSTGRES_URL=served.loader_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "postgres", "terbitkan"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    with psycopg.connect(served.admin_url, autocommit=True) as admin:
        deadline = time.monotonic() + 120
        while not admin.execute(
            "select 1 from pg_stat_activity where application_name = 'monev' and state = 'active' "
            "and query ilike 'copy %%zz_muatan%%'"
        ).fetchone():
            assert time.monotonic() < deadline and process.poll() is None, process.stdout.read()
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)  # in the middle of the load of the last table
        process.wait(30)
        copies = Path(tempfile.gettempdir()) / f"monev-pg-copy-{process.pid}"
        assert copies.is_dir()  # its CSV copies, removed by the next publish
        leftovers = admin.execute("select nspname from pg_namespace where nspname like 'monev_baru_%'").fetchall()
        assert leftovers, "the killed publish left its schema"
    with psycopg.connect(served.analyst_url) as reader:  # the old marts are served, whole
        assert reader.execute("select min(run_id) from publikasi").fetchone()[0] != "run-b-1111"
        assert _program_pagu(reader) == "2590643300.00"
        assert reader.execute("select to_regclass('zz_muatan')").fetchone()[0] is None
    # the next refresh (nothing new to build: it finds PostgreSQL behind) publishes what DuckDB serves
    monkeypatch.setenv("MONEV_POSTGRES_URL", served.loader_url)
    code, out = monev(["refresh"], own, seeds, monkeypatch)
    assert code == 0, out + capsys.readouterr().err
    lines = [line for line in out.splitlines() if "PostgreSQL" in line]
    assert len(lines) == 1 and lines[0].startswith("Diterbitkan juga ke PostgreSQL"), out
    assert LOADER_PASSWORD not in out
    warehouse = own / "warehouse" / "monev.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as source:
        run_id = source.execute("select min(run_id) from marts.publikasi").fetchone()[0]
        counts = {
            t.name: source.execute(f'select count(*) from marts."{t.name}"').fetchone()[0]
            for t in read_dictionary(source)
        }
        pagu = _program_pagu(source)
    if "Tidak ada yang baru" in out:  # (a tree whose code changed since the session's refresh rebuilds instead)
        assert run_id == "run-b-1111" and counts["zz_muatan"] == 1_000_000 and pagu == "2590644300.00"
    assert not copies.exists()
    with psycopg.connect(served.admin_url, autocommit=True) as admin:
        assert not admin.execute("select 1 from pg_namespace where nspname like 'monev_baru_%'").fetchall()
        assert admin.execute("select min(run_id) from marts.publikasi").fetchone()[0] == run_id
        for table, count in counts.items():
            assert admin.execute(f'select count(*) from marts."{table}"').fetchone()[0] == count, table
        assert _program_pagu(admin) == pagu
        if "zz_muatan" in counts:
            assert admin.execute("select sum(rupiah) from marts.zz_muatan").fetchone()[0] == Decimal(
                "624999375000.00"  # 1,25 x (0 + 1 + ... + 999.999) = 1,25 x 499.999.500.000
            )
    report = json.loads(report_path.read_text())
    assert report["postgres"]["status"] == "berhasil" and report["postgres"]["tabel"] == len(counts)
    code, out = monev(["postgres", "status"], own, seeds, monkeypatch)
    assert code == 0 and f"sama dengan gudang DuckDB (run {run_id[:8]})" in out


def test_wrong_password_url_or_stopped_server_is_one_indonesian_line(pg_monev, kalaena_published, monkeypatch, capsys):
    home, seeds, _ = kalaena_published
    free_port = pg_monev.cluster.port + 1
    while True:  # a port nobody listens on: a stopped server, as the client sees it
        try:
            psycopg.connect(f"postgresql://x@127.0.0.1:{free_port}/x", connect_timeout=2).close()
        except psycopg.OperationalError:
            break
        free_port += 1
    cases = {
        pg_monev.url(LOADER, "salah-sekali"): "menolak sandi",
        f"postgresql://{LOADER}:{LOADER_PASSWORD}@127.0.0.1:{free_port}/monev": "tidak dapat dihubungi",
        f"postgresql://{LOADER}:{LOADER_PASSWORD}@127.0.0.1:port/monev": "tidak sah",
        pg_monev.cluster.url(LOADER, LOADER_PASSWORD, dbname="tidak_ada"): "basis data",
    }
    for url, expected in cases.items():
        monkeypatch.setenv("MONEV_POSTGRES_URL", url)
        code, out = monev(["postgres", "status"], home, seeds, monkeypatch)
        err = capsys.readouterr().err
        lines = [line for line in err.splitlines() if line.strip()]
        assert code == 1 and out == "", (url, out, err)
        assert len(lines) == 1 and expected in lines[0] and lines[0].startswith("monev: "), (url, err)
        assert "salah-sekali" not in err and LOADER_PASSWORD not in err


def test_a_refresh_with_postgres_refusing_the_password_publishes_duckdb_and_says_so_once(
    pg_monev, kalaena_published, tmp_path, monkeypatch, capsys
):
    home, seeds, _ = kalaena_published
    own = copy_home(home, tmp_path / "home")
    monkeypatch.setenv("MONEV_POSTGRES_URL", pg_monev.url(LOADER, "sandi-keliru"))
    code, out = monev(["refresh"], own, seeds, monkeypatch)
    err = capsys.readouterr().err
    assert code == 0, out + err  # (nothing new: DuckDB stays published; PostgreSQL is checked and refuses)
    assert (own / "warehouse" / "monev.duckdb").exists()
    failed = [line for line in out.splitlines() if "PostgreSQL" in line]
    assert len(failed) == 1 and failed[0].startswith("Publikasi ke PostgreSQL GAGAL: PostgreSQL menolak sandi"), out
    assert failed[0].endswith("gudang DuckDB tetap terbit; marts PostgreSQL yang lama tetap dilayani.")
    assert "sandi-keliru" not in out + err
    report = json.loads((own / "reports" / "latest.json").read_text())
    assert report["published"] is True
    assert report["postgres"]["status"] == "gagal" and report["postgres"]["pesan"] == failed[0]
    with psycopg.connect(pg_monev.analyst_url) as reader:  # what PostgreSQL served is still served
        assert reader.execute("select count(*) from fct_rencana_tahunan").fetchone()[0] == 54


def test_siapkan_is_idempotent_prints_how_to_connect_and_never_the_passwords(
    pg_kluster, kalaena_published, monkeypatch, capsys
):
    home, seeds, _ = kalaena_published
    served = serve(pg_kluster, "monev_siap", None)  # the database; the roles are the cluster's
    monkeypatch.setenv("MONEV_POSTGRES_ADMIN_URL", served.admin_url)
    monkeypatch.setenv("MONEV_POSTGRES_URL", served.url(LOADER))  # its password would be in ~/.pgpass
    monkeypatch.setenv("MONEV_POSTGRES_SANDI_ANALIS", "sandi-analis-baru")
    outputs = []
    for _ in range(2):
        code, out = monev(["postgres", "siapkan"], home, seeds, monkeypatch)
        assert code == 0, out + capsys.readouterr().err
        outputs.append(out)
    for out in outputs:
        assert f"peran {LOADER}: pemuat" in out and f"peran {ANALYST}: analis" in out
        assert "sudah ada, hak diperiksa ulang" in out  # the roles exist in this cluster already
        assert f'psql "host=127.0.0.1 port={pg_kluster.port} dbname=monev_siap user={ANALYST}"' in out
        assert "DBeaver" in out and "ODBC" in out
        assert "sandi-analis-baru" not in out and pg_kluster.password not in out
    # the analyst's new password works (sent as a SCRAM verifier), and it reads nothing before a publish
    with psycopg.connect(served.url(ANALYST, "sandi-analis-baru")) as con:
        assert con.execute("show search_path").fetchone()[0] == "marts"
        assert con.execute("select to_regclass('fct_rencana_tahunan')").fetchone()[0] is None
    with psycopg.connect(served.admin_url) as admin:  # put the session's password back for the other tests
        admin.execute(f"alter role {ANALYST} password '{ANALYST_PASSWORD}'")
