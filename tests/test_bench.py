"""The benchmark's arithmetic (orchestration/bench/run.py): phases read off a refresh's progress lines, the
median and range of several runs, and the table."""

from orchestration.bench.run import phases, render, spread

REFRESH = """monev: refreshing in /tmp/h
monev: [   6.8 s] archive: 0 files received in all; submissions: 82 files (82 read for the first time)
monev: [   7.1 s] reference data: nomenklatur 129 rows, wilayah 7285 rows, koreksi 62 rows
monev: [   7.2 s] dbt build: staging and rule models
monev: [  16.4 s] audit: 16 Great Expectations suites on the rule models
monev: [  22.6 s] audit: 0 blocking findings, 6 quarantining, 65 warnings
monev: [  22.7 s] gate: 5 file versions quarantined
monev: [  22.8 s] dbt build: accepted realisasi and marts
monev: [  28.2 s] published /tmp/h/warehouse/monev.duckdb (17 tables)
"""


def test_phases_are_the_intervals_between_progress_lines():
    found = phases(REFRESH, total=32.0)
    assert found == {
        "start-up (imports, Dagster definitions), archive, reading new files": 6.8,
        "reference data": 0.3,
        "dbt: staging, intermediate and rule models": 9.3,  # 16.4 - 7.1: the 0.1 s before dbt starts is carried
        "Great Expectations checkpoint validasi": 6.2,
        "gate": 0.1,
        "dbt: accepted versions and marts; mart warnings; publish": 5.5,  # 28.2 - 22.7
        "summary and exit": 3.8,
    }
    assert round(sum(found.values()), 2) == 32.0


def test_spread_and_table_show_the_median_and_the_range():
    assert spread([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "runs": [3.0, 1.0, 2.0]}
    seconds = {"seconds": spread([30.0, 24.0, 26.0]), "peak_mb": spread([500, 600, 550])}
    report = {
        "started": "2026-12-04T00:00:00+00:00",
        "runs": 3,
        "machine": {"cpus": 2, "memory_gb": 23, "cpu": "x", "duckdb": "2.0.1"},
        "sizes": {
            11: {
                "files": 77,
                "refresh": seconds,
                "nothing_new": {"seconds": spread([0.6, 0.5, 0.7]), "peak_mb": spread([60, 60, 60])},
                "floor": {"seconds": spread([0.5, 0.4, 0.6]), "peak_mb": spread([120, 120, 120])},
                "ratio": spread([60.0, 60.0, 43.3]),
            }
        },
        "incremental": None,
        "queries": None,
    }
    assert "| 11 | 77 | 26.0 (24.0-30.0) | 550 (500-600) | 0.60 (0.50-0.70) | 0.5 (0.4-0.6) | 120 (120-120) " in (
        render(report)
    )


def test_the_nightly_reports_are_shown_as_a_share_of_refresh_and_reports():
    """26 s of refresh (median) and 6,5 s of nightly reports: 6,5 / 32,5 = 20 %."""
    report = {
        "started": "2026-12-04T00:00:00+00:00",
        "runs": 1,
        "machine": {"cpus": 2, "memory_gb": 23, "cpu": "x", "duckdb": "2.0.1"},
        "sizes": {
            11: {
                "files": 77,
                "refresh": {"seconds": spread([26.0]), "peak_mb": spread([500])},
                "nothing_new": {"seconds": spread([0.5]), "peak_mb": spread([60])},
                "floor": {"seconds": spread([0.5]), "peak_mb": spread([120])},
                "ratio": spread([52.0]),
                "laporan": {"nightly": 6.5, "kecamatan 73.24.01": 3.2, "provinsi 73": 2.0},
            }
        },
        "incremental": None,
        "queries": None,
    }
    text = render(report)
    assert "Nightly reports at N = 11 (what the refresh writes after publishing): 6.5 s, 20 % of refresh" in text
    assert (
        "Laporan on demand at N = 11 (HTML and PDF, one process each): kecamatan 73.24.01 3.2 s, provinsi 73 2.0 s"
        in text
    )


def test_the_portal_check_is_shown_first_then_median_and_range():
    from orchestration.bench.run import render_portal

    portal = {"n": 7285, "file": "realisasi_94.71.02_2025_tw3.csv", "first": 2.31, "then": spread([0.5, 0.4, 0.9])}
    assert render_portal(portal) == [
        "",
        "Portal check at N = 7285 (realisasi_94.71.02_2025_tw3.csv, upload to findings page over HTTP): first "
        "2.31 s, then 0.50 (0.40-0.90) s",
    ]
