"""Progress of a refresh: plain English lines off a terminal (what logs and `make bench` read), Indonesian lines
with each step's duration at a terminal."""

import io
import sys

import pytest

from orchestration.bench.run import phases
from orchestration.defs import progress as progres

MESSAGES = {
    "archive: 0 files received in all; submissions: 8 files (8 read for the first time), 460 rows, 8 cell errors": (
        "arsip: 0 berkas diterima seluruhnya; kiriman: 8 berkas (8 baru dibaca), 460 baris, 8 galat sel"
    ),
    "reference data: nomenklatur 129 rows, wilayah 7285 rows, koreksi 62 rows": (
        "data acuan: nomenklatur 129 baris, wilayah 7285 baris, koreksi 62 baris"
    ),
    "dbt build: staging and rule models": "dbt: staging dan model aturan",
    "audit: 20 Great Expectations suites on the rule models": "audit: 20 suite Great Expectations",
    "audit: 0 blocking findings, 1 quarantining, 32 warnings": (
        "audit: 0 temuan blokir, 1 temuan karantina, 32 peringatan"
    ),
    "gate: 1 file versions quarantined": "gerbang: 1 versi berkas dikarantina",
    "dbt build: accepted realisasi and marts": "dbt: versi yang diterima dan mart",
    "published /tmp/h/warehouse/monev.duckdb (19 tables)": "diterbitkan: /tmp/h/warehouse/monev.duckdb (19 tabel)",
    "reports: not written (MONEV_LAPORAN_MALAM=tidak)": "laporan: tidak ditulis (MONEV_LAPORAN_MALAM=tidak)",
}


@pytest.mark.parametrize("message", MESSAGES)
def test_every_step_of_the_refresh_reads_in_indonesian(message):
    assert progres.indonesian(message) == MESSAGES[message]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_off_a_terminal_each_step_is_one_plain_line_the_benchmark_reads(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progres, "_TERMINAL", None)  # the process's own terminal (pytest -s at a terminal)
    monkeypatch.setattr(progres, "_STARTED", progres.time.monotonic() - 6.8)
    progres.progress(None, "gate: 1 file versions quarantined")
    line = err.getvalue()
    assert line.startswith("monev: [   6.8 s] gate: 1 file versions quarantined") and line.count("\n") == 1
    assert set(phases(line, total=10.0)) == {"gate", "summary and exit"}


def test_at_a_terminal_a_step_is_indonesian_with_its_duration_and_a_spinner_runs(monkeypatch):
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.delenv("MONEV_PROGRESS", raising=False)
    monkeypatch.setattr(progres, "_state", {"live": None, "last": None})
    now = progres.time.monotonic()
    monkeypatch.setattr(progres, "_STARTED", now - 12.0)
    progres._state["last"] = now - 2.5  # the step before ended 2,5 s ago
    try:
        progres.progress(None, "gate: 1 file versions quarantined")
        assert progres._state["live"] is not None
    finally:
        progres.selesai()
    assert progres._state["live"] is None
    text = err.getvalue()
    assert "gerbang: 1 versi berkas dikarantina" in text
    assert "(+2.5 s)" in text and " 12.0 s " in text
    assert "gate:" not in text
