"""The service's parts without starting it: the instance's dagster.yaml written once, the notices (outbox, e-mail
through a local SMTP server, the run-failure sensor), `monev status` on the last run, and the supervisor's stop."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path

import dagster as dg
import pytest

from orchestration.layanan import TEMPLATE, pemberitahuan, prepare_dagster_home, riwayat
from orchestration.settings import PROJECT_ROOT, Paths


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in [k for k in os.environ if k.startswith(("MONEV_SMTP_", "DAGSTER_HOME"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("MONEV_HOME", str(tmp_path / "home"))
    return Paths(tmp_path / "home")


# ------------------------------------------------------------------------------------------------ dagster.yaml


def test_dagster_yaml_is_written_once_and_an_operators_edit_survives_a_refresh(home, monkeypatch):
    from orchestration.cli import _prepare_dagster_home  # what `monev refresh` calls before every run

    config = home.dagster_home / "dagster.yaml"
    _prepare_dagster_home()
    assert config.read_text() == TEMPLATE.read_text()
    edited = config.read_text().replace("max_concurrent_runs: 1", "max_concurrent_runs: 1  # operator: keep 1")
    edited += "\n# Operator: run storage moves to PostgreSQL next month.\n"
    config.write_text(edited)
    _prepare_dagster_home()
    assert config.read_text() == edited  # before: rewritten whenever it differed from the project's text
    assert os.environ["DAGSTER_HOME"] == str(home.dagster_home)


def test_the_earlier_default_is_replaced_once_by_the_template(home):
    home.dagster_home.mkdir(parents=True)
    (home.dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")  # what refresh used to write
    prepare_dagster_home(home)
    assert (home.dagster_home / "dagster.yaml").read_text() == TEMPLATE.read_text()


def test_an_unedited_earlier_template_gets_the_new_storage_and_an_edited_one_is_kept(home):
    """A home made before the event log kept its connections has the template of then (storage: sqlite):
    unedited, it becomes the template of now; edited by its operator, it stays as it is."""
    config = home.dagster_home / "dagster.yaml"
    home.dagster_home.mkdir(parents=True)
    earlier = (TEMPLATE.parent / "earlier_templates" / "dagster-2026-12-04.yaml").read_text()
    assert "  sqlite:\n" in earlier and "MonevSqliteStorage" not in earlier
    config.write_text(earlier)
    prepare_dagster_home(home)
    assert config.read_text() == TEMPLATE.read_text()
    with dg.DagsterInstance.get() as instance:
        assert type(instance.event_log_storage).__name__ == "EventLogKeepingEngines"

    edited = earlier.replace("max_concurrent_runs: 1", "max_concurrent_runs: 1  # operator: keep 1")
    config.write_text(edited)
    prepare_dagster_home(home)
    assert config.read_text() == edited


def test_the_template_makes_a_persistent_instance_with_one_run_at_a_time(home):
    prepare_dagster_home(home)
    with dg.DagsterInstance.get() as instance:  # DAGSTER_HOME set by prepare_dagster_home
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        assert instance.run_coordinator.get_run_queue_config().max_concurrent_runs == 1
        assert instance.run_monitoring_enabled and not instance.telemetry_enabled
        assert instance.is_persistent
        assert type(instance.event_log_storage).__name__ == "EventLogKeepingEngines"
    assert (home.dagster_home / "history" / "runs.db").is_file()


def _event(run_id: str, n: int):
    from dagster._core.events.log import EventLogEntry

    return EventLogEntry(error_info=None, level=20, user_message=f"event {n}", run_id=run_id, timestamp=1_000_000.0 + n)


def test_the_event_log_keeps_one_engine_per_file_and_at_most_keep_engines(tmp_path, monkeypatch):
    """Each run's SQLite file gets one engine however many events are stored in it; beyond KEEP_ENGINES files the
    least recently used engine is closed; every event is stored and read back, from a kept engine or a new one,
    and by a second storage on the same files (another process: the webserver)."""
    import sqlalchemy

    from orchestration.layanan import storage

    made = []
    real = storage.create_engine
    monkeypatch.setattr(storage, "create_engine", lambda *a, **k: made.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(storage, "KEEP_ENGINES", 3)
    log = storage.EventLogKeepingEngines(str(tmp_path))
    made.clear()  # the cross-run index, opened when the storage is made
    runs = [f"run{i}" for i in range(5)]
    for run_id in runs:
        for n in range(4):
            log.store_event(_event(run_id, n))
    assert len(made) == 5  # one engine per run file, not one per event (Dagster's own: 20)
    assert list(log._engines) == ["run2", "run3", "run4"]
    assert [e.user_message for e in log.get_logs_for_run("run0")] == [f"event {n}" for n in range(4)]
    assert len(made) == 6 and list(log._engines) == ["run3", "run4", "run0"]
    other = storage.EventLogKeepingEngines(str(tmp_path))
    assert [len(other.get_logs_for_run(r)) for r in runs] == [4] * 5
    log.store_event(_event("run4", 9))  # a kept engine sees what it writes next to the other storage's reads
    assert len(other.get_logs_for_run("run4")) == 5
    with log._engines["run4"].connect() as conn:  # a WAL file: synced at checkpoints, not at every commit
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL (Dagster's own: 2, FULL)
    kept = list(log._engines.values())
    log.dispose()
    assert log._engines == {} and all(isinstance(e, sqlalchemy.engine.Engine) for e in kept)
    other.dispose()


def test_a_wiped_event_log_forgets_its_engines_and_stores_again(tmp_path):
    from orchestration.layanan.storage import EventLogKeepingEngines

    log = EventLogKeepingEngines(str(tmp_path))
    log.store_event(_event("run0", 1))
    log.wipe()  # removes the files: a kept connection would write into a removed file
    assert "run0" not in log._engines and not (tmp_path / "run0.db").exists()
    log.store_event(_event("run0", 2))
    assert [e.user_message for e in log.get_logs_for_run("run0")] == ["event 2"]
    log.dispose()


# ----------------------------------------------------------------------------------------------------- notices


def refresh_report(home, run_id, postgres=None):
    """A refresh report as the publish asset writes it, with two findings on one quarantined version."""
    finding = {
        "aturan": "pagu_anak_sama_induk",
        "tingkat": "error",
        "dampak": "karantina",
        "nama_berkas": "rencana_73.24.02_2024.csv",
        "berkas_id": "aa11:rencana_73.24.02_2024.csv",
        "kode_wilayah": "73.24.02",
        "tahun": 2024,
        "pesan": "pagu program/kegiatan sama dengan jumlah pagu di bawahnya: seharusnya 1.000.000; ditemukan 900.000",
    }
    report = {
        "run_id": run_id,
        "published": True,
        "published_at": "2026-12-04T17:30:00+00:00",  # 01.30 WITA on the 5th
        "findings": [finding, {**finding, "aturan": "rencana_lengkap", "pesan": "sel kosong"}],
    }
    if postgres:
        report["postgres"] = postgres
    home.reports.mkdir(parents=True, exist_ok=True)
    (home.reports / "latest.json").write_text(json.dumps(report))
    (home.reports / "karantina").mkdir(exist_ok=True)
    (home.reports / "karantina" / "rencana_73.24.02_2024.csv.txt").write_text("LAPORAN PEMERIKSAAN BERKAS\n")


def refused_fifo(home, run_id):
    from orchestration.warehouse.archive import archive_inbox, write_intake_note

    home.inbox.mkdir(parents=True, exist_ok=True)
    os.mkfifo(home.inbox / "realisasi_73.24.03_2024_tw1.csv")
    intake = archive_inbox(home.inbox, home.archive, home.rejected, run_id=run_id)
    write_intake_note(home.build_dir(run_id), intake)


def test_a_refresh_notice_names_each_quarantined_file_its_report_the_refused_entry_and_postgres(home):
    run = "11112222-aaaa"
    refresh_report(home, run, postgres={"status": "gagal", "pesan": "koneksi ke 127.0.0.1:5432 ditolak"})
    refused_fifo(home, run)
    written = pemberitahuan.after_refresh(home, run)
    notice = json.loads(written.read_text())
    assert notice["judul"] == (
        "[Monev Kinerja] 1 berkas dikarantina, 1 entri kotak masuk ditolak, publikasi PostgreSQL gagal (run 11112222)"
    )
    text = written.with_suffix(".txt").read_text()
    assert "Penyegaran run 11112222, 05-12-2026 01.30 WITA: gudang data dipublikasikan." in text
    assert "  - rencana_73.24.02_2024.csv (kecamatan 73.24.02, tahun 2024): 2 masalah, antara lain: pagu" in text
    assert f"    Laporan lengkap: {home.reports / 'karantina' / 'rencana_73.24.02_2024.csv.txt'}" in text
    assert "DITOLAK realisasi_73.24.03_2024_tw1.csv [FIFO (pipa bernama)]" in text and "WITA" in text
    assert "Publikasi ke PostgreSQL GAGAL: koneksi ke 127.0.0.1:5432 ditolak" in text
    assert notice["surel"] == {"status": "tidak_dikonfigurasi"}
    assert written.name.endswith("-penyegaran-11112222.json")
    # once per run; and a version already told is not told again by the next refresh
    assert pemberitahuan.after_refresh(home, run) is None
    refresh_report(home, "33334444-bbbb")
    assert pemberitahuan.after_refresh(home, "33334444-bbbb") is None
    assert len(list(pemberitahuan.outbox(home).glob("*.json"))) == 1


def test_a_refresh_with_nothing_to_tell_writes_no_notice(home):
    home.reports.mkdir(parents=True)
    (home.reports / "latest.json").write_text(json.dumps({"run_id": "r1", "published": True, "findings": []}))
    assert pemberitahuan.after_refresh(home, "r1") is None
    assert not pemberitahuan.outbox(home).exists()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def test_a_notice_is_mailed_with_its_indonesian_subject_and_body(home, smtp_server, monkeypatch):
    port, received = smtp_server
    monkeypatch.setenv("MONEV_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MONEV_SMTP_PORT", str(port))
    monkeypatch.setenv("MONEV_SMTP_FROM", "monev@bappeda.luwutimurkab.go.id")
    monkeypatch.setenv("MONEV_SMTP_TO", "operator@bappeda.luwutimurkab.go.id, kasubbid@bappeda.luwutimurkab.go.id")
    run = "55556666-cccc"
    refresh_report(home, run)
    written = pemberitahuan.after_refresh(home, run)
    assert json.loads(written.read_text())["surel"]["status"] == "terkirim"
    assert len(received) == 1
    mail = received[0]
    assert str(make_header(decode_header(mail["Subject"]))) == ("[Monev Kinerja] 1 berkas dikarantina (run 55556666)")
    assert mail["To"] == "operator@bappeda.luwutimurkab.go.id, kasubbid@bappeda.luwutimurkab.go.id"
    body = message_from_bytes(mail.as_bytes()).get_payload(decode=True).decode("utf-8")
    assert "Berkas dikarantina (tidak dipakai; perbaiki masalahnya dan kirim ulang sebagai versi baru): 1" in body
    assert "05-12-2026 01.30 WITA" in body
    assert pemberitahuan.status_lines(home)[1:] == []  # nothing undelivered


def test_a_mail_that_cannot_be_sent_is_recorded_and_never_fails_the_run(home, monkeypatch):
    port = free_port()  # nobody listens on it
    monkeypatch.setenv("MONEV_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MONEV_SMTP_PORT", str(port))
    monkeypatch.setenv("MONEV_SMTP_FROM", "monev@localhost")
    monkeypatch.setenv("MONEV_SMTP_TO", "operator@localhost")
    written = pemberitahuan.run_failed(home, "77778888-dddd", "monev_refresh", [("dbt_mart_models", "dbt gagal")])
    notice = json.loads(written.read_text())
    assert notice["surel"]["status"] == "gagal" and f"127.0.0.1:{port}" in notice["surel"]["pesan"]
    assert written.with_suffix(".txt").read_text().startswith("[Monev Kinerja] Penyegaran GAGAL (run 77778888, ")
    lines = pemberitahuan.status_lines(home)
    assert lines[0].startswith(f"Pemberitahuan: 1 di {pemberitahuan.outbox(home)}; terakhir ")
    assert lines[1].startswith("  1 pemberitahuan BELUM TERKIRIM lewat surel")


def test_smtp_settings_missing_a_recipient_are_a_recorded_failure(home, monkeypatch):
    monkeypatch.setenv("MONEV_SMTP_HOST", "127.0.0.1")
    written = pemberitahuan.run_failed(home, "9999aaaa-eeee", "monev_refresh", [])
    assert json.loads(written.read_text())["surel"]["pesan"] == (
        "MONEV_SMTP_HOST diatur tetapi MONEV_SMTP_FROM atau MONEV_SMTP_TO kosong"
    )


# --------------------------------------------------------------------------- run-failure sensor, monev status


@dg.op
def langkah_rusak():
    raise RuntimeError("disk penuh saat menulis build.duckdb")


@dg.job(name="monev_refresh")  # the refresh job's name: `monev status` reads that job's runs
def gagal():
    langkah_rusak()


def test_a_failed_run_writes_a_notice_and_monev_status_shows_it_in_wita(home, monkeypatch):
    from orchestration.defs.automation.pemberitahuan import pemberitahuan_run_gagal

    prepare_dagster_home(home)  # the persistent instance `monev status` reads
    with dg.DagsterInstance.get() as instance:
        result = gagal.execute_in_process(instance=instance, raise_on_error=False)
        failure = next(e for e in result.all_events if e.event_type == dg.DagsterEventType.RUN_FAILURE)
        context = dg.build_run_status_sensor_context(
            sensor_name="pemberitahuan_run_gagal",
            dagster_event=failure,
            dagster_instance=instance,
            dagster_run=result.dagster_run,
        ).for_run_failure()
        pemberitahuan_run_gagal(context)
    run = result.run_id
    [written] = pemberitahuan.outbox(home).glob(f"*-run_gagal-{run[:8]}.txt")
    text = written.read_text()
    assert f"Run monev_refresh {run[:8]} GAGAL pada " in text and " WITA." in text
    assert "  - langkah_rusak: RuntimeError: disk penuh saat menulis build.duckdb" in text
    [line] = riwayat.status_lines(home)
    assert line.startswith(f"Penyegaran terakhir: run {run[:8]} GAGAL (mulai ") and "WITA" in line
    from conftest import monev

    code, out = monev(["status"], home.home, PROJECT_ROOT / "seeds", monkeypatch)
    assert code == 1 and line in out  # nothing published yet, and the failed run is said
    assert f"Pemberitahuan: 1 di {pemberitahuan.outbox(home)}" in out


# -------------------------------------------------------------------------------------------------- supervisor

SUPERVISOR = """
import sys, time
from orchestration.layanan.proses import Anak, run
sleeper = [sys.executable, "-c", "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
           "'import time; time.sleep(600)']); time.sleep(600)"]
stubborn = [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('siap', flush=True); time.sleep(600)"]
quitter = [sys.executable, "-c", "import time; time.sleep(3); raise SystemExit(7)"]
children = {"tenang": [Anak("daemon", sleeper), Anak("webserver", sleeper)],
            "bandel": [Anak("daemon", sleeper), Anak("portal", stubborn)],
            "mati": [Anak("daemon", sleeper), Anak("webserver", quitter)]}[sys.argv[1]]
print("pid", " ".join(str(0) for _ in children), flush=True)
sys.exit(run(children, dict(__import__("os").environ), out=sys.stdout, grace=float(sys.argv[2])))
"""


def supervise(case: str, grace: float = 4.0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(SUPERVISOR), case, str(grace)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def session_processes(session: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            if fields[0] not in ("Z", "X") and int(fields[3]) == session:
                found.append(int(entry.name))
    return found


def descendants_of(session_leader: int) -> list[int]:
    """Every live process started under the supervisor (its children are session leaders of their own)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                status = Path(f"/proc/{entry.name}/status").read_text()
            except OSError:
                continue
            ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
            if ppid == session_leader:
                found.append(int(entry.name))
    return [p for child in found for p in session_processes(child)]


@pytest.mark.parametrize("case", ["tenang", "bandel"])
def test_sigterm_stops_every_child_and_grandchild_within_seconds_and_exits_0(case):
    supervisor = supervise(case)
    assert supervisor.stdout.readline().startswith("pid")
    time.sleep(1.5)
    started = descendants_of(supervisor.pid)
    assert len(started) >= 3  # two children and at least one grandchild
    began = time.monotonic()
    supervisor.send_signal(signal.SIGTERM)
    code = supervisor.wait(timeout=15)
    took = time.monotonic() - began
    out = supervisor.stdout.read()
    assert code == 0 and took < 10, (took, out)
    assert "monev layanan: SIGTERM diterima; menghentikan 2 proses ..." in out
    assert not [p for p in started if os.path.exists(f"/proc/{p}") and _live(p)]
    if case == "bandel":  # one ignores SIGTERM: killed after the grace period
        assert "1 proses dipaksa berhenti (SIGKILL)" in out and took >= 4
    else:
        assert "berhenti dengan rapi." in out


def _live(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_a_child_that_dies_stops_the_others_with_an_indonesian_line_and_exit_1():
    supervisor = supervise("mati")
    code = supervisor.wait(timeout=30)
    out = supervisor.stdout.read()
    assert code == 1
    assert (
        "monev layanan: webserver berhenti sendiri (kode keluar 7); proses lain dihentikan dan layanan keluar "
        "dengan kode 1." in out
    )


def test_runs_a_killed_service_left_running_are_marked_failed_at_start_unless_a_refresh_holds_the_lock(home):
    from orchestration.layanan.proses import fail_interrupted_runs
    from tests.test_refresh_lock import held_elsewhere

    prepare_dagster_home(home)
    with dg.DagsterInstance.get() as instance:
        instance.add_run(
            dg.DagsterRun(job_name="monev_refresh", run_id="dead0001-run", status=dg.DagsterRunStatus.STARTED)
        )
        instance.add_run(
            dg.DagsterRun(job_name="monev_refresh", run_id="done0002-run", status=dg.DagsterRunStatus.SUCCESS)
        )
    with held_elsewhere(home):  # a `monev refresh` (or a daemon run) runs right now: its run is alive
        assert fail_interrupted_runs(home) == []
    assert fail_interrupted_runs(home) == ["dead0001-run"]
    with dg.DagsterInstance.get() as instance:
        assert instance.get_run_by_id("dead0001-run").status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id("done0002-run").status == dg.DagsterRunStatus.SUCCESS
    assert riwayat.recent_runs(home, limit=2)[1].status_teks == "GAGAL"


@pytest.mark.parametrize(("setting", "expected"), [("", 30), ("3", 3), ("120", 30), ("0", 30)])
def test_notices_follow_a_run_within_the_inbox_interval_or_30_seconds(setting, expected, monkeypatch):
    from orchestration.defs.automation import pemberitahuan as notices
    from orchestration.defs.automation.sensors import notice_interval_seconds

    monkeypatch.setenv("MONEV_SENSOR_INTERVAL_DETIK", setting)
    assert notice_interval_seconds() == expected
    monkeypatch.delenv("MONEV_SENSOR_INTERVAL_DETIK")  # as the definitions were loaded here
    assert notices.pemberitahuan_run_gagal.minimum_interval_seconds == notice_interval_seconds() == 30
    assert notices.pemberitahuan_penyegaran.minimum_interval_seconds == 30
