"""The submission contract with kecamatan offices: file names, columns and cell formats.

A plan is ``rencana_<kode_wilayah>_<tahun>.csv`` or ``.xlsx``; its strategic part (tujuan,
sasaran, IKU, Perjanjian Kinerja) is the companion ``kinerja_<kode_wilayah>_<tahun>.csv`` or
``.xlsx``. Reading a file never stops at the first problem: every problem is collected as a
``Finding`` of a reader rule (``orchestration/rules/pembaca.py``: its check code and the parameters
of its message) with file, sheet, row, code and column, and every row is kept as received.

A file the reader cannot trust as a whole (a wrong name, too big, not the type its name says, not
UTF-8, an unclosed quote, a ZIP bomb, a damaged workbook, formulas) gets one clear problem per
defect and no rows: nothing is guessed. The reader never raises on bad content; ``tests/corpus``
holds one small bad file per defect with the message it must produce.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, partial
from operator import itemgetter
from pathlib import Path
from xml.etree import ElementTree

from orchestration.rules.model import Finding
from orchestration.settings import year_window

from .codes import CodeFormatError, parse_code
from .numbers import NumberFormatError, normalise_unit, parse_rupiah, parse_target, rupiah_text, target_text
from .template_header import is_template_header

QUARTERS = (1, 2, 3, 4)
PLAN_MONEY = ("pagu", *(f"pagu_tw{q}" for q in QUARTERS), "pagu_akhir_tahun")
PLAN_TARGETS = ("target", *(f"target_tw{q}" for q in QUARTERS), "target_akhir_tahun")
PLAN_REQUIRED = (
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "pagu",
    *(c for q in QUARTERS for c in (f"target_tw{q}", f"pagu_tw{q}")),
    "penanggung_jawab",
)
PLAN_OPTIONAL = (
    "target_akhir_tahun",
    "pagu_akhir_tahun",
    "agregasi_target",
    "arah_indikator",
    "catatan",
    # where a row comes from in a published document (table, page), and the indicator the
    # Rencana Aksi table prints when it is not the RKT's (a transcribed document has two tables)
    "rujukan_rkt",
    "rujukan_ra",
    "indikator_ra",
)

# How quarterly targets relate to the annual target (domain reference O9).
AGGREGATIONS = {
    "jumlah": "the quarters add up to the year",
    "tetap": "every quarter with a target repeats the annual level",
    "akhir": "the last quarter with a target equals the annual target",
}
PERCENT_UNITS = {"%", "persen"}
# Polarity of an indicator: higher is better (naik, the default) or lower is better (turun).
DIRECTIONS = ("naik", "turun")

REALISASI_REQUIRED = ("kode", "realisasi_target", "realisasi_anggaran", "keterangan")
# The realisasi template also carries, for reference only, the node's name and its plan for the triwulan.
REALISASI_OPTIONAL = ("permasalahan", "tindak_lanjut", "uraian", "satuan", "target_triwulan", "pagu_triwulan")
# Columns that restate what the file name says (kecamatan, year, triwulan): read only to check that every
# row agrees with the name (rule sesuai_nama_berkas); the name is what files a version.
IDENTITY_COLUMNS = ("kode_wilayah", "tahun")
IDENTITY_COLUMNS_REALISASI = (*IDENTITY_COLUMNS, "triwulan")
# The guide sheet of our own templates (`monev template`): never read, never warned about.
GUIDE_SHEET = "petunjuk"

# IKM survey (Permenpan RB 14/2017): one row per respondent, the nine unsur answered 1..4.
UNSUR = tuple(f"u{i}" for i in range(1, 10))
IKM_REQUIRED = ("no_responden", "tanggal", "layanan", *UNSUR)
IKM_OPTIONAL = ("keterangan",)

KINERJA_REQUIRED = ("tabel", "no", "indikator", "tahun_target", "target")
KINERJA_OPTIONAL = (
    "tujuan",
    "sasaran",
    "satuan",
    "formulasi",
    "sumber_data",
    "penanggung_jawab",
    # the same indicator carries the same code in every table: targets are compared by it
    "kode_indikator",
    "rujukan",
)
KINERJA_TABLES = {
    "tujuan_sasaran": "Tabel Tujuan dan Sasaran (Renstra)",
    "iku": "Tabel Indikator Kinerja Utama",
    "perjanjian_kinerja": "Tabel Perjanjian Kinerja",
}

# Matched whole (fullmatch) and in ASCII only: "\d" alone would accept other scripts' digits.
FILE_NAME = re.compile(
    r"^(?P<jenis>rencana|kinerja|realisasi|ikm)_(?P<kode_wilayah>\d{2}\.\d{2}\.\d{2})_(?P<tahun>\d{4})"
    r"(?:_tw(?P<triwulan>\d))?(?:_v(?P<versi>\d{1,3}))?\.(?P<ext>csv|xlsx)$",
    re.IGNORECASE | re.ASCII,
)
JENIS = ("rencana", "kinerja", "realisasi", "ikm")
COLUMNS = {
    "rencana": (PLAN_REQUIRED, PLAN_OPTIONAL),
    "kinerja": (KINERJA_REQUIRED, KINERJA_OPTIONAL),
    "realisasi": (REALISASI_REQUIRED, REALISASI_OPTIONAL),
    "ikm": (IKM_REQUIRED, IKM_OPTIONAL),
}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX is a ZIP: what it declares unpacked is checked before openpyxl opens it (a ZIP bomb is
# refused by its directory, never inflated). Python's zipfile never inflates a part beyond the size
# its directory declares, so these bounds hold even when the directory lies.
MAX_UNPACKED_BYTES = 10 * MAX_FILE_BYTES
MAX_COMPRESSION_RATIO = 200  # per part above 1 MB unpacked; real sheets stay far below
MAX_ZIP_PARTS = 1000
MAX_LISTED = 20  # formulas listed one by one before the rest are counted
ABSENT = 10**9  # the column index of an optional column the header does not name


def finding(
    cek: str,
    params: dict | None = None,
    *,
    nama_berkas: str | None = None,
    sheet: str | None = None,
    baris: int | None = None,
    kolom: str | None = None,
    kode: str | None = None,
) -> Finding:
    """A finding of the reader check ``cek`` (``<rule>.<check>``); ``baris`` is the spreadsheet row (the
    header is row 1), ``kode`` the code of the plan or realisasi row the cell belongs to."""
    return Finding(
        cek.partition(".")[0],
        cek,
        params or {},
        nama_berkas=nama_berkas,
        sheet=sheet,
        baris=baris,
        kolom=kolom,
        kode=kode,
    )


@dataclass
class ParsedFile:
    path: Path
    jenis: str | None
    kode_wilayah: str | None
    tahun: int | None
    sha256: str
    triwulan: int | None = None
    versi: int = 1
    rows: list[dict] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.tingkat == "error"]


def file_id(name: str, sha256: str) -> str:
    """One received file: its content hash and its name (the name carries kecamatan, year and triwulan)."""
    return f"{sha256[:16]}:{name}"


# The hashes this process has computed, by path and stat (size, times, inode): a refresh hashes every seed file
# for its input fingerprint and again for the parse cache's keys (51.000 files, ~4,5 s each time at national
# scale). Any write changes the file's ctime, so a changed file is hashed again.
_HASHES: dict[tuple, str] = {}
_HASHES_MAX = 1 << 18


def sha256_of(path: Path) -> str:
    path = Path(path)
    info = path.stat()
    key = (str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
    known = _HASHES.get(key)
    if known is not None:
        return known
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    if len(_HASHES) >= _HASHES_MAX:  # a long-running process (the portal, the daemon) never grows without bound
        _HASHES.clear()
    _HASHES[key] = digest.hexdigest()
    return _HASHES[key]


def parse_file_name(name: str) -> dict | None:
    """The key a file belongs to: jenis, kecamatan, year (and triwulan), and its version (default 1)."""
    match = FILE_NAME.fullmatch(name)
    if not match:
        return None
    jenis = match["jenis"].lower()
    triwulan = int(match["triwulan"]) if match["triwulan"] else None
    if (jenis == "realisasi") != (triwulan is not None) or (triwulan is not None and not 1 <= triwulan <= 4):
        return None
    return {
        "jenis": jenis,
        "kode_wilayah": match["kode_wilayah"],
        "tahun": int(match["tahun"]),
        "triwulan": triwulan,
        "versi": int(match["versi"]) if match["versi"] else 1,
        "ext": match["ext"].lower(),
    }


def safe_file_name(name: str) -> str | None:
    """``name`` if it is a plain base name that follows the contract, else None.

    No path separators (``/`` or ``\\``), no ``..``, no control or invisible characters, nothing
    but the contract's ASCII name: such a name can be joined to the inbox folder safely.
    """
    if not isinstance(name, str) or not name:
        return None
    if "/" in name or "\\" in name or ".." in name or _has_control(name):
        return None
    return name if parse_file_name(name) is not None else None


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in text)


def shown_name(name: str) -> str:
    """A file name fit to print: bytes that were not UTF-8 (Latin-1 names) become ``\\xe9``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_LOOSE_NAME = re.compile(
    r"(?P<jenis>[^_]*)_(?P<kode>[^_]*)_(?P<tahun>[^_.]*)(?P<rest>(?:_[^_.]*)*)(?P<ext>\..*)?", re.DOTALL
)


def file_name_problem(name: str) -> tuple[str, dict] | None:
    """Why ``name`` breaks the naming contract, as (check of rule nama_berkas, parameters); None when
    it follows it."""
    if safe_file_name(name) is not None:
        return None
    shown = shown_name(name)
    if "/" in name or "\\" in name or ".." in name or _has_control(shown):
        return "nama_berkas.tanpa_folder", {"nama": shown}
    if not name.isascii():
        odd = sorted({ch for ch in shown if not ch.isascii()})
        if "\\x" in shown and not odd:
            return "nama_berkas.bukan_utf8", {"nama": shown}
        return "nama_berkas.ascii", {"nama": shown, "huruf": [repr(ch) for ch in odd]}
    loose = _LOOSE_NAME.fullmatch(name)
    if loose is None:
        return "nama_berkas.pola", {"nama": name}
    jenis, kode, tahun, rest, ext = (loose[k] or "" for k in ("jenis", "kode", "tahun", "rest", "ext"))
    if ext.lower() not in (".csv", ".xlsx"):
        return ("nama_berkas.ekstensi", {"ekstensi": ext}) if ext else ("nama_berkas.tanpa_ekstensi", {})
    if jenis.lower() not in JENIS:
        return "nama_berkas.jenis", {"jenis": jenis}
    jenis = jenis.lower()
    if not re.fullmatch(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}", kode):
        return "nama_berkas.kode_wilayah", {"kode_wilayah": kode}
    if not re.fullmatch(r"[0-9]{4}", tahun):
        return "nama_berkas.tahun", {"tahun": tahun}
    parts = re.fullmatch(r"(?P<tw>_tw[^_]*)?(?P<v>_v[^_]*)?", rest, re.IGNORECASE)
    if parts is None:
        return "nama_berkas.akhiran", {"akhiran": rest}
    tw, v = parts["tw"], parts["v"]
    if jenis == "realisasi" and not tw:
        return "nama_berkas.tanpa_triwulan", {}
    if jenis == "realisasi" and not re.fullmatch(r"_tw[1-4]", tw, re.IGNORECASE):
        return "nama_berkas.triwulan", {"triwulan": tw}
    if jenis != "realisasi" and tw:
        return "nama_berkas.triwulan_berlebih", {"jenis": jenis, "triwulan": tw}
    if v and not re.fullmatch(r"_v[0-9]{1,3}", v, re.IGNORECASE):
        return "nama_berkas.versi", {"versi": v}
    return "nama_berkas.pola", {"nama": name}


def read_submission(path: Path) -> ParsedFile:
    """Read a plan, companion, realisasi or survey file; never raises on bad content.

    A defect of the reader itself (an exception no rule foresaw) is not the office's fault, but it is
    still one file's problem: it becomes that file's error ``isi_berkas.galat_pembaca``, naming the
    exception, and no row of it is read, so the refresh goes on with every other file."""
    path = Path(path)
    try:
        return _read_submission(path)
    except Exception as exc:  # isolation: one file's reader failure never stops the others
        digest = ""
        with contextlib.suppress(OSError):
            digest = sha256_of(path)
        meta = parse_file_name(path.name) or {}
        parsed = ParsedFile(path, meta.get("jenis"), meta.get("kode_wilayah"), meta.get("tahun"), digest)
        parsed.triwulan, parsed.versi = meta.get("triwulan"), meta.get("versi", 1)
        parsed.problems.append(
            finding(
                "isi_berkas.galat_pembaca",
                {"galat": f"{type(exc).__name__}: {exc}"[:300]},
                nama_berkas=shown_name(path.name),
            )
        )
        return parsed


def _read_submission(path: Path) -> ParsedFile:
    name = shown_name(path.name)

    def problem(cek: str, params: dict | None = None, **where) -> Finding:
        return finding(cek, params, nama_berkas=name, **where)

    try:
        if not path.is_file():
            cek = (
                "jenis_berkas.folder"
                if path.is_dir()
                else "jenis_berkas.tidak_ada"
                if not path.exists()
                else "jenis_berkas.bukan_berkas_biasa"
            )
            parsed = ParsedFile(path, None, None, None, "")
            parsed.problems.append(problem(cek))
            return parsed
        size = path.stat().st_size
        digest = sha256_of(path)  # streamed: a huge file is hashed, never held in memory
    except OSError as exc:
        parsed = ParsedFile(path, None, None, None, "")
        parsed.problems.append(
            problem("jenis_berkas.tidak_terbaca", {"galat": f"{type(exc).__name__}: {exc.strerror or exc}"})
        )
        return parsed
    parsed = ParsedFile(path, None, None, None, digest)
    bad_name = file_name_problem(path.name)
    if bad_name is not None:
        parsed.problems.append(problem(*bad_name))
        return parsed
    meta = parse_file_name(path.name)
    parsed.jenis, parsed.kode_wilayah, parsed.tahun = meta["jenis"], meta["kode_wilayah"], meta["tahun"]
    parsed.triwulan, parsed.versi = meta["triwulan"], meta["versi"]
    bad_year = year_problem(meta["tahun"])
    if bad_year is not None:  # 1900 or 2999: no row of it is read as a plan or realisasi of that year
        parsed.problems.append(problem("rentang_tahun.nama_berkas", {"tahun": meta["tahun"], **bad_year}))
        return parsed
    if size > MAX_FILE_BYTES:
        parsed.problems.append(
            problem("ukuran_berkas.maksimum", {"batas_mb": MAX_FILE_BYTES // (1024 * 1024), "ukuran": size})
        )
        return parsed
    try:
        table = _read_table(path, meta["ext"], meta["jenis"])
    except _TableError as exc:
        parsed.problems.append(problem(exc.cek, exc.params, baris=exc.row, kolom=exc.column, sheet=exc.sheet))
        return parsed
    sheet = table.sheet
    parsed.problems.extend(
        problem(cek, params, baris=row, kolom=column, sheet=sheet) for row, column, cek, params in table.file_issues
    )
    if table.stop:
        return parsed
    header, records = table.header, table.records
    required, optional = COLUMNS[parsed.jenis]
    identity = IDENTITY_COLUMNS_REALISASI if parsed.jenis == "realisasi" else IDENTITY_COLUMNS
    header_row = 1
    if records and is_template_header(header, records[0][1], required, (*optional, *identity)):
        # `monev template`'s own header: Indonesian titles in row 1 over the field names in row 2
        header, records, header_row = records[0][1], records[1:], 2
    columns = _check_header(parsed, sheet, header, required, (*optional, *identity))
    if columns is None:
        return parsed
    titles = [_column_key(t) for t in header]
    cell_issues_at = len(parsed.problems)  # merged and error cells: listed here, once their row's code is known
    width = max((i + 1 for i, t in enumerate(titles) if t), default=0)

    def label(index: int) -> str:  # how the office sees a column: a letter in Excel, a number in a CSV
        return _column_letter(index) if sheet else str(index + 1)

    # every cell of a record is text (csv.reader, _read_workbook): a record is blank when every cell strips empty
    non_blank = [(n, v) for n, v in records if any(map(str.strip, v))]
    if len(non_blank) > MAX_ROWS:
        parsed.problems.append(
            problem("ukuran_berkas.baris", {"batas": MAX_ROWS, "jumlah": len(non_blank)}, sheet=sheet)
        )
        return parsed
    parse_row = ROW_PARSERS[parsed.jenis]
    if parsed.jenis in ("kinerja", "ikm"):  # the year window, read once per file and not once per row
        parse_row = partial(parse_row, window=year_window())
    unnamed: dict[int, int] = {}  # column index without a header name -> first row with a value there
    codes: dict[int, str] = {}  # row number -> the code of its plan or realisasi row
    shaped_out = 0
    # A row's cells, in the order of ``columns``: the header's columns (read with one itemgetter; a short row
    # is padded with ""), then the absent optional ones, always empty. An absent identity column is left out:
    # it says nothing (_check_identity) and the row drops identity columns anyway.
    present = [(col, i) for col, i in columns.items() if i < ABSENT]
    keys = [col for col, _ in present]
    blank = dict.fromkeys(keys, "") | {col: "" for col, i in columns.items() if i >= ABSENT and col not in identity}
    need = max(i for _, i in present) + 1
    pick = itemgetter(*(i for _, i in present)) if len(present) > 1 else (lambda v, _i=present[0][1]: (v[_i],))
    untitled = [i for i in range(width) if not titles[i]]  # columns without a header name, within the table
    identity_present = [col for col in identity if col in blank]
    issues: list[tuple[str, str, dict]] = []

    def report(column: str, cek: str, **params) -> None:
        issues.append((column, cek, params))

    for row_number, values in non_blank:
        if len(values) > width and any(map(str.strip, values[width:])):
            filled = [i for i, v in enumerate(values) if v.strip()]
            first = next(i for i in filled if i >= width)
            shaped_out += 1
            parsed.problems.append(
                problem(
                    "bentuk_baris.sel_berlebih" if sheet else "bentuk_baris.sel_berlebih_csv",
                    {
                        "lebar": width,
                        "jumlah": filled[-1] + 1,
                        "isian": values[first].strip(),
                        "kolom_ke": label(first),
                    },
                    baris=row_number,
                    sheet=sheet,
                )
            )
            continue
        for i in untitled:
            if i < len(values) and i not in unnamed and values[i].strip():
                unnamed[i] = row_number
        if len(values) < need:
            values = values + [""] * (need - len(values))
        cells = blank.copy()
        cells.update(zip(keys, map(str.strip, pick(values)), strict=False))  # as long as keys, by pick
        if not any(cells.values()):
            continue
        row = parse_row(cells, report)
        if identity_present:
            _check_identity(parsed, cells, report)
            for column in identity_present:  # the file name says these; the raw tables take them from it
                row.pop(column, None)
        row["baris"] = row_number
        parsed.rows.append(row)
        kode = _row_code(row)
        if kode:
            codes[row_number] = kode
        if issues:
            parsed.problems.extend(
                problem(cek, params, baris=row_number, kolom=column, sheet=sheet, kode=kode)
                for column, cek, params in issues
            )
            issues.clear()
    parsed.problems[cell_issues_at:cell_issues_at] = [
        problem(
            cek,
            params,
            baris=row,
            sheet=sheet,
            kode=codes.get(row),
            kolom=(titles[col] or None) if col is not None and col < len(titles) else None,
        )
        for row, col, cek, params in table.cell_issues
    ]
    for index, first_row in sorted(unnamed.items()):
        parsed.problems.append(
            problem(
                "judul_kolom.tanpa_nama",
                {"kolom_ke": label(index), "baris_awal": first_row},
                baris=header_row,
                sheet=sheet,
            )
        )
    if not parsed.rows and not shaped_out:
        parsed.problems.append(problem("isi_berkas.tanpa_baris_data", sheet=sheet))
    if parsed.jenis in ("rencana", "realisasi"):
        _check_duplicate_codes(parsed, sheet)
    if parsed.jenis == "ikm":
        _check_duplicate_respondents(parsed, sheet)
    return parsed


def year_problem(tahun: int, window: tuple[int, int] | None = None) -> dict | None:
    """Rule rentang_tahun: None when ``tahun`` is within the configured window around the current year
    (``orchestration.settings.year_window``, or ``window`` when the caller read it already), else the
    parameters of its message."""
    low, high = window or year_window()
    return None if low <= tahun <= high else {"tahun_min": low, "tahun_maks": high}


_TRIWULAN_CELL = re.compile(r"(?:tw|triwulan)?\s*(?P<angka>[1-4]|i{1,3}|iv)", re.IGNORECASE | re.ASCII)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _check_identity(parsed: ParsedFile, cells: dict[str, str], report) -> None:
    """Rule sesuai_nama_berkas: a kode_wilayah, tahun or triwulan column names what the file name names
    (an empty cell says nothing). Another kecamatan's figures under this one's name are refused."""
    kode = cells.get("kode_wilayah", "")
    if kode and kode != parsed.kode_wilayah:
        report("kode_wilayah", "sesuai_nama_berkas.kode_wilayah", isian=kode, harus=parsed.kode_wilayah)
    tahun = cells.get("tahun", "")
    if tahun and tahun != str(parsed.tahun):
        report("tahun", "sesuai_nama_berkas.tahun", isian=tahun, harus=parsed.tahun)
    triwulan = cells.get("triwulan", "")
    if triwulan and parsed.triwulan is not None:
        match = _TRIWULAN_CELL.fullmatch(triwulan)
        said = None
        if match:
            angka = match["angka"].lower()
            said = int(angka) if angka.isdigit() else _ROMAN[angka]
        if said != parsed.triwulan:
            report("triwulan", "sesuai_nama_berkas.triwulan", isian=triwulan, harus=parsed.triwulan)


def _row_code(row: dict) -> str | None:
    """The code of a plan or realisasi row: normalised when valid, else as written (None without one)."""
    return row.get("kode_normal") or row.get("kode") or None


# --- tables ---------------------------------------------------------------------------


class _TableError(Exception):
    """A defect that makes the whole table untrustworthy: reported once (check and parameters), no row
    is read."""

    def __init__(self, cek: str, params: dict | None = None, row=None, sheet=None, column=None):
        super().__init__(cek, params)
        self.cek, self.params, self.row, self.sheet, self.column = cek, params or {}, row, sheet, column


@dataclass
class _Table:
    sheet: str | None
    header: list[str]
    records: list[tuple[int, list[str]]]
    # (row or None, column or None, check, params) about the file or workbook: an extra sheet, a formula
    file_issues: list[tuple] = field(default_factory=list)
    # (row, column index or None, check, params), e.g. a merged range
    cell_issues: list[tuple] = field(default_factory=list)
    stop: bool = False  # the file_issues make the rows unreadable (formulas)


def _read_table(path: Path, ext: str, jenis: str) -> _Table:
    if ext == "csv":
        return _read_csv(path)
    return _read_xlsx(path, jenis)


def _sniff(head: bytes) -> str | None:
    """What a file is by its first bytes, when that is not text: xlsx (a ZIP), xls (OLE2: Excel 97-2003
    or a password-protected workbook), pdf, utf16 or biner (NUL bytes)."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        for zeros, chars in ((odd, even), (even, odd)):  # UTF-16 without its BOM: every other byte is 0
            if len(zeros) >= 8 and zeros.count(0) > 0.9 * len(zeros) and chars.count(0) < 0.1 * len(chars):
                return "utf16"
        return "biner"
    return None


def _read_csv(path: Path) -> _Table:
    raw = path.read_bytes()
    kind = _sniff(raw[:4096])
    if kind == "utf16":
        raise _TableError("pengodean_teks.utf16")
    if kind is not None:
        raise _TableError(f"jenis_berkas.csv_berisi_{kind}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _encoding_error(raw, exc.start) from None
    if not text.strip():
        raise _TableError("isi_berkas.kosong")
    if "\x00" in text:
        raise _TableError("isi_sel.nul", row=text[: text.index("\x00")].count("\n") + 1)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        rows = []
    else:
        return _Table(None, rows[0], [(i + 2, r) for i, r in enumerate(rows[1:])])
    # read again record by record, to say where the record that breaks starts
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start_line = reader.line_num  # physical lines read before this record
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _csv_error(text, delimiter, rows, start_line, str(exc)) from None
        rows.append(record)
    header = rows[0]
    return _Table(None, header, [(i + 2, r) for i, r in enumerate(rows[1:])])


def _encoding_error(raw: bytes, start: int) -> _TableError:
    """Which line and cell hold the first byte that is not UTF-8, shown as Windows-1252 would show it."""
    line_start = raw.rfind(b"\n", 0, start) + 1
    line_end = raw.find(b"\n", start)
    line = raw[line_start : None if line_end < 0 else line_end].rstrip(b"\r")
    byte = raw[start]
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        char = bytes([byte]).decode("latin-1")
    text = line.decode("cp1252", "replace")
    header = raw.split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    cek, params = "pengodean_teks.bukan_utf8", {"byte": f"0x{byte:02x}", "huruf": char}
    try:
        prefix = next(csv.reader([line[: start - line_start].decode("cp1252", "replace")], delimiter=delimiter))
        titles = next(csv.reader([header], delimiter=delimiter))
        index = max(len(prefix) - 1, 0)
        cells = next(csv.reader([text], delimiter=delimiter))
        title = titles[index].strip() if index < len(titles) else ""
        if index < len(cells):  # a column without a title is named by its number
            cek = "pengodean_teks.bukan_utf8_sel"
            params.update(judul=title or str(index + 1), isian=cells[index])
    except (csv.Error, StopIteration):  # e.g. a cell longer than the CSV field limit: no cell is named
        pass
    return _TableError(cek, params, row=raw[:start].count(b"\n") + 1)


def _csv_error(text: str, delimiter: str, rows: list, start_line: int, message: str) -> _TableError:
    row = len(rows) + 1
    header = rows[0] if rows else []
    lines = io.StringIO(text, newline="").readlines()
    offset = sum(len(line) for line in lines[:start_line])
    index, kind = _quote_trouble(text[offset:], delimiter)
    column = None
    if index is not None and index < len(header) and header[index].strip():
        column = _column_key(header[index])
    if "field larger than field limit" in message:
        limit = csv.field_size_limit()
        if column is None and start_line < len(lines):
            parts = lines[start_line].split(delimiter)
            index = next((i for i, part in enumerate(parts) if len(part) > limit), None)
            if index is not None and index < len(header) and header[index].strip():
                column = _column_key(header[index])
        return _TableError("isi_sel.terlalu_panjang", {"batas": limit}, row=row, column=column)
    if kind == "unclosed":
        return _TableError(
            "tanda_kutip.tidak_ditutup", {"baris_buka": row, "sisa": len(lines) - start_line}, row=row, column=column
        )
    if kind == "after":
        return _TableError("tanda_kutip.teks_sesudah", row=row, column=column)
    return _TableError("tanda_kutip.lain", {"galat": message}, row=row, column=column)


def _quote_trouble(text: str, delimiter: str) -> tuple[int | None, str | None]:
    """In the record that starts ``text``: the cell index of a quote never closed or followed by text."""
    field_index, i, n, at_start = 0, 0, len(text), True
    while i < n:
        ch = text[i]
        if at_start and ch == '"':
            i += 1
            while True:
                j = text.find('"', i)
                if j < 0:
                    return field_index, "unclosed"
                if text.startswith('""', j):
                    i = j + 2
                    continue
                i = j + 1
                break
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                return field_index, "after"
            at_start = False
            continue
        if ch == delimiter:
            field_index, at_start = field_index + 1, True
        elif ch in "\r\n":
            return None, None
        else:
            at_start = False
        i += 1
    return None, None


def _read_xlsx(path: Path, jenis: str) -> _Table:
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise _TableError("isi_berkas.xlsx_kosong")
    if not zipfile.is_zipfile(path):
        raise _TableError(_not_a_zip(head))
    _check_zip(path)
    try:
        return _read_workbook(path, jenis)
    except _TableError:
        raise
    except Exception as exc:  # openpyxl, zipfile and the XML parser raise many kinds on damaged workbooks
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        raise _TableError("jenis_berkas.xlsx_rusak", {"galat": detail}) from None


def _not_a_zip(head: bytes) -> str:
    """The check of a file with an .xlsx name that is not a ZIP."""
    kind = _sniff(head)
    if kind == "xlsx":
        return "jenis_berkas.xlsx_terpotong"
    if kind is not None:
        return f"jenis_berkas.xlsx_berisi_{kind}"
    try:
        head.decode("utf-8-sig")
        return "jenis_berkas.xlsx_berisi_teks"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a multi-byte character cut by the 4 KB sample
            return "jenis_berkas.xlsx_berisi_teks"
        return "jenis_berkas.xlsx_bukan_zip"


def _check_zip(path: Path) -> None:
    """Refuse what openpyxl should never inflate, from the ZIP directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _TableError("jenis_berkas.xlsx_rusak", {"galat": f"{type(exc).__name__}: {exc}"}) from None
    if len(infos) > MAX_ZIP_PARTS:
        raise _TableError("ukuran_berkas.bagian_zip", {"batas": MAX_ZIP_PARTS, "jumlah": len(infos)})
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _TableError("ukuran_berkas.dibuka", {"batas_mb": MAX_UNPACKED_BYTES // (1024 * 1024), "ukuran": unpacked})
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise _TableError(
                "ukuran_berkas.rasio_kompresi",
                {
                    "batas": MAX_COMPRESSION_RATIO,
                    "bagian": info.filename,
                    "ukuran": info.file_size,
                    "terkompresi": info.compress_size,
                    "rasio": f"{ratio:.0f}",
                },
            )
    if not any(info.filename == "[Content_Types].xml" for info in infos):
        if not infos:
            raise _TableError("jenis_berkas.zip_kosong")
        raise _TableError("jenis_berkas.zip_bukan_xlsx", {"isi": [repr(info.filename) for info in infos[:3]]})


def _read_workbook(path: Path, jenis: str) -> _Table:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        names = list(book.sheetnames)
        wanted = [n for n in names if n.strip().lower() == jenis]
        if wanted:
            sheet_name = wanted[0]
        elif len(names) == 1:
            sheet_name = names[0]
        else:
            if not names:
                raise _TableError("sheet_dibaca.tanpa_sheet", {"jenis": jenis})
            raise _TableError("sheet_dibaca.tidak_ditemukan", {"jenis": jenis, "sheet_ada": [repr(n) for n in names]})
        table = _Table(sheet_name, [], [])
        for other in names:
            if other != sheet_name and other.strip().lower() != GUIDE_SHEET:
                table.file_issues.append((None, None, "sheet_dibaca.sheet_lain", {"sheet": sheet_name, "lain": other}))
        sheet = book[sheet_name]
        if not hasattr(sheet, "iter_rows"):
            raise _TableError("sheet_dibaca.sheet_grafik", {"sheet": sheet_name}, sheet=sheet_name)
        sheet.reset_dimensions()  # a wrong <dimension> would make openpyxl drop rows or columns silently
        rows: list[list[str]] = []
        formulas: list[tuple[int, int, str]] = []
        data_rows = 0
        for index, cells in enumerate(sheet.iter_rows(), start=1):
            values = []
            for col, cell in enumerate(cells):
                value = cell.value
                if cell.data_type == "f":
                    formulas.append((index, col, str(getattr(value, "text", value))))
                    values.append("")
                    continue
                if cell.data_type == "e":
                    table.cell_issues.append((index, col, "isi_sel.galat_excel", {"isian": str(value)}))
                values.append(_xlsx_cell_text(value, cell.number_format))
            rows.append(values)
            if index > 1 and any(v.strip() for v in values):
                data_rows += 1
                if data_rows > MAX_ROWS:
                    raise _TableError("ukuran_berkas.baris_lebih", {"batas": MAX_ROWS}, sheet=sheet_name)
        merged = _merged_ranges(book, sheet)
    finally:
        book.close()
    if not any(any(v.strip() for v in r) for r in rows):
        others = [repr(n) for n in names if n != sheet_name]
        if others:
            raise _TableError("isi_berkas.sheet_kosong_lain", {"sheet": sheet_name, "lain": others}, sheet=sheet_name)
        raise _TableError("isi_berkas.sheet_kosong", {"sheet": sheet_name}, sheet=sheet_name)
    header = rows[0]
    if formulas:
        titles = [_column_key(t) for t in header]
        for row, col, text in formulas[:MAX_LISTED]:
            title = titles[col] if col < len(titles) and titles[col] and row > 1 else None
            table.file_issues.append(
                (row, title, "rumus_excel.rumus", {"rumus": text[:40], "sel": f"{_column_letter(col)}{row}"})
            )
        if len(formulas) > MAX_LISTED:
            table.file_issues.append((None, None, "rumus_excel.lainnya", {"jumlah": len(formulas) - MAX_LISTED}))
        table.stop = True
    width = max((i + 1 for i, t in enumerate(header) if t.strip()), default=0)
    for ref in merged:
        try:
            min_col, min_row, max_col, max_row = _range_boundaries(ref)
        except ValueError:
            continue
        if (min_col, min_row) == (max_col, max_row):
            continue  # a "merge" of one cell merges nothing
        inside = min_col <= width
        table.cell_issues.append(
            (
                min_row,
                min_col - 1 if inside else None,
                "sel_gabungan.di_tabel" if inside else "sel_gabungan.di_luar_tabel",
                {"rentang": ref},
            )
        )
    table.header, table.records = header, [(i + 2, r) for i, r in enumerate(rows[1:])]
    return table


def _merged_ranges(book, sheet) -> list[str]:
    """The merged ranges of a sheet: read-only openpyxl does not expose them, so read its XML."""
    part = getattr(sheet, "_worksheet_path", None)
    archive = getattr(book, "_archive", None)
    if part is None or archive is None:
        return []
    refs: list[str] = []
    with archive.open(part) as source:
        sheet_data = None
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    sheet_data = element
            elif tag == "mergeCell":
                refs.append(element.get("ref", ""))
            elif tag == "row" and sheet_data is not None:
                sheet_data.clear()  # rows already read: keep memory flat
    return refs


def _range_boundaries(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    bounds = range_boundaries(ref)
    if None in bounds:
        raise ValueError(ref)
    return bounds


def _column_letter(index: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return get_column_letter(index + 1)


def _xlsx_cell_text(value, number_format=None) -> str:
    """Excel values become the text an office would type, so one parser reads CSV and XLSX alike:
    numbers in the Indonesian format, a percent-formatted 1 as ``100%``, a date as ``2024-03-15``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        dec = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        percent = isinstance(number_format, str) and "%" in number_format
        if percent:
            dec = dec * 100
        whole, _, frac = f"{dec:f}".partition(".")
        frac = frac.rstrip("0")
        return whole + (f",{frac}" if frac else "") + ("%" if percent else "")
    return str(value)


@lru_cache(maxsize=1 << 12)
def _column_key(title) -> str:
    return re.sub(r"\s+", "_", str(title if title is not None else "").strip().lower())


def _check_header(parsed, sheet, header, required, optional) -> dict[str, int] | None:
    name = shown_name(parsed.path.name)

    def problem(cek: str, params: dict, kolom: str | None = None) -> None:
        parsed.problems.append(finding(cek, params, nama_berkas=name, sheet=sheet, baris=1, kolom=kolom))

    known = set(required) | set(optional)
    columns: dict[str, int] = {}
    unknown: list[tuple[str, str]] = []
    for index, title in enumerate(header):
        key = _column_key(title)
        if not key:
            continue
        if key in columns:
            problem("judul_kolom.ganda", {"kolom_ganda": key}, key)
            return None
        if key not in known:
            unknown.append((str(title), key))
            continue
        columns[key] = index
    keys = set(columns) | {key for _, key in unknown}
    other = [j for j, (req, _) in COLUMNS.items() if j != parsed.jenis and set(req) <= keys]
    other_note = {"jenis_lain": other[0]} if other else {}
    if not columns:
        titles = [str(t).strip() for t in header if str(t).strip()]
        if not titles:
            problem("judul_kolom.baris_1_kosong", {"wajib": list(required)})
        else:
            shown = [repr(t) for t in titles[:6]] + (["..."] if len(titles) > 6 else [])
            problem(
                "judul_kolom.tidak_dikenal_berkas_lain" if other else "judul_kolom.tidak_dikenal",
                {"wajib": list(required), "judul": shown, **other_note},
            )
        return None
    missing = [c for c in required if c not in columns]
    spare = missing + [c for c in optional if c not in columns]
    misspelt = False
    for title, key in unknown:
        match = difflib.get_close_matches(key, spare, n=1, cutoff=0.8)
        if match and match[0] in missing:
            problem("judul_kolom.salah_ketik", {"usulan": match[0], "judul": title}, title)
            missing.remove(match[0])
            spare.remove(match[0])
            misspelt = True
        elif match:
            problem("judul_kolom.salah_ketik_opsional", {"usulan": match[0], "judul": title}, title)
            spare.remove(match[0])
        elif not other:  # a file of another kind: one error says so, not a warning per column
            problem("judul_kolom.tidak_dikenal_kolom", {"judul": title}, title)
    if missing:
        problem(
            "judul_kolom.kurang_berkas_lain" if other else "judul_kolom.kurang",
            {"wajib": list(required), "kurang": missing, **other_note},
        )
    if missing or misspelt:
        return None
    for col in optional:
        columns.setdefault(col, ABSENT)  # absent optional column reads as empty
    return columns


def _same_unit(a: str, b: str) -> bool:
    """Units compared without case, % and persen being one unit."""
    a, b = a.lower(), b.lower()
    return a == b or {a, b} <= PERCENT_UNITS


# Codes, units and targets repeat in every file (one nomenclature, a few units, "100"): each text is read
# once per process. The functions are pure; a text that raises is not cached and raises again.
_unit = lru_cache(maxsize=1 << 12)(normalise_unit)
_plain_target = lru_cache(maxsize=1 << 14)(target_text)
_PLAN_MONEY_NILAI = tuple((col, f"{col}_nilai") for col in PLAN_MONEY)
_PLAN_TARGETS_NILAI = tuple((col, f"{col}_nilai") for col in PLAN_TARGETS)


def _money_text(text: str, column: str, report) -> tuple[str | None, bool]:
    """A money cell (not empty) as canonical decimal text (None when it is not a number, after reporting
    why) and whether it is negative. The plain cell takes the fast path, anything else parse_rupiah."""
    fast = rupiah_text(text)
    if fast is not None:
        return fast, False
    try:
        value = parse_rupiah(text)
    except NumberFormatError as exc:
        report(column, exc.cek, **exc.params)
        return None, False
    return f"{value:f}", value < 0


def _target_text(text: str, column: str, report) -> tuple[str | None, str | None, bool]:
    """A target cell (not empty): canonical decimal text (None after reporting why it is not a number), the
    unit written with it, and whether it is negative. The plain cell takes the fast path, anything else
    parse_target."""
    fast = _plain_target(text)
    if fast is not None:
        return fast[0], fast[1], False
    try:
        target = parse_target(text)
    except NumberFormatError as exc:
        report(column, exc.cek, **exc.params)
        return None, None, False
    return f"{target.value:f}", target.unit, target.value < 0


def _parse_plan_row(cells: dict[str, str], report) -> dict:
    row = dict(cells)
    _parse_code_cell(row, cells, report)
    satuan = _unit(cells["satuan"]) if cells["satuan"] else ""
    row["satuan_normal"] = satuan or None
    for col, nilai in _PLAN_MONEY_NILAI:
        value = None
        text = cells[col]
        if text:
            value = rupiah_text(text)  # the plain cell; anything else by _money_text
            if value is None:
                value, negative = _money_text(text, col, report)
                if negative:  # negative money is refused: it takes no part in any sum
                    report(col, "tidak_negatif.nilai", isian=text)
                    value = None
        row[nilai] = value
    for col, nilai in _PLAN_TARGETS_NILAI:
        value = None
        text = cells[col]
        if text:
            value, unit = _plain_target(text) or _target_text(text, col, report)[:2]
            if value is not None and unit and satuan and not _same_unit(unit, satuan):
                # a number in another unit takes no part in arithmetic
                report(col, "satuan_target.berbeda", isian=text, satuan=satuan, satuan_sel=unit)
                value = None
        row[nilai] = value
    for required_value in ("pagu", "target"):
        if not cells[required_value]:
            report(required_value, "isian_wajib.nilai")
    if not cells["uraian"]:
        report("uraian", "isian_wajib.uraian")
    rule = cells["agregasi_target"].lower()
    if rule and rule not in AGGREGATIONS:
        report("agregasi_target", "isian_diizinkan.pilihan", isian=cells["agregasi_target"], pilihan=list(AGGREGATIONS))
        rule = ""
    row["agregasi_target_normal"] = rule or ("akhir" if satuan.lower() in PERCENT_UNITS else "jumlah")
    direction = cells["arah_indikator"].lower()
    if direction and direction not in DIRECTIONS:
        report("arah_indikator", "isian_diizinkan.pilihan", isian=cells["arah_indikator"], pilihan=list(DIRECTIONS))
        direction = ""
    row["arah_indikator_normal"] = direction or "naik"
    return row


def _parse_kinerja_row(cells: dict[str, str], report, window: tuple[int, int] | None = None) -> dict:
    row = dict(cells)
    if cells["tabel"] not in KINERJA_TABLES:
        report("tabel", "isian_diizinkan.pilihan", isian=cells["tabel"], pilihan=list(KINERJA_TABLES))
    if not cells["indikator"]:
        report("indikator", "isian_wajib.indikator")
    year = None
    if re.fullmatch(r"[0-9]{4}", cells["tahun_target"]):
        year = int(cells["tahun_target"])
        bad_year = year_problem(year, window)
        if bad_year is not None:
            report("tahun_target", "rentang_tahun.sel", isian=cells["tahun_target"], **bad_year)
            year = None
    elif not cells["tahun_target"]:
        report("tahun_target", "format_tahun.kosong")
    else:
        report("tahun_target", "format_tahun.empat_angka", isian=cells["tahun_target"])
    row["tahun_target_nilai"] = year
    value = None
    if cells["target"]:
        value = _target_text(cells["target"], "target", report)[0]
    else:
        report("target", "isian_wajib.nilai")
    row["target_nilai"] = value
    return row


@lru_cache(maxsize=1 << 14)
def _code_fields(text: str) -> dict:
    """The row fields of a code (shared between rows: only ever copied into a row); raises CodeFormatError."""
    code = parse_code(text)
    return {
        "kode_normal": code.kode,
        "level": code.level,
        "kode_induk": code.kode_induk,
        "kode_sementara": code.sementara,
    }


_NO_CODE = {"kode_normal": None, "level": None, "kode_induk": None, "kode_sementara": None}


def _parse_code_cell(row: dict, cells: dict[str, str], report) -> None:
    try:
        row.update(_code_fields(cells["kode"]))
    except CodeFormatError as exc:
        report("kode", exc.cek, **exc.params)
        row.update(_NO_CODE)


def _parse_realisasi_row(cells: dict[str, str], report) -> dict:
    """One node's realisasi for the triwulan of the file (that triwulan alone, not cumulative)."""
    row = dict(cells)
    _parse_code_cell(row, cells, report)
    target = unit = None
    target_negative = money_negative = False
    if cells["realisasi_target"]:
        plain = _plain_target(cells["realisasi_target"])  # the plain cell; anything else by _target_text
        if plain is not None:
            target, unit = plain
        else:
            target, unit, target_negative = _target_text(cells["realisasi_target"], "realisasi_target", report)
    money = None
    if cells["realisasi_anggaran"]:
        money = rupiah_text(cells["realisasi_anggaran"])  # the plain cell; anything else by _money_text
        if money is None:
            money, money_negative = _money_text(cells["realisasi_anggaran"], "realisasi_anggaran", report)
    else:
        report("realisasi_anggaran", "isian_wajib.realisasi_anggaran")
    if target_negative:
        report("realisasi_target", "tidak_negatif.nilai", isian=cells["realisasi_target"])
    if money_negative:
        report("realisasi_anggaran", "tidak_negatif.nilai", isian=cells["realisasi_anggaran"])
    row["realisasi_target_nilai"] = target
    # the unit written with it ("50%", "6 Dokumen"): checked against the plan's satuan
    # (rule realisasi_satuan_sesuai_rencana), never dropped
    row["satuan_realisasi"] = unit
    row["realisasi_anggaran_nilai"] = money
    return row


_ANSWERS = {"1": 1, "2": 2, "3": 3, "4": 4}
_UNSUR_NILAI = tuple((unsur, f"{unsur}_nilai") for unsur in UNSUR)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_problem(tanggal: str | None, window: tuple[int, int] | None) -> tuple[str, dict] | None:
    """The check a survey date fails and its message's parameters; None for a date of the year window."""
    if not tanggal:
        return "tanggal.kosong", {}
    if not _ISO_DATE.fullmatch(tanggal):
        return "tanggal.format", {"isian": tanggal}
    year, month, day = (int(part) for part in tanggal.split("-"))
    try:
        dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            return "tanggal.bulan", {"isian": tanggal, "bulan": month}
        if year < dt.MINYEAR:
            return "tanggal.tahun", {"isian": tanggal, "tahun": year}
        return "tanggal.hari", {"isian": tanggal, "bulan": month, "hari": day}
    bad_year = year_problem(year, window)
    if bad_year is not None:  # 1900-05-02 in a survey: a typing error, not a date
        return "rentang_tahun.sel", {"isian": tanggal, **bad_year}
    return None


_date_problem_once = lru_cache(maxsize=1 << 12)(_date_problem)  # report(**params) copies the params


def _parse_ikm_row(cells: dict[str, str], report, window: tuple[int, int] | None = None) -> dict:
    """One respondent: the nine unsur answered 1 (worst) to 4 (best), the date and the service used."""
    row = dict(cells)
    for unsur, nilai in _UNSUR_NILAI:
        text = cells[unsur]
        value = _ANSWERS.get(text)
        if value is None:
            if not text:
                report(unsur, "isian_wajib.jawaban")
            else:
                report(unsur, "isian_diizinkan.jawaban", isian=text)
        row[nilai] = value
    tanggal = cells["tanggal"] or None
    # the same dates recur in every survey: with the window known, each is checked once per process
    problem = _date_problem(tanggal, None) if window is None else _date_problem_once(tanggal, window)
    if problem is not None:
        report("tanggal", problem[0], **problem[1])
        tanggal = None
    row["tanggal_nilai"] = tanggal
    if not cells["no_responden"]:
        report("no_responden", "isian_wajib.no_responden")
    return row


ROW_PARSERS = {
    "rencana": _parse_plan_row,
    "kinerja": _parse_kinerja_row,
    "realisasi": _parse_realisasi_row,
    "ikm": _parse_ikm_row,
}


def _check_duplicate_respondents(parsed: ParsedFile, sheet) -> None:
    seen: dict[str, int] = {}
    for row in parsed.rows:
        number = row.get("no_responden")
        if not number:
            continue
        if number in seen:
            parsed.problems.append(
                finding(
                    "responden_tidak_ganda.ganda",
                    {"baris_pertama": seen[number], "no_responden": number},
                    nama_berkas=shown_name(parsed.path.name),
                    sheet=sheet,
                    baris=row["baris"],
                    kolom="no_responden",
                )
            )
        else:
            seen[number] = row["baris"]


def _check_duplicate_codes(parsed: ParsedFile, sheet) -> None:
    seen: dict[str, int] = {}
    for row in parsed.rows:
        code = row.get("kode_normal")
        if not code:
            continue
        if code in seen:
            parsed.problems.append(
                finding(
                    "kode_tidak_ganda.ganda",
                    {"baris_pertama": seen[code], "kode_ganda": code},
                    nama_berkas=shown_name(parsed.path.name),
                    sheet=sheet,
                    baris=row["baris"],
                    kolom="kode",
                    kode=code,
                )
            )
        else:
            seen[code] = row["baris"]
