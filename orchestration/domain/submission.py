"""The submission contract with kecamatan offices: file names, columns and cell formats.

A plan is ``rencana_<kode_wilayah>_<tahun>.csv`` or ``.xlsx``; its strategic part (tujuan,
sasaran, IKU, Perjanjian Kinerja) is the companion ``kinerja_<kode_wilayah>_<tahun>.csv`` or
``.xlsx``. Reading a file never stops at the first problem: every problem is collected with
file, sheet, row, column, expected and found, and every row is kept as received.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from .codes import CodeFormatError, parse_code
from .numbers import NumberFormatError, normalise_unit, parse_number, parse_rupiah, parse_target

ERROR = "error"
WARNING = "warning"

QUARTERS = (1, 2, 3, 4)
PLAN_MONEY = ("pagu", *(f"pagu_tw{q}" for q in QUARTERS), "pagu_akhir_tahun")
PLAN_TARGETS = ("target", *(f"target_tw{q}" for q in QUARTERS), "target_akhir_tahun")
PLAN_REQUIRED = (
    "kode", "uraian", "indikator", "satuan", "target", "pagu",
    *(c for q in QUARTERS for c in (f"target_tw{q}", f"pagu_tw{q}")),
    "penanggung_jawab",
)
PLAN_OPTIONAL = ("target_akhir_tahun", "pagu_akhir_tahun", "agregasi_target", "arah_indikator", "catatan")

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
REALISASI_OPTIONAL = ("permasalahan", "tindak_lanjut")

# IKM survey (Permenpan RB 14/2017): one row per respondent, the nine unsur answered 1..4.
UNSUR = tuple(f"u{i}" for i in range(1, 10))
IKM_REQUIRED = ("no_responden", "tanggal", "layanan", *UNSUR)
IKM_OPTIONAL = ("keterangan",)

KINERJA_REQUIRED = ("tabel", "no", "indikator", "tahun_target", "target")
KINERJA_OPTIONAL = ("tujuan", "sasaran", "satuan", "formulasi", "sumber_data", "penanggung_jawab")
KINERJA_TABLES = {
    "tujuan_sasaran": "Tabel Tujuan dan Sasaran (Renstra)",
    "iku": "Tabel Indikator Kinerja Utama",
    "perjanjian_kinerja": "Tabel Perjanjian Kinerja",
}

FILE_NAME = re.compile(
    r"^(?P<jenis>rencana|kinerja|realisasi|ikm)_(?P<kode_wilayah>\d{2}\.\d{2}\.\d{2})_(?P<tahun>\d{4})"
    r"(?:_tw(?P<triwulan>\d))?(?:_v(?P<versi>\d{1,3}))?\.(?P<ext>csv|xlsx)$",
    re.IGNORECASE,
)
FILE_NAME_EXAMPLES = (
    "rencana_<kode_wilayah>_<tahun>, kinerja_<kode_wilayah>_<tahun>, "
    "realisasi_<kode_wilayah>_<tahun>_tw<1-4> or ikm_<kode_wilayah>_<tahun>, optionally followed by _v<n>, "
    "then .csv or .xlsx (e.g. rencana_73.24.10_2024.csv, realisasi_73.24.10_2024_tw2_v2.csv)"
)
COLUMNS = {
    "rencana": (PLAN_REQUIRED, PLAN_OPTIONAL),
    "kinerja": (KINERJA_REQUIRED, KINERJA_OPTIONAL),
    "realisasi": (REALISASI_REQUIRED, REALISASI_OPTIONAL),
    "ikm": (IKM_REQUIRED, IKM_OPTIONAL),
}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number: the header is row 1
    column: str | None
    rule: str
    expected: str
    found: str
    severity: str = ERROR
    sheet: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.sheet:
            where += f" [{self.sheet}]"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{self.severity.upper()} {where}: {self.rule}: expected {self.expected}, found {self.found}"


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
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]


def file_id(name: str, sha256: str) -> str:
    """One received file: its content hash and its name (the name carries kecamatan, year and triwulan)."""
    return f"{sha256[:16]}:{name}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file_name(name: str) -> dict | None:
    """The key a file belongs to: jenis, kecamatan, year (and triwulan), and its version (default 1)."""
    match = FILE_NAME.match(name)
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


def read_submission(path: Path) -> ParsedFile:
    """Read a plan or companion file; never raises on bad content."""
    path = Path(path)
    name = path.name
    parsed = ParsedFile(path, None, None, None, sha256_of(path))
    meta = parse_file_name(name)
    if meta is None:
        parsed.problems.append(Problem(name, None, None, "file name", FILE_NAME_EXAMPLES, name))
        return parsed
    parsed.jenis, parsed.kode_wilayah, parsed.tahun = meta["jenis"], meta["kode_wilayah"], meta["tahun"]
    parsed.triwulan, parsed.versi = meta["triwulan"], meta["versi"]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        parsed.problems.append(Problem(name, None, None, "file size",
                                       f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB", f"{size} bytes"))
        return parsed
    try:
        sheet, header, records = _read_table(path, meta["ext"], meta["jenis"])
    except _TableError as exc:
        parsed.problems.append(Problem(name, exc.row, None, exc.rule, exc.expected, exc.found, sheet=exc.sheet))
        return parsed
    required, optional = COLUMNS[parsed.jenis]
    columns = _check_header(parsed, sheet, header, required, optional)
    if columns is None:
        return parsed
    if len(records) > MAX_ROWS:
        parsed.problems.append(Problem(name, None, None, "row count", f"at most {MAX_ROWS} rows",
                                       str(len(records)), sheet=sheet))
        return parsed
    parse_row = ROW_PARSERS[parsed.jenis]
    for row_number, values in records:
        cells = {col: (values[i] if i < len(values) else "") for col, i in columns.items()}
        cells = {col: ("" if v is None else str(v)).strip() for col, v in cells.items()}
        if not any(cells.values()):
            continue
        issues: list[Problem] = []

        def report(column, rule, expected, found, severity=ERROR, _row=row_number):
            issues.append(Problem(name, _row, column, rule, expected, found, severity, sheet))

        row = parse_row(cells, report)
        row["baris"] = row_number
        parsed.rows.append(row)
        parsed.problems.extend(issues)
    if not parsed.rows:
        parsed.problems.append(Problem(name, None, None, "data rows", "at least one data row under the header",
                                       "none", sheet=sheet))
    if parsed.jenis in ("rencana", "realisasi"):
        _check_duplicate_codes(parsed, sheet)
    if parsed.jenis == "ikm":
        _check_duplicate_respondents(parsed, sheet)
    return parsed


# --- tables ---------------------------------------------------------------------------


class _TableError(Exception):
    def __init__(self, rule, expected, found, row=None, sheet=None):
        super().__init__(f"{rule}: expected {expected}, found {found}")
        self.rule, self.expected, self.found, self.row, self.sheet = rule, expected, found, row, sheet


def _read_table(path: Path, ext: str, jenis: str) -> tuple[str | None, list[str], list[tuple[int, list]]]:
    if ext == "csv":
        return None, *_read_csv(path)
    return _read_xlsx(path, jenis)


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise _TableError("file type", "a CSV text file", "a ZIP/XLSX workbook with a .csv name")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _TableError("text encoding", "UTF-8 text (save as 'CSV UTF-8')",
                          f"byte 0x{raw[exc.start]:02x} that is not UTF-8", row=line) from None
    if not text.strip():
        raise _TableError("content", "a header row and data rows", "an empty file")
    sample = text[:4096]
    delimiter = ";" if sample.split("\n", 1)[0].count(";") > sample.split("\n", 1)[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    header = rows[0]
    return header, [(i + 2, r) for i, r in enumerate(rows[1:])]


def _read_xlsx(path: Path, jenis: str):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise _TableError("file type", "an XLSX workbook", "a file that is not a ZIP/XLSX workbook")
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > 10 * MAX_FILE_BYTES:
            raise _TableError("file size", f"at most {10 * MAX_FILE_BYTES // (1024 * 1024)} MB unpacked",
                              f"{unpacked} bytes unpacked")
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on damaged workbooks
        raise _TableError("file type", "a readable XLSX workbook", f"{type(exc).__name__}: {exc}") from None
    try:
        names = book.sheetnames
        sheet_name = jenis if jenis in names else names[0]
        sheet = book[sheet_name]
        rows = []
        for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if index > MAX_ROWS + 1:
                raise _TableError("row count", f"at most {MAX_ROWS} rows", f"more than {MAX_ROWS}", sheet=sheet_name)
            cells = []
            for col, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    raise _TableError("cell content", "values, not formulas (paste as values)",
                                      f"formula {value[:40]!r} in column {col}", row=index, sheet=sheet_name)
                cells.append(_xlsx_cell_text(value))
            rows.append(cells)
    finally:
        book.close()
    if not rows:
        raise _TableError("content", "a header row and data rows", "an empty sheet", sheet=sheet_name)
    return sheet_name, [str(c or "") for c in rows[0]], [(i + 2, r) for i, r in enumerate(rows[1:])]


def _xlsx_cell_text(value) -> str:
    """Excel numbers become Indonesian text so that one parser reads CSV and XLSX alike."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        dec = Decimal(repr(value))
        whole, _, frac = f"{dec:f}".partition(".")
        frac = frac.rstrip("0")
        return whole + (f",{frac}" if frac else "")
    return str(value)


def _check_header(parsed, sheet, header, required, optional) -> dict[str, int] | None:
    name = parsed.path.name
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = re.sub(r"\s+", "_", str(title).strip().lower())
        if not key:
            continue
        if key in columns:
            parsed.problems.append(Problem(name, 1, key, "header", "each column once", f"{key!r} twice", sheet=sheet))
            return None
        if key not in required and key not in optional:
            parsed.problems.append(Problem(name, 1, str(title), "header", "a known column (ignored)",
                                           repr(str(title)), WARNING, sheet))
            continue
        columns[key] = index
    missing = [c for c in required if c not in columns]
    if missing:
        parsed.problems.append(Problem(name, 1, None, "header", "columns " + ", ".join(required),
                                       "missing " + ", ".join(missing), sheet=sheet))
        return None
    for col in optional:
        columns.setdefault(col, 10**9)  # absent optional column reads as empty
    return columns


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _parse_plan_row(cells: dict[str, str], report) -> dict:
    row = dict(cells)
    _parse_code_cell(row, cells, report)
    satuan = normalise_unit(cells["satuan"]) if cells["satuan"] else ""
    row["satuan_normal"] = satuan or None
    for col in PLAN_MONEY:
        value = None
        if cells[col]:
            try:
                value = parse_rupiah(cells[col])
            except NumberFormatError as exc:
                report(col, "number format", exc.expected, repr(exc.found))
        row[f"{col}_nilai"] = _decimal_text(value)
    for col in PLAN_TARGETS:
        value = None
        if cells[col]:
            try:
                target = parse_target(cells[col])
                value = target.value
                if target.unit and satuan and target.unit.lower() != satuan.lower():
                    report(col, "unit", f"the satuan column's unit {satuan!r}",
                           repr(cells[col]), WARNING)
            except NumberFormatError as exc:
                report(col, "number format", exc.expected, repr(exc.found))
        row[f"{col}_nilai"] = _decimal_text(value)
    for required_value in ("pagu", "target"):
        if not cells[required_value]:
            report(required_value, "required value", "a value", "an empty cell")
    if not cells["uraian"]:
        report("uraian", "required value", "the name of the program, kegiatan or sub-kegiatan", "an empty cell")
    rule = cells["agregasi_target"].lower()
    if rule and rule not in AGGREGATIONS:
        report("agregasi_target", "allowed value", " or ".join(AGGREGATIONS), repr(cells["agregasi_target"]))
        rule = ""
    row["agregasi_target_normal"] = rule or ("akhir" if satuan.lower() in PERCENT_UNITS else "jumlah")
    direction = cells["arah_indikator"].lower()
    if direction and direction not in DIRECTIONS:
        report("arah_indikator", "allowed value", " or ".join(DIRECTIONS), repr(cells["arah_indikator"]))
        direction = ""
    row["arah_indikator_normal"] = direction or "naik"
    return row


def _parse_kinerja_row(cells: dict[str, str], report) -> dict:
    row = dict(cells)
    if cells["tabel"] not in KINERJA_TABLES:
        report("tabel", "allowed value", " or ".join(KINERJA_TABLES), repr(cells["tabel"]))
    if not cells["indikator"]:
        report("indikator", "required value", "the indicator", "an empty cell")
    year = None
    if re.fullmatch(r"\d{4}", cells["tahun_target"]):
        year = int(cells["tahun_target"])
    else:
        report("tahun_target", "year", "a year such as 2024", repr(cells["tahun_target"]))
    row["tahun_target_nilai"] = year
    value = None
    try:
        value = parse_target(cells["target"]).value if cells["target"] else None
    except NumberFormatError as exc:
        report("target", "number format", exc.expected, repr(exc.found))
    if not cells["target"]:
        report("target", "required value", "a value", "an empty cell")
    row["target_nilai"] = _decimal_text(value)
    return row


def _parse_code_cell(row: dict, cells: dict[str, str], report) -> None:
    try:
        code = parse_code(cells["kode"])
        row.update(kode_normal=code.kode, level=code.level, kode_induk=code.kode_induk,
                   kode_sementara=code.sementara)
    except CodeFormatError as exc:
        report("kode", "code format", exc.expected, repr(exc.found) if exc.found else "empty")
        row.update(kode_normal=None, level=None, kode_induk=None, kode_sementara=None)


def _parse_realisasi_row(cells: dict[str, str], report) -> dict:
    """One node's realisasi for the triwulan of the file (that triwulan alone, not cumulative)."""
    row = dict(cells)
    _parse_code_cell(row, cells, report)
    target = None
    if cells["realisasi_target"]:
        try:
            target = parse_target(cells["realisasi_target"]).value
        except NumberFormatError as exc:
            report("realisasi_target", "number format", exc.expected, repr(exc.found))
    money = None
    if cells["realisasi_anggaran"]:
        try:
            money = parse_rupiah(cells["realisasi_anggaran"])
        except NumberFormatError as exc:
            report("realisasi_anggaran", "number format", exc.expected, repr(exc.found))
    else:
        report("realisasi_anggaran", "required value", "the amount spent in the triwulan (0 if nothing)",
               "an empty cell")
    for value, column in ((target, "realisasi_target"), (money, "realisasi_anggaran")):
        if value is not None and value < 0:
            report(column, "not negative", "0 or more", cells[column])
    row["realisasi_target_nilai"] = _decimal_text(target)
    row["realisasi_anggaran_nilai"] = _decimal_text(money)
    return row


def _parse_ikm_row(cells: dict[str, str], report) -> dict:
    """One respondent: the nine unsur answered 1 (worst) to 4 (best), the date and the service used."""
    row = dict(cells)
    for unsur in UNSUR:
        value = None
        text = cells[unsur]
        if not text:
            report(unsur, "required value", "an answer 1, 2, 3 or 4", "an empty cell")
        elif text in ("1", "2", "3", "4"):
            value = int(text)
        else:
            report(unsur, "allowed value", "an answer 1, 2, 3 or 4", repr(text))
        row[f"{unsur}_nilai"] = value
    tanggal = cells["tanggal"]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", tanggal):
        report("tanggal", "date", "a date such as 2024-03-15", repr(tanggal) if tanggal else "an empty cell")
        tanggal = None
    row["tanggal_nilai"] = tanggal
    if not cells["no_responden"]:
        report("no_responden", "required value", "the respondent number", "an empty cell")
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
            parsed.problems.append(Problem(parsed.path.name, row["baris"], "no_responden", "unique respondent",
                                           f"each respondent once (first at row {seen[number]})", number, sheet=sheet))
        else:
            seen[number] = row["baris"]


def _check_duplicate_codes(parsed: ParsedFile, sheet) -> None:
    seen: dict[str, int] = {}
    for row in parsed.rows:
        code = row.get("kode_normal")
        if not code:
            continue
        if code in seen:
            parsed.problems.append(Problem(parsed.path.name, row["baris"], "kode", "unique code",
                                           f"each code once (first at row {seen[code]})", code, sheet=sheet))
        else:
            seen[code] = row["baris"]


def problems_as_records(problems: list[Problem]) -> list[dict]:
    return [asdict(p) for p in problems]


def parse_number_or_none(text: str) -> Decimal | None:
    """For reference files written by us: an empty cell is None, anything else must parse."""
    return parse_number(text) if text.strip() else None
