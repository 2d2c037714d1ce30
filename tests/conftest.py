import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The monev command's language follows MONEV_BAHASA, else the locale (orchestration/pesan.py): the tests read its
# Indonesian texts whatever the machine's LANG, here and in every process they start.
os.environ["MONEV_BAHASA"] = "id"

PLAN_HEADER = [
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "pagu",
    "target_tw1",
    "pagu_tw1",
    "target_tw2",
    "pagu_tw2",
    "target_tw3",
    "pagu_tw3",
    "target_tw4",
    "pagu_tw4",
    "penanggung_jawab",
    "agregasi_target",
    "target_akhir_tahun",
    "pagu_akhir_tahun",
]

# A small plan that adds up (hand-checked):
#   program 7.01.03 = kegiatan 7.01.03.2.01 = 1.000.000 = 400.000 + 200.000 + 200.000 + 200.000
#   sub 0001 = 300.000 (all in TW1), sub 0003 = 700.000 = 100.000 + 200.000 + 200.000 + 200.000
#   TW1: 300.000 + 100.000 = 400.000; targets: 100% at every level above sub, 5 (TW1) and 3 x 4 = 12.
GOOD_PLAN = [
    {
        "kode": "7.01.03",
        "uraian": "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
        "indikator": "Persentase capaian",
        "satuan": "%",
        "target": "100%",
        "pagu": "1.000.000",
        "target_tw1": "100",
        "pagu_tw1": "400.000",
        "target_tw2": "100",
        "pagu_tw2": "200.000",
        "target_tw3": "100",
        "pagu_tw3": "200.000",
        "target_tw4": "100",
        "pagu_tw4": "200.000",
        "penanggung_jawab": "Camat",
    },
    {
        "kode": "7.01.03.2.01",
        "uraian": "Koordinasi Kegiatan Pemberdayaan Desa",
        "indikator": "Persentase koordinasi",
        "satuan": "%",
        "target": "100%",
        "pagu": "1.000.000,00",
        "target_tw1": "100",
        "pagu_tw1": "400.000",
        "target_tw2": "100",
        "pagu_tw2": "200.000",
        "target_tw3": "100",
        "pagu_tw3": "200.000",
        "target_tw4": "100",
        "pagu_tw4": "200.000",
        "penanggung_jawab": "Camat",
    },
    {
        "kode": "7.01.03.2.01.0001",
        "uraian": "Peningkatan Partisipasi Masyarakat dalam Musrenbang Desa",
        "indikator": "Jumlah Lembaga",
        "satuan": "Lembaga Kemasyarakatan",
        "target": "5 Lembaga Kemasyarakatan",
        "pagu": "300.000",
        "target_tw1": "5",
        "pagu_tw1": "300.000",
        "penanggung_jawab": "Kasi PMD",
    },
    {
        "kode": "7.01.03.2.01.0003",
        "uraian": "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat",
        "indikator": "Jumlah Laporan",
        "satuan": "Laporan",
        "target": "12 Laporan",
        "pagu": "700.000",
        "target_tw1": "3",
        "pagu_tw1": "100.000",
        "target_tw2": "3",
        "pagu_tw2": "200.000",
        "target_tw3": "3",
        "pagu_tw3": "200.000",
        "target_tw4": "3",
        "pagu_tw4": "200.000",
        "penanggung_jawab": "Kasi PMD",
    },
]


def write_plan(path: Path, rows: list[dict], header: list[str] = PLAN_HEADER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


REALISASI_HEADER = ["kode", "realisasi_target", "realisasi_anggaran", "keterangan"]


def write_realisasi_csv(path: Path, rows: list[list[str]]) -> Path:
    """A realisasi file as an office sends it: the header, then one list of cells per row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(REALISASI_HEADER)
        writer.writerows(rows)
    return path


def write_realisasi_xlsx(path: Path, rows: list[list[str]]) -> Path:
    """The same as a workbook, on a sheet named realisasi."""
    import openpyxl

    path.parent.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.active.title = "realisasi"
    for row in [REALISASI_HEADER, *rows]:
        book.active.append(row)
    book.save(path)
    return path


def plan_with(changes: dict[str, dict]) -> list[dict]:
    """GOOD_PLAN with some cells changed: {kode: {column: value}}."""
    return [{**row, **changes.get(row["kode"], {})} for row in GOOD_PLAN]


@pytest.fixture
def monev_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "monev_home"
    monkeypatch.setenv("MONEV_HOME", str(home))
    return home


def project_env(home: Path, seeds: Path | None = None, laporan: bool = False) -> dict:
    """The environment of a `monev` process on one home. The quarterly reports (a step after publish that lays
    out PDFs) are written only where a test asks for them (laporan=True: the shared Kalaena home, which
    tests/test_laporan.py reads); the other end-to-end tests' subject is what comes before them."""
    env = dict(os.environ, MONEV_HOME=str(home), DO_NOT_TRACK="1", GX_ANALYTICS_ENABLED="false")
    env["MONEV_LAPORAN_MALAM"] = "semua" if laporan else "tidak"
    if seeds is not None:
        env["MONEV_SEEDS"] = str(seeds)
    return env


def seeds_copy(target: Path, sample_kecamatan: tuple[str, ...] = ()) -> Path:
    """The repository's seeds with only the generated sample files of the given kecamatan, so that a
    test's fixtures do not depend on (or slow down with) the whole sample kabupaten."""
    from orchestration.settings import SEEDS_DIR

    shutil.copytree(SEEDS_DIR, target)
    for path in (target / "sampel").glob("*.csv"):
        if not any(f"_{kw}_" in path.name for kw in sample_kecamatan):
            path.unlink()
    return target


def run_refresh(home: Path, seeds: Path, *options: str, laporan: bool = False) -> subprocess.CompletedProcess:
    """`monev refresh [options]` on one MONEV_HOME and seeds folder, with an operator's environment (project_env),
    run through the command's own entry (orchestration.cli.main) in the test's process: its exit code, stdout and
    stderr as a process would give them. A process's start-up (Python, Dagster, dbt and their definitions,
    dbt's first parse: ~3-4 s of CPU) and Great Expectations' import (~2,7 s, in the worker process a refresh
    starts otherwise) are paid once per test worker instead of once per refresh. The tests that kill a refresh
    or run two at once (test_publish_robustness.py), the service's test (test_layanan_e2e.py) and the benchmark
    start real `monev refresh` processes."""
    import contextlib
    import io

    from orchestration.cli import main
    from orchestration.warehouse.gx_checkpoint import warm_up

    if "great_expectations" not in sys.modules:  # once per test worker: its refreshes run the checkpoints here
        warm_up()
    out, err = io.StringIO(), io.StringIO()
    saved, env = dict(os.environ), project_env(home, seeds, laporan)
    os.environ.clear()
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["refresh", *options])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(["monev", "refresh", *options], code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def kalaena_published(tmp_path_factory, worker_id):
    """One real refresh of Kalaena's document, its corrections log and its sample realisasi, published once per
    test run (the test workers share it: the first builds it under a lock) and read by the tests that only
    read; a test that changes anything works on a copy (copy_home)."""
    import fcntl
    import json

    shared = tmp_path_factory.getbasetemp().parent if worker_id != "master" else tmp_path_factory.mktemp("shared")
    root = shared / "kalaena"
    home, seeds, record = root / "monev_home", root / "seeds", root / "refresh.json"
    with open(shared / "kalaena.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            seeds_copy(seeds, sample_kecamatan=("73.24.10",))
            run = run_refresh(home, seeds, laporan=True)
            record.write_text(json.dumps({"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr}))
    result = json.loads(record.read_text())
    run = subprocess.CompletedProcess(["monev", "refresh"], result["returncode"], result["stdout"], result["stderr"])
    assert run.returncode == 0, run.stdout + run.stderr
    return home, seeds, run


def copy_home(home: Path, target: Path) -> Path:
    """A private copy of a MONEV_HOME (warehouse, archive, parse cache, builds) to change without touching
    the shared one."""
    shutil.copytree(home, target, symlinks=True)
    (target / "inbox").mkdir(exist_ok=True)
    return target


def monev(args: list[str], home: Path, seeds: Path, monkeypatch) -> tuple[int, str]:
    """A `monev` command run in the test's own process, on one MONEV_HOME and seeds folder (set with
    monkeypatch, for the rest of the test): its exit code and output."""
    import contextlib
    import io

    from orchestration.cli import main

    monkeypatch.setenv("MONEV_HOME", str(home))
    monkeypatch.setenv("MONEV_SEEDS", str(seeds))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(args)
    return code, buffer.getvalue()
