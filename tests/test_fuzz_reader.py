"""Property-based fuzzing of the reader and of `monev check` (issue 11, part 6).

The invariants, whatever a cell or a file holds:
- a cell parser returns a value that fits the column it is stored in (rupiah DECIMAL(18,2), targets
  DECIMAL(18,4): nothing the reader accepts can fail a cast later) or raises its one error type, naming
  a registered check whose message renders in both languages;
- ``read_submission`` never raises: it returns rows or located problems (file, and for a cell: row and
  column), and every value it accepted fits its column;
- `monev check` never raises and never reports an internal error on such files.

Generated from valid files with one mutation each. Deterministic (``derandomize``: the same examples on
every run, as CI needs) and bounded (about 10 s in all; the `monev check` property is checked in
tests/test_plausibility.py, within its one dbt run).
"""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import GOOD_PLAN, PLAN_HEADER, REALISASI_HEADER
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from orchestration.domain import submission
from orchestration.domain.codes import CodeFormatError, parse_code
from orchestration.domain.numbers import NumberFormatError, parse_rupiah, parse_target
from orchestration.domain.submission import (
    IKM_REQUIRED,
    KINERJA_REQUIRED,
    PLAN_MONEY,
    PLAN_TARGETS,
    ROW_PARSERS,
    read_submission,
)
from orchestration.rules.model import Finding, template_fields
from orchestration.settings import SEEDS_DIR

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# What DuckDB stores: DECIMAL(18,2) holds |x| < 10^16, DECIMAL(18,4) |x| < 10^14.
FITS = {"rupiah": (Decimal(10) ** 16, 2), "target": (Decimal(10) ** 14, 4)}

# --- cell values ------------------------------------------------------------------------------------

DIGITS = st.text("0123456789", min_size=1, max_size=30)
# Indonesian-looking numbers, right or wrong: groups, decimals, signs, brackets, units, exponents
NUMBERISH = st.builds(
    lambda sign, whole, sep, frac, unit, wrap: wrap.format(f"{sign}{whole}{sep}{frac}{unit}"),
    st.sampled_from(["", "-", "+", "Rp ", "Rp. ", "- "]),
    st.one_of(
        DIGITS,
        st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=8).map(".".join),
        st.integers(min_value=0, max_value=10**40).map(lambda n: f"{n:,}".replace(",", ".")),
    ),
    st.sampled_from(["", ",", "."]),
    st.one_of(st.just(""), st.text("0123456789", max_size=8)),
    st.sampled_from(["", "%", " %", " Dokumen", " Orang/ Bulan", "E6", "e+06", " rupiah", ",-", " persen"]),
    st.sampled_from(["{}", "({})", " {} ", "{}\u00a0", "'{}"]),
)
ODD = st.text(
    st.one_of(
        st.sampled_from(list("0123456789.,-+%()Ee/ \t\n\"';=@#\u00a0\u0661\uff11\u200b")),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=40,
)
CELL = st.one_of(NUMBERISH, ODD, DIGITS, st.sampled_from(["", " ", "-", "0", "1900", "2999", "73.24.99"]))
CODE = st.one_of(
    st.lists(st.text("0123456789X", min_size=1, max_size=5), min_size=1, max_size=7).map(".".join),
    st.sampled_from([r["kode"] for r in GOOD_PLAN]),
    ODD,
)


def assert_registered(error) -> None:
    finding = Finding(error.cek.partition(".")[0], error.cek, error.params)  # raises if unregistered
    check = finding.check
    for bahasa in ("id", "en"):
        templates = check.expected.get(bahasa) + check.found.get(bahasa)
        assert template_fields(templates) <= set(error.params), (error.cek, error.params)
        finding.baris_teks(bahasa).encode("utf-8")


def assert_fits(value: Decimal, kind: str) -> None:
    limit, decimals = FITS[kind]
    assert abs(value) < limit, value
    assert -value.as_tuple().exponent <= decimals, value


@FUZZ
@given(CELL)
def test_a_rupiah_cell_is_a_value_that_fits_or_a_registered_error(text):
    try:
        value = parse_rupiah(text)
    except NumberFormatError as exc:
        assert_registered(exc)
    else:
        assert_fits(value, "rupiah")


@FUZZ
@given(CELL)
def test_a_target_cell_is_a_value_that_fits_or_a_registered_error(text):
    try:
        target = parse_target(text)
    except NumberFormatError as exc:
        assert_registered(exc)
    else:
        assert_fits(target.value, "target")


@FUZZ
@given(CODE)
def test_a_code_cell_is_a_code_or_a_registered_error(text):
    try:
        code = parse_code(text)
    except CodeFormatError as exc:
        assert_registered(exc)
    else:
        assert code.level in ("program", "kegiatan", "sub_kegiatan")


@FUZZ
@given(
    st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.datetimes(),
        st.dates(),
        st.times(),
        st.booleans(),
        ODD,
    ),
    st.sampled_from([None, "General", "0%", "0.00%", "#,##0", "yyyy-mm-dd"]),
)
def test_any_excel_value_becomes_text_the_cell_parsers_read(value, number_format):
    text = submission._xlsx_cell_text(value, number_format)
    assert isinstance(text, str)
    for parse in (parse_rupiah, parse_target):
        try:
            parse(text)
        except NumberFormatError as exc:
            assert_registered(exc)


# --- rows of every kind: every column type at once ------------------------------------------------

ROW_COLUMNS = {
    "rencana": submission.PLAN_REQUIRED + submission.PLAN_OPTIONAL,
    "kinerja": KINERJA_REQUIRED + submission.KINERJA_OPTIONAL,
    "realisasi": submission.REALISASI_REQUIRED + submission.REALISASI_OPTIONAL,
    "ikm": IKM_REQUIRED + submission.IKM_OPTIONAL,
}
# the parsed value of each number column and the type it is stored as
VALUE_COLUMNS = {
    **{f"{c}_nilai": "rupiah" for c in (*PLAN_MONEY, "realisasi_anggaran")},
    **{f"{c}_nilai": "target" for c in (*PLAN_TARGETS, "realisasi_target")},
}


@FUZZ
@given(st.sampled_from(sorted(ROW_COLUMNS)), st.data())
def test_a_row_of_any_cells_parses_to_values_that_fit_and_registered_problems(jenis, data):
    cells = {c: data.draw(CELL if c != "kode" else CODE, label=c).strip() for c in ROW_COLUMNS[jenis]}
    issues = []
    row = ROW_PARSERS[jenis](cells, lambda column, cek, **params: issues.append((column, cek, params)))
    for column, cek, params in issues:
        assert column in cells
        Finding(cek.partition(".")[0], cek, params).baris_teks("id")
    for column, kind in VALUE_COLUMNS.items():
        if row.get(column) is not None:
            assert_fits(Decimal(row[column]), kind)
    if row.get("tahun_target_nilai") is not None:
        assert 1000 <= row["tahun_target_nilai"] <= 9999


# --- whole files: a valid file with one mutation ----------------------------------------------------

GOOD_REALISASI = [
    ["7.01.03", "100", "380.000", "Sesuai jadwal"],
    ["7.01.03.2.01", "100", "380.000", ""],
    ["7.01.03.2.01.0001", "5", "300.000", ""],
    ["7.01.03.2.01.0003", "2", "80.000", ""],
]
VALID = {
    "rencana_73.24.10_2024.csv": [PLAN_HEADER, *([r.get(h, "") for h in PLAN_HEADER] for r in GOOD_PLAN)],
    "realisasi_73.24.10_2024_tw1.csv": [REALISASI_HEADER, *GOOD_REALISASI],
    "kinerja_73.24.10_2024.csv": [
        ["tabel", "no", "indikator", "tahun_target", "target", "satuan"],
        ["iku", "1", "Indeks Kepuasan Masyarakat", "2024", "80", "Indeks"],
        ["perjanjian_kinerja", "1", "Indeks Kepuasan Masyarakat", "2024", "80", "Indeks"],
    ],
    "ikm_73.24.10_2024.csv": [list(IKM_REQUIRED), ["1", "2024-05-02", "KTP", *"344334343"]],
}


@st.composite
def mutated_file(draw) -> tuple[str, bytes]:
    """A valid file's name and bytes after one mutation."""
    name = draw(st.sampled_from(sorted(VALID)))
    table = [list(r) for r in VALID[name]]
    kind = draw(
        st.sampled_from(["cell", "header", "drop_column", "add_column", "duplicate_row", "bytes", "truncate", "name"])
    )
    if kind == "cell":
        row = draw(st.integers(1, len(table) - 1))
        col = draw(st.integers(0, len(table[0]) - 1))
        table[row][col] = draw(CELL)
    elif kind == "header":
        table[0][draw(st.integers(0, len(table[0]) - 1))] = draw(
            st.one_of(ODD, st.sampled_from(["kode_wilayah", "tahun", "triwulan", "Kode", "", "pagu"]))
        )
    elif kind == "drop_column":
        col = draw(st.integers(0, len(table[0]) - 1))
        table = [r[:col] + r[col + 1 :] for r in table]
    elif kind == "add_column":
        title = draw(st.sampled_from(["kode_wilayah", "tahun", "triwulan", "", "catatan"]))
        table = [table[0] + [title]] + [r + [draw(CELL)] for r in table[1:]]
    elif kind == "duplicate_row":
        table.append(list(table[draw(st.integers(1, len(table) - 1))]))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    data = buffer.getvalue().encode("utf-8")
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    elif kind == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif kind == "name":
        name = draw(
            st.sampled_from(
                [
                    name.replace("2024", "1900"),
                    name.replace("2024", "2999"),
                    name.replace("73.24.10", "73.24.99"),
                    name.replace(".csv", ".xlsx"),
                    name.replace(".csv", "_v2.csv"),
                ]
            )
        )
    return name, data


def assert_located(parsed) -> None:
    for problem in parsed.problems:
        assert problem.nama_berkas, problem
        problem.baris_teks("id").encode("utf-8")
        problem.baris_teks("en").encode("utf-8")
        if problem.kolom and problem.kolom not in ("berkas",) and problem.baris is None:
            pytest.fail(f"a cell problem without its row: {problem}")


@settings(FUZZ, max_examples=150)
@given(mutated_file())
def test_a_mutated_file_reads_to_rows_or_located_problems_never_an_exception(case):
    name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        parsed = read_submission(path)  # must not raise
    assert_located(parsed)
    for row in parsed.rows:
        for column, kind in VALUE_COLUMNS.items():
            if row.get(column) is not None:
                assert_fits(Decimal(row[column]), kind)
    assert not any(p.cek == "isi_berkas.galat_pembaca" for p in parsed.problems), parsed.problems


# --- `monev check` never raises ----------------------------------------------------------------------
# (run in tests/test_plausibility.py, inside its one `monev check`: one dbt run for both)

LUWU_TIMUR = [f"73.24.{n:02d}" for n in range(1, 5)]


def write_fuzzed_realisasi(folder: Path) -> list[Path]:
    """Four realisasi, one per kecamatan 73.24.01-04, each its sample file (a random triwulan) with one cell
    replaced by any text: the last of 12 derandomized Hypothesis examples (the first is the simplest draw)."""
    files: list[Path] = []

    @settings(FUZZ, max_examples=12, phases=[Phase.generate])
    @given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 40), CELL), min_size=4, max_size=4))
    def write(mutations):
        for path in files:
            path.unlink()
        files.clear()
        for kw, (column, row_index, value) in zip(LUWU_TIMUR, mutations, strict=True):
            source = SEEDS_DIR / "sampel" / f"realisasi_{kw}_2024_tw{column}.csv"
            rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"))))
            row = rows[min(row_index, len(rows) - 1)]
            row[1 + (row_index % 2)] = value  # realisasi_target or realisasi_anggaran
            target = folder / f"realisasi_{kw}_2024_tw{column}_v9.csv"
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            target.write_text(buffer.getvalue(), encoding="utf-8")
            files.append(target)

    write()
    return list(files)
