"""Exact answers in pandas from the published warehouse.

DuckDB's ``.df()`` turns every DECIMAL column into float64: ``2758235300.00`` becomes ``2.7582353e+09``
and sums of many rupiah amounts drift by fractions of a rupiah. :func:`baca` returns money (and every other
DECIMAL: percentages, targets, indices) as :class:`decimal.Decimal` values, so that sums and comparisons in
pandas are exact to the rupiah::

    from orchestration.analisis import baca

    df = baca("select kode, pagu from fct_rencana_tahunan where kode_wilayah = ? and tahun = 2024 "
              "and level = 'program'", ["73.24.10"])
    df["pagu"].sum()            # Decimal('2758235300.00')

Integers and booleans keep NULL as ``pd.NA`` (nullable Int64 and boolean), never a float NaN. Note that a
pandas sum over only missing values is 0: use ``.sum(min_count=1)`` where missing must stay missing.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

_INTEGERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


def baca(sql: str, params: list | None = None, warehouse: Path | str | None = None) -> pd.DataFrame:
    """The result of ``sql`` on the published warehouse (read-only; tables by their name, as in ``monev sql``)
    as a DataFrame whose DECIMAL columns hold exact ``Decimal`` values."""
    if warehouse is None:
        from orchestration.settings import paths

        warehouse = paths().warehouse
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = con.execute(sql, params or [])
        columns = [(d[0], str(d[1])) for d in cursor.description]
        frame = pd.DataFrame(cursor.fetchall(), columns=[name for name, _ in columns], dtype=object)
    finally:
        con.close()
    for name, kind in columns:
        if kind.startswith("DECIMAL"):
            continue  # Decimal objects, exact
        if kind in _INTEGERS:
            frame[name] = frame[name].astype("Int64")
        elif kind == "BOOLEAN":
            frame[name] = frame[name].astype("boolean")
        elif kind in ("DOUBLE", "FLOAT"):
            frame[name] = frame[name].astype("Float64")
        elif kind == "VARCHAR":
            frame[name] = frame[name].astype("string")
        else:
            frame[name] = frame[name].infer_objects()
    return frame
