"""The documentation analysts read: dbt docs (every model and column with its description and the lineage
graph) and the Great Expectations Data Docs, built offline and served on localhost.

``make docs`` (``python -m orchestration.warehouse.dokumen``) runs ``dbt docs generate --static`` in this
process against the build database of the published run (``$MONEV_HOME/build/<run>/build.duckdb``, or the
newest build kept when that one is gone; from the project alone on a fresh clone), into
``$MONEV_HOME/docs/dbt/``: ``index.html`` with ``manifest.json`` and ``catalog.json`` (served), and
``static_index.html`` (everything in one file, opens from disk). dbt's page carries its scripts inline;
the project turns dbt's usage tracking off, so it sends nothing. ``monev docs`` serves ``$MONEV_HOME/docs/``
(dbt docs, and the Data Docs that every refresh writes to ``docs/gx/``) on 127.0.0.1 with a landing page
linking both.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import sys
from pathlib import Path

from orchestration.settings import Paths


class DokumenError(RuntimeError):
    """The documentation cannot be built; the message is in Bahasa Indonesia."""


def build_database(paths: Paths) -> Path:
    """The build database of the published run, or the newest build kept."""
    import duckdb

    if paths.warehouse.exists():
        con = duckdb.connect(str(paths.warehouse), read_only=True)
        try:
            row = con.execute("select any_value(run_id) from marts.publikasi").fetchone()
        finally:
            con.close()
        if row and row[0] and paths.build_db(row[0]).exists():
            return paths.build_db(row[0])
    builds = sorted(
        (p / "build.duckdb" for p in paths.builds.glob("*") if (p / "build.duckdb").exists()),
        key=lambda p: p.stat().st_mtime,
    )
    if not builds:
        raise DokumenError(
            f"belum ada database build di {paths.builds}; jalankan `monev refresh` dahulu (dbt docs membaca "
            "kolom model dari database build)"
        )
    return builds[-1]


def build_dbt_docs(paths: Paths) -> Path:
    """dbt docs of the project with the catalog of a real build, into $MONEV_HOME/docs/dbt/; returns it.

    Without any build (a fresh clone), the docs are made from the project alone (``--empty-catalog``, on a
    throwaway empty database): every description, contract type and the lineage, without the catalog's
    statistics."""
    import tempfile

    from orchestration.warehouse.dbt import dbt_vars, run_dbt

    target = paths.home / "docs" / "dbt"
    target.mkdir(parents=True, exist_ok=True)
    args = ["docs", "generate", "--static", "--vars", json.dumps(dbt_vars(apply_corrections=True))]
    try:
        database = build_database(paths)
    except DokumenError:
        database = None
    with tempfile.TemporaryDirectory(prefix="monev-docs-") as scratch:
        if database is None:
            print("monev: belum ada database build; dbt docs dibuat dari proyek saja (tanpa katalog gudang data)")
            database = Path(scratch) / "build.duckdb"
            args.append("--empty-catalog")
        run = run_dbt(args, database, target_dir=target)
    if not run.success or not (target / "static_index.html").exists():
        raise DokumenError("dbt docs generate gagal: " + "; ".join(run.errors[:3]))
    return target


LANDING = """<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Dokumentasi Monev Kinerja</title>
<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}}</style></head>
<body><h1>Dokumentasi Monev Kinerja</h1>
<ul>
<li>{dbt}</li>
<li>{gx}</li>
</ul>
<p>Gudang data: <code>{warehouse}</code>. Setiap tabel dan kolom juga membawa keterangannya di dalam berkas itu
(<code>select table_name, column_name, comment from duckdb_columns()</code>).</p>
</body></html>
"""


def landing_page(paths: Paths) -> str:
    docs = paths.home / "docs"
    dbt = (
        '<a href="dbt/index.html">Kamus data dan silsilah model (dbt docs)</a>'
        if (docs / "dbt" / "index.html").exists()
        else "dbt docs belum dibangun: jalankan <code>make docs</code>"
    )
    gx = (
        '<a href="gx/index.html">Hasil validasi Great Expectations (Data Docs)</a>'
        if (docs / "gx" / "index.html").exists()
        else "Data Docs Great Expectations belum ada: jalankan <code>monev refresh</code>"
    )
    return LANDING.format(dbt=dbt, gx=gx, warehouse=html.escape(str(paths.warehouse)))


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, landing: str, **kwargs):
        self._landing = landing.encode()
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path in ("/", "/index.html"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(self._landing)))
            self.end_headers()
            self.wfile.write(self._landing)
            return
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


def server(paths: Paths, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """An HTTP server of $MONEV_HOME/docs/ on host:port (0 = any free port); call serve_forever()."""
    docs = paths.home / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Handler, directory=str(docs), landing=landing_page(paths))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main() -> int:
    from orchestration.settings import paths

    try:
        target = build_dbt_docs(paths())
    except DokumenError as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 1
    print(f"dbt docs: {target / 'index.html'} (disajikan `monev docs`) dan {target / 'static_index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
