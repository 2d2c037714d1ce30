"""`make bench`, PostgreSQL part (issue 14), optional: measured only when a server is configured
(MONEV_POSTGRES_URL) or ``--postgres`` starts a throwaway cluster (fsync on) for the run.

- the PostgreSQL publish time of each full refresh (``postgres.detik`` of its report) and its share of the
  refresh's wall time;
- the analysts' queries from 8 and 32 concurrent connections, on PostgreSQL next to DuckDB.
"""

from __future__ import annotations

import json
import random
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import psycopg

READERS = (8, 32)
ROUNDS = 5  # each connection runs every query this many times, in its own order


def publish_seconds(home: Path) -> float | None:
    """The PostgreSQL publish time of the refresh that wrote the home's report, None when it did not publish."""
    path = home / "reports" / "latest.json"
    if not path.exists():
        return None
    postgres = json.loads(path.read_text()).get("postgres") or {}
    return postgres.get("detik") if postgres.get("status") == "berhasil" else None


def postgres_sql(text: str) -> str:
    """A DuckDB query in PostgreSQL's SQL (the forms the README documents as different)."""
    return text.replace("group by all", "group by 1, 2")


def _latencies(connect: Callable[[], object], texts: list[str], readers: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    together = threading.Barrier(readers)
    failures: list[BaseException] = []

    def reader(index: int) -> None:
        order = [t for _ in range(ROUNDS) for t in texts]
        random.Random(index).shuffle(order)
        try:
            con = connect()
        except BaseException as exc:  # noqa: BLE001 - reported after the join
            failures.append(exc)
            together.abort()
            return
        try:
            together.wait()
            for text in order:
                began = time.perf_counter()
                con.execute(text).fetchall()
                with lock:
                    latencies.append((time.perf_counter() - began) * 1000)
        finally:
            con.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return sorted(latencies)


def _summary(latencies: list[float], readers: int) -> dict:
    return {
        "readers": readers,
        "queries": len(latencies),
        "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2),
        "max_ms": round(latencies[-1], 2),
    }


def concurrent(warehouse: Path, url: str, texts: list[str]) -> dict:
    """p50/p95 of the queries from 8 and 32 concurrent connections on each engine."""
    result: dict[str, list[dict]] = {"duckdb": [], "postgres": []}
    pg_texts = [postgres_sql(t) for t in texts]
    for readers in READERS:
        result["duckdb"].append(
            _summary(_latencies(lambda: duckdb.connect(str(warehouse), read_only=True), texts, readers), readers)
        )
        result["postgres"].append(
            _summary(_latencies(lambda: psycopg.connect(url, autocommit=True), pg_texts, readers), readers)
        )
    return result


def render(report: dict) -> list[str]:
    lines: list[str] = []
    shares = {n: s["postgres_publish"] for n, s in report["sizes"].items() if s.get("postgres_publish")}
    if shares:
        lines += ["", "PostgreSQL publish within the full refresh (median of the runs):", ""]
        lines += ["| N kecamatan | PostgreSQL publish (s) | share of the refresh |", "|---:|---:|---:|"]
        for n, p in shares.items():
            lines.append(f"| {n} | {p['seconds']['median']:.1f} | {100 * p['share']['median']:.1f} % |")
    queries = (report.get("queries") or {}).get("postgres")
    if queries:
        lines += ["", f"Analyst queries from concurrent connections at N = {report['queries']['n']} (ms):", ""]
        lines += ["| engine | connections | p50 | p95 | max |", "|---|---:|---:|---:|---:|"]
        for engine, rows in queries.items():
            for r in rows:
                lines.append(
                    f"| {engine} | {r['readers']} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} |"
                )
    return lines


def start_cluster(asked: bool):
    """``--postgres`` without MONEV_POSTGRES_URL: a throwaway cluster (fsync on) for this benchmark, its URL
    set for the refreshes; None when not asked or a server is configured. The caller removes it."""
    import os

    from orchestration.postgres import kluster

    if not asked or os.environ.get("MONEV_POSTGRES_URL"):
        return None
    cluster = kluster.mulai(fast=False)
    os.environ["MONEV_POSTGRES_URL"] = cluster.url()
    return cluster
