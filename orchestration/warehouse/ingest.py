"""Write what was received into the build database's ``raw`` schema.

Every raw row keeps the file it came from (name and SHA-256), its row number and every cell as
received; parsed values sit beside the text as canonical decimal strings that staging casts.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target
from orchestration.domain.submission import (
    IKM_OPTIONAL,
    IKM_REQUIRED,
    KINERJA_OPTIONAL,
    KINERJA_REQUIRED,
    PLAN_MONEY,
    PLAN_OPTIONAL,
    PLAN_REQUIRED,
    PLAN_TARGETS,
    REALISASI_OPTIONAL,
    REALISASI_REQUIRED,
    UNSUR,
    ParsedFile,
    file_id,
    read_submission,
    sha256_of,
)
from orchestration.rules.model import Finding
from orchestration.rules.registry import RULES
from orchestration.settings import INBOX_SOURCE, SEED_SOURCES
from orchestration.warehouse.archive import archived
from orchestration.warehouse.gate import write_verdict
from orchestration.warehouse.text_tables import write_records, write_text_table

FILE_COLUMNS = ["berkas_id", "sha256", "nama_berkas", "kode_wilayah", "tahun", "sumber", "diterima_pada"]
BERKAS_COLUMNS = [
    "berkas_id",
    "sha256",
    "nama_berkas",
    "lokasi",
    "jenis",
    "kode_wilayah",
    "tahun",
    "triwulan",
    "versi",
    "diterima_pada",
    "sumber",
    "ukuran_byte",
    "jumlah_baris",
    "jumlah_error",
    "dibaca_pada",
]
VERSION_COLUMNS = [*FILE_COLUMNS, "triwulan", "versi"]
RENCANA_COLUMNS = [
    *VERSION_COLUMNS,
    "baris",
    *PLAN_REQUIRED,
    *PLAN_OPTIONAL,
    "kode_normal",
    "level",
    "kode_induk",
    "kode_sementara",
    "satuan_normal",
    "agregasi_target_normal",
    "arah_indikator_normal",
    *(f"{c}_nilai" for c in (*PLAN_MONEY, *PLAN_TARGETS)),
]
REALISASI_COLUMNS = [
    *VERSION_COLUMNS,
    "baris",
    *REALISASI_REQUIRED,
    *REALISASI_OPTIONAL,
    "kode_normal",
    "level",
    "kode_induk",
    "realisasi_target_nilai",
    "realisasi_anggaran_nilai",
    "satuan_realisasi",
]
SURVEI_COLUMNS = [
    *VERSION_COLUMNS,
    "baris",
    *IKM_REQUIRED,
    *IKM_OPTIONAL,
    "tanggal_nilai",
    *(f"{u}_nilai" for u in UNSUR),
]
KINERJA_COLUMNS = [
    *VERSION_COLUMNS,
    "baris",
    *KINERJA_REQUIRED,
    *KINERJA_OPTIONAL,
    "tahun_target_nilai",
    "target_nilai",
]
# One row per reader finding: where it is, its rule and check, the parameters of its message (JSON) and
# the message rendered in Bahasa Indonesia (pesan, diharapkan, ditemukan) and English (pesan_en).
MASALAH_COLUMNS = [
    "berkas_id",
    "sha256",
    "nama_berkas",
    "sheet",
    "baris",
    "kolom",
    "kode",
    "aturan",
    "cek",
    "tingkat",
    "dampak",
    "params",
    "pesan",
    "pesan_en",
    "diharapkan",
    "ditemukan",
]
KOREKSI_COLUMNS = [
    "kode_wilayah",
    "tahun",
    "kode",
    "kolom",
    "nilai_terbit",
    "nilai_koreksi",
    "jenis",
    "aturan",
    "alasan",
    "diputuskan_oleh",
    "tanggal",
    "kepastian",
    "asumsi",
    "alternatif",
    # alasan and asumsi in Bahasa Indonesia, as the reports print them (the English ones are the data team's record)
    "alasan_id",
    "asumsi_id",
]
# How sure a correction is: the printed numbers force it (ditentukan) or it is one reading among several (asumsi).
KEPASTIAN = ("ditentukan", "asumsi")
KOREKSI_KINDS = ("koreksi", "pengecualian")
KOREKSI_TEXT_COLUMNS = ("uraian", "indikator", "satuan", "penanggung_jawab", "agregasi_target")


@dataclass(frozen=True)
class Submission:
    path: Path
    sumber: str  # dokumen | sampel | kiriman
    diterima_pada: str | None = None  # arrival time of an archived submission (seeds have none)
    sha256: str | None = None  # known for archived files (the archive is content-addressed)


class CorrectionsLogError(ValueError):
    """The corrections log is ours: a bad row in it stops the run instead of being skipped."""


def discover_submissions(seeds_dir: Path, archive_dir: Path | None = None) -> list[Submission]:
    """The seed files and every file of the archive (see archive.py: the inbox is archived first)."""
    found = []
    for folder, sumber in SEED_SOURCES.items():
        for path in sorted((seeds_dir / folder).glob("*")):
            if path.is_file() and path.suffix.lower() in (".csv", ".xlsx"):
                found.append(Submission(path, sumber))
    if archive_dir is not None:
        found.extend(Submission(r.path, INBOX_SOURCE, r.diterima_pada, r.sha256) for r in archived(archive_dir))
    return found


def _read_reference_csv(path: Path) -> list[dict]:
    digest = sha256_of(path)
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {**row, "nama_berkas": path.name, "sha256": digest, "baris": index}
            for index, row in enumerate(csv.DictReader(handle), start=2)
        ]


def ingest_reference(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> dict[str, int]:
    """Nomenclature, regions and the corrections log into ``raw``."""
    con.execute("create schema if not exists raw")
    counts = {}
    for table, relative in (
        ("nomenklatur", "referensi/nomenklatur.csv"),
        ("wilayah", "referensi/wilayah_kecamatan.csv"),
    ):
        rows = _read_reference_csv(seeds_dir / relative)
        columns = list(rows[0].keys())
        counts[table] = write_records(con, f"raw.{table}", columns, rows)
    koreksi = read_corrections(seeds_dir / "koreksi.csv")
    counts["koreksi"] = write_records(
        con,
        "raw.koreksi",
        ["nama_berkas", "sha256", "baris", *KOREKSI_COLUMNS, "nilai_terbit_nilai", "nilai_koreksi_nilai"],
        koreksi,
    )
    return counts


def _translation_problems(where: str, row: dict) -> list[str]:
    """alasan_id on every entry; asumsi_id exactly where asumsi is stated (the Indonesian text of each)."""
    problems = []
    if not (row["alasan_id"] or "").strip():
        problems.append(f"{where}, column alasan_id: expected the reason in Bahasa Indonesia, found nothing")
    asumsi, asumsi_id = (row["asumsi"] or "").strip(), (row["asumsi_id"] or "").strip()
    if asumsi and not asumsi_id:
        problems.append(f"{where}, column asumsi_id: expected the assumption in Bahasa Indonesia, found nothing")
    elif asumsi_id and not asumsi:
        problems.append(f"{where}, column asumsi_id: expected empty, as asumsi is empty, found {row['asumsi_id']!r}")
    return problems


def read_corrections(path: Path) -> list[dict]:
    """Read and validate the corrections log; raises CorrectionsLogError listing every bad row."""
    rows = _read_reference_csv(path)
    problems = []
    if rows and set(KOREKSI_COLUMNS) - set(rows[0]):
        raise CorrectionsLogError(f"{path.name}: missing columns {sorted(set(KOREKSI_COLUMNS) - set(rows[0]))}")
    for row in rows:
        where = f"{path.name}, row {row['baris']}"
        if row["jenis"] not in KOREKSI_KINDS:
            problems.append(f"{where}, column jenis: expected koreksi or pengecualian, found {row['jenis']!r}")
        if not row["alasan"].strip() or not row["diputuskan_oleh"].strip():
            problems.append(f"{where}: every entry needs alasan and diputuskan_oleh")
        problems.extend(_translation_problems(where, row))
        row["nilai_terbit_nilai"] = row["nilai_koreksi_nilai"] = None
        kolom = row["kolom"]
        kepastian, asumsi, alternatif = (row[c].strip() for c in ("kepastian", "asumsi", "alternatif"))
        if row["jenis"] == "pengecualian":
            rule = RULES.get(row["aturan"].strip())
            if not row["aturan"].strip():
                problems.append(f"{where}, column aturan: an accepted exception names the rule it accepts")
            elif rule is None or not rule.accepts_exceptions:
                problems.append(
                    f"{where}, column aturan: expected a rule that accepts exceptions "
                    f"({', '.join(r.code for r in RULES.values() if r.accepts_exceptions)}), "
                    f"found {row['aturan']!r}"
                )
            for column, value in (("kepastian", kepastian), ("asumsi", asumsi), ("alternatif", alternatif)):
                if value:
                    problems.append(
                        f"{where}, column {column}: an accepted exception changes no value, found {value!r}"
                    )
            continue
        if kepastian not in KEPASTIAN:
            problems.append(f"{where}, column kepastian: expected ditentukan or asumsi, found {kepastian!r}")
        elif kepastian == "asumsi":
            if not asumsi:
                problems.append(f"{where}, column asumsi: an assumption-based correction states its assumption")
            if not (alternatif.isdigit() and int(alternatif) >= 2):
                problems.append(
                    f"{where}, column alternatif: expected how many readings are possible (2 or more), "
                    f"found {alternatif!r}"
                )
        else:
            for column, value in (("asumsi", asumsi), ("alternatif", alternatif)):
                if value:
                    problems.append(
                        f"{where}, column {column}: a correction the document forces has no assumption, found {value!r}"
                    )
        for source, target in (("nilai_terbit", "nilai_terbit_nilai"), ("nilai_koreksi", "nilai_koreksi_nilai")):
            text = row[source]
            if not text.strip():
                continue
            try:
                if kolom in PLAN_MONEY:
                    row[target] = f"{parse_rupiah(text):f}"
                elif kolom in PLAN_TARGETS:
                    row[target] = f"{parse_target(text).value:f}"
            except NumberFormatError as exc:
                if source == "nilai_koreksi":
                    problems.append(f"{where}, column {source}: {exc}")
        if kolom not in (*PLAN_MONEY, *PLAN_TARGETS, *KOREKSI_TEXT_COLUMNS):
            problems.append(f"{where}, column kolom: expected a plan column, found {kolom!r}")
        if not row["nilai_koreksi"].strip():
            problems.append(f"{where}, column nilai_koreksi: a correction needs the corrected value")
    if problems:
        raise CorrectionsLogError("corrections log is invalid:\n  " + "\n  ".join(problems))
    return rows


def ingest_submissions(con: duckdb.DuckDBPyConnection, submissions: list[Submission]) -> list[ParsedFile]:
    """Parse every submission and write raw.berkas, raw.rencana, raw.kinerja, raw.masalah_berkas."""
    con.execute("create schema if not exists raw")
    parsed_files = [(s, read_submission(s.path)) for s in submissions]
    write_parsed(con, "raw", parsed_files)
    write_verdict(con, None)  # no gate has run: nothing refused
    return [p for _, p in parsed_files]


def write_parsed(
    con: duckdb.DuckDBPyConnection, schema: str, parsed_files: list[tuple[Submission, ParsedFile]]
) -> None:
    """The raw tables (berkas, rencana, kinerja, realisasi, survei, masalah_berkas) of ``schema``."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    berkas, masalah = [], []
    rows: dict[str, list[tuple[dict, list[dict]]]] = {"rencana": [], "kinerja": [], "realisasi": [], "ikm": []}
    for submission, parsed in parsed_files:
        ident = {
            "berkas_id": file_id(parsed.path.name, parsed.sha256),
            "sha256": parsed.sha256,
            "nama_berkas": parsed.path.name,
            "kode_wilayah": parsed.kode_wilayah,
            "tahun": parsed.tahun,
            "sumber": submission.sumber,
            "triwulan": parsed.triwulan,
            "versi": parsed.versi,
            "diterima_pada": submission.diterima_pada,
        }
        berkas.append(
            {
                **ident,
                "lokasi": str(parsed.path),
                "jenis": parsed.jenis,
                "ukuran_byte": _size(parsed.path),
                "jumlah_baris": len(parsed.rows),
                "jumlah_error": len(parsed.errors),
                "dibaca_pada": now,
            }
        )
        if parsed.jenis in rows and parsed.rows:
            rows[parsed.jenis].append((ident, parsed.rows))
        masalah.extend(_problem_record(parsed, p) for p in parsed.problems)
    write_records(con, f"{schema}.berkas", BERKAS_COLUMNS, berkas)
    _write_rows(con, f"{schema}.rencana", RENCANA_COLUMNS, rows["rencana"])
    _write_rows(con, f"{schema}.kinerja", KINERJA_COLUMNS, rows["kinerja"])
    _write_rows(con, f"{schema}.realisasi", REALISASI_COLUMNS, rows["realisasi"])
    _write_rows(con, f"{schema}.survei", SURVEI_COLUMNS, rows["ikm"])
    write_records(con, f"{schema}.masalah_berkas", MASALAH_COLUMNS, masalah)


def _write_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], files: list[tuple[dict, list[dict]]]
) -> int:
    """Write what ``write_records`` writes for the records ``{**row, **ident}`` of every file's rows, built column by
    column: a file's ident is repeated, not merged into a dict per row (a refresh writes millions of rows)."""
    idents = [ident for ident, _ in files]
    counts = [len(file_rows) for _, file_rows in files]
    all_rows = [row for _, file_rows in files for row in file_rows]
    shared = [c for c in columns if c in idents[0]] if files else []
    own = [c for c in columns if c not in shared]
    data: dict[str, object] = {}
    for column in shared:
        values = [None if ident[column] is None else str(ident[column]) for ident in idents]
        data[column] = _objects(list(chain.from_iterable(map(repeat, values, counts))))
    if all_rows and own:
        # every row has every column (the reader gives a jenis one set of keys): one array, filled in C
        block = np.empty((len(all_rows), len(own) + 1), dtype=object)
        try:
            block[:] = list(map(itemgetter(*own, own[0]), all_rows))  # own[0] again: always a tuple
            data.update((c, block[:, j]) for j, c in enumerate(own))
        except (KeyError, ValueError):  # a row without a column, a value numpy would take for a sequence
            data.update((c, _objects([r.get(c) for r in all_rows])) for c in own)
        for column in own:
            values = data[column]
            kinds = set(map(type, values))
            if not kinds <= _TEXT_TYPES:  # row numbers, answers, flags: as str() writes them
                text = map(str, values) if type(None) not in kinds else (None if v is None else str(v) for v in values)
                data[column] = _objects(list(text))
    frame = pd.DataFrame({c: data.get(c, _objects([])) for c in columns}, columns=columns, dtype=object, copy=False)
    write_text_table(con, table, frame)
    return len(all_rows)


_TEXT_TYPES = {str, type(None)}


def _objects(values: list) -> np.ndarray:
    """A one-dimensional object array of ``values`` (numpy would make a list of tuples two-dimensional)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _problem_record(parsed: ParsedFile, finding: Finding) -> dict:
    record = finding.as_record()
    return {
        **{c: record.get(c) for c in MASALAH_COLUMNS},
        "berkas_id": file_id(parsed.path.name, parsed.sha256),
        "sha256": parsed.sha256,
        "params": json.dumps(record["params"], ensure_ascii=False, sort_keys=True),
    }
