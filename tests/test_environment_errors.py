"""Errors of the environment are one line in Bahasa Indonesia, an exit code of 3 and no traceback: a read-only,
full or missing MONEV_HOME, a warehouse locked by another process, a missing dbt profile.

Read-only and full homes are real file systems where the test may mount them (a read-only tmpfs and a 256 KB
tmpfs: this needs root or CAP_SYS_ADMIN, as in this project's CI container). Where mounting is refused, the
same error is raised at the OS boundary instead (the `open` of the refresh lock fails with EROFS or ENOSPC):
that simulates what the kernel would answer, and says so in the test's output."""

import errno
import subprocess
import sys
import uuid

import pytest
from conftest import project_env

from orchestration.cli import main


def _mount_tmpfs(target, size: str, readonly: bool) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if readonly else "")
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True)
    except OSError:
        return False
    return done.returncode == 0


@pytest.fixture
def small_fs(tmp_path):
    """A fresh tmpfs (read-only or tiny) at a private path, or None where this process may not mount."""
    mounted = []

    def make(size: str, readonly: bool = False):
        target = tmp_path / f"fs-{uuid.uuid4().hex[:8]}"
        if _mount_tmpfs(target, size, readonly):
            mounted.append(target)
            return target
        print(f"mount not permitted here: simulating {'EROFS' if readonly else 'ENOSPC'} at the OS boundary")
        return None

    yield make
    for target in mounted:
        subprocess.run(["umount", str(target)], check=False)


def run_main(args, monkeypatch, capsys, home):
    monkeypatch.setenv("MONEV_HOME", str(home))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line(code, out, err, *words):
    assert code == 3, out + err
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("monev: "), err
    for word in words:
        assert word in lines[0], lines[0]


def _simulate(monkeypatch, code: int):
    from orchestration.warehouse import locking

    def failing_open(path, *args, **kwargs):
        raise OSError(code, os_strerror(code), str(path))

    monkeypatch.setattr(locking, "open", failing_open, raising=False)


def os_strerror(code):
    import os

    return os.strerror(code)


def test_a_read_only_home(small_fs, tmp_path, monkeypatch, capsys):
    """Before: OSError [Errno 30] Read-only file system: …/refresh.lock, with a traceback."""
    home = small_fs("1m", readonly=True)
    if home is None:
        home = tmp_path / "home"
        home.mkdir()
        _simulate(monkeypatch, errno.EROFS)
    code, out, err = run_main(["refresh"], monkeypatch, capsys, home)
    assert_one_line(code, out, err, "hanya dapat dibaca", str(home / "refresh.lock"), "tidak berubah")


@pytest.mark.e2e
def test_a_full_home(small_fs, tmp_path, monkeypatch, capsys):
    """Before: sqlite3.OperationalError: disk I/O error from Dagster's event log, with a traceback. On a real
    256 KB file system the refresh starts and runs out of space in Dagster's storage; the message is the same
    whichever write fails first."""
    home = small_fs("256k")
    if home is None:
        home = tmp_path / "home"
        home.mkdir()
        _simulate(monkeypatch, errno.ENOSPC)
        code, out, err = run_main(["refresh"], monkeypatch, capsys, home)
    else:
        run = subprocess.run(
            [sys.executable, "-m", "orchestration.cli", "refresh"],
            env=project_env(home),
            capture_output=True,
            text=True,
            timeout=300,
        )
        code, out = run.returncode, run.stdout
        err = "\n".join(line for line in run.stderr.splitlines() if not line.startswith("monev: memperbarui di"))
    assert_one_line(code, out, err, "disk penuh", "Kosongkan ruang disk")


def test_a_home_whose_parent_is_missing_is_not_created_silently(tmp_path, monkeypatch, capsys):
    home = tmp_path / "disk-not-mounted" / "monev"
    code, out, err = run_main(["refresh"], monkeypatch, capsys, home)
    assert_one_line(code, out, err, "tidak ada", str(tmp_path / "disk-not-mounted"))
    assert not home.parent.exists()


def test_a_missing_dbt_profile(tmp_path, monkeypatch, capsys):
    from orchestration import settings

    monkeypatch.setattr(settings, "DBT_PROJECT_DIR", tmp_path / "dbt_project")  # a project without profiles.yml
    code, out, err = run_main(["refresh"], monkeypatch, capsys, tmp_path / "home")
    assert_one_line(code, out, err, "profil dbt tidak ditemukan", str(tmp_path / "dbt_project" / "profiles.yml"))


def test_a_warehouse_locked_by_another_process(tmp_path, monkeypatch, capsys):
    """An analyst's client holds the warehouse open for writing (not read_only): `monev status` and `monev sql`
    say so instead of a duckdb.IOException traceback."""
    home = tmp_path / "home"
    warehouse = home / "warehouse" / "monev.duckdb"
    warehouse.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        for command in (["status"], ["sql", "select 1"]):
            code, out, err = run_main(command, monkeypatch, capsys, home)
            assert_one_line(code, out, err, "sedang dikunci", f"PID {holder.pid}", "read_only=True")
    finally:
        holder.kill()
        holder.wait()
