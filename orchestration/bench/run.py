"""`make bench`: how the refresh's cost grows with the number of kecamatan, against the DuckDB floor.

On the same generated SAMPLE files (``monev generate``), for each N (default 11, 300 and 7.285):

(a) the full refresh (`monev refresh`, the nightly job) from an empty MONEV_HOME;
(b) at the largest N, the refresh after one kecamatan sends one new file to the inbox;
(c) the floor: ``floor.sql``, one hand-written DuckDB script that builds the same marts from the same
    files with no orchestration, no validation and no versions;
(d) typical analyst queries on the published warehouse.

Every step runs as its own process; wall time is measured around it and peak memory is the largest
sum of the resident memory of the process and its children, sampled every 50 ms. Results are
printed as a table and written to ``$MONEV_HOME/bench/`` (JSON and Markdown). Not a test: numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

from orchestration.settings import SEEDS_DIR, monev_home

SIZES = (11, 300, 7285)
TAHUN = 2024
SEED = 20240101
QUERY_RUNS = 7

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


def run(sizes: tuple[int, ...], out: Path) -> dict:
    work = out / "work"
    env = dict(os.environ, DO_NOT_TRACK="1", GX_ANALYTICS_ENABLED="false")
    report = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "sizes": {},
        "incremental": None,
        "queries": None,
    }
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
        full = measure(_python("orchestration.cli", "refresh"), refresh_env)
        floor = measure(
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
        report["sizes"][n] = {
            "files": sum(1 for _ in files.glob("*.csv")),
            "generate_s": generated.seconds,
            "refresh": asdict_short(full),
            "floor": asdict_short(floor),
            "ratio": full.seconds / floor.seconds,
        }
        print(
            f"N={n}: refresh {full.seconds:.1f} s ({full.peak_mb:.0f} MB), floor {floor.seconds:.1f} s "
            f"({floor.peak_mb:.0f} MB), ratio {full.seconds / floor.seconds:.1f}",
            flush=True,
        )
        if n == max(sizes):
            sent = new_file_from(files, home)
            incremental = measure(_python("orchestration.cli", "refresh"), refresh_env)
            report["incremental"] = {"n": n, "file": sent, **asdict_short(incremental)}
            print(
                f"N={n}: refresh after {sent}: {incremental.seconds:.1f} s ({incremental.peak_mb:.0f} MB)", flush=True
            )
            kw = sent.split("_")[1]
            report["queries"] = {
                "n": n,
                "ms": time_queries(home / "warehouse" / "monev.duckdb", kw, kw.rsplit(".", 1)[0]),
            }
        shutil.rmtree(size_dir / "home" / "build", ignore_errors=True)  # private build copies: diagnosis only
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    return report


def asdict_short(m: Measure) -> dict:
    return {k: round(v, 2) for k, v in asdict(m).items() if k != "output"}


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


def render(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Monev Kinerja benchmark, {report['started']} ({m['cpus']} CPUs, {m['memory_gb']} GB, {m['cpu']}; "
        f"DuckDB {m['duckdb']})",
        "",
        "| N kecamatan | files | full refresh (s) | peak MB | floor (s) | floor peak MB | refresh / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, s in report["sizes"].items():
        lines.append(
            f"| {n} | {s['files']} | {s['refresh']['seconds']:.1f} | {s['refresh']['peak_mb']:.0f} | "
            f"{s['floor']['seconds']:.1f} | {s['floor']['peak_mb']:.0f} | {s['ratio']:.1f} |"
        )
    if report["incremental"]:
        i = report["incremental"]
        lines += [
            "",
            f"Refresh after one new file at N = {i['n']} ({i['file']}): {i['seconds']:.1f} s, "
            f"peak {i['peak_mb']:.0f} MB",
        ]
    if report["queries"]:
        lines += [
            "",
            f"Analyst queries on the published warehouse at N = {report['queries']['n']} "
            f"(median of {QUERY_RUNS} runs):",
            "",
            "| query | ms |",
            "|---|---:|",
        ]
        lines += [f"| {name} | {ms:.1f} |" for name, ms in report["queries"]["ms"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="comma-separated numbers of kecamatan (default 11,300,7285)"
    )
    parser.add_argument("--out", type=Path, default=None, help="folder for results (default $MONEV_HOME/bench)")
    args = parser.parse_args(argv)
    sizes = tuple(sorted(int(s) for s in args.sizes.split(",")))
    out = (args.out or monev_home() / "bench").resolve()
    out.mkdir(parents=True, exist_ok=True)
    report = run(sizes, out)
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
