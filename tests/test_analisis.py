"""Analysts' pandas gets money exact: orchestration.analisis.baca returns DECIMAL columns as Decimal."""

from decimal import Decimal

import duckdb
import pandas as pd
import pytest

from orchestration.analisis import baca


def test_baca_keeps_decimals_exact_and_nulls_missing(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("create table t (kode varchar, pagu decimal(18,2), baris integer, sampel boolean)")
    # 0.10 + 0.20 is 0.30 exactly; in float64 it is 0.30000000000000004
    con.execute("insert into t values ('a', 0.10, 1, true), ('b', 0.20, null, null), ('c', null, 3, false)")
    con.close()
    df = baca("select * from t order by kode", warehouse=warehouse)
    assert df["pagu"].sum() == Decimal("0.30")
    assert df["pagu"].tolist()[:2] == [Decimal("0.10"), Decimal("0.20")]
    assert pd.isna(df["pagu"].iloc[2])
    assert str(df["baris"].dtype) == "Int64" and pd.isna(df["baris"].iloc[1])
    assert str(df["sampel"].dtype) == "boolean"
    assert df["kode"].tolist() == ["a", "b", "c"]


@pytest.mark.e2e
def test_pandas_sum_of_kalaena_program_pagu_equals_sql_to_the_rupiah(kalaena_published):
    home, _, _ = kalaena_published
    warehouse = home / "warehouse" / "monev.duckdb"
    query = "select kode, pagu from fct_rencana_tahunan where kode_wilayah = ? and tahun = 2024 and level = 'program'"
    df = baca(query, ["73.24.10"], warehouse=warehouse)
    # the RKT's six program totals (README): 2.590.643.300 + 4.570.000 + 96.774.000 + 21.349.000
    # + 22.571.000 + 22.328.000 = 2.758.235.300
    assert df["pagu"].sum() == Decimal("2758235300.00")
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(f"select sum(pagu) from ({query})", ["73.24.10"]).fetchone()[0] == df["pagu"].sum()
    # every quarterly pagu of the warehouse, summed in pandas per kecamatan, equals DuckDB's exact sums
    per_kecamatan = baca("select kode_wilayah, pagu from fct_rencana_triwulan", warehouse=warehouse)
    in_pandas = per_kecamatan.groupby("kode_wilayah")["pagu"].sum(min_count=1).to_dict()
    in_sql = dict(con.execute("select kode_wilayah, sum(pagu) from fct_rencana_triwulan group by 1").fetchall())
    assert in_pandas == in_sql
