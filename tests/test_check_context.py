"""What `monev check` reads beside the checked file: only that kecamatan's own files for the year."""

import pytest
from conftest import GOOD_PLAN, write_plan

from orchestration.warehouse import check


class Stop(Exception):
    pass


def test_check_reads_only_the_checked_kecamatan_and_year(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    (seeds / "dokumen").mkdir(parents=True)
    sampel = seeds / "sampel"
    for name in (
        "rencana_73.24.01_2024.csv",
        "rencana_73.24.01_2025.csv",
        "rencana_73.24.02_2024.csv",
        "realisasi_73.24.01_2024_tw1.csv",
        "realisasi_73.24.01_2024_tw2.csv",
        "realisasi_73.24.02_2024_tw1.csv",
    ):
        write_plan(sampel / name, GOOD_PLAN)  # content does not matter: nothing is read here
    checked = write_plan(tmp_path / "kirim" / "realisasi_73.24.01_2024_tw2_v2.csv", GOOD_PLAN)
    monkeypatch.setenv("MONEV_HOME", str(tmp_path / "home"))
    read = []

    def recorded(con, submissions):
        read.extend(s.path.name for s in submissions)
        raise Stop

    monkeypatch.setattr(check, "ingest_reference", lambda con, seeds_dir: None)
    monkeypatch.setattr(check, "ingest_submissions", recorded)
    with pytest.raises(Stop):
        check.check_files([checked], seeds_dir=seeds)
    # the checked file first, then its kecamatan's plan and earlier triwulan for 2024; not the other
    # kecamatan, not 2025, and not the received TW2 that the checked file would replace
    assert read == [
        "realisasi_73.24.01_2024_tw2_v2.csv",
        "realisasi_73.24.01_2024_tw1.csv",
        "rencana_73.24.01_2024.csv",
    ]
