"""PostgreSQL as an optional serving target of the published marts (issue 14).

DuckDB builds, audits and publishes everything; when ``MONEV_POSTGRES_URL`` is set, the publish step also
copies the just-published ``marts`` into PostgreSQL (``publish.py``): a fresh schema, verified against
DuckDB, swapped in with schema renames in one transaction. ``roles.py`` sets up the loader and the
analysts' read-only role (``monev postgres siapkan``); ``messages.py`` says what went wrong in one
Indonesian line, with every password masked.
"""
