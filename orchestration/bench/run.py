"""`make bench`: how the refresh's cost grows with the number of kecamatan, against the DuckDB floor.

On the same generated SAMPLE files (``monev generate``), for each N (default 11, 300 and 7.285):

(a) the full refresh (`monev refresh`, the nightly job) from an empty MONEV_HOME: every file new;
(b) the refresh right after it, with nothing new (it checks its inputs and stops);
(c) at the largest N, the refresh after one kecamatan sends one new file to the inbox;
(d) the floor: ``floor.sql``, one hand-written DuckDB script that builds the same marts from the same
    files with no orchestration, no validation and no versions;
(e) typical analyst queries on the published warehouse, alone and from 8 concurrent read-only connections.

Each measure is taken ``--runs`` times (default 3, each from an empty home) and reported as the median
with the range; the ratio to the floor is taken within each run.

Every step runs as its own process; wall time is measured around it and peak memory is the largest
sum of the resident memory of the process and its children, sampled every 50 ms. Results are
printed as a table and written to ``$MONEV_HOME/bench/`` (JSON and Markdown). Not a test: numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from orchestration.postgres import bench as postgres_bench
from orchestration.settings import SEEDS_DIR, monev_home

SIZES = (11, 300, 7285)
TAHUN = 2024
SEED = 20240101
QUERY_RUNS = 7
RUNS = 3
READERS = 8  # concurrent read-only connections
READER_ROUNDS = 5  # each reader runs every query this many times, in its own order

# What an analyst at the planning office typically asks (README "how to query"); {kw}/{kab} are filled
# with a kecamatan and a kabupaten of the generated set.
QUERIES = {
    "capaian and serapan per program of one kecamatan, every triwulan": """
        select triwulan, kode, capaian_kumulatif_persen, kategori_kumulatif, serapan_kumulatif_persen
        from marts.mart_capaian_triwulan
        where kode_wilayah = '{kw}' and tahun = {tahun} and level = 'program' order by triwulan, kode""",
    "kecamatan of one kabupaten ranked by serapan, TW4": """
        select nama_kecamatan, serapan_tahunan_persen, peringkat_serapan_tahunan, rata_rata_capaian_kumulatif_persen
        from marts.mart_kabupaten_triwulan
        where kode_kabupaten = '{kab}' and tahun = {tahun} and triwulan = 4 order by peringkat_serapan_tahunan""",
    "serapan per province, TW4 (whole country)": """
        select left(kode_wilayah, 2) as provinsi, sum(pagu_kumulatif) as pagu,
               sum(realisasi_anggaran_kumulatif) as realisasi,
               round(100 * sum(realisasi_anggaran_kumulatif) / sum(pagu_kumulatif), 2) as serapan_persen
        from marts.mart_kabupaten_triwulan where tahun = {tahun} and triwulan = 4 group by 1 order by 1""",
    "sub-kegiatan below 50 % capaian at TW4 (whole country)": """
        select count(*) from marts.mart_capaian_triwulan
        where tahun = {tahun} and triwulan = 4 and level = 'sub_kegiatan' and capaian_kumulatif_persen <= 50""",
    "IKM mutu of every kecamatan": """
        select mutu, count(distinct kode_wilayah) from marts.mart_ikm where tahun = {tahun} group by 1 order by 1""",
    "open data-quality problems per rule": """
        select aturan, tingkat, count(*) from marts.mart_kualitas_data group by all order by 3 desc""",
}


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    output: str = field(default="", repr=False)


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 2**20


def measure(command: list[str], env: dict) -> Measure:
    """Run a command; wall time and peak memory of its process tree. Fails loudly if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0.0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_rss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-4000:]}")
    return Measure(seconds, peak, output)


def _python(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


def bench_seeds(work: Path, files: Path) -> Path:
    """A seeds folder for the pipeline: the repository's reference data, the generated files as
    SAMPLE (seeds/sampel), no document and an empty corrections log (the corrections are Kalaena's)."""
    seeds = work / "seeds"
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(SEEDS_DIR / "referensi", seeds / "referensi")
    (seeds / "dokumen").mkdir()
    header = (SEEDS_DIR / "koreksi.csv").read_text(encoding="utf-8").splitlines()[0]
    (seeds / "koreksi.csv").write_text(header + "\n", encoding="utf-8")
    (seeds / "sampel").symlink_to(files.resolve(), target_is_directory=True)
    return seeds


def new_file_from(files: Path, home: Path) -> str:
    """One kecamatan sends a second version of its TW4 realisasi (one remark changed) to the inbox."""
    first = sorted(files.glob("realisasi_*_tw4.csv"))[-1]
    inbox = home / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("[SAMPEL]", "[SAMPEL] versi 2:", 1)
    target = inbox / first.name.replace("_tw4.csv", "_tw4_v2.csv")
    target.write_text("".join(lines), encoding="utf-8")
    return target.name


def time_queries(warehouse: Path, kw: str, kab: str) -> dict[str, float]:
    """Median milliseconds of each query over QUERY_RUNS runs on one read-only connection."""
    result = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, sql in QUERIES.items():
            text = sql.format(kw=kw, kab=kab, tahun=TAHUN)
            con.execute(text).fetchall()  # warm: the first run reads the pages from disk
            runs = []
            for _ in range(QUERY_RUNS):
                start = time.perf_counter()
                con.execute(text).fetchall()
                runs.append((time.perf_counter() - start) * 1000)
            result[name] = statistics.median(runs)
    return result


def concurrent_queries(warehouse: Path, kw: str, kab: str) -> dict[str, float]:
    """READERS threads, each with its own read-only connection, run every query READER_ROUNDS times in a
    shuffled order at the same moment: the latency of each query as an analyst waiting for it sees it."""
    texts = [sql.format(kw=kw, kab=kab, tahun=TAHUN) for sql in QUERIES.values()]
    latencies: list[float] = []
    lock = threading.Lock()
    start_together = threading.Barrier(READERS)

    def reader(index: int) -> None:
        order = [t for _ in range(READER_ROUNDS) for t in texts]
        random.Random(index).shuffle(order)
        with duckdb.connect(str(warehouse), read_only=True) as con:
            start_together.wait()
            for text in order:
                began = time.perf_counter()
                con.execute(text).fetchall()
                with lock:
                    latencies.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "readers": READERS,
        "queries": len(latencies),
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))],
        "max_ms": latencies[-1],
    }


# Where a refresh's time goes, from the elapsed times its progress lines print: each phase ends at the line
# that matches the pattern (orchestration/defs/progress.py), the last one at the end of the process.
PHASES = (
    (r"archive:", "start-up (imports, Dagster definitions), archive, reading new files"),
    (r"reference data", "reference data"),
    (r"dbt build: staging", None),
    (r"audit: \d+ Great Expectations suites", "dbt: staging, intermediate and rule models"),
    (r"audit: \d+ blocking", "Great Expectations checkpoint validasi"),
    (r"gate:", "gate"),
    (r"dbt build: accepted", None),
    (r"published", "dbt: accepted versions and marts; mart warnings; publish"),
    (r"reports", "quarterly reports"),
)


def phases(output: str, total: float) -> dict[str, float]:
    """Seconds per phase of one refresh (None-labelled steps are added to the next phase)."""
    found, before, carried = {}, 0.0, 0.0
    lines = [line for line in output.splitlines() if line.startswith("monev: [")]
    for line in lines:
        elapsed = float(line[len("monev: [") :].split("s]", 1)[0])
        message = line.split("s] ", 1)[1]
        label = next((name for pattern, name in PHASES if re.match(pattern, message)), message[:40])
        if label is None:
            carried += elapsed - before
        else:
            found[label] = found.get(label, 0.0) + carried + elapsed - before
            carried = 0.0
        before = elapsed
    found["summary and exit"] = total - before
    return {k: round(v, 2) for k, v in found.items()}


def time_reports(home: Path, env: dict) -> dict[str, float]:
    """What the nightly refresh writes after publishing (`monev laporan` without a scope: every report of the
    latest triwulan, or at national scale the kabupaten and province reports as HTML), then one kecamatan's,
    one kabupaten's and one province's Laporan Monev Renaksi (HTML and PDF) written on demand from the
    published warehouse, as an office or the planning office asks for them."""
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
        kw = con.execute(
            "select min(kode_wilayah) from marts.fct_realisasi_triwulan where kode_wilayah <> '73.24.10'"
        ).fetchone()[0]
    out = home / "laporan-bench"
    shutil.rmtree(out, ignore_errors=True)
    result = {"nightly": round(measure(_python("orchestration.cli", "laporan", "--out", str(out)), env).seconds, 2)}
    for scope, code in (("kecamatan", kw), ("kabupaten", kw.rsplit(".", 1)[0]), ("provinsi", kw.split(".")[0])):
        shutil.rmtree(out, ignore_errors=True)
        result[f"{scope} {code}"] = round(
            measure(_python("orchestration.cli", "laporan", f"--{scope}", code, "--out", str(out)), env).seconds, 2
        )
    return result


# --- `monev check` of one file (issue 9: < 3 s), in a new process and in a warm one ---------------------------
CHECK_PLAN = SEEDS_DIR / "dokumen" / "rencana_73.24.10_2024.csv"
CHECK_WARM_RUNS = 5
_CHECK_WARM = """
import json, statistics, sys, time
from pathlib import Path
from orchestration.warehouse.check import check_files_safely
times = []
for _ in range(1 + int(sys.argv[2])):
    start = time.perf_counter()
    check_files_safely([Path(sys.argv[1])])
    times.append(time.perf_counter() - start)
print(json.dumps({"first": times[0], "median": statistics.median(times[1:]), "min": min(times[1:]),
                  "max": max(times[1:])}))
"""


def time_check(path: Path, env: dict, runs: int) -> dict:
    """`monev check <path>` as an office runs it: a new process each time (after one untimed run that prepares
    what install or first use prepares), and in one process that checks it again and again, as the portal does
    (the first check of that process, then the median of CHECK_WARM_RUNS more)."""
    command = _python("orchestration.cli", "check", str(path))

    def once() -> float:
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode not in (0, 1):  # 1: the file has errors, which a check reports
            raise RuntimeError(f"monev check failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        return time.perf_counter() - start

    first = once()
    new_process = [round(once(), 2) for _ in range(runs)]
    warm = subprocess.run(
        [sys.executable, "-c", _CHECK_WARM, str(path), str(CHECK_WARM_RUNS)], env=env, capture_output=True, text=True
    )
    if warm.returncode != 0:
        raise RuntimeError(f"the warm check failed:\n{warm.stderr[-4000:]}")
    return {
        "file": path.name,
        "first_in_home_s": round(first, 2),
        "new_process": spread(new_process),
        "warm": {k: round(v, 3) for k, v in json.loads(warm.stdout.strip().splitlines()[-1]).items()},
    }


def time_portal(home: Path, seeds: Path, path: Path, n: int, runs: int) -> dict:
    """The portal's check as an office's browser sees it: upload POST to findings page over real HTTP, against
    the portal served by uvicorn in this process (orchestration.portal.ukur); the first includes the portal
    process's first check."""
    from orchestration.portal.ukur import waktu_periksa

    times = waktu_periksa(home, seeds, path, kali=runs + 1)
    return {"n": n, "file": path.name, "first": round(times[0], 2), "then": spread([round(t, 2) for t in times[1:]])}


def render_portal(portal: dict) -> list[str]:
    return [
        "",
        f"Portal check at N = {portal['n']} ({portal['file']}, upload to findings page over HTTP): first "
        f"{portal['first']:.2f} s, then {_range(portal['then'], 2)} s",
    ]


def render_check(checks: dict) -> list[str]:
    lines = [
        "",
        "`monev check` of one file (s): new process (median, range), warm process (median of "
        f"{CHECK_WARM_RUNS} after the first):",
        "",
        "| file | new process | warm | first in a new home |",
        "|---|---:|---:|---:|",
    ]
    for where, c in checks.items():
        lines.append(
            f"| {c['file']} ({where}) | {_range(c['new_process'], 2)} | {c['warm']['median']:.2f} "
            f"({c['warm']['min']:.2f}-{c['warm']['max']:.2f}) | {c['first_in_home_s']:.2f} |"
        )
    return lines


# --- end of `monev check`


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def run(sizes: tuple[int, ...], out: Path, runs: int = RUNS) -> dict:
    work = out / "work"
    # the refresh is compared with the floor, which writes no report: the reports are timed on their own below
    env = dict(os.environ, DO_NOT_TRACK="1", GX_ANALYTICS_ENABLED="false", MONEV_LAPORAN_MALAM="tidak")
    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "runs": runs,
        "machine": machine(),
        "sizes": {},
        "incremental": None,
        "queries": None,
        "check": {},
    }
    check_home = work / "check-home"  # `monev check` of Kalaena's plan (the repository's seeds) in an empty home
    shutil.rmtree(check_home, ignore_errors=True)
    check_env = dict(env, MONEV_HOME=str(check_home), MONEV_SEEDS=str(SEEDS_DIR))
    report["check"]["Kalaena's document"] = time_check(CHECK_PLAN, check_env, runs)
    for n in sizes:
        size_dir = work / f"n{n}"
        shutil.rmtree(size_dir, ignore_errors=True)
        files = size_dir / "files"
        generated = measure(
            _python(
                "orchestration.sample.scale",
                "--kecamatan",
                str(n),
                "--tahun",
                str(TAHUN),
                "--out",
                str(files),
                "--seed",
                str(SEED),
            ),
            env,
        )
        seeds = bench_seeds(size_dir, files)
        home = size_dir / "home"
        refresh_env = dict(env, MONEV_HOME=str(home), MONEV_SEEDS=str(seeds))
        measured: dict[str, list[Measure]] = {"refresh": [], "nothing_new": [], "floor": [], "incremental": []}
        pg_seconds: list[float | None] = []  # issue 14: the PostgreSQL publish of each full refresh
        for attempt in range(runs):
            shutil.rmtree(home, ignore_errors=True)  # every file new
            measured["refresh"].append(measure(_python("orchestration.cli", "refresh"), refresh_env))
            pg_seconds.append(postgres_bench.publish_seconds(home))  # None without PostgreSQL
            measured["nothing_new"].append(measure(_python("orchestration.cli", "refresh"), refresh_env))
            if "Tidak ada yang baru" not in measured["nothing_new"][-1].output:
                raise RuntimeError("the refresh with nothing new rebuilt the warehouse")
            measured["floor"].append(
                measure(
                    _python(
                        "orchestration.bench.floor",
                        "--files",
                        str(files),
                        "--referensi",
                        str(seeds / "referensi"),
                        "--out",
                        str(size_dir / "floor.duckdb"),
                    ),
                    env,
                )
            )
            if n == max(sizes):
                sent = new_file_from(files, home)
                measured["incremental"].append(measure(_python("orchestration.cli", "refresh"), refresh_env))
            last = {k: v[-1] for k, v in measured.items() if v}
            print(
                f"N={n} run {attempt + 1}/{runs}: refresh {last['refresh'].seconds:.1f} s "
                f"({last['refresh'].peak_mb:.0f} MB), nothing new {last['nothing_new'].seconds:.2f} s, floor "
                f"{last['floor'].seconds:.1f} s ({last['floor'].peak_mb:.0f} MB), ratio "
                f"{last['refresh'].seconds / last['floor'].seconds:.1f}"
                + (f", after one new file {last['incremental'].seconds:.1f} s" if "incremental" in last else ""),
                flush=True,
            )
        report["sizes"][n] = {
            "files": sum(1 for _ in files.glob("*.csv")),
            "generate_s": generated.seconds,
            "refresh": _summary(measured["refresh"]),
            "nothing_new": _summary(measured["nothing_new"]),
            "floor": _summary(measured["floor"]),
            "phases": {
                "every file new": phases(measured["refresh"][-1].output, measured["refresh"][-1].seconds),
                **(
                    {"one new file": phases(measured["incremental"][-1].output, measured["incremental"][-1].seconds)}
                    if measured["incremental"]
                    else {}
                ),
            },
            "ratio": spread(
                [r.seconds / f.seconds for r, f in zip(measured["refresh"], measured["floor"], strict=True)]
            ),
        }
        if pg_seconds and all(s is not None for s in pg_seconds):  # issue 14
            report["sizes"][n]["postgres_publish"] = {
                "seconds": spread(pg_seconds),
                "share": spread([s / m.seconds for s, m in zip(pg_seconds, measured["refresh"], strict=True)]),
            }
        if measured["incremental"]:
            report["incremental"] = {"n": n, "file": sent, **_summary(measured["incremental"])}
            kw = sent.split("_")[1]
            warehouse = home / "warehouse" / "monev.duckdb"
            report["queries"] = {
                "n": n,
                "ms": time_queries(warehouse, kw, kw.rsplit(".", 1)[0]),
                "concurrent": concurrent_queries(warehouse, kw, kw.rsplit(".", 1)[0]),
            }
            if os.environ.get("MONEV_POSTGRES_URL"):  # issue 14: 8 and 32 connections, PostgreSQL next to DuckDB
                texts = [sql.format(kw=kw, kab=kw.rsplit(".", 1)[0], tahun=TAHUN) for sql in QUERIES.values()]
                url = os.environ["MONEV_POSTGRES_URL"]
                report["queries"]["postgres"] = postgres_bench.concurrent(warehouse, url, texts)
        report["sizes"][n]["laporan"] = time_reports(home, refresh_env)
        if n == max(sizes):  # `monev check`: one realisasi of that set against its kecamatan's files, in that home
            report["check"][f"N = {n}"] = time_check(sorted(files.glob("realisasi_*_tw3.csv"))[-1], refresh_env, runs)
            report["portal"] = time_portal(home, seeds, sorted(files.glob("realisasi_*_tw3.csv"))[-1], n, runs)
        shutil.rmtree(size_dir / "home" / "build", ignore_errors=True)  # private build copies: diagnosis only
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    return report


def asdict_short(m: Measure) -> dict:
    return {k: round(v, 2) for k, v in asdict(m).items() if k != "output"}


def _summary(measures: list[Measure]) -> dict:
    return {
        "seconds": spread([round(m.seconds, 2) for m in measures]),
        "peak_mb": spread([round(m.peak_mb) for m in measures]),
    }


def machine() -> dict:
    memory = next(
        (
            int(line.split()[1]) // 2**20
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        None,
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "system": platform.platform(),
    }


def _range(s: dict, digits: int = 1) -> str:
    """The median and, over several runs, the range: 162.9 (158.2-171.0)."""
    text = f"{s['median']:.{digits}f}"
    if len(s["runs"]) > 1:
        text += f" ({s['min']:.{digits}f}-{s['max']:.{digits}f})"
    return text


def render(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Monev Kinerja benchmark, {report['started']} ({m['cpus']} CPUs, {m['memory_gb']} GB, {m['cpu']}; "
        f"DuckDB {m['duckdb']}); median of {report.get('runs', 1)} runs (range)",
        "",
        "| N kecamatan | files | full refresh (s) | peak MB | nothing new (s) | floor (s) | floor peak MB "
        "| refresh / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, s in report["sizes"].items():
        lines.append(
            f"| {n} | {s['files']} | {_range(s['refresh']['seconds'])} | {_range(s['refresh']['peak_mb'], 0)} | "
            f"{_range(s['nothing_new']['seconds'], 2)} | {_range(s['floor']['seconds'])} | "
            f"{_range(s['floor']['peak_mb'], 0)} | {_range(s['ratio'])} |"
        )
    for n, s in report["sizes"].items():
        for case, found in s.get("phases", {}).items():
            lines += ["", f"Where the time went at N = {n}, {case} (last run):", "", "| phase | s |", "|---|---:|"]
            lines += [f"| {name} | {seconds:.1f} |" for name, seconds in found.items()]
    for n, s in report["sizes"].items():
        if s.get("laporan"):
            laporan = dict(s["laporan"])
            nightly = laporan.pop("nightly", None)
            if nightly is not None:
                refresh = s["refresh"]["seconds"]["median"]
                lines += [
                    "",
                    f"Nightly reports at N = {n} (what the refresh writes after publishing): {nightly:.1f} s, "
                    f"{100 * nightly / (refresh + nightly):.0f} % of refresh and reports ({refresh:.1f} s + "
                    f"{nightly:.1f} s)",
                ]
            timed = ", ".join(f"{scope} {seconds:.1f} s" for scope, seconds in laporan.items())
            lines += ["", f"Laporan on demand at N = {n} (HTML and PDF, one process each): {timed}"]
    if report["incremental"]:
        i = report["incremental"]
        lines += [
            "",
            f"Refresh after one new file at N = {i['n']} ({i['file']}): {_range(i['seconds'])} s, "
            f"peak {_range(i['peak_mb'], 0)} MB",
        ]
    if report["queries"]:
        c = report["queries"]["concurrent"]
        lines += [
            "",
            f"Analyst queries on the published warehouse at N = {report['queries']['n']} "
            f"(median of {QUERY_RUNS} runs, one connection):",
            "",
            "| query | ms |",
            "|---|---:|",
        ]
        lines += [f"| {name} | {ms:.1f} |" for name, ms in report["queries"]["ms"].items()]
        lines += [
            "",
            f"The same queries from {c['readers']} concurrent read-only connections ({c['queries']} queries): "
            f"p50 {c['p50_ms']:.1f} ms, p95 {c['p95_ms']:.1f} ms, max {c['max_ms']:.1f} ms",
        ]
    lines += postgres_bench.render(report)  # issue 14
    if report.get("check"):
        lines += render_check(report["check"])
    if report.get("portal"):
        lines += render_portal(report["portal"])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="comma-separated numbers of kecamatan (default 11,300,7285)"
    )
    parser.add_argument("--out", type=Path, default=None, help="folder for results (default $MONEV_HOME/bench)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs of each measure (default {RUNS})")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="also publish to and query PostgreSQL: a throwaway cluster unless MONEV_POSTGRES_URL is set",
    )
    args = parser.parse_args(argv)
    sizes = tuple(sorted(int(s) for s in args.sizes.split(",")))
    out = (args.out or monev_home() / "bench").resolve()
    out.mkdir(parents=True, exist_ok=True)
    cluster = postgres_bench.start_cluster(args.postgres)  # issue 14
    try:
        report = run(sizes, out, args.runs)
    finally:
        if cluster is not None:
            cluster.remove()
    table = render(report)
    stamp = report["started"].replace(":", "").replace("-", "")[:15]
    (out / f"bench-{stamp}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (out / f"bench-{stamp}.md").write_text(table, encoding="utf-8")
    (out / "latest.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
