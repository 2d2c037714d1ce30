"""`monev layanan` end to end: the real Dagster daemon, webserver and portal on a copy of Kalaena's published home.
An office sends a plan through the portal's HTTP API (log in, CSRF token, check, confirm) and a bad plan lands in
the inbox; the inbox sensor starts one refresh, it publishes, the inbox is emptied, the notice names the
quarantined file; SIGTERM stops every process of the service within 10 s, exit code 0."""

import contextlib
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from conftest import GOOD_PLAN, copy_home, plan_with, project_env, write_plan
from test_layanan import _live, descendants_of, free_port

from orchestration.layanan import TEMPLATE, pemberitahuan, riwayat
from orchestration.settings import Paths

pytestmark = pytest.mark.e2e

SANDI = "kalimat sandi kantor camat di timur"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
RUN_TIMEOUT = 300  # seconds for the sensor-triggered refresh (about 60-90 s on a loaded 2-core machine)


def wait_for(what, condition, timeout: float, service: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        assert service.poll() is None, f"the service ended while waiting for {what}:\n{log.read_text()[-4000:]}"
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


def sensor_ticks(paths: Paths) -> int:
    """How many ticks of the inbox sensor the daemon has finished (the instance's schedule storage)."""
    db = paths.dagster_home / "schedules" / "schedules.db"
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as con:
            return con.execute(
                "select count(*) from job_ticks where type = 'SENSOR' and status <> 'STARTED' "
                "and tick_body like '%\"inbox_sensor\"%'"
            ).fetchone()[0]
    except sqlite3.Error:  # the daemon has not created its tables yet
        return 0


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


def send_through_portal(base: str, plan: Path) -> str:
    """Log in, upload with the form's CSRF token, confirm: as the portal's pages do, without a browser."""
    with httpx.Client(base_url=base, timeout=60, follow_redirects=False) as client:
        login = client.get("/masuk")
        done = client.post("/masuk", data={"csrf": CSRF.search(login.text)[1], "nama": "burau", "sandi": SANDI})
        assert done.status_code == 303 and done.headers["location"] == "/riwayat", done.text
        form = client.get("/kirim")
        token = CSRF.search(form.text)[1]
        files = {"berkas": (plan.name, plan.read_bytes(), "text/csv")}
        fields = {"csrf": token, "kecamatan": "73.24.01", "jenis": "rencana", "tahun": "2024", "triwulan": ""}
        checked = client.post("/kirim", data=fields, files=files)
        assert checked.status_code == 303, checked.text
        page = client.get(checked.headers["location"])
        sent = client.post(checked.headers["location"] + "/kirim", data={"csrf": CSRF.search(page.text)[1]})
        assert sent.status_code == 303 and sent.headers["location"] == "/riwayat", sent.text
        return re.search(r"Berkas (\S+) terkirim", client.get("/riwayat").text)[1]


def test_the_service_refreshes_on_arrival_writes_the_notice_and_stops_on_sigterm(kalaena_published, tmp_path):
    from orchestration.portal import akun

    base, seeds, _ = kalaena_published
    home = copy_home(base, tmp_path / "monev_home")
    paths = Paths(home)
    akun.buat(home, "burau", "kecamatan", "73.24.01", SANDI, seeds)
    config = home / "dagster" / "dagster.yaml"
    operator = TEMPLATE.read_text().replace("dequeue_interval_seconds: 5", "dequeue_interval_seconds: 1")
    assert operator != TEMPLATE.read_text()
    operator += "# Operator: queued runs start within a second.\n"
    config.write_text(operator)  # an operator's edit: kept by the service and by its refresh
    env = {**project_env(home, seeds), "MONEV_SENSOR_INTERVAL_DETIK": "1"}
    port_dagster, port_portal = free_port(), free_port()
    log = tmp_path / "layanan.log"
    with open(log, "w") as out:
        service = subprocess.Popen(
            [
                *(sys.executable, "-m", "orchestration.cli", "layanan"),
                *("--port-dagster", str(port_dagster), "--port-portal", str(port_portal)),
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        # the webserver is asked at the end: it starts while the daemon and the portal work
        wait_for("the portal", lambda: answers(f"http://127.0.0.1:{port_portal}/masuk"), 180, service, log)
        # the inbox sensor has looked at least twice (the daemon logs each tick): what the published build saw
        # starts nothing
        wait_for("two ticks of the inbox sensor", lambda: sensor_ticks(paths) >= 2, 60, service, log)
        assert [r for r in riwayat.recent_runs(paths, limit=5) if "sensor" in r.pemicu] == []  # the fixture's only

        sent = send_through_portal(f"http://127.0.0.1:{port_portal}", write_plan(tmp_path / "r.csv", GOOD_PLAN))
        assert sent == "rencana_73.24.01_2024.csv"
        bad = plan_with({"7.01.03": {"pagu": "1.100.000"}})  # the program no longer adds up: quarantined
        write_plan(home / "inbox" / "rencana_73.24.03_2024.csv", bad)

        def refreshed():
            runs = [r for r in riwayat.recent_runs(paths, limit=5) if "sensor inbox_sensor" in r.pemicu]
            finished = [r for r in runs if r.status in ("SUCCESS", "FAILURE", "CANCELED")]
            return finished and not list((home / "inbox").iterdir()) and finished[0]

        run = wait_for("the sensor's refresh", refreshed, RUN_TIMEOUT, service, log)
        assert run.status == "SUCCESS", log.read_text()[-4000:]
        with duckdb.connect(str(home / "warehouse" / "monev.duckdb"), read_only=True) as con:
            states = dict(
                con.execute(
                    "select nama_berkas, status from marts.fct_versi_kiriman where kode_wilayah in ('73.24.01', "
                    "'73.24.03')"
                ).fetchall()
            )
        assert states == {"rencana_73.24.01_2024.csv": "diterima", "rencana_73.24.03_2024.csv": "dikarantina"}

        def notice():
            return next(
                (n for n in pemberitahuan.read_all(paths) if "rencana_73.24.03_2024.csv" in n["isi"]),
                None,
            )

        written = wait_for("the notice", notice, 90, service, log)
        assert written["jenis"] == "penyegaran" and "berkas dikarantina" in written["judul"]
        assert str(home / "reports" / "karantina" / "rencana_73.24.03_2024.csv.txt") in written["isi"]
        assert Path(written["rincian"]["berkas_teks"]).read_text().startswith("[Monev Kinerja] ")
        assert config.read_text() == operator
        wait_for("the webserver", lambda: answers(f"http://127.0.0.1:{port_dagster}/server_info"), 180, service, log)
        started = descendants_of(service.pid)
        assert len(started) >= 5  # daemon, webserver, portal and the code servers they started
    finally:
        began = time.monotonic()
        service.send_signal(signal.SIGTERM)
        code = service.wait(timeout=30)
        took = time.monotonic() - began
    assert code == 0 and took < 10, (code, took, log.read_text()[-3000:])
    assert not [p for p in started if _live(p)]
    assert "monev layanan: SIGTERM diterima" in log.read_text()
    assert json.loads((home / "reports" / "latest.json").read_text())["published"]
