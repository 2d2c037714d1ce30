"""Processed inbox files leave the inbox, and what is still there when the daemon starts starts no refresh."""

import json
import os
import shutil

import dagster as dg
from conftest import GOOD_PLAN, write_plan

from orchestration.defs.automation.sensors import inbox_sensor
from orchestration.settings import SEEDS_DIR, Paths
from orchestration.warehouse import archive as archive_module
from orchestration.warehouse.archive import archive_inbox, archived
from orchestration.warehouse.fingerprint import inbox_listing, input_fingerprint, listing_without


def test_an_archived_file_leaves_the_inbox_only_when_its_copy_reads_back(tmp_path, monkeypatch):
    inbox, arsip = tmp_path / "inbox", tmp_path / "arsip"
    plan = write_plan(inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    sent = plan.read_bytes()
    real_hash = archive_module._hash_head
    monkeypatch.setattr(archive_module, "_hash_head", lambda path, limit: (0, "0" * 64))  # a copy that reads wrong
    result = archive_inbox(inbox, arsip)
    assert plan.read_bytes() == sent and result.removed == []  # kept, and said why
    assert result.notices == [
        "rencana_73.24.01_2024.csv: salinan arsip tidak terbaca ulang dengan sidik yang sama; tetap di inbox"
    ]
    monkeypatch.setattr(archive_module, "_hash_head", real_hash)
    result = archive_inbox(inbox, arsip)  # the next pass: already archived, now verified, removed
    assert result.removed == ["rencana_73.24.01_2024.csv"] and not plan.exists()
    assert [r.path.read_bytes() for r in archived(arsip)] == [sent]


def test_a_file_replaced_while_being_archived_stays_in_the_inbox(tmp_path, monkeypatch):
    inbox, arsip = tmp_path / "inbox", tmp_path / "arsip"
    plan = write_plan(inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    copy = archive_module._copy_capped

    def copy_then_replace(path, archive, max_bytes):
        copied = copy(path, archive, max_bytes)
        write_plan(tmp_path / "baru.csv", GOOD_PLAN[:2]).rename(path)  # the office sends a newer file meanwhile
        return copied

    monkeypatch.setattr(archive_module, "_copy_capped", copy_then_replace)
    result = archive_inbox(inbox, arsip)
    assert result.removed == [] and plan.read_bytes() == write_plan(tmp_path / "b.csv", GOOD_PLAN[:2]).read_bytes()
    assert len(archived(arsip)) == 1  # the first file is archived; the newer one is for the next pass


def test_the_fingerprint_of_a_run_matches_the_inbox_it_leaves(tmp_path, monkeypatch):
    """The run records the inbox listing taken before archiving less what it moved out: after it, the same
    inputs are nothing new, though the archived file and a refused folder are gone from the inbox."""
    for name in [k for k in os.environ if k.startswith("MONEV_")]:
        monkeypatch.delenv(name)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR / "referensi", seeds / "referensi")
    paths = Paths(tmp_path / "home")
    write_plan(paths.inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    (paths.inbox / "folder").mkdir()
    before = inbox_listing(paths)
    result = archive_inbox(paths.inbox, paths.archive, paths.rejected)
    assert sorted(result.removed) == ["folder", "rencana_73.24.01_2024.csv"] and inbox_listing(paths) == []
    recorded = input_fingerprint(paths, seeds, listing_without(before, result.removed))
    assert recorded == input_fingerprint(paths, seeds)  # what the next check computes
    assert input_fingerprint(paths, seeds, before) != recorded  # the listing before archiving alone would differ


def published_home(tmp_path, monkeypatch):
    for name in [k for k in os.environ if k.startswith("MONEV_")]:
        monkeypatch.delenv(name)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR / "referensi", seeds / "referensi")
    paths = Paths(tmp_path / "home")
    monkeypatch.setenv("MONEV_HOME", str(paths.home))
    monkeypatch.setenv("MONEV_SEEDS", str(seeds))
    paths.warehouse_dir.mkdir(parents=True)
    paths.warehouse.write_bytes(b"published")
    paths.reports.mkdir(parents=True)
    return paths, seeds


def publish_fingerprint(paths, seeds):
    report = {"run_id": "0123456789", "published": True, "sidik_masukan": input_fingerprint(paths, seeds)}
    (paths.reports / "latest.json").write_text(json.dumps(report))


def test_the_sensor_starts_nothing_for_what_the_published_build_already_saw(tmp_path, monkeypatch):
    """Before: a fresh cursor (the daemon's first start) requested a refresh for every entry in the inbox."""
    paths, seeds = published_home(tmp_path, monkeypatch)
    write_plan(paths.inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    archive_inbox(paths.inbox, paths.archive, paths.rejected)  # archived and gone from the inbox
    os.mkfifo(paths.inbox / "pipa.csv")  # refused and left in place, as when ditolak/ cannot take it
    publish_fingerprint(paths, seeds)
    first = inbox_sensor(dg.build_sensor_context())  # a fresh cursor: the daemon starts
    assert first.run_requests == [] and "nothing new since the published build (run 01234567)" in first.skip_reason
    assert set(json.loads(first.cursor)) == {"pipa.csv", "arsip/penerimaan.jsonl"}
    write_plan(paths.inbox / "rencana_73.24.02_2024.csv", GOOD_PLAN)  # a new file is new
    second = inbox_sensor(dg.build_sensor_context(cursor=first.cursor))
    assert [r.tags["monev/files"] for r in second.run_requests] == ["rencana_73.24.02_2024.csv"]


def test_the_sensor_sees_a_file_the_portal_archived_directly(tmp_path, monkeypatch):
    paths, seeds = published_home(tmp_path, monkeypatch)
    staging = tmp_path / "unggah"
    write_plan(staging / "rencana_73.24.03_2024.csv", GOOD_PLAN)
    archive_inbox(staging, paths.archive, paths.rejected)  # as the portal does: the archive, not the inbox
    publish_fingerprint(paths, seeds)
    cursor = inbox_sensor(dg.build_sensor_context()).cursor  # published: nothing to do
    write_plan(staging / "rencana_73.24.04_2024.csv", GOOD_PLAN)
    archive_inbox(staging, paths.archive, paths.rejected)
    request = inbox_sensor(dg.build_sensor_context(cursor=cursor))
    assert [r.tags["monev/files"] for r in request.run_requests] == ["arsip/penerimaan.jsonl"]


def test_the_sensor_waits_while_a_refresh_is_queued_or_running(tmp_path, monkeypatch):
    from orchestration.defs.automation.schedules import monev_refresh

    paths, _ = published_home(tmp_path, monkeypatch)
    write_plan(paths.inbox / "rencana_73.24.04_2024.csv", GOOD_PLAN)
    with dg.instance_for_test() as instance:
        instance.add_run(
            dg.DagsterRun(job_name=monev_refresh.name, run_id="abcdef12-run", status=dg.DagsterRunStatus.STARTED)
        )
        waiting = inbox_sensor(dg.build_sensor_context(instance=instance))
        assert isinstance(waiting, dg.SkipReason) and "abcdef12" in waiting.skip_message
        instance.report_run_failed(instance.get_run_by_id("abcdef12-run"))
        assert len(inbox_sensor(dg.build_sensor_context(instance=instance)).run_requests) == 1
