"""The refreshes the Dagster instance under $MONEV_HOME/dagster remembers (every run: `monev refresh`, the nightly
schedule, the inbox sensor), read from its SQLite run storage, read-only and without loading Dagster."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from orchestration.domain.waktu import waktu_wita
from orchestration.settings import Paths

JOB = "monev_refresh"
# Dagster's run states, as an operator reads them.
STATUS = {
    "SUCCESS": "berhasil",
    "FAILURE": "GAGAL",
    "CANCELED": "dibatalkan",
    "CANCELING": "sedang dibatalkan",
    "STARTED": "sedang berjalan",
    "STARTING": "sedang dimulai",
    "QUEUED": "menunggu giliran",
    "NOT_STARTED": "belum dimulai",
}
TRIGGERS = {
    "dagster/sensor_name": "sensor {}",
    "dagster/schedule_name": "jadwal {}",
}


@dataclass(frozen=True)
class Run:
    run_id: str
    status: str
    mulai: datetime | None
    selesai: datetime | None
    pemicu: str  # what started it, in Bahasa Indonesia

    @property
    def status_teks(self) -> str:
        return STATUS.get(self.status, self.status)

    def baris_teks(self) -> str:
        times = f"mulai {waktu_wita(self.mulai)}" if self.mulai else "belum mulai"
        if self.selesai:
            times += f", selesai {waktu_wita(self.selesai)}"
        return f"run {self.run_id[:8]} {self.status_teks} ({times}; dipicu {self.pemicu})"


def recent_runs(paths: Paths, limit: int = 1, job: str = JOB) -> list[Run]:
    """The latest runs of the refresh job, newest first; none when the instance has no run storage yet."""
    db = paths.dagster_home / "history" / "runs.db"
    if not db.is_file():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            rows = con.execute(
                "select run_id, status, start_time, end_time, run_body from runs where pipeline_name = ? "
                "order by id desc limit ?",
                [job, limit],
            ).fetchall()
    except sqlite3.Error:
        return []
    return [
        Run(run_id, status, _moment(start), _moment(end), _trigger(body)) for run_id, status, start, end, body in rows
    ]


def _moment(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp else None


def _trigger(body: str | None) -> str:
    try:
        tags = json.loads(body or "{}").get("tags") or {}
    except ValueError:
        tags = {}
    for tag, text in TRIGGERS.items():
        if tags.get(tag):
            trigger = text.format(tags[tag])
            if tags.get("monev/files"):
                trigger += f": {tags['monev/files']}"
            return trigger
    return "`monev refresh` atau Dagster UI"


def status_lines(paths: Paths) -> list[str]:
    """For `monev status`: the last refresh's outcome, failed ones included."""
    runs = recent_runs(paths)
    if not runs:
        return []
    line = f"Penyegaran terakhir: {runs[0].baris_teks()}"
    if runs[0].status == "FAILURE":
        line += "; rincian di Dagster UI dan dalam pemberitahuannya"
    return [line]
