"""Audit: run the Great Expectations suites of ``expectations/`` against the build database.

Each suite names (in its meta) the dbt model it validates. The rule itself is that model (one
``int_cek__<rule>`` model per rule); the suite states what must hold for its rows. Every row
that breaks an expectation becomes a Finding that names kecamatan, year, code, expected and found.
Expectations whose meta says ``tingkat: warning`` report without blocking publication. An error
whose meta says ``dampak: karantina`` (realisasi and survey rules) quarantines the file version it
was found in instead of blocking: that version is left out, the rest is published.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from orchestration.domain.numbers import format_number, format_rupiah
from orchestration.settings import EXPECTATIONS_DIR
from orchestration.warehouse.gx_duckdb import close_datasource, duckdb_datasource, gx_context

SUITES_DIR = EXPECTATIONS_DIR / "expectations"
MODEL_SCHEMAS = {"int_": "intermediate", "stg_": "staging"}
IDENTITY_COLUMNS = ("kode_wilayah", "tahun", "triwulan", "kode", "level", "kolom", "ukuran", "keterangan",
                    "alasan_pengecualian", "uraian", "koreksi_baris", "nama_berkas", "baris",
                    "teks_terbit", "kode_induk", "berkas_id", "unsur", "no_responden")


@dataclass(frozen=True)
class Finding:
    aturan: str
    tingkat: str  # error | warning
    kode_wilayah: str | None
    tahun: int | None
    kode: str | None
    kolom: str | None
    diharapkan: str
    ditemukan: str
    pesan: str
    dampak: str = "blokir"  # blokir: blocks publication | karantina: quarantines its file version
    nama_berkas: str | None = None
    berkas_id: str | None = None
    triwulan: int | None = None

    def __str__(self) -> str:
        where = " ".join(str(x) for x in (self.kode_wilayah, self.tahun, self.kode, self.kolom) if x)
        return (f"{self.tingkat.upper()} {self.aturan}: {where}: expected {self.diharapkan}, "
                f"found {self.ditemukan} ({self.pesan})")


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    suites: dict[str, bool] = field(default_factory=dict)  # suite -> no blocking failure

    @property
    def errors(self) -> list[Finding]:
        """Blocking findings: nothing is published while there is one."""
        return [f for f in self.findings if f.tingkat == "error" and f.dampak == "blokir"]

    @property
    def quarantined(self) -> list[Finding]:
        return [f for f in self.findings if f.tingkat == "error" and f.dampak == "karantina"]

    def quarantine_records(self) -> list[dict]:
        """One record per quarantined file version and rule, for raw.karantina."""
        seen: dict[tuple, dict] = {}
        for f in self.quarantined:
            key = (f.berkas_id, f.aturan)
            if key not in seen:
                seen[key] = {"berkas_id": f.berkas_id, "nama_berkas": f.nama_berkas, "aturan": f.aturan,
                             "alasan": f"{f.kode or f.kolom}: expected {f.diharapkan}, found {f.ditemukan}", "n": 0}
            seen[key]["n"] += 1
        return [{**r, "alasan": r["alasan"] + (f" (and {r['n'] - 1} more)" if r["n"] > 1 else "")}
                for r in seen.values()]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.tingkat == "warning"]

    @property
    def passed(self) -> bool:
        return not self.errors

    def to_json(self, **extra) -> str:
        return json.dumps({**extra, "suites": self.suites, "findings": [asdict(f) for f in self.findings]},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "AuditResult":
        data = json.loads(text)
        return cls([Finding(**f) for f in data["findings"]], data["suites"])

    def merged(self, other: "AuditResult") -> "AuditResult":
        return AuditResult(self.findings + other.findings, {**self.suites, **other.suites})


def load_suites(suites_dir: Path = SUITES_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(suites_dir.glob("*.json"))}


def _model_relation(model: str) -> str:
    schema = next((s for prefix, s in MODEL_SCHEMAS.items() if model.startswith(prefix)), "marts")
    return f"{schema}.{model}"


def _columns(build_db: Path, models: list[str]) -> dict[str, list[str]]:
    with duckdb.connect(str(build_db), read_only=True) as con:
        return {m: [d[0] for d in con.execute(f"select * from {_model_relation(m)} limit 0").description]
                for m in models}


def _display(value, ukuran: str | None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "(empty)"
    if isinstance(value, Decimal):
        return format_rupiah(value) if ukuran == "pagu" else format_number(value)
    return str(value)


# Every failing row is reported: GX returns at most this many (it is a LIMIT, not an allocation).
ALL_ROWS = 10**9


def _raised(outcome) -> str | None:
    """The error of an expectation that could not run (GX nests it per metric on SQL engines)."""
    info = outcome.exception_info or {}
    if info.get("raised_exception"):
        return info.get("exception_message") or "unknown error"
    nested = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return (nested[0].get("exception_message") or "unknown error") if nested else None


def _fill_compound_rows(source, model: str, outcome, identity: list[str]) -> None:
    """On SQL engines GX gives the duplicated values of a compound-uniqueness expectation but not the
    rows that hold them; look those rows up so every finding names its file and row."""
    import sqlalchemy as sa

    columns = outcome.expectation_config.kwargs["column_list"]
    values = {tuple(v[c] for c in columns) for v in outcome.result.get("unexpected_list") or []}
    if not values or outcome.result.get("unexpected_index_list"):
        return
    params, tuples = {}, []
    for i, value in enumerate(sorted(values, key=repr)):
        names = [f"v{i}_{j}" for j in range(len(columns))]
        params.update(zip(names, value))
        tuples.append("(" + ", ".join(f":{n}" for n in names) + ")")
    wanted = list(dict.fromkeys([*identity, *columns]))
    match = " and ".join(f"t.{c} is not distinct from v.{c}" for c in columns)
    query = sa.text(f"select {', '.join(f't.{c}' for c in wanted)} from {_model_relation(model)} t "
                    f"where exists (select 1 from (values {', '.join(tuples)}) v({', '.join(columns)}) where {match})")
    with source.get_engine().connect() as connection:
        outcome.result["unexpected_index_list"] = [dict(r._mapping) for r in connection.execute(query, params)]


def run_audit(build_db: Path, suites_dir: Path = SUITES_DIR, tahap: str | None = None) -> AuditResult:
    """Run the suites (all, or those of one stage: validasi or mart) inside DuckDB."""
    import great_expectations as gx

    suites = load_suites(suites_dir)
    if tahap is not None:
        suites = {name: spec for name, spec in suites.items() if spec["meta"].get("tahap") == tahap}
    columns = _columns(build_db, sorted({spec["meta"]["model"] for spec in suites.values()}))
    context = gx_context()
    source = duckdb_datasource(context, "build", build_db)
    result = AuditResult()
    try:
        for name, spec in suites.items():
            model = spec["meta"]["model"]
            batch = (source.add_query_asset(name=name, query=f"select * from {_model_relation(model)}")
                     .add_batch_definition_whole_table("all").get_batch())
            suite = gx.ExpectationSuite(name=name, expectations=spec["expectations"], meta=spec["meta"])
            identity = [c for c in IDENTITY_COLUMNS if c in columns[model]]
            validation = batch.validate(suite, result_format={
                "result_format": "COMPLETE", "unexpected_index_column_names": identity,
                "partial_unexpected_count": ALL_ROWS})
            blocking_ok = True
            for outcome in validation.results:
                meta = outcome.expectation_config.meta or {}
                if error := _raised(outcome):
                    raise RuntimeError(f"suite {name}: expectation {outcome.expectation_config.type} failed to run: "
                                       f"{error}")
                if outcome.success:
                    continue
                if "column_list" in outcome.expectation_config.kwargs:
                    _fill_compound_rows(source, model, outcome, identity)
                tingkat = meta.get("tingkat", "error")
                blocking_ok &= not (tingkat == "error" and meta.get("dampak", "blokir") == "blokir")
                found = _findings(outcome, meta, tingkat)
                expected_rows = outcome.result.get("unexpected_count")
                if expected_rows is not None and expected_rows != len(found):
                    raise RuntimeError(f"suite {name}: {expected_rows} rows break {outcome.expectation_config.type} "
                                       f"but {len(found)} were returned")
                result.findings.extend(found)
            result.suites[name] = blocking_ok
    finally:
        close_datasource(source)  # frees the file for the read-write connection that follows
    result.findings.sort(key=lambda f: (f.tingkat, f.aturan, f.kode_wilayah or "", f.tahun or 0, f.kode or "",
                                        f.kolom or ""))
    return result


def _findings(outcome, meta: dict, tingkat: str) -> list[Finding]:
    config = outcome.expectation_config
    kwargs = config.kwargs
    found_rows = outcome.result.get("unexpected_index_list") or []
    findings = []
    for row in found_rows:
        ukuran = row.get("ukuran")
        if "column_A" in kwargs and config.type == "expect_column_pair_values_a_to_be_greater_than_b":
            a, b = row.get(kwargs["column_A"]), row.get(kwargs["column_B"])
            if kwargs["column_A"] == "diharapkan":  # a limit (diharapkan) and a value (ditemukan)
                expected, found = "at most " + _display(a, ukuran), _display(b, ukuran)
            else:  # a value (A) and its minimum (B)
                expected, found = f"{kwargs['column_A']} of at least {_display(b, ukuran)}", _display(a, ukuran)
        elif "column_A" in kwargs:
            expected = _display(row.get(kwargs["column_A"]), ukuran)
            found = _display(row.get(kwargs["column_B"]), ukuran)
        elif "column_list" in kwargs:
            expected = "a unique " + " + ".join(kwargs["column_list"])
            found = "a duplicate: " + " / ".join(_display(row.get(c), None) for c in kwargs["column_list"])
        else:
            column = kwargs["column"]
            expected = _expected_text(config.type, kwargs)
            found = _display(row.get(column), ukuran)
            if row.get(column) is None and row.get("teks_terbit"):
                found += f" (cell reads {row['teks_terbit']!r})"
        notes = [meta.get("pesan", config.type)]
        if row.get("no_responden"):
            notes.append(f"respondent {row['no_responden']}")
        for extra in ("keterangan", "uraian", "alasan_pengecualian"):
            if row.get(extra):
                notes.append(str(row[extra]))
        if row.get("nama_berkas"):
            notes.append(row["nama_berkas"] + (f" row {row['baris']}" if row.get("baris") is not None else ""))
        findings.append(Finding(
            aturan=meta.get("aturan", config.type), tingkat=tingkat,
            kode_wilayah=row.get("kode_wilayah"), tahun=_int_or_none(row.get("tahun")),
            kode=row.get("kode"), kolom=row.get("kolom"),
            diharapkan=expected, ditemukan=found, pesan="; ".join(notes),
            dampak=meta.get("dampak", "blokir"), nama_berkas=row.get("nama_berkas"), berkas_id=row.get("berkas_id"),
            triwulan=_int_or_none(row.get("triwulan")),
        ))
    return findings


def _expected_text(expectation_type: str, kwargs: dict) -> str:
    if expectation_type == "expect_column_values_to_not_be_null":
        return f"a value in {kwargs['column']}"
    if expectation_type == "expect_column_values_to_be_in_set":
        return f"{kwargs['column']} in {kwargs['value_set']}"
    if expectation_type == "expect_column_values_to_be_between":
        low, high = kwargs.get("min_value"), kwargs.get("max_value")
        if high is None:
            return f"{kwargs['column']} of {low:g} or more"
        if low is None:
            return f"{kwargs['column']} of {high:g} or less"
        return f"{kwargs['column']} between {low} and {high}"
    return expectation_type


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
