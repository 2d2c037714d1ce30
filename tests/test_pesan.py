"""What people read from `monev`: help in Bahasa Indonesia (English on request), the refresh summary's wording
and counts, and the quarantine report's status for a key with and without an accepted version."""

import contextlib
import io
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import main
from orchestration.pesan import atur_bahasa, bahasa_lingkungan, pilih_bahasa
from orchestration.rules.model import Finding
from orchestration.warehouse.audit import AuditResult
from orchestration.warehouse.summary import build_summary, format_summary


@pytest.fixture(autouse=True)
def indonesian_after():
    """main() sets the language of the process; leave it Indonesian for the tests that follow."""
    yield
    atur_bahasa("id")


SUBCOMMANDS = ("refresh", "check", "sql", "status", "template", "generate", "laporan", "ekspor", "docs")


def help_text(args: list[str], monkeypatch, env: dict | None = None) -> str:
    for name in ("MONEV_BAHASA", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 0
    return out.getvalue()


def test_monev_help_is_indonesian_with_examples_monev_home_and_exit_codes(monkeypatch):
    text = help_text(["--help"], monkeypatch)
    assert text.startswith("pemakaian: monev")
    assert "Contoh:\n  monev check rencana_73.24.10_2025.csv" in text
    assert "MONEV_HOME    folder data Monev" in text and "bawaan: ./data" in text
    assert "Kode keluar:\n  0  berhasil" in text and "3  masalah lingkungan" in text
    assert "    status              apa yang terbit" in text  # each subcommand listed with its line
    assert "show this help" not in text and "usage:" not in text


def test_every_registered_subcommand_is_described_in_the_catalogue(monkeypatch):
    """The subcommands other modules register (akun, portal, layanan, postgres) have their catalogue entries too."""
    from orchestration.pesan import ada

    listed = help_text(["--help"], monkeypatch).split("\n  {", 1)[1].split("}", 1)[0].split(",")
    assert set(SUBCOMMANDS) <= set(listed)
    for command in listed:
        assert all(ada(f"{command}.{part}") for part in ("help", "deskripsi", "contoh")), command
        test_every_subcommand_has_a_description_and_an_example_in_both_languages(command, monkeypatch)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_a_description_and_an_example_in_both_languages(command, monkeypatch):
    indonesian = help_text([command, "--help"], monkeypatch)
    english = help_text([command, "--help", "--bahasa", "en"], monkeypatch)
    for text, usage, example, home in (
        (indonesian, "pemakaian:", "Contoh:", "bawaan: ./data"),
        (english, "usage:", "Examples:", "default: ./data"),
    ):
        assert text.startswith(f"{usage} monev {command}")
        # a description paragraph between the usage and the first argument group
        description = text.split("\n\n")[1]
        assert len(description) > 40 and not description.startswith(("opsi", "options", "argumen"))
        assert f"{example}\n  monev {command}" in text or f"{example}\n  MONEV_HOME" in text
        assert home in text and ("Kode keluar" in text or "Exit codes" in text)
    assert indonesian != english
    assert "tampilkan bantuan ini lalu keluar" in indonesian and "show this help message" in english


def test_english_from_the_environment_and_the_command_line_wins(monkeypatch):
    assert bahasa_lingkungan({"LANG": "en_US.UTF-8"}) == "en"
    assert bahasa_lingkungan({"LANG": "C.UTF-8"}) == "id"
    assert bahasa_lingkungan({"LANG": "en_US.UTF-8", "MONEV_BAHASA": "id"}) == "id"
    assert bahasa_lingkungan({"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}) == "id"
    assert pilih_bahasa(["--bahasa", "id", "status"], {"LANG": "en_US.UTF-8"}) == "id"
    assert pilih_bahasa(["status", "--bahasa=en"], {}) == "en"
    assert help_text(["status", "--help"], monkeypatch, {"LANG": "en_GB.UTF-8"}).startswith("usage: monev status")
    assert help_text(["status", "--help"], monkeypatch, {"MONEV_BAHASA": "en"}).startswith("usage: monev status")


def test_a_usage_error_is_indonesian_and_exits_2(monkeypatch, capsys):
    monkeypatch.delenv("LANG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        main(["template", "73.24.10"])
    assert exit_.value.code == 2
    assert "monev template: galat: argumen berikut wajib diisi: tahun" in capsys.readouterr().err


# --- the refresh summary, on a small build database made by hand


def summary_database() -> duckdb.DuckDBPyConnection:
    """Kalaena's 2024 plan accepted (program 7.01.03 of 1.000.000, one of its sub-kegiatan corrected) and its
    2025 plan refused; a 2024 realisasi TW1 accepted and a TW2 version quarantined twice over."""
    con = duckdb.connect()
    con.execute("create schema intermediate; create schema staging; create schema marts")
    con.execute("create table intermediate.int_rencana__diterima as select 'A' as berkas_id")
    con.execute("""create table intermediate.int_rencana__node as select * from (values
        ('A', '7.01.03', '73.24.10', 2024, 'kiriman', 'program', 'P', 'P'),
        ('A', '7.01.03.2.01', '73.24.10', 2024, 'kiriman', 'kegiatan', 'K', 'K'),
        ('A', '7.01.03.2.01.0001', '73.24.10', 2024, 'kiriman', 'subkegiatan', 'S', 'S lama'),
        ('B', '7.01.03', '73.24.10', 2025, 'kiriman', 'program', 'P', 'P'))
        t(berkas_id, kode, kode_wilayah, tahun, sumber, level, uraian, uraian_terbit)""")
    con.execute("""create table intermediate.int_rencana__nilai as select * from (values
        ('A', '7.01.03', 'pagu', 1000000::decimal(18,2), false),
        ('A', '7.01.03.2.01', 'pagu', 1000000::decimal(18,2), false),
        ('B', '7.01.03', 'pagu', 5::decimal(18,2), false))
        t(berkas_id, kode, kolom, nilai, dikoreksi)""")
    con.execute("""create table staging.stg_referensi__wilayah as select * from (values
        ('73.24.10', 'Kalaena'), ('73.24.01', 'Burau')) t(kode_wilayah, nama_kecamatan)""")
    con.execute("""create table marts.fct_versi_kiriman as select * from (values
        ('73.24.10', 2024, 'realisasi', 1, 'diterima'),
        ('73.24.10', 2024, 'realisasi', 2, 'dikarantina'),
        ('73.24.10', 2024, 'realisasi', 2, 'dikarantina'),
        ('73.24.10', 2025, 'rencana', null, 'dikarantina'))
        t(kode_wilayah, tahun, jenis, triwulan, status)""")
    return con


def test_the_summary_names_a_refused_plans_kecamatan_and_counts_versions_apart_from_findings():
    warnings = [
        Finding("ikm_sampel", "ikm_sampel", {"sampel_minimum": 384, "responden": 120}, kode_wilayah="73.24.10", tahun=y)
        for y in (2024, 2024, 2024)
    ]
    with summary_database() as con:
        summary = build_summary(con, AuditResult(findings=warnings), published=True)
    assert [(r["kode_wilayah"], r["nama_kecamatan"], r["tahun"]) for r in summary] == [
        ("73.24.10", "Kalaena", 2024),
        ("73.24.10", "Kalaena", 2025),  # refused: not "?"
    ]
    accepted, refused = summary
    assert (accepted["node"], Decimal(accepted["pagu_program"]), accepted["dikoreksi"]) == (3, Decimal(1000000), 1)
    assert (accepted["realisasi"], accepted["dikarantina"], accepted["error"], accepted["peringatan"]) == (
        "TW1",
        2,
        0,
        3,
    )
    assert (refused["node"], refused["dikarantina"], refused["dipublikasikan"]) == (0, 1, False)
    lines = format_summary(summary).splitlines()
    words = [" ".join(line.split()) for line in lines]
    assert words[0] == (
        "kode_wilayah kecamatan tahun sumber node pagu program (Rp) koreksi realisasi "
        "versi dikarantina temuan blokir temuan peringatan status"
    )
    assert words[1] == "73.24.10 Kalaena 2024 kiriman 3 1.000.000 1 TW1 2 0 3 diterbitkan"
    assert words[2] == "73.24.10 Kalaena 2025 - 0 - 0 - 1 0 0 TIDAK diterbitkan"
    assert lines[3].startswith("(versi dikarantina: banyaknya versi berkas yang ditolak; temuan blokir")
    assert "published" not in "\n".join(lines)
    assert format_summary(summary, "en").splitlines()[1].endswith("  published")


# --- the quarantine report


def report_database(tmp_path, *versions: tuple[str, str]) -> duckdb.DuckDBPyConnection:
    """raw.berkas with the given (berkas_id, nama_berkas) realisasi versions of Kalaena 2024 TW2, the
    reader's problems table (empty) and the reference's kecamatan names."""
    con = duckdb.connect(str(tmp_path / "build.duckdb"))
    con.execute("create schema raw")
    con.execute(
        "create table raw.berkas (berkas_id varchar, nama_berkas varchar, jenis varchar, kode_wilayah varchar, "
        "tahun varchar, triwulan varchar, versi varchar, diterima_pada varchar)"
    )
    for number, (berkas_id, nama) in enumerate(versions, start=1):
        con.execute(
            "insert into raw.berkas values (?, ?, 'realisasi', '73.24.10', '2024', '2', ?, ?)",
            [berkas_id, nama, str(number), "2026-12-03T17:05:00+00:00"],
        )
    con.execute(
        "create table raw.masalah_berkas (berkas_id varchar, nama_berkas varchar, sheet varchar, baris varchar, "
        "kolom varchar, kode varchar, aturan varchar, cek varchar, params varchar, tingkat varchar)"
    )
    con.execute("create table raw.wilayah as select '73.24.10' as kode_kecamatan, 'Kalaena' as nama_kecamatan")
    return con


def over_pagu(berkas_id: str, nama: str) -> Finding:
    return Finding(
        "realisasi_kumulatif_dalam_pagu",
        "realisasi_kumulatif_dalam_pagu",
        {"pagu": "300000", "realisasi_kumulatif": "400000", "triwulan": 2},
        nama_berkas=nama,
        berkas_id=berkas_id,
        baris=4,
        kolom="realisasi_anggaran",
        kode="7.01.03.2.01.0001",
        kode_wilayah="73.24.10",
        tahun=2024,
        triwulan=2,
    )


def test_a_report_names_the_accepted_version_that_stays_published(tmp_path):
    from orchestration.warehouse.report import write_quarantine_reports

    v1, v2 = "realisasi_73.24.10_2024_tw2.csv", "realisasi_73.24.10_2024_tw2_v2.csv"
    with report_database(tmp_path, ("b1", v1), ("b2", v2)) as con:
        (report,) = write_quarantine_reports(con, tmp_path / "karantina", [over_pagu("b2", v2)])
    assert report == tmp_path / "karantina" / f"{v2}.txt"
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[:8] == [
        "LAPORAN PEMERIKSAAN BERKAS (MONEV KINERJA)",
        f"Berkas    : {v2}",
        "Kecamatan : 73.24.10 Kalaena   Tahun: 2024",
        "Jenis     : realisasi triwulan 2",
        "Diterima  : 04-12-2026 01.05 WITA",  # 17.05 UTC is 01.05 the next day in Makassar
        "Status    : DIKARANTINA. Berkas ini tidak dipakai; versi yang diterima untuk kecamatan, tahun dan jenis",
        f"            berkas ini, {v1}, tetap dipublikasikan.",
        "            Perbaiki masalah di bawah dan kirim ulang sebagai versi baru.",
    ]
    assert lines[-2] == "Masalah:"
    assert lines[-1].startswith(f"  1. {v2}, baris 4, 7.01.03.2.01.0001, kolom realisasi_anggaran, triwulan 2: ")


def test_a_report_says_nothing_is_published_when_no_version_was_ever_accepted(tmp_path):
    from orchestration.warehouse.report import write_quarantine_reports

    v1, v2 = "realisasi_73.24.10_2024_tw2.csv", "realisasi_73.24.10_2024_tw2_v2.csv"
    with report_database(tmp_path, ("b1", v1), ("b2", v2)) as con:
        reports = write_quarantine_reports(con, tmp_path / "karantina", [over_pagu("b1", v1), over_pagu("b2", v2)])
    assert len(reports) == 2
    for report in reports:
        text = report.read_text(encoding="utf-8")
        assert (
            "Status    : DIKARANTINA. Berkas ini tidak dipakai. Belum ada versi yang diterima untuk kecamatan, "
            "tahun dan\n            jenis berkas ini, jadi belum ada data yang dipublikasikan untuknya.\n"
        ) in text
        assert "sebelumnya tetap" not in text and "tetap dipublikasikan" not in text


def test_every_indonesian_message_of_the_registry_is_free_of_english_filler():
    """Expected and found texts, rendered with missing parameters, in Bahasa Indonesia: no 'a value', no '(empty)'."""
    from orchestration.rules.model import render, template_fields
    from orchestration.rules.registry import RULES

    english = (" a value", "(empty)", " expected ", " found ", " an empty", " the file", " must be ")
    for rule in RULES.values():
        for check in rule.checks:
            for template in (check.expected.id, check.found.id):
                text = " " + render(template, dict.fromkeys(template_fields(template)), "id") + " "
                assert not [w for w in english if w in text], (check.code, text)


def test_a_report_of_a_version_replaced_by_a_later_accepted_one_asks_for_nothing(tmp_path):
    from orchestration.warehouse.report import write_quarantine_reports

    v1, v2 = "realisasi_73.24.10_2024_tw2.csv", "realisasi_73.24.10_2024_tw2_v2.csv"
    with report_database(tmp_path, ("b1", v1), ("b2", v2)) as con:
        (report,) = write_quarantine_reports(con, tmp_path / "karantina", [over_pagu("b1", v1)])
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[5:8] == [
        "Status    : DIKARANTINA. Berkas ini tidak dipakai; versi yang lebih baru untuk kecamatan, tahun dan jenis",
        f"            berkas ini, {v2}, sudah diterima dan dipublikasikan. Laporan ini hanya untuk arsip.",
        "",
    ]


# --- monev status on a small published warehouse made by hand


def status_home(tmp_path) -> Path:
    """A published warehouse with Kalaena's 2024 TW2 realisasi: v1 quarantined and replaced by v2 (accepted),
    and Burau's 2025 plan whose only version is quarantined; the reports of both quarantined versions."""
    home = tmp_path / "home"
    (home / "warehouse").mkdir(parents=True)
    with duckdb.connect(str(home / "warehouse" / "monev.duckdb")) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.publikasi as select 'abcdef0123456789' as run_id, "
            "timestamptz '2026-12-03 17:05:00+00' as dipublikasikan_pada, 'fct_versi_kiriman' as tabel, "
            "3 as jumlah_baris"
        )
        con.execute("""create table marts.fct_versi_kiriman as select * from (values
            ('73.24.10', 2024, 'realisasi', 2, 'realisasi_73.24.10_2024_tw2.csv', 'dikarantina', false, 'alasan A'),
            ('73.24.10', 2024, 'realisasi', 2, 'realisasi_73.24.10_2024_tw2_v2.csv', 'diterima', true, null),
            ('73.24.01', 2025, 'rencana', null, 'rencana_73.24.01_2025.csv', 'dikarantina', true, 'alasan B'))
            t(kode_wilayah, tahun, jenis, triwulan, nama_berkas, status, terbaru, alasan)""")
    folder = home / "reports" / "karantina"
    folder.mkdir(parents=True)
    for name in ("realisasi_73.24.10_2024_tw2.csv", "rencana_73.24.01_2025.csv"):
        (folder / f"{name}.txt").write_text("LAPORAN\n", encoding="utf-8")
    return home


def test_status_is_indonesian_in_wita_and_lists_the_current_quarantine_reports(tmp_path, monkeypatch):
    home = status_home(tmp_path)
    monkeypatch.setenv("MONEV_HOME", str(home))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["status"]) == 0
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        f"Gudang data terbit: {home / 'warehouse' / 'monev.duckdb'}",
        "  run abcdef01, diterbitkan 04-12-2026 01.05 WITA",
    ]
    start = lines.index(
        f"Laporan karantina yang berlaku (1; versi terbaru yang dikarantina, kantor perlu mengirim ulang) di "
        f"{home / 'reports' / 'karantina'}:"
    )
    assert lines[start + 1 : start + 3] == [
        f"  73.24.01     {home / 'reports' / 'karantina' / 'rencana_73.24.01_2025.csv.txt'}",
        "  dan 1 laporan versi dikarantina yang sudah digantikan versi lebih baru, di folder yang sama",
    ]
    text = "\n".join(lines)
    assert "versi diterima" in text and "accepted version" not in text and "published" not in text


def test_an_accepted_exception_gives_its_reason_in_the_language_of_the_message():
    """The corrections log's reason in Bahasa Indonesia (alasan_id) in the Indonesian message, English in English."""
    f = Finding(
        "pagu_anak_sama_induk",
        "pagu_anak_sama_induk.pengecualian",
        {
            "level": "kegiatan",
            "pagu_induk": "35408000",
            "jumlah_anak": "32658000",
            "banyak_anak": 2,
            "tingkat_anak": "sub-kegiatan",
            "selisih": "2750000",
            "alasan_pengecualian": "Audit R13: a row is probably missing.",
            "alasan_pengecualian__id": "Audit R13: kemungkinan satu baris hilang.",
        },
        kode_wilayah="73.24.10",
        tahun=2024,
        kode="7.01.01.2.09",
        kolom="pagu",
    )
    assert f.ditemukan("id").endswith("(pengecualian yang diterima: Audit R13: kemungkinan satu baris hilang.)")
    assert f.ditemukan("en").endswith("(accepted exception: Audit R13: a row is probably missing.)")
