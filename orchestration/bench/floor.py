"""The floor of the benchmark: the published marts built by one hand-written DuckDB script.

``floor.sql`` reads every submission CSV of a folder set-based (one ``read_csv`` per kind of file) plus
the reference CSVs, and writes the marts the pipeline publishes into schema ``marts`` of a new DuckDB
file, with no Python reader, no dbt, no Great Expectations and no publish step. It assumes valid files
and one version per key (see the header of floor.sql).

    python -m orchestration.bench.floor --files seeds/sampel-copy --referensi seeds/referensi --out floor.duckdb
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).with_name("floor.sql")
HELPERS_END = "-- (end of the parsing helpers"


def helpers_sql() -> str:
    """The first part of floor.sql alone: the temp macros that parse numbers and codes and compute
    capaian, kategori, serapan and mutu (for tests, or to use them on another connection)."""
    text = SCRIPT.read_text(encoding="utf-8")
    return text[: text.index(HELPERS_END)]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_floor(files_dir: Path, referensi_dir: Path, out: Path, sumber: str = "sampel") -> dict[str, int]:
    """Run floor.sql on ``files_dir`` into a fresh ``out``; the row count of every mart, by name."""
    files_dir, referensi_dir, out = Path(files_dir).resolve(), Path(referensi_dir).resolve(), Path(out)
    for path in (out, out.with_name(out.name + ".wal")):
        path.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(out))
    try:
        con.execute(f"set variable files_dir = {_literal(str(files_dir))}")
        con.execute(f"set variable referensi_dir = {_literal(str(referensi_dir))}")
        con.execute(f"set variable sumber = {_literal(sumber)}")
        con.execute(SCRIPT.read_text(encoding="utf-8"))
        names = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where database_name = current_database() "
                "and schema_name = 'marts' order by table_name"
            ).fetchall()
        ]
        return {name: con.execute(f"select count(*) from marts.{name}").fetchone()[0] for name in names}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench.floor", description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=Path, required=True, help="folder with the submission CSV files")
    parser.add_argument(
        "--referensi",
        type=Path,
        required=True,
        help="folder with nomenklatur.csv and wilayah_kecamatan.csv (seeds/referensi)",
    )
    parser.add_argument("--out", type=Path, required=True, help="DuckDB file to write (replaced)")
    parser.add_argument("--sumber", default="sampel", help="provenance of the files: dokumen, sampel or kiriman")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = build_floor(args.files, args.referensi, args.out, args.sumber)
    elapsed = time.perf_counter() - start
    width = max(map(len, counts), default=0)
    for name, rows in counts.items():
        print(f"{name:<{width}}  {rows:>7}")
    print(f"floor: {len(counts)} marts in {args.out} in {elapsed:.3f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
