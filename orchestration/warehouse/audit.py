"""Audit: the Great Expectations suites (generated from the rule registry) over the rule models.

Great Expectations decides which rows of a rule model break a check; the rows themselves (every
column: the rule's parameters) are then read from the build database, and each becomes a ``Finding``
of the registry's check: its impact and its message come from the registry, nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from orchestration.rules.model import Finding
from orchestration.rules.registry import RULES, sql_rules
from orchestration.rules.suites import SUITES_DIR, schema_of

LOCATION = ("nama_berkas", "berkas_id", "baris", "kolom", "kode_wilayah", "tahun", "triwulan", "kode")


@dataclass
class AuditResult:
    findings: list[Finding] = field(default_factory=list)
    suites: dict[str, bool] = field(default_factory=dict)  # suite -> no blocking failure

    @property
    def errors(self) -> list[Finding]:
        """Blocking findings: nothing is published while there is one."""
        return [f for f in self.findings if f.dampak == "blokir"]

    @property
    def quarantined(self) -> list[Finding]:
        return [f for f in self.findings if f.dampak == "karantina"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.dampak == "peringatan"]

    @property
    def passed(self) -> bool:
        return not self.errors

    def quarantine_records(self) -> list[dict]:
        """One record per quarantined file version and rule, for the gate's table of refused versions."""
        seen: dict[tuple, dict] = {}
        for f in self.quarantined:
            if f.berkas_id is None:
                continue
            key = (f.berkas_id, f.aturan)
            if key not in seen:
                seen[key] = {
                    "berkas_id": f.berkas_id,
                    "nama_berkas": f.nama_berkas,
                    "aturan": f.aturan,
                    "first": f,
                    "n": 0,
                }
            seen[key]["n"] += 1
        records = []
        for r in seen.values():
            first: Finding = r.pop("first")
            more = r["n"] - 1
            tail_id = f" (dan {more} lagi)" if more else ""
            tail_en = f" (and {more} more)" if more else ""
            records.append(
                {
                    **r,
                    "alasan": f"{first.lokasi('id')}: {first.pesan('id')}{tail_id}",
                    "alasan_en": f"{first.lokasi('en')}: {first.pesan('en')}{tail_en}",
                }
            )
        return records

    def to_json(self, **extra) -> str:
        return json.dumps(
            {**extra, "suites": self.suites, "findings": [f.as_record() for f in self.findings]},
            ensure_ascii=False,
            indent=1,
            default=str,
        )

    @classmethod
    def from_json(cls, text: str) -> AuditResult:
        data = json.loads(text)
        return cls([Finding.from_record(f) for f in data["findings"]], data["suites"])

    def merged(self, other: AuditResult) -> AuditResult:
        return AuditResult(self.findings + other.findings, {**self.suites, **other.suites})


def load_suites(suites_dir: Path = SUITES_DIR) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(suites_dir.glob("*.json"))}


# Every failing row is reported: GX returns at most this many (it is a LIMIT, not an allocation).
ALL_ROWS = 10**9


def _raised(outcome) -> str | None:
    """The error of an expectation that could not run (GX nests it per metric on SQL engines)."""
    info = outcome.exception_info or {}
    if info.get("raised_exception"):
        return info.get("exception_message") or "unknown error"
    nested = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    return (nested[0].get("exception_message") or "unknown error") if nested else None


def failing_keys(
    build_db: Path, stage: str, home: Path, run_name: str | None = None, checkpoint=None
) -> list[tuple[str, dict, list[dict]]]:
    """(suite, expectation meta, keys of every failing row) for every failing expectation of one stage, from
    the committed Great Expectations checkpoint of that stage (results and Data Docs under ``home``), run by
    ``checkpoint`` (``gx_checkpoint.run_checkpoint`` in this process, or a ``GxWorker``'s)."""
    if checkpoint is None:
        from orchestration.warehouse.gx_checkpoint import run_checkpoint as checkpoint

    return [(f.suite, dict(f.meta), f.keys) for f in checkpoint(build_db, stage, home, run_name=run_name)]


def run_audit(build_db: Path, tahap: str, home: Path, run_name: str | None = None, checkpoint=None) -> AuditResult:
    """Run the checkpoint of one stage (validasi or mart) and turn every failing row into a finding."""
    suites = {name: spec for name, spec in load_suites().items() if spec["meta"].get("tahap") == tahap}
    unknown = sorted(set(suites) - set(RULES))
    if unknown:
        raise RuntimeError(f"suites without a rule in the registry: {', '.join(unknown)}")
    failures = failing_keys(build_db, tahap, home, run_name, checkpoint)
    result = AuditResult(suites=dict.fromkeys(suites, True))
    with duckdb.connect(str(build_db), read_only=True) as con:
        for name, meta, keys in failures:
            rule = RULES[meta["aturan"]]
            rows = _rows(con, suites[name]["meta"], keys)
            for row in rows:
                result.findings.append(_finding(rule.code, meta["cek"], row))
            if any(c.impact == "blokir" for c in rule.checks if c.code == meta["cek"]) and rows:
                result.suites[name] = False
    result.findings.sort(key=_order)
    return result


def _rows(con: duckdb.DuckDBPyConnection, meta: dict, keys: list[dict]) -> list[dict]:
    """The whole rows of the failing keys, in the model's order of keys."""
    if not keys:
        return []
    kunci = list(meta["kunci"])
    frame = pd.DataFrame([[k.get(c) for c in kunci] for k in keys], columns=kunci, dtype=object)
    con.register("_kunci", frame)
    try:
        match = " and ".join(f"cast(m.{c} as varchar) is not distinct from cast(k.{c} as varchar)" for c in kunci)
        cursor = con.execute(
            f"select m.* from {meta['skema']}.{meta['model']} as m "
            f"where exists (select 1 from _kunci as k where {match})"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    finally:
        con.unregister("_kunci")


def _finding(aturan: str, cek: str, row: dict) -> Finding:
    location = {k: row.get(k) for k in LOCATION}
    for k in ("baris", "tahun", "triwulan"):
        location[k] = _int_or_none(location[k])
    return Finding(aturan, cek, params=row, **location)


def _order(f: Finding):
    return (
        f.nama_berkas or "",
        f.kode_wilayah or "",
        f.tahun or 0,
        f.baris if f.baris is not None else -1,
        f.kode or "",
        f.kolom or "",
        f.aturan,
        f.cek,
    )


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def registered_models() -> set[str]:
    return {r.where for r in sql_rules()}


def suite_relation(spec: dict) -> str:
    return f"{schema_of(spec['meta']['model'])}.{spec['meta']['model']}"
