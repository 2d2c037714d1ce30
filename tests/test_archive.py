"""The archive keeps every file received, byte for byte, once."""

import json
import os

from conftest import GOOD_PLAN, write_plan

from orchestration.warehouse.archive import archive_inbox, archived, plain_name
from orchestration.warehouse.ingest import discover_submissions


def ledger(archive):
    return [json.loads(line) for line in (archive / "penerimaan.jsonl").read_text().splitlines()]


def test_same_file_twice_is_archived_once_and_a_changed_file_is_a_new_version(tmp_path):
    inbox, archive = tmp_path / "inbox", tmp_path / "arsip"
    plan = write_plan(inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    original = plan.read_bytes()
    first, _ = archive_inbox(inbox, archive)
    assert not plan.exists()  # archived, then removed from the inbox
    write_plan(plan, GOOD_PLAN)  # the office sends the same file again
    again = archive_inbox(inbox, archive)
    assert len(first) == len(again.received) == 1 and len(ledger(archive)) == 1
    assert again.removed == ["rencana_73.24.01_2024.csv"] and not plan.exists()  # known: removed all the same
    write_plan(plan, GOOD_PLAN[:2])  # the office sends the same name with new content
    received, _ = archive_inbox(inbox, archive)
    assert [r.nama_berkas for r in received] == ["rencana_73.24.01_2024.csv"] * 2
    assert received[0].path.read_bytes() == original  # the first version is kept byte for byte
    assert received[1].path.read_bytes() == write_plan(tmp_path / "kembali.csv", GOOD_PLAN[:2]).read_bytes()
    assert received[0].diterima_pada < received[1].diterima_pada


def test_files_removed_from_the_inbox_stay_in_the_archive(tmp_path):
    inbox, archive = tmp_path / "inbox", tmp_path / "arsip"
    plan = write_plan(inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    archive_inbox(inbox, archive)
    assert not plan.exists()
    seeds = tmp_path / "seeds"
    (seeds / "dokumen").mkdir(parents=True)
    submissions = discover_submissions(seeds, archive)
    assert [(s.path.name, s.sumber) for s in submissions] == [("rencana_73.24.01_2024.csv", "kiriman")]
    assert submissions[0].diterima_pada == archived(archive)[0].diterima_pada


def test_links_and_odd_names_are_refused_and_nothing_is_written_outside(tmp_path):
    inbox, archive = tmp_path / "inbox", tmp_path / "arsip"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the pipeline")
    os.symlink(secret, inbox / "rencana_73.24.01_2024.csv")
    (inbox / ".hidden.csv").write_text("x")
    os.utime(inbox / ".hidden.csv", (1, 1))  # hidden and still for long: not an upload in progress
    (inbox / "sub").mkdir()
    received, refused = archive_inbox(inbox, archive)
    assert received == []
    assert sorted(r.jenis for r in refused) == ["folder", "nama_tersembunyi", "tautan"]
    # refused entries are moved into ditolak/ beside the archive (tests/test_intake.py); nothing else is written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arsip", "ditolak", "inbox", "secret.txt"]
    assert secret.read_text() == "not for the pipeline"


def test_plain_name():
    assert plain_name("rencana_73.24.10_2024.csv")
    for bad in ("../rencana.csv", "a/b.csv", "..\\x.csv", "x\x00.csv", "..", ".x", ""):
        assert not plain_name(bad)
