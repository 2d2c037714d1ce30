"""The marts' enforced contracts: every `not_null` and accepted-values rule of a mart column is a constraint
that DuckDB checks while dbt builds the table (one statement per model), not a data test of its own (one
dbt node and one query per column)."""

import shutil

import duckdb
import pytest
import yaml

from orchestration.settings import DBT_PROJECT_DIR

MARTS = DBT_PROJECT_DIR / "models" / "marts"


def declared_constraints() -> dict[tuple[str, str], set[str]]:
    """(model, column) -> the constraint types its YAML declares."""
    found: dict[tuple[str, str], set[str]] = {}
    for path in MARTS.glob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            for column in model.get("columns", []):
                for constraint in column.get("constraints", []):
                    found.setdefault((model["name"], column["name"]), set()).add(constraint["type"])
    return found


def test_constraints_only_on_enforced_contracts_and_no_duplicate_data_test():
    """A constraint on a model without an enforced contract would be silently ignored; a not_null data test
    beside a not_null constraint would check the same thing twice."""
    for path in MARTS.glob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            enforced = model.get("config", {}).get("contract", {}).get("enforced", False)
            for column in model.get("columns", []):
                types = {c["type"] for c in column.get("constraints", [])}
                assert enforced or not types, f"{model['name']}.{column['name']}: constraint without a contract"
                tests = [t if isinstance(t, str) else next(iter(t)) for t in column.get("data_tests", [])]
                if "not_null" in types:
                    assert "not_null" not in tests, f"{model['name']}.{column['name']}"
                if "check" in types:
                    assert "accepted_values" not in tests, f"{model['name']}.{column['name']}"


@pytest.mark.e2e
def test_the_built_marts_carry_every_declared_constraint_and_refuse_bad_rows(kalaena_published, tmp_path):
    home, _, _ = kalaena_published
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
        [(run_id,)] = con.execute("select distinct run_id from marts.publikasi").fetchall()
    build = tmp_path / "build.duckdb"
    shutil.copy(home / "build" / run_id / "build.duckdb", build)
    con = duckdb.connect(str(build))
    built: dict[tuple[str, str], set[str]] = {}
    for table, columns, kind in con.execute(
        "select table_name, constraint_column_names, constraint_type from duckdb_constraints() "
        "where schema_name = 'marts' and constraint_type in ('NOT NULL', 'CHECK')"
    ).fetchall():
        for column in columns:
            built.setdefault((table, column), set()).add({"NOT NULL": "not_null", "CHECK": "check"}[kind])
    declared = declared_constraints()
    assert len(declared) > 60
    assert {k: v for k, v in built.items() if k in declared} == declared

    con.execute("update marts.fct_versi_kiriman set status = 'diterima'")  # an accepted value passes
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        con.execute("update marts.fct_versi_kiriman set status = 'ditolak'")
    with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
        con.execute("update marts.fct_versi_kiriman set berkas_id = null")
    with pytest.raises(duckdb.ConstraintException, match="CHECK"):
        con.execute("update marts.mart_capaian_triwulan set triwulan = 5")
    with pytest.raises(duckdb.ConstraintException, match="NOT NULL"):
        con.execute("update marts.mart_capaian_triwulan set lengkap = null")
    con.close()
