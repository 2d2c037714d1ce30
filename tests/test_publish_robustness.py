"""A refresh killed at the worst moment, two refreshes at once, and the same refresh twice."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import GOOD_PLAN, copy_home, project_env, run_refresh, write_plan

pytestmark = pytest.mark.e2e  # runs monev refresh: as a process of its own where it is killed or runs twice

MONEV = [sys.executable, "-m", "orchestration.cli"]
MARTS_WITHOUT_RUN_DATA = (
    "select table_name from duckdb_tables() where schema_name = 'marts' and table_name not in ('publikasi') order by 1"
)


@pytest.fixture
def env(kalaena_published, tmp_path):
    """A private copy of the published Kalaena home (conftest.kalaena_published): every test starts from a
    published warehouse and may break its own copy."""
    home = copy_home(kalaena_published[0], tmp_path / "monev_home")
    return project_env(home, kalaena_published[1]), home


def refresh(env, *options):
    """`monev refresh` as a process of its own, as an operator starts it."""
    return subprocess.run([*MONEV, "refresh", *options], env=env, capture_output=True, text=True, timeout=600)


def refresh_here(env, *options):
    """A refresh that is neither killed nor run beside another, in the test's process (conftest.run_refresh)."""
    return run_refresh(Path(env["MONEV_HOME"]), Path(env["MONEV_SEEDS"]), *options)


def marts_digest(warehouse):
    """A digest of every published mart's content, in a stable order."""
    digest = hashlib.sha256()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for (table,) in con.execute(MARTS_WITHOUT_RUN_DATA).fetchall():
            for row in con.execute(f"select * from marts.{table} order by all").fetchall():
                digest.update(repr((table, row)).encode())
    return digest.hexdigest()


def test_nothing_new_builds_nothing_and_a_forced_rebuild_publishes_identical_marts(env):
    """The published home was refreshed once on these inputs. Refreshing again with nothing new says so, builds
    nothing and leaves the warehouse byte for byte; rebuilding anyway (--paksa) publishes the same marts."""
    environment, home = env
    warehouse = home / "warehouse" / "monev.duckdb"
    before, digest, builds = warehouse.read_bytes(), marts_digest(warehouse), sorted((home / "build").iterdir())
    run = refresh_here(environment)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Tidak ada yang baru sejak publikasi terakhir" in run.stdout
    assert "73.24.10" in run.stdout  # the published summary is shown
    assert warehouse.read_bytes() == before and sorted((home / "build").iterdir()) == builds
    forced = refresh_here(environment, "--paksa")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "Tidak ada yang baru" not in forced.stdout and "Diterbitkan: " in forced.stdout
    assert len(list((home / "build").iterdir())) == len(builds) + 1
    assert marts_digest(warehouse) == digest


def test_a_second_refresh_while_one_runs_exits_with_a_message(env):
    environment, home = env
    running = subprocess.Popen(
        [*MONEV, "refresh", "--paksa"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.time() + 60
        lock = home / "refresh.lock"
        while not lock.exists() or lock.read_text().strip() != f"pid {running.pid}":
            assert time.time() < deadline
            time.sleep(0.05)
        second = refresh(environment)
        assert second.returncode == 2
        assert "a refresh is already running" in second.stderr
        assert running.poll() is None  # the first one was not disturbed
    finally:
        running.kill()  # what the first refresh does next is tested elsewhere
        running.wait(timeout=60)


def test_every_bad_file_of_the_corpus_is_quarantined_and_published_data_stays(env):
    """The bad-input corpus dropped into the inbox: each file is refused with its reasons, nothing
    already published changes, and the refresh still publishes."""
    from pathlib import Path

    from orchestration.domain.submission import read_submission, sha256_of
    from orchestration.warehouse.archive import archive_inbox

    environment, home = env
    warehouse = home / "warehouse" / "monev.duckdb"
    query = "select * from marts.fct_rencana_tahunan where kode_wilayah = '73.24.10' order by kode"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kalaena_before = con.execute(query).fetchall()
    corpus = Path(__file__).parent / "corpus"
    # the files with at least one error (a warning-only file is a valid version and would rightly publish)
    bad = [
        p
        for p in sorted(corpus.glob("*/*"))
        if p.is_file() and p.suffix in (".csv", ".xlsx") and read_submission(p).errors
    ]
    assert len(bad) >= 25
    for path in bad:  # they arrive one after the other (several share a name): each is archived
        shutil.copyfile(path, home / "inbox" / path.name)
        _, refused = archive_inbox(home / "inbox", home / "arsip")
        assert refused == []
    run = refresh_here(environment)
    assert run.returncode == 0, run.stdout + run.stderr
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(query).fetchall() == kalaena_before
        states = dict(con.execute("select sha256, status from marts.fct_versi_kiriman").fetchall())
    expected = {path.parent.name: "dikarantina" for path in bad}
    assert {path.parent.name: states.get(sha256_of(path)) for path in bad} == expected


def rows_of(warehouse, kode_wilayah):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select count(*) from marts.fct_rencana_tahunan where kode_wilayah = ?", [kode_wilayah]
        ).fetchone()[0]


def _kill_when_publishing(victim, warehouse) -> str | None:
    """Kill the refresh (kill -9) while it writes the new warehouse file beside the published one."""
    deadline = time.time() + 300
    while victim.poll() is None and time.time() < deadline:
        if list(warehouse.parent.glob(".monev.*.tmp.duckdb")):
            os.killpg(victim.pid, signal.SIGKILL)
            return "publish: the new warehouse file being written"
        time.sleep(0.005)
    return None


def test_a_refresh_killed_at_any_moment_leaves_a_readable_warehouse_and_the_next_completes(env):
    """kill -9 at several moments of a refresh (the rule models' dbt build, the audit, the marts' dbt build, and
    while the new warehouse file is written beside the published one): each time the warehouse is the one
    before, byte for byte, and readable, and the parse cache, build folders and half-written copies left behind
    do not stop the next refresh, which publishes the new plan. Each refresh is killed as soon as its progress
    line (or the copy's file) says it has reached the moment, whatever the machine's speed."""
    environment, home = env
    warehouse = home / "warehouse" / "monev.duckdb"
    before = warehouse.read_bytes()
    write_plan(home / "inbox" / "rencana_73.24.03_2024.csv", GOOD_PLAN)  # so the next publish differs
    moments = []
    for marker in ("dbt build: staging and rule models", "audit: ", "dbt build: accepted realisasi and marts", None):
        victim = subprocess.Popen(
            [*MONEV, "refresh"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL if marker is None else subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        if marker is None:
            reached = _kill_when_publishing(victim, warehouse)
            assert reached, "the refresh finished before it could be killed during publish"
        else:
            reached = None
            for line in victim.stderr:  # the refresh's progress lines (plain lines: stderr is not a terminal)
                if line.startswith("monev:") and marker in line:
                    reached = line.strip()
                    break
            assert reached, f"the refresh ended before {marker!r}"
            os.killpg(victim.pid, signal.SIGKILL)
        victim.communicate()
        moments.append(reached)
        assert warehouse.read_bytes() == before, moments  # nothing is published before the copy is whole
        assert rows_of(warehouse, "73.24.03") == 0, moments  # and it is readable
    after = refresh_here(environment)
    assert after.returncode == 0, after.stdout + after.stderr
    assert rows_of(warehouse, "73.24.03") == 4
    assert not list(warehouse.parent.glob(".monev.*.tmp.duckdb"))  # the half-written copy is gone
