"""The inbox's intake: every refused entry recorded, moved to ditolak/ and told; a size cap while copying;
an archive quota per kecamatan; ledgers that survive a torn last line; leftovers of a killed publish removed."""

import errno
import hashlib
import json
import os
import subprocess
import sys

import pytest
from conftest import GOOD_PLAN, write_plan

from orchestration.warehouse import archive as archive_module
from orchestration.warehouse.archive import _copy_capped, archive_inbox, archived, refused_entries
from orchestration.warehouse.ledger import append_record, read_records


def setup(tmp_path):
    home = tmp_path / "home"
    inbox, arsip, ditolak = home / "inbox", home / "arsip", home / "ditolak"
    inbox.mkdir(parents=True)
    return home, inbox, arsip, ditolak


def test_every_kind_of_refused_entry_is_moved_to_ditolak_recorded_and_named(tmp_path):
    home, inbox, arsip, ditolak = setup(tmp_path)
    secret = tmp_path / "secret.csv"
    secret.write_text("not for the pipeline")
    os.symlink(secret, inbox / "rencana_73.24.01_2024.csv")
    os.mkfifo(inbox / "realisasi_73.24.02_2024_tw1.csv")  # opening it for reading would block this test for ever
    (inbox / "kiriman").mkdir()
    (inbox / "kiriman" / "rencana_73.24.03_2024.csv").write_text("x")
    (inbox / "rencana\n_73.24.04_2024.csv").write_bytes(b"abc")
    (inbox / "..rencana_73.24.05_2024.csv").write_bytes(b"abcd")
    (inbox / ".rencana_73.24.06_2024.csv").write_bytes(b"12345")  # hidden, still for long: a leftover
    os.utime(inbox / ".rencana_73.24.06_2024.csv", (1, 1))
    (inbox / ".rsync.rencana_73.24.07_2024.csv").write_bytes(b"uploading")  # hidden, just written: left alone
    big = bytes(range(256)) * 20  # 5.120 bytes over a limit of 1.000
    (inbox / "rencana_73.24.08_2024.csv").write_bytes(big)
    write_plan(inbox / "rencana_73.24.09_2024.csv", GOOD_PLAN)  # a good file beside them is archived

    received, refused = archive_inbox(inbox, arsip, ditolak, max_bytes=1000, quota_bytes=10**9, run_id="r1")

    assert [r.nama_berkas for r in received] == ["rencana_73.24.09_2024.csv"]
    by_name = {r.nama_berkas: r for r in refused}
    assert {n: r.jenis for n, r in by_name.items()} == {
        "rencana_73.24.01_2024.csv": "tautan",
        "realisasi_73.24.02_2024_tw1.csv": "fifo",
        "kiriman": "folder",
        "rencana\\n_73.24.04_2024.csv": "nama_tidak_aman",  # the newline shown escaped
        "..rencana_73.24.05_2024.csv": "nama_tidak_aman",
        ".rencana_73.24.06_2024.csv": "nama_tersembunyi",
        "rencana_73.24.08_2024.csv": "terlalu_besar",
    }
    # the message names what it is, in Bahasa Indonesia
    assert "tautan simbolik" in str(by_name["rencana_73.24.01_2024.csv"])
    assert "FIFO" in str(by_name["realisasi_73.24.02_2024_tw1.csv"])
    assert "[folder]" in str(by_name["kiriman"])
    # sizes where safe: none for a link, a FIFO or a folder
    assert {n: r.ukuran_byte for n, r in by_name.items()} == {
        "rencana_73.24.01_2024.csv": None,
        "realisasi_73.24.02_2024_tw1.csv": None,
        "kiriman": None,
        "rencana\\n_73.24.04_2024.csv": 3,
        "..rencana_73.24.05_2024.csv": 4,
        ".rencana_73.24.06_2024.csv": 5,
        "rencana_73.24.08_2024.csv": 5120,
    }
    large = by_name["rencana_73.24.08_2024.csv"]
    assert (large.byte_dibaca, large.sha256_dibaca) == (1001, hashlib.sha256(big[:1001]).hexdigest())
    assert large.kode_wilayah == "73.24.08"
    # only the in-progress upload stays in the inbox (the good file is archived and removed); every refused entry
    # is in ditolak/, whole and untouched
    assert sorted(p.name for p in inbox.iterdir()) == [".rsync.rencana_73.24.07_2024.csv"]
    assert all(r.dipindahkan and r.lokasi.startswith("ditolak/") for r in refused)
    moved = {r.nama_berkas: home / r.lokasi for r in refused}
    assert os.readlink(moved["rencana_73.24.01_2024.csv"]) == str(secret)
    assert moved["realisasi_73.24.02_2024_tw1.csv"].is_fifo()
    assert (moved["kiriman"] / "rencana_73.24.03_2024.csv").read_text() == "x"
    assert moved["rencana_73.24.08_2024.csv"].read_bytes() == big
    assert moved["rencana\\n_73.24.04_2024.csv"].read_bytes() == b"abc"
    # nothing of them reached the archive; the ledger has the seven, and a second pass adds none
    assert [e.nama_berkas for e in archived(arsip)] == ["rencana_73.24.09_2024.csv"]
    assert not list(arsip.glob("*.tmp"))
    assert len(refused_entries(ditolak)) == 7 and {r.run_id for r in refused_entries(ditolak)} == {"r1"}
    _, again = archive_inbox(inbox, arsip, ditolak, max_bytes=1000, quota_bytes=10**9)
    assert again == [] and len(refused_entries(ditolak)) == 7


def test_an_entry_that_cannot_be_moved_stays_with_its_record_as_marker_and_its_first_bytes_kept(tmp_path, monkeypatch):
    """ditolak/ on another file system than the inbox (os.rename fails with EXDEV, simulated at the OS call)."""
    home, inbox, arsip, ditolak = setup(tmp_path)
    big = b"kode,uraian\n" + b"7.01.03,x\n" * 10_000  # 100.012 bytes
    (inbox / "rencana_73.24.08_2024.csv").write_bytes(big)
    os.mkfifo(inbox / "rencana_73.24.02_2024.csv")

    def cross_device(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(src))

    monkeypatch.setattr(archive_module.os, "rename", cross_device)
    _, refused = archive_inbox(inbox, arsip, ditolak, max_bytes=70_000, quota_bytes=10**9)
    assert sorted((r.jenis, r.dipindahkan, r.lokasi) for r in refused) == [
        ("fifo", False, "inbox/rencana_73.24.02_2024.csv"),
        ("terlalu_besar", False, "inbox/rencana_73.24.08_2024.csv"),
    ]
    assert "tidak dapat dipindahkan" in str(refused[0])
    head = next(ditolak.glob("*/*.awal"))
    assert head.read_bytes() == big[: 64 * 1024]
    # the record is the marker: the entries are not considered (nor recorded) again
    _, again = archive_inbox(inbox, arsip, ditolak, max_bytes=70_000, quota_bytes=10**9)
    assert again == [] and len(refused_entries(ditolak)) == 2
    # a changed file under the same name is a new entry and is looked at again
    (inbox / "rencana_73.24.08_2024.csv").write_bytes(b"kode\n7.01.03\n")
    received, again = archive_inbox(inbox, arsip, ditolak, max_bytes=70_000, quota_bytes=10**9)
    assert again == [] and [r.nama_berkas for r in received] == ["rencana_73.24.08_2024.csv"]


def test_the_copy_stops_at_the_size_limit(tmp_path):
    """The cap holds while copying: of a file larger than the limit, limit + 1 bytes are read and hashed, the
    limit's worth written, and the caller is told it is over."""
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    data = b"0123456789" * 300  # 3.000 bytes
    source = tmp_path / "rencana_73.24.01_2024.csv"
    source.write_bytes(data)
    tmp, digest, size, over = _copy_capped(source, arsip, 1000)
    assert (size, over, digest) == (1001, True, hashlib.sha256(data[:1001]).hexdigest())
    assert tmp.read_bytes() == data[:1000]
    tmp, digest, size, over = _copy_capped(source, arsip, 3000)
    assert (size, over, digest, tmp.read_bytes()) == (3000, False, hashlib.sha256(data).hexdigest(), data)


def test_the_archive_quota_of_a_kecamatan_refuses_more_and_never_blocks_another(tmp_path):
    home, inbox, arsip, ditolak = setup(tmp_path)
    (inbox / "realisasi_73.24.01_2024_tw1.csv").write_bytes(b"a" * 2000)
    archive_inbox(inbox, arsip, ditolak, quota_bytes=3000)
    (inbox / "realisasi_73.24.01_2024_tw2.csv").write_bytes(b"b" * 1500)  # 2.000 + 1.500 > 3.000
    (inbox / "realisasi_73.24.02_2024_tw1.csv").write_bytes(b"c" * 2500)  # another kecamatan: its own quota
    received, refused = archive_inbox(inbox, arsip, ditolak, quota_bytes=3000)
    assert sorted(r.nama_berkas for r in received) == [
        "realisasi_73.24.01_2024_tw1.csv",
        "realisasi_73.24.02_2024_tw1.csv",
    ]
    assert [(r.nama_berkas, r.jenis, r.ukuran_byte) for r in refused] == [
        ("realisasi_73.24.01_2024_tw2.csv", "kuota_penuh", 1500)
    ]
    assert refused[0].alasan.startswith(
        "kuota arsip kecamatan 73.24.01 penuh: terpakai 2.000 byte dari 3.000 byte, berkas ini 1.500 byte"
    )
    assert (home / refused[0].lokasi).read_bytes() == b"b" * 1500  # kept, not lost


def test_the_archive_quota_setting(monkeypatch):
    from orchestration.settings import archive_quota_bytes

    monkeypatch.delenv("MONEV_KUOTA_ARSIP_MB", raising=False)
    assert archive_quota_bytes() == 200 * 1024 * 1024
    monkeypatch.setenv("MONEV_KUOTA_ARSIP_MB", "0.5")
    assert archive_quota_bytes() == 524288
    monkeypatch.setenv("MONEV_KUOTA_ARSIP_MB", "banyak")
    with pytest.raises(ValueError, match="MONEV_KUOTA_ARSIP_MB harus angka"):
        archive_quota_bytes()


def test_a_torn_last_ledger_line_is_set_aside_and_the_next_record_starts_clean(tmp_path):
    ledger = tmp_path / "penerimaan.jsonl"
    append_record(ledger, {"a": 1})
    append_record(ledger, {"b": 2})
    whole = ledger.read_bytes()
    ledger.write_bytes(whole[:-5])  # a crash in the middle of the second record: '{"b": 2}\n' (9 bytes) cut to '{"b"'
    assert read_records(ledger, repair=False).records == [{"a": 1}]  # a reader that only reads never fails
    read = read_records(ledger)
    assert read.records == [{"a": 1}] and read.set_aside == [b'{"b"']
    assert "1 baris rusak" in read.notice(ledger) and "penerimaan.jsonl.rusak" in read.notice(ledger)
    assert ledger.read_bytes() == b'{"a": 1}\n'
    side = (tmp_path / "penerimaan.jsonl.rusak").read_bytes()
    assert side.endswith(b'\n{"b"\n') and side.startswith(b"# disisihkan ")
    append_record(ledger, {"c": 3})
    assert read_records(ledger).records == [{"a": 1}, {"c": 3}]


def test_a_whole_last_record_without_its_newline_is_kept(tmp_path):
    ledger = tmp_path / "penerimaan.jsonl"
    ledger.write_bytes(b'{"a": 1}\n{"b": 2}')  # cut exactly before the newline
    read = read_records(ledger)
    assert read.records == [{"a": 1}, {"b": 2}] and not read.set_aside
    assert ledger.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert not (tmp_path / "penerimaan.jsonl.rusak").exists()


def test_after_a_torn_archive_ledger_new_files_are_archived_and_the_torn_ones_copy_is_recovered(tmp_path):
    """Before: every later archive_inbox (and so every refresh) failed with JSONDecodeError."""
    home, inbox, arsip, ditolak = setup(tmp_path)
    write_plan(inbox / "rencana_73.24.01_2024.csv", GOOD_PLAN)
    write_plan(inbox / "rencana_73.24.02_2024.csv", GOOD_PLAN[:2])
    archive_inbox(inbox, arsip, ditolak)
    ledger = arsip / "penerimaan.jsonl"
    lines = ledger.read_bytes().splitlines(keepends=True)
    ledger.write_bytes(lines[0] + lines[1][:40])  # the second record torn by a crash
    for p in inbox.iterdir():
        p.unlink()  # the office's files are gone from the inbox; their copies are in the archive
    write_plan(inbox / "rencana_73.24.03_2024.csv", GOOD_PLAN)
    result = archive_inbox(inbox, arsip, ditolak)
    assert sorted(r.nama_berkas for r in result.received) == [
        "rencana_73.24.01_2024.csv",
        "rencana_73.24.02_2024.csv",  # recovered from its archived copy (hash checked)
        "rencana_73.24.03_2024.csv",
    ]
    assert any("disisihkan" in n for n in result.notices)
    assert any("dicatat ulang" in n and "rencana_73.24.02_2024.csv" in n for n in result.notices)
    assert (arsip / "penerimaan.jsonl.rusak").read_bytes().endswith(lines[1][:40] + b"\n")
    assert len(read_records(ledger, repair=False).records) == 3


def test_leftover_publish_copies_are_removed_unless_a_live_writer_holds_them(tmp_path):
    import duckdb

    from orchestration.settings import Paths
    from orchestration.warehouse.publish import remove_leftovers

    paths = Paths(tmp_path)
    paths.warehouse_dir.mkdir()
    dead = paths.warehouse_dir / ".monev.killed-run.tmp.duckdb"
    duckdb.connect(str(dead)).close()  # a copy whose writer was killed a moment ago (recent: no age rule)
    (paths.warehouse_dir / ".monev.killed-run.tmp.duckdb.wal").write_bytes(b"x")
    (paths.warehouse_dir / ".monev.killed-run.previous.duckdb").write_bytes(b"link")
    live = paths.warehouse_dir / ".monev.live-run.tmp.duckdb"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(live)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ok"
        remove_leftovers(paths)
        assert sorted(p.name for p in paths.warehouse_dir.glob(".monev.*")) == [".monev.live-run.tmp.duckdb"]
    finally:
        writer.kill()
        writer.wait()
    remove_leftovers(paths)  # its writer is gone now
    assert list(paths.warehouse_dir.glob(".monev.*")) == []


def test_the_refused_ledger_feeds_the_raw_table(tmp_path):
    import duckdb

    from orchestration.warehouse.archive import write_refused_table

    home, inbox, arsip, ditolak = setup(tmp_path)
    (inbox / "sub").mkdir()
    archive_inbox(inbox, arsip, ditolak, run_id="r9")
    record = json.loads((ditolak / "penolakan.jsonl").read_text())
    with duckdb.connect() as con:
        assert write_refused_table(con, ditolak) == 1
        row = con.execute("select nama_berkas, jenis, jenis_teks, ukuran_byte, dipindahkan, run_id from raw.ditolak")
        assert row.fetchall() == [("sub", "folder", "folder", None, True, "r9")]
        utc, wita = con.execute("select ditolak_pada, ditolak_pada_wita from raw.ditolak").fetchone()
    assert utc == record["ditolak_pada"]
    # WITA is UTC+8 all year (no daylight saving)
    from datetime import datetime, timedelta

    assert datetime.fromisoformat(wita) == datetime.fromisoformat(utc).replace(tzinfo=None) + timedelta(hours=8)


@pytest.fixture
def published_copy(kalaena_published, tmp_path):
    from conftest import copy_home

    return copy_home(kalaena_published[0], tmp_path / "monev_home"), kalaena_published[1]


def fct_rows(warehouse, sql):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.e2e
def test_a_refresh_refuses_odd_entries_tells_them_publishes_the_rest_and_removes_publish_leftovers(
    published_copy, tmp_path, monkeypatch
):
    from conftest import monev, run_refresh

    home, seeds = published_copy
    inbox = home / "inbox"
    os.symlink(tmp_path, inbox / "rencana_73.24.01_2024.csv")
    os.mkfifo(inbox / "realisasi_73.24.10_2024_tw1_v9.csv")
    (inbox / "folder_kiriman").mkdir()
    (inbox / "rencana\n_73.24.04_2024.csv").write_bytes(b"kode\n")
    with open(inbox / "rencana_73.24.05_2024.csv", "wb") as big:
        big.truncate(21 * 1024 * 1024)  # over the 20 MB limit
    write_plan(inbox / "rencana_73.24.02_2024.csv", GOOD_PLAN)
    leftover = home / "warehouse" / ".monev.killed-run.tmp.duckdb"  # as a publish killed with kill -9 leaves it
    leftover.write_bytes(b"half-written")

    run = run_refresh(home, seeds)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Ditolak di kotak masuk" in run.stdout and ": 5" in run.stdout
    for words in ("[tautan simbolik (symlink)]", "[FIFO (pipa bernama)]", "[folder]", "[nama tidak aman, 5 byte]"):
        assert words in run.stdout, run.stdout
    assert "[berkas terlalu besar, 22.020.096 byte]" in run.stdout and "WITA" in run.stdout
    assert list(inbox.iterdir()) == []  # the good file archived and removed, the others moved to ditolak/
    assert not leftover.exists()
    warehouse = home / "warehouse" / "monev.duckdb"
    assert fct_rows(warehouse, "select count(*) from marts.fct_rencana_tahunan where kode_wilayah = '73.24.02'") == [
        (4,)
    ]
    assert sorted(
        fct_rows(warehouse, "select jenis, nama_berkas, ukuran_byte, dipindahkan from marts.fct_kiriman_ditolak")
    ) == [
        ("fifo", "realisasi_73.24.10_2024_tw1_v9.csv", None, True),
        ("folder", "folder_kiriman", None, True),
        ("nama_tidak_aman", "rencana\\n_73.24.04_2024.csv", 5, True),
        ("tautan", "rencana_73.24.01_2024.csv", None, True),
        ("terlalu_besar", "rencana_73.24.05_2024.csv", 22020096, True),
    ]
    assert not any("73.24.05" in str(p) for p in (home / "arsip").rglob("*"))  # nothing of it was archived
    code, out = monev(["status"], home, seeds, monkeypatch)
    assert code == 0 and "Entri kotak masuk yang ditolak sejak awal: 5" in out
    assert "DITOLAK realisasi_73.24.10_2024_tw1_v9.csv [FIFO (pipa bernama)]" in out


@pytest.mark.e2e
def test_a_torn_archive_ledger_no_longer_stops_every_refresh(published_copy):
    """Before: json.decoder.JSONDecodeError in every later refresh, nothing new archived, NOT published."""
    from conftest import run_refresh

    home, seeds = published_copy
    write_plan(home / "inbox" / "rencana_73.24.03_2024.csv", GOOD_PLAN)
    archive_inbox(home / "inbox", home / "arsip", home / "ditolak")
    assert not (home / "inbox" / "rencana_73.24.03_2024.csv").exists()  # archived, so gone from the inbox
    ledger = home / "arsip" / "penerimaan.jsonl"
    whole = ledger.read_bytes()
    torn = whole[: len(whole) - 30]  # the last record cut 30 bytes before its end, as a crash leaves it
    ledger.write_bytes(torn)
    write_plan(home / "inbox" / "rencana_73.24.02_2024.csv", GOOD_PLAN)  # a new valid file arrives

    run = run_refresh(home, seeds)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Diterbitkan: " in run.stdout
    assert "penerimaan.jsonl: 1 baris rusak" in run.stdout and "disisihkan" in run.stdout
    assert "dicatat ulang" in run.stdout and "rencana_73.24.03_2024.csv" in run.stdout
    assert (home / "arsip" / "penerimaan.jsonl.rusak").read_bytes().endswith(torn.splitlines()[-1] + b"\n")
    warehouse = home / "warehouse" / "monev.duckdb"
    published = fct_rows(
        warehouse,
        "select kode_wilayah, count(*) from marts.fct_rencana_tahunan "
        "where kode_wilayah in ('73.24.02', '73.24.03') group by 1 order by 1",
    )
    assert published == [("73.24.02", 4), ("73.24.03", 4)]
