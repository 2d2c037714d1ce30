"""A refresh with nothing new: which changes count as new (orchestration/warehouse/fingerprint.py), and the
nightly schedule that skips when nothing is."""

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from orchestration.settings import SEEDS_DIR, Paths
from orchestration.warehouse.fingerprint import inbox_listing, input_fingerprint, nothing_new


@pytest.fixture
def published(tmp_path, monkeypatch):
    """A home whose published report records the fingerprint of its inputs, and a copy of the seeds."""
    for name in [k for k in os.environ if k.startswith("MONEV_")]:
        monkeypatch.delenv(name)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR / "referensi", seeds / "referensi")
    shutil.copy(SEEDS_DIR / "koreksi.csv", seeds / "koreksi.csv")
    paths = Paths(tmp_path / "home")
    (paths.archive / "ab" / "ab12").mkdir(parents=True)
    (paths.archive / "ab" / "ab12" / "rencana_73.24.01_2024.csv").write_text("kode;uraian\n")
    paths.inbox.mkdir(parents=True)
    paths.warehouse_dir.mkdir(parents=True)
    paths.warehouse.write_bytes(b"published")
    report = {"run_id": "0123456789", "published": True, "sidik_masukan": input_fingerprint(paths, seeds)}
    paths.reports.mkdir(parents=True)
    (paths.reports / "latest.json").write_text(json.dumps(report))
    return paths, seeds


def test_nothing_new_when_every_input_is_as_published(published):
    paths, seeds = published
    assert nothing_new(paths, seeds)["run_id"] == "0123456789"


def test_a_file_in_the_inbox_is_new(published):
    paths, seeds = published
    (paths.inbox / "anything.txt").write_text("x")
    assert nothing_new(paths, seeds) is None


def test_inbox_entries_the_published_run_saw_are_not_new_but_a_change_to_one_is(published):
    """A refused entry may be left in the inbox (and a file whose removal failed): the run records the inbox as
    it found it before archiving, less what it moved out; the same entries later are nothing new, a rewritten
    file is."""
    paths, seeds = published
    kept = paths.inbox / "rencana_73.24.01_2024.csv"
    kept.write_text("kode;uraian\n")
    (paths.inbox / "tautan.csv").symlink_to("/nonexistent")  # never followed
    seen = inbox_listing(paths)
    latest = paths.reports / "latest.json"
    report = json.loads(latest.read_text())
    latest.write_text(json.dumps({**report, "sidik_masukan": input_fingerprint(paths, seeds, seen)}))
    assert nothing_new(paths, seeds) is not None
    os.utime(kept, ns=(kept.stat().st_atime_ns, kept.stat().st_mtime_ns + 1_000_000_000))
    assert nothing_new(paths, seeds) is None


def test_files_under_a_linked_seed_folder_count(published, tmp_path):
    paths, seeds = published
    generated = tmp_path / "generated"
    generated.mkdir()
    (generated / "rencana_73.24.05_2024.csv").write_text("kode;uraian\n")
    (seeds / "sampel").symlink_to(generated, target_is_directory=True)
    before = input_fingerprint(paths, seeds)
    (generated / "rencana_73.24.05_2024.csv").write_text("kode;uraian\n7.01;X\n")
    assert input_fingerprint(paths, seeds) != before


def test_a_newly_archived_file_is_new(published):
    paths, seeds = published
    (paths.archive / "cd" / "cd34").mkdir(parents=True)
    (paths.archive / "cd" / "cd34" / "rencana_73.24.02_2024.csv").write_text("kode;uraian\n")
    assert nothing_new(paths, seeds) is None


def test_a_changed_seed_is_new(published):
    paths, seeds = published
    koreksi = seeds / "koreksi.csv"
    koreksi.write_text(koreksi.read_text() + "\n")
    assert nothing_new(paths, seeds) is None


def test_a_setting_that_changes_results_is_new_and_a_neutral_one_is_not(published, monkeypatch):
    paths, seeds = published
    monkeypatch.setenv("MONEV_VERBOSE", "1")
    monkeypatch.setenv("MONEV_DUCKDB_MEMORY", "3GB")
    assert nothing_new(paths, seeds) is not None
    monkeypatch.setenv("MONEV_TAHUN_MIN", "2020")
    assert nothing_new(paths, seeds) is None


def test_a_refresh_that_did_not_publish_or_no_warehouse_is_never_skipped(published):
    paths, seeds = published
    latest = paths.reports / "latest.json"
    report = json.loads(latest.read_text())
    latest.write_text(json.dumps({**report, "published": False}))
    assert nothing_new(paths, seeds) is None
    latest.write_text(json.dumps(report))
    paths.warehouse.unlink()
    assert nothing_new(paths, seeds) is None


def test_the_code_is_part_of_the_inputs(published, monkeypatch, tmp_path):
    """The same data with other code (a model, a rule, a suite) is new: the fingerprint covers the project."""
    import orchestration.warehouse.fingerprint as fingerprint

    paths, seeds = published
    project = tmp_path / "project"
    shutil.copytree(Path(fingerprint.PROJECT_ROOT) / "dbt_project" / "macros", project / "dbt_project" / "macros")
    monkeypatch.setattr(fingerprint, "PROJECT_ROOT", project)
    before = input_fingerprint(paths, seeds)
    macro = next((project / "dbt_project" / "macros").glob("*.sql"))
    macro.write_text(macro.read_text() + "\n-- changed\n")
    assert input_fingerprint(paths, seeds) != before

    changed = input_fingerprint(paths, seeds)  # a generic data test (dbt_project/tests/generic/) is code too
    test = project / "dbt_project" / "tests" / "generic" / "unique_combination.sql"
    test.parent.mkdir(parents=True)
    test.write_text("{% test unique_combination(model, columns) %}select 1 where false{% endtest %}\n")
    assert input_fingerprint(paths, seeds) != changed


def test_the_nightly_schedule_skips_when_nothing_is_new_and_runs_otherwise(published, monkeypatch):
    from orchestration.defs.automation.schedules import nightly_refresh

    paths, seeds = published
    monkeypatch.setenv("MONEV_HOME", str(paths.home))
    monkeypatch.setenv("MONEV_SEEDS", str(seeds))
    # the two settings point the schedule at this home; they are part of the inputs, so record them
    latest = paths.reports / "latest.json"
    latest.write_text(json.dumps({**json.loads(latest.read_text()), "sidik_masukan": input_fingerprint(paths, seeds)}))
    skipped = nightly_refresh(dg.build_schedule_context())
    assert isinstance(skipped, dg.SkipReason) and "01234567" in skipped.skip_message
    (paths.inbox / "rencana_73.24.03_2024.csv").write_text("kode;uraian\n")
    assert isinstance(nightly_refresh(dg.build_schedule_context()), dg.RunRequest)
