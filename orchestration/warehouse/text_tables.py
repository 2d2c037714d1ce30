"""Raw tables of text: every column VARCHAR, every value as the reader or the audit gave it (str(), None stays
NULL). The raw layer casts nothing; staging (dbt) does, with try_cast."""

from __future__ import annotations

import duckdb
import pandas as pd


def write_text_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """(Re)create ``table`` with every column of ``frame`` as VARCHAR and insert the frame's rows (text or None)."""
    column_sql = ", ".join(f'"{c}" varchar' for c in frame.columns)
    con.execute(f"create or replace table {table} ({column_sql})")
    if len(frame):
        con.register("_frame", frame)
        try:
            con.execute(f"insert into {table} select * from _frame")
        finally:
            con.unregister("_frame")


def write_records(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], records: list[dict]) -> int:
    """(Re)create ``table`` with ``columns`` as VARCHAR and the records' values as text (None stays NULL)."""
    frame = pd.DataFrame(
        [[None if r.get(c) is None else str(r.get(c)) for c in columns] for r in records],
        columns=columns,
        dtype=object,
    )
    write_text_table(con, table, frame)
    return len(records)
