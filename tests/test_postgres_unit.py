"""The PostgreSQL serving target's pure parts (issue 14): type mapping, masked passwords, one-line messages."""

from __future__ import annotations

import pytest

from orchestration.postgres import messages
from orchestration.postgres.outcome import publish_if_configured, summary_line
from orchestration.postgres.publish import pg_type
from orchestration.postgres.settings import mask, new_schema, role_name


@pytest.mark.parametrize(
    ("duckdb_type", "expected"),
    [
        ("DECIMAL(18,2)", "numeric(18,2)"),
        ("DECIMAL(10,4)", "numeric(10,4)"),
        ("VARCHAR", "text"),
        ("BOOLEAN", "boolean"),
        ("DATE", "date"),
        ("TIMESTAMP", "timestamp"),
        ("TIMESTAMP WITH TIME ZONE", "timestamptz"),
        ("INTEGER", "integer"),
        ("BIGINT", "bigint"),
        ("HUGEINT", "numeric(39,0)"),
        ("DOUBLE", "double precision"),
    ],
)
def test_duckdb_types_map_to_exact_postgres_types(duckdb_type, expected):
    assert pg_type(duckdb_type) == expected


def test_an_unknown_type_is_refused_in_indonesian():
    with pytest.raises(messages.PostgresError, match="tipe kolom DuckDB INTEGER\\[\\] belum dapat"):
        pg_type("INTEGER[]")


def test_passwords_are_masked_in_urls_and_key_value_strings():
    assert mask("gagal: postgresql://monev_pemuat:r4h@s!a@db.bappeda:5432/monev") == (
        "gagal: postgresql://monev_pemuat:***@db.bappeda:5432/monev"
    )
    assert mask("host=db password=rahasia user=x") == "host=db password=*** user=x"
    assert mask("postgresql://monev_pemuat@db/monev") == "postgresql://monev_pemuat@db/monev"


def test_target_names_user_host_port_and_database_without_the_password():
    assert messages.target("postgresql://monev_pemuat:rahasia@db.bappeda:6543/monev") == (
        "monev_pemuat@db.bappeda:6543/monev"
    )


def test_an_unparsable_url_is_one_line_without_its_password():
    line = messages.explain(ValueError("x"), "host=db password=rahasia port", "MONEV_POSTGRES_URL")
    assert "rahasia" not in line and "\n" not in line
    assert messages.invalid_url("host=db password=rahasia port").startswith("MONEV_POSTGRES_URL tidak sah")


def test_new_schema_names_and_role_names():
    assert new_schema("5ab1edfc-1234-4cde-8f00-0123456789ab") == "monev_baru_5ab1edfc12344cde8f000123456789ab"
    assert role_name("monev_analis") == "monev_analis"
    with pytest.raises(ValueError, match="tidak sah"):
        role_name("analis; drop table x")


def test_without_a_url_nothing_is_published_and_nothing_is_printed(monkeypatch, tmp_path):
    monkeypatch.delenv("MONEV_POSTGRES_URL", raising=False)
    result = publish_if_configured(tmp_path / "monev.duckdb", "run")
    assert (result.status, result.tabel) == ("tidak_diatur", 0)
    assert summary_line({"postgres": result.as_dict()}) is None
    assert summary_line({}) is None
    assert summary_line({"postgres": {"status": "gagal", "pesan": "Publikasi ke PostgreSQL GAGAL: x."}}) == (
        "Publikasi ke PostgreSQL GAGAL: x."
    )


def test_without_a_url_the_refresh_never_imports_psycopg(tmp_path):
    """The publish step's hook and the summary line load psycopg (~0,3 s) only when PostgreSQL is configured."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from orchestration.postgres.outcome import publish_if_configured, summary_line\n"
        f"result = publish_if_configured({str(tmp_path / 'monev.duckdb')!r}, 'run')\n"
        "assert summary_line({'postgres': result.as_dict()}) is None\n"
        "print('psycopg' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MONEV_POSTGRES_URL"}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
    configured = {**env, "MONEV_POSTGRES_URL": "postgresql://monev_pemuat@127.0.0.1:1/monev"}
    code = code.replace("print('psycopg' in sys.modules)", "print(result.status, 'psycopg' in sys.modules)")
    code = code.replace("assert summary_line({'postgres': result.as_dict()}) is None\n", "")
    shown = subprocess.run([sys.executable, "-c", code], env=configured, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "gagal True"  # nothing listens on port 1: a failure told, never raised
