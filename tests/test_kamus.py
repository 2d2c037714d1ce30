"""The data dictionary: every published table and column described in Bahasa Indonesia with its unit, the
descriptions carried into the published file, and the marts readable by name from any DuckDB client."""

import json
import threading
import urllib.request
from pathlib import Path

import duckdb
import pytest
import yaml

from orchestration.settings import DBT_PROJECT_DIR
from orchestration.warehouse.kamus import (
    PUBLISH_TABLES,
    UNIT_SENTENCE,
    UNITS,
    describe_published,
    dictionary,
    undescribed,
)

MARTS = DBT_PROJECT_DIR / "models" / "marts"


def test_every_mart_has_its_own_yaml():
    models = {p.stem for p in MARTS.glob("*.sql")}
    described = {}
    for path in MARTS.glob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            described[model["name"]] = path.stem
    assert {m: described.get(m) for m in models} == {m: m for m in models}


def test_every_column_is_described_with_its_unit_and_title():
    problems = []
    tables = dictionary()
    assert set(PUBLISH_TABLES) <= set(tables)
    for table in tables.values():
        if len(table.description) < 20:
            problems.append(f"{table.name}: no description")
        for column in table.columns.values():
            where = f"{table.name}.{column.name}"
            match = UNIT_SENTENCE.search(column.description)
            if not match:
                problems.append(f"{where}: description does not end with 'Satuan: <unit>.': {column.description!r}")
            elif match.group(1) not in UNITS:
                problems.append(f"{where}: unknown unit {match.group(1)!r}")
            elif match.group(1) != column.satuan:
                problems.append(f"{where}: meta satuan {column.satuan!r} differs from the description's")
            if len(column.description) - len("Satuan: teks.") < 8:
                problems.append(f"{where}: description too short")
            if not column.judul:
                problems.append(f"{where}: no judul (config.meta.judul)")
    assert problems == []


def test_units_agree_with_the_column_types():
    """Money is rupiah, flags are ya/tidak, percentages persen: checked against the contract's data types."""
    problems = []
    for path in MARTS.glob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            for c in model.get("columns", []):
                unit = ((c.get("config") or {}).get("meta") or {}).get("satuan")
                kind = c["data_type"].lower()
                expected = None
                if kind == "boolean":
                    expected = "ya/tidak"
                elif kind == "decimal(18,2)":
                    expected = "rupiah"
                elif c["name"].endswith("_persen"):
                    expected = "persen"
                elif kind.startswith("timestamp"):
                    expected = "waktu"
                if expected and unit != expected:
                    problems.append(f"{model['name']}.{c['name']} ({kind}): {unit}, expected {expected}")
    assert problems == []


def test_describe_published_copies_comments_and_makes_views(tmp_path):
    build, published = tmp_path / "build.duckdb", tmp_path / "pub.duckdb"
    con = duckdb.connect(str(build))
    con.execute("create schema marts")
    con.execute("create table marts.fct_x (kode varchar, pagu decimal(18,2), tanpa varchar)")
    con.execute("insert into marts.fct_x values ('7.01.01', 1234567.89, null)")
    con.execute("comment on table marts.fct_x is 'Tabel x.'")
    con.execute("comment on column marts.fct_x.kode is 'Kode. Satuan: kode.'")
    con.execute("comment on column marts.fct_x.pagu is 'Pagu. Satuan: rupiah.'")
    con.close()
    con = duckdb.connect()
    con.execute(f"attach '{build}' as build (read_only)")
    con.execute(f"attach '{published}' as pub")
    con.execute("create schema pub.marts")
    for table in ("fct_x",):
        con.execute(f"create table pub.marts.{table} as select * from build.marts.{table}")
    con.execute(
        "create table pub.marts.publikasi "
        "(run_id varchar, dipublikasikan_pada timestamptz, tabel varchar, jumlah_baris bigint)"
    )
    assert describe_published(con, source="build", target="pub") == 2
    con.execute("detach pub")
    con.close()

    reader = duckdb.connect(str(published), read_only=True)
    assert (
        reader.execute("select kode, pagu from fct_x").fetchall()
        == reader.execute("select kode, pagu from marts.fct_x").fetchall()
    )
    comments = dict(
        reader.execute(
            "select schema_name || '.' || table_name || '.' || column_name, comment from duckdb_columns() "
            "where database_name = current_database() and table_name = 'fct_x'"
        ).fetchall()
    )
    assert comments["marts.fct_x.pagu"] == comments["main.fct_x.pagu"] == "Pagu. Satuan: rupiah."
    assert (
        reader.execute("select comment from duckdb_views() where view_name = 'publikasi'").fetchone()[0]
        == (PUBLISH_TABLES["publikasi"][0])
    )
    # the build's column without a description is reported, in the table and in its view
    assert undescribed(reader) == ["main.fct_x.tanpa", "marts.fct_x.tanpa"]
    reader.close()
    # the views resolve inside their own file, whatever name a client attaches it under
    other = duckdb.connect()
    other.execute(f"attach '{published}' as gudang_lain (read_only)")
    assert other.execute("select pagu from gudang_lain.main.fct_x").fetchone()[0] == __import__("decimal").Decimal(
        "1234567.89"
    )


@pytest.mark.e2e
def test_published_warehouse_describes_every_column(kalaena_published):
    home, _, _ = kalaena_published
    con = duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True)
    missing = undescribed(con)
    assert missing == [], "published without a description:\n" + "\n".join(missing)
    published = {r[0] for r in con.execute("select tabel from marts.publikasi").fetchall()}
    assert {"fct_rencana_tahunan", "temuan_validasi", "mart_capaian_triwulan"} <= published
    columns, commented = con.execute(
        "select count(*), count(comment) from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'marts'"
    ).fetchone()
    assert columns == commented and columns > 250
    comment = con.execute(
        "select comment from duckdb_columns() where schema_name = 'marts' and table_name = 'fct_rencana_tahunan' "
        "and column_name = 'pagu'"
    ).fetchone()[0]
    assert comment.endswith("Satuan: rupiah.")


@pytest.mark.e2e
def test_readme_query_runs_as_written_in_any_duckdb_client(kalaena_published):
    home, _, _ = kalaena_published
    con = duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True)
    rows = con.execute(
        "select kode, uraian, pagu from fct_rencana_tahunan "
        "where kode_wilayah = '73.24.10' and tahun = 2024 and level = 'program' order by kode"
    ).fetchall()
    # the README's table (the RKT's program totals, Tabel 3.1 of Kalaena 2024)
    assert [(k, str(p)) for k, _, p in rows] == [
        ("7.01.01", "2590643300.00"),
        ("7.01.02", "4570000.00"),
        ("7.01.03", "96774000.00"),
        ("7.01.04", "21349000.00"),
        ("7.01.05", "22571000.00"),
        ("7.01.06", "22328000.00"),
    ]
    views = {
        r[0]
        for r in con.execute(
            "select view_name from duckdb_views() where schema_name = 'main' and not internal"
        ).fetchall()
    }
    tables = {
        r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    }
    assert views == tables


@pytest.mark.e2e
def test_dbt_docs_build_offline_and_are_served(kalaena_published, tmp_path):
    from conftest import copy_home

    from orchestration.settings import Paths
    from orchestration.warehouse.dokumen import build_dbt_docs, server

    home = copy_home(kalaena_published[0], tmp_path / "home")
    paths = Paths(home)
    target = build_dbt_docs(paths)
    assert (target / "static_index.html").stat().st_size > 1_000_000  # dbt's page with the manifest inlined
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["metadata"]["send_anonymous_usage_stats"] is False
    # lineage: the plan mart is built from the accepted plan nodes
    parents = manifest["parent_map"]["model.monev.fct_rencana_tahunan"]
    assert any(p.startswith("model.monev.int_rencana__") for p in parents)
    catalog = json.loads((target / "catalog.json").read_text())
    pagu = catalog["nodes"]["model.monev.fct_rencana_tahunan"]["columns"]["pagu"]
    assert pagu["type"] == "DECIMAL(18,2)" and pagu["comment"].endswith("Satuan: rupiah.")

    httpd = server(paths, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        landing = urllib.request.urlopen(base + "/").read().decode()
        assert 'href="dbt/index.html"' in landing and 'href="gx/index.html"' in landing
        for page in ("/dbt/index.html", "/dbt/manifest.json", "/dbt/catalog.json", "/gx/index.html"):
            assert urllib.request.urlopen(base + page).status == 200, page
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_docs_landing_page_says_what_is_missing(tmp_path):
    from orchestration.settings import Paths
    from orchestration.warehouse.dokumen import landing_page

    page = landing_page(Paths(tmp_path))
    assert "make docs" in page and "monev refresh" in page and "href=" not in page
    assert Path(tmp_path / "docs").exists() is False


def test_monev_docs_says_in_indonesian_when_the_port_is_taken(tmp_path, monkeypatch, capsys):
    import socket

    from orchestration.cli import main

    monkeypatch.setenv("MONEV_HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "docs" / "dbt").mkdir(parents=True)
    (tmp_path / "home" / "docs" / "dbt" / "index.html").write_text("<html></html>")  # built: not rebuilt
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        assert main(["docs", "--port", str(port)]) == 1
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert f"port {port} tidak dapat dipakai" in err and "pilih port lain dengan --port" in err


def test_monev_ekspor_without_a_warehouse_says_so(tmp_path, monkeypatch, capsys):
    from orchestration.cli import main

    monkeypatch.setenv("MONEV_HOME", str(tmp_path / "home"))
    assert main(["ekspor", "--kecamatan", "73.24.10"]) == 1
    assert "belum ada yang dipublikasikan" in capsys.readouterr().err
    assert not (tmp_path / "home" / "ekspor").exists()


@pytest.mark.e2e  # runs dbt (about 20 s), no refresh
def test_make_docs_works_on_a_fresh_clone(tmp_path, capsys):
    from orchestration.settings import Paths
    from orchestration.warehouse.dokumen import build_dbt_docs

    target = build_dbt_docs(Paths(tmp_path / "fresh"))
    assert "dbt docs dibuat dari proyek saja" in capsys.readouterr().out
    manifest = json.loads((target / "manifest.json").read_text())
    pagu = manifest["nodes"]["model.monev.fct_rencana_tahunan"]["columns"]["pagu"]
    assert pagu["data_type"] == "decimal(18,2)" and pagu["description"].endswith("Satuan: rupiah.")
    assert manifest["child_map"]["model.monev.fct_rencana_tahunan"]  # lineage: the marts built on it
    assert (target / "static_index.html").stat().st_size > 1_000_000


def test_the_publish_tables_are_described_column_for_column():
    from orchestration.warehouse.publish import FINDING_COLUMNS

    assert [row[0] for row in PUBLISH_TABLES["temuan_validasi"][1]] == list(FINDING_COLUMNS)
    assert [row[0] for row in PUBLISH_TABLES["publikasi"][1]] == [
        "run_id",
        "dipublikasikan_pada",
        "tabel",
        "jumlah_baris",
    ]
