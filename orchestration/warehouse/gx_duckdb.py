"""Great Expectations on DuckDB through SQLAlchemy (duckdb-engine), with the one patch it needs.

GX 1.24's ``SqlAlchemyExecutionEngine.execute_query`` leaves its ``with self.get_connection()`` block
before the caller fetches the rows, and duckdb-engine does not buffer results, so every metric fails
with ``IndexError`` (great_expectations#10738, #11579; stack-notes §3.1). The patch buffers the rows
while the connection is open. ``tests/test_gx_duckdb.py`` fails loudly if the upstream method changes.

Running the suites in DuckDB means the expectations are computed where the data is: only the rows
that break a rule travel to Python, never whole tables.
"""

from __future__ import annotations

import os
from pathlib import Path

# The upstream body the patch replaces (checked by the test): if GX changes it, re-check the bug.
UPSTREAM_BODY_MARKERS = (
    "with self.get_connection() as connection:",
    "self._execute_query_with_recovery(connection, query)",
    "return result",
)


def _buffered_execute_query(self, query):
    with self.get_connection() as connection:
        result = self._execute_query_with_recovery(connection, query)
        return result.freeze()()  # rows are read before the connection closes


def patch_execute_query() -> None:
    from great_expectations.execution_engine.sqlalchemy_execution_engine import SqlAlchemyExecutionEngine

    if SqlAlchemyExecutionEngine.execute_query is not _buffered_execute_query:
        SqlAlchemyExecutionEngine._upstream_execute_query = SqlAlchemyExecutionEngine.execute_query
        SqlAlchemyExecutionEngine.execute_query = _buffered_execute_query


def import_gx():
    """Import GX (slow, ~4 s: only when an audit runs) with telemetry off and the DuckDB patch applied."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx

    patch_execute_query()
    return gx


# The two helpers below serve the ephemeral context of audit.failing_keys (and tests/test_gx_duckdb.py);
# gx_checkpoint.run_checkpoint, on the committed file context, replaces them once the audit calls it.
def gx_context():
    """An ephemeral GX context (suites live in expectations/ as JSON), patched for DuckDB, no telemetry."""
    gx = import_gx()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    return context


def duckdb_datasource(context, name: str, database: Path):
    """A read-only SQL data source on one DuckDB file. Close it with ``close_datasource`` when done."""
    return context.data_sources.add_sql(
        name=name,
        connection_string=f"duckdb:///{database}",
        kwargs={"connect_args": {"read_only": True}},
    )


def close_datasource(source) -> None:
    """Close every connection of the data source: DuckDB refuses a read-write connection to a file that
    this process still holds read-only (the data source and its execution engine each have an engine)."""
    source.get_execution_engine().close()
    source.get_engine().dispose()
