"""Every message of the reader comes from a registered check of a reader rule, in both languages.

The reader (``orchestration/domain/``) builds each problem from a check code and the parameters of its
message; the templates live in one place, ``orchestration/rules/pembaca.py``. Here every check is
produced by reading a small bad file (or, for the few defensive ones, by calling the reader's own
function), and every finding must render in Bahasa Indonesia and English with exactly the parameters
its templates name.
"""

from __future__ import annotations

import importlib
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import GOOD_PLAN, PLAN_HEADER, plan_with, write_plan
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from orchestration.domain import submission
from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target
from orchestration.domain.submission import file_name_problem, finding, read_submission
from orchestration.rules import pembaca
from orchestration.rules.model import template_fields
from orchestration.rules.registry import RULES

DOMAIN = Path(submission.__file__).parent
CORPUS = Path(__file__).parent / "corpus"
READER_RULES = {r.code: r for r in RULES.values() if r.layer == "pembaca"}
READER_CHECKS = {c.code: c for r in READER_RULES.values() for c in r.checks}

# One example per hint of number_hint, and what it must say (the check after the rule's code).
MONEY_EXAMPLES = {
    "umum": "--5",
    "desimal": "925.921,475",
    "tanda_strip": "-",
    "angka_lain": "\u0661\u0662\u0663",
    "kata": "satu juta",
    "koma_strip": "Rp 1.000.000,-",
    "huruf": "1.000.000 rupiah",
    "notasi_ilmiah": "3.84E6",
    "negatif_kurung": "(3.840.000)",
    "pemisah_inggris": "1,378,000",
    "spasi": "1 378 000",
    "koma_ganda": "1,5,0",
    "titik_desimal": "1.5",
    "kelompok_ribuan": "31.015.1250",
    "koma_akhir": "1.000,",
    "karakter": "#1.000",
}
TARGET_EXAMPLES = {
    **MONEY_EXAMPLES,
    "desimal": "1,23456",
    "huruf": "Dokumen 6",
    "notasi_ilmiah": "3,84E+06",
}
# Out of rule rentang_nilai's range (numbers.MAX_RUPIAH, MAX_TARGET): (parse, text)
RANGE_EXAMPLES = [(parse_rupiah, "1.000.000.000.000,01"), (parse_target, "1.000.000.000.001 Dokumen")]
FILE_NAMES = {
    "tanpa_folder": "rencana_73.24.10_2024\u200b.csv",
    "ascii": "rencana_73.24.10_2024_\u00e9.csv",
    "bukan_utf8": os.fsdecode(b"rencana_D\xe9sa_2024.csv"),
    "ekstensi": "rencana_73.24.10_2024.csv.exe",
    "tanpa_ekstensi": "rencana_73.24.10_2024",
    "jenis": "plan_73.24.10_2024.csv",
    "kode_wilayah": "rencana_73.24.1_2024.csv",
    "tahun": "rencana_73.24.10_24.csv",
    "akhiran": "rencana_73.24.10_2024_final.csv",
    "tanpa_triwulan": "realisasi_73.24.10_2024.csv",
    "triwulan": "realisasi_73.24.10_2024_tw5.csv",
    "triwulan_berlebih": "rencana_73.24.10_2024_tw1.csv",
    "versi": "rencana_73.24.10_2024_v1a.csv",
    "pola": "rencana.csv",
}


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list], title: str = "rencana", edit=None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if edit:
        edit(book, sheet)
    book.save(path)
    return path


def _plan_rows() -> list[list]:
    return [PLAN_HEADER] + [[r.get(h, "") or None for h in PLAN_HEADER] for r in GOOD_PLAN]


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _bad_files(folder: Path) -> list[Path]:
    """Small files that each make the reader produce checks the corpus does not."""
    f = folder
    (f / "a").mkdir(parents=True)
    files = [
        _write(f / "a/rencana_73.24.10_2024.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        _write(f / "a/rencana_73.24.11_2024.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        _write(f / "a/rencana_73.24.10_2024.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        _write(f / "a/rencana_73.24.11_2024.xlsx", b"%PDF-1.4\n"),
        _write(f / "a/rencana_73.24.12_2024.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 50),
        _write(f / "a/rencana_73.24.13_2024.xlsx", b"\xff\xfek\x00o\x00d\x00e\x00"),
        _write(f / "a/rencana_73.24.14_2024.xlsx", b"abc\xe9" + b"x" * 100),
        _write(f / "a/rencana_73.24.15_2024.xlsx", b""),
        _zip(f / "a/rencana_73.24.16_2024.xlsx", {}),
        _zip(
            f / "a/rencana_73.24.17_2024.xlsx",
            {"[Content_Types].xml": b"<x/>", **{f"p{i}.xml": b"" for i in range(submission.MAX_ZIP_PARTS)}},
        ),
        # a line longer than the CSV field limit with a byte that is not UTF-8: no cell can be named
        _write(f / "a/rencana_73.24.18_2024.csv", b"kode,uraian\n" + b"x" * 200_000 + b"\xe9,y\n"),
        _write(f / "a/rencana_73.24.19_2024.csv", (",".join(PLAN_HEADER) + '\n"7.01.03"x,a\n').encode()),
        _write(
            f / "a/rencana_73.24.20_2024.csv",
            (",".join(PLAN_HEADER) + "\n" + ("7.01.03," * 17 + "\n") * 400 + "7.01\x0003\n").encode(),
        ),
        write_plan(f / "a/rencana_73.24.21_2024.csv", [{**GOOD_PLAN[0], "uraian": "x" * 200_000}]),
        _csv(f / "b/rencana_73.24.10_2024.csv", ["kode", "uraian", "Kode"], [["7.01.03", "a", "b"]]),
        _csv(f / "b/rencana_73.24.11_2024.csv", ["", ""], [["7.01.03", "a"]]),
        _csv(
            f / "b/rencana_73.24.12_2024.csv",
            ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10))],
            [["1"] * 12],
        ),
        write_plan(f / "b/rencana_73.24.13_2024.csv", GOOD_PLAN, PLAN_HEADER + ["catatn", "Keterangan"]),
        write_plan(
            f / "b/rencana_73.24.14_2024.csv",
            plan_with(
                {
                    "7.01.03": {"kode": "", "pagu": ""},
                    "7.01.03.2.01": {"agregasi_target": "rata-rata", "arah_indikator": "atas"},
                    "7.01.03.2.01.0003": {
                        "target_akhir_tahun": "100%",
                        "pagu_tw1": "-100.000",
                        "target_tw1": "3.84E6",
                        "pagu_tw2": "(200.000)",
                    },
                }
            ),
        ),
        _csv(
            f / "b/kinerja_73.24.10_2024.csv",
            ["tabel", "no", "indikator", "tahun_target", "target"],
            [["iku", "1", "", "24", "Dokumen 6"], ["renstra", "2", "Indeks", "", "80"]],
        ),
        _csv(
            f / "b/realisasi_73.24.10_2024_tw1.csv",
            ["kode", "realisasi_target", "realisasi_anggaran", "keterangan"],
            [["7.01.03", "1", "", ""]],
        ),
        _csv(
            f / "b/ikm_73.24.10_2024.csv",
            ["no_responden", "tanggal", "layanan", *(f"u{i}" for i in range(1, 10))],
            [
                ["", "2024-13-01", "KTP", *["4"] * 9],
                ["2", "0000-01-01", "KTP", *["4"] * 9],
                ["3", "", "KTP", *["4"] * 9],
            ],
        ),
        _xlsx(f / "c/rencana_73.24.10_2024.xlsx", []),
        _xlsx(
            f / "c/rencana_73.24.11_2024.xlsx",
            _plan_rows(),
            edit=lambda book, sheet: [
                sheet.cell(row=2 + i // 18, column=1 + i % 18, value="=1+1") for i in range(submission.MAX_LISTED + 1)
            ],
        ),
        _xlsx(f / "c/rencana_73.24.12_2024.xlsx", _plan_rows(), edit=lambda book, sheet: sheet.merge_cells("X2:Y3")),
        _xlsx(
            f / "c/rencana_73.24.13_2024.xlsx",
            _plan_rows(),
            edit=lambda book, sheet: sheet.cell(row=3, column=len(PLAN_HEADER) + 2, value="lebih"),
        ),
        _chart_sheet(f / "c/rencana_73.24.14_2024.xlsx"),
        _no_sheet(f / "c/rencana_73.24.15_2024.xlsx"),
    ]
    (f / "d" / "rencana_73.24.10_2024.csv").mkdir(parents=True)
    os.mkfifo(f / "d" / "rencana_73.24.11_2024.csv")
    files += [
        f / "d" / "rencana_73.24.10_2024.csv",
        f / "d" / "rencana_73.24.11_2024.csv",
        f / "d" / "rencana_73.24.12_2024.csv",
    ]  # a folder, a FIFO, nothing
    big = f / "d" / "rencana_73.24.13_2024.csv"
    with big.open("wb") as handle:
        handle.truncate(submission.MAX_FILE_BYTES + 1)
    return files + [big]


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _chart_sheet(path: Path) -> Path:
    book = Workbook()
    data = book.active
    data.title = "data"
    data.append([1])
    data.append([2])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("rencana").add_chart(chart)
    book.save(path)
    return path


def _no_sheet(path: Path) -> Path:
    """A workbook whose sheet list is empty."""
    made = _xlsx(path.with_suffix(".tmp"), [])
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data, flags=re.DOTALL)
            target.writestr(info, data)
    made.unlink()
    return path


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> list:
    """Every finding the reader makes for the corpus and the files above, and for the few defensive
    checks, the finding its own function makes."""
    folder = tmp_path_factory.mktemp("messages")
    found = []
    with pytest.MonkeyPatch.context() as patch:
        paths = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".csv", ".xlsx"))
        found += [p for path in paths + _bad_files(folder) for p in read_submission(path).problems]
        patch.setattr(submission, "MAX_ROWS", 2)
        found += read_submission(write_plan(folder / "e" / "rencana_73.24.10_2024.csv", GOOD_PLAN)).problems
        found += read_submission(_xlsx(folder / "e" / "rencana_73.24.10_2024.xlsx", _plan_rows())).problems

        def unreadable(path):
            raise PermissionError(13, "Permission denied")

        patch.setattr(submission, "sha256_of", unreadable)
        found += read_submission(CORPUS / "05_bom_ok" / "rencana_73.24.10_2024.csv").problems
        patch.undo()

        def broken(path):
            raise ZeroDivisionError("division by zero")

        patch.setattr(submission, "_read_submission", broken)  # a defect of the reader itself
        found += read_submission(CORPUS / "05_bom_ok" / "rencana_73.24.10_2024.csv").problems
    error = submission._csv_error("kode\n", ",", [["kode"]], 1, "unknown CSV trouble")
    found.append(finding(error.cek, error.params, nama_berkas="rencana_73.24.10_2024.csv", baris=error.row))
    for name in FILE_NAMES.values():
        found.append(finding(*file_name_problem(name), nama_berkas=submission.shown_name(name)))
    for parse, examples in (
        (parse_rupiah, MONEY_EXAMPLES),
        (parse_target, TARGET_EXAMPLES),
        *((parse, {"rentang": text}) for parse, text in RANGE_EXAMPLES),
    ):
        for text in examples.values():
            with pytest.raises(NumberFormatError) as exc:
                parse(text)
            found.append(
                finding(
                    exc.value.cek,
                    exc.value.params,
                    nama_berkas="rencana_73.24.10_2024.csv",
                    baris=5,
                    kolom="pagu",
                    kode="7.01.03",
                )
            )
    return found


def test_the_reader_rules_are_registered_once_as_reader_rules():
    assert sorted(r.code for r in pembaca.RULES) == sorted(READER_RULES)
    for rule in READER_RULES.values():
        module, _, function = rule.where.rpartition(".")
        assert module.startswith("orchestration.domain.")
        assert callable(getattr(importlib.import_module(module), function)), rule.where
        assert rule.stage is None and rule.title.id != rule.title.en
        for check in rule.checks:
            assert check.code.startswith(rule.code + ".")
            assert check.expectation is None
            assert check.impact in ("karantina", "peringatan")


def test_every_reader_check_is_produced(produced):
    assert sorted({f.cek for f in produced}) == sorted(READER_CHECKS)


def test_every_finding_renders_in_both_languages_with_exactly_its_parameters(produced):
    for f in produced:
        check = READER_CHECKS[f.cek]
        names = set().union(
            *(template_fields(t) for t in (check.expected.id, check.expected.en, check.found.id, check.found.en))
        )
        assert set(f.params) == names, f.cek
        for bahasa in ("id", "en"):
            line = f.baris_teks(bahasa)
            assert "{" not in line and "}" not in line, line
            assert "(kosong)" not in line and "(empty)" not in line, line
        assert f.pesan("id") != f.pesan("en")
        assert f.baris_teks("id").startswith(("GALAT ", "PERINGATAN "))
        assert f.dampak == ("karantina" if f.tingkat == "error" else "peringatan")


ENGLISH = re.compile(r"\b(the|an|or|and|with|without|not|of|at|most|in|is|such|expected|found|empty|none|no)\b")


@pytest.mark.parametrize("code", sorted(READER_CHECKS))
def test_indonesian_templates_are_indonesian(code):
    check = READER_CHECKS[code]
    rule = READER_RULES[code.partition(".")[0]]
    for template in (check.expected.id, check.found.id, rule.title.id):
        words = re.sub(r"\{[^}]*\}|'[^']*'|\([^()]*'[^']*'\)", "", template)  # parameters and quoted names
        assert not ENGLISH.search(words), (code, template)
    assert (check.expected.id, check.found.id) != (check.expected.en, check.found.en)


def _literal_codes(text: str) -> set[str]:
    rules = "|".join(map(re.escape, READER_RULES))
    return set(re.findall(rf"""["']((?:{rules})\.[a-z0-9_]+)["']""", text))


def test_every_check_code_written_in_the_reader_is_registered():
    used = set()
    for path in DOMAIN.glob("*.py"):
        used |= _literal_codes(path.read_text(encoding="utf-8"))
    assert used and used <= set(READER_CHECKS), sorted(used - set(READER_CHECKS))
    # the rest are built from a name: a number hint (numbers.py) or a kind of content (_sniff)
    built = set(READER_CHECKS) - used
    assert {c.partition(".")[0] for c in built} <= {"format_rupiah", "format_target", "jenis_berkas", "rentang_nilai"}
    for code in built:
        rule, _, name = code.partition(".")
        if rule == "jenis_berkas":
            assert re.fullmatch(r"(csv|xlsx)_berisi_(xlsx|xls|pdf|biner|utf16)", name), code
        else:
            assert f'"{name}"' in (DOMAIN / "numbers.py").read_text(encoding="utf-8"), code


def test_a_message_names_file_row_code_and_column():
    parsed = read_submission(CORPUS / "35_malformed_numbers" / "rencana_73.24.10_2024.csv")
    first = next(f for f in parsed.problems if f.kolom == "pagu")
    assert first.baris_teks("id") == (
        "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu: format rupiah: seharusnya "
        "rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '1250'); "
        "ditemukan '31.015.1250'"
    )
    assert first.baris_teks("en") == (
        "ERROR rencana_73.24.10_2024.csv, row 5, 7.01.03.2.01.0003, column pagu: rupiah format: expected "
        "rupiah such as 1.378.000 or 1.378.000,00 (groups of three digits after each '.', not '1250'), "
        "found '31.015.1250'"
    )
    assert str(first) == first.baris_teks("en")


def test_a_quarantine_report_lists_the_reader_problems_in_bahasa_indonesia(tmp_path):
    import duckdb

    from orchestration.domain.submission import file_id
    from orchestration.rules.model import Finding
    from orchestration.warehouse.ingest import Submission, ingest_submissions
    from orchestration.warehouse.report import write_quarantine_reports

    path = CORPUS / "25_merged_cells" / "rencana_73.24.10_2024.xlsx"
    with duckdb.connect() as con:
        (parsed,) = ingest_submissions(con, [Submission(path, "kiriman")])
        berkas_id = file_id(path.name, parsed.sha256)
        check = RULES["berkas_terbaca"].checks[0]  # the audit's verdict on the whole version
        verdict = Finding(
            "berkas_terbaca",
            check.code,
            {"error_berat": 2},
            nama_berkas=path.name,
            berkas_id=berkas_id,
            kode_wilayah="73.24.10",
            tahun=2024,
        )
        (report,) = write_quarantine_reports(con, tmp_path, [verdict])
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        "LAPORAN PEMERIKSAAN BERKAS (MONEV KINERJA)",
        f"Berkas    : {path.name}",
        "Kecamatan : 73.24.10   Tahun: 2024",
    ]
    assert lines[lines.index("Masalah:") + 1 :] == [
        "  1. rencana_73.24.10_2024.xlsx [sheet rencana], baris 4, 7.01.03.2.01.0001, kolom uraian: sel gabungan: "
        "seharusnya satu nilai per sel (batalkan gabung sel dan isi setiap sel); ditemukan sel gabungan B4:B5",
        "  2. rencana_73.24.10_2024.xlsx [sheet rencana], baris 5, 7.01.03.2.01.0003, kolom uraian: isian wajib: "
        "seharusnya nama program, kegiatan atau sub-kegiatan; ditemukan sel kosong",
    ]  # the verdict on the whole version only restates them: not listed again
