"""The shape of a rule, of its checks and of a finding, and how a finding becomes a message.

A rule (``Rule``) says one thing about the data ("the pagu of a kegiatan equals the sum of its
sub-kegiatan"). It is checked in exactly one layer: the reader (cell formats, file shape) or one dbt
rule model (cross-row rules), checked by Great Expectations. A rule has one or more checks
(``Check``): each is one way the rule can fail, with its impact and its message. A message is a
template with named parameters, in Bahasa Indonesia (for offices and analysts) and English (logs);
it is never produced by translating another text.

A finding (``Finding``) is one failure of one check: where it is (file, sheet, row, column, kode) and
the parameters its message needs. It is the one record type for a problem, from the reader to the
warehouse.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# What a failing check does. `blokir`: nothing is published while it fails (a broken reference);
# `karantina`: the file version it is found in is left out, its previous accepted version stays
# published; `peringatan`: reported only.
IMPACTS = ("blokir", "karantina", "peringatan")
LAYERS = ("pembaca", "sql", "mart")
LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Text:
    """One text in the two languages people read it in."""

    id: str
    en: str

    def get(self, bahasa: str) -> str:
        return self.en if bahasa == "en" else self.id


@dataclass(frozen=True)
class Check:
    """One way a rule can fail: its impact and its message (what was expected and what was found).

    ``expectation`` is the Great Expectations expectation (type and kwargs) that finds the failing rows
    of the rule model; reader checks have none (the reader finds them as it reads)."""

    code: str
    impact: str
    expected: Text
    found: Text
    expectation: Mapping[str, Any] | None = None

    @property
    def severity(self) -> str:
        return "warning" if self.impact == "peringatan" else "error"


@dataclass(frozen=True)
class Rule:
    """One rule of the domain, in one place: what it says, where it is checked and how it fails."""

    code: str
    title: Text
    layer: str  # pembaca | sql | mart
    where: str  # the reader function, or the dbt model that computes the rule's rows
    checks: tuple[Check, ...]
    # SQL rules: the Great Expectations stage (validasi: before the gate; mart: on the published marts)
    stage: str | None = None
    # The Dagster asset the rule protects (shown in the lineage and the README)
    protects: str | None = None
    # SQL rules: the corrections log may accept a known exception for a row (it becomes a warning)
    accepts_exceptions: bool = False
    # SQL rules: the columns that identify a failing row of the model (Great Expectations returns them)
    key: tuple[str, ...] = ("cek_id",)

    def check(self, code: str) -> Check:
        for check in self.checks:
            if check.code == code:
                return check
        raise KeyError(f"rule {self.code} has no check {code!r}")


class _MessageFormatter(string.Formatter):
    """``str.format`` with the formats a message needs, in one language.

    ``{x:rp}`` rupiah with thousands dots (1.378.000 or 1.378.000,50); ``{x:angka}`` a number with a
    decimal comma (1,5); ``{x:teks}`` a value quoted as found ('31.015.1250'); ``{x:daftar}`` a list
    joined with commas. A missing value is shown as (kosong)/(empty). A parameter whose text the data also
    carries in Bahasa Indonesia, as ``<name>__id`` (the corrections log's alasan_id as alasan_pengecualian__id),
    reads in that text in the Indonesian message."""

    def __init__(self, bahasa: str):
        super().__init__()
        self.bahasa = bahasa

    def get_value(self, key, args, kwargs):
        if isinstance(key, str):
            if self.bahasa == "id" and kwargs.get(f"{key}__id") is not None:
                return kwargs[f"{key}__id"]
            return kwargs.get(key)
        return super().get_value(key, args, kwargs)

    def format_field(self, value, format_spec):
        from orchestration.domain.numbers import format_number, format_rupiah

        if value is None or (isinstance(value, float) and value != value):
            return "(empty)" if self.bahasa == "en" else "(kosong)"
        if format_spec == "rp":
            return format_rupiah(Decimal(str(value)))
        if format_spec == "angka":
            return format_number(Decimal(str(value)))
        if format_spec == "teks":
            return repr(str(value))
        if format_spec == "daftar":
            items = list(value) if isinstance(value, (list, tuple)) else [value]
            return ", ".join(str(v) for v in items)
        return super().format_field(value, format_spec)


def render(template: str, params: Mapping[str, Any], bahasa: str = "id") -> str:
    return _MessageFormatter(bahasa).format(template, **params)


def template_fields(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


LEVEL = {"id": {"error": "GALAT", "warning": "PERINGATAN"}, "en": {"error": "ERROR", "warning": "WARNING"}}
WORDS = {
    "id": {
        "row": "baris",
        "column": "kolom",
        "sheet": "sheet",
        "tw": "triwulan",
        "expected": "seharusnya",
        "found": "ditemukan",
        "sep": "; ",
    },
    "en": {
        "row": "row",
        "column": "column",
        "sheet": "sheet",
        "tw": "triwulan",
        "expected": "expected",
        "found": "found",
        "sep": ", ",
    },
}


@dataclass(frozen=True)
class Finding:
    """One failure of one check: where it is and the parameters of its message.

    Every field but ``aturan``, ``cek`` and ``params`` is optional: a file-level problem has no row, a
    plan rule has no triwulan. ``params`` holds the values the check's templates name."""

    aturan: str
    cek: str
    params: Mapping[str, Any] = field(default_factory=dict)
    nama_berkas: str | None = None
    berkas_id: str | None = None
    sheet: str | None = None
    baris: int | None = None
    kolom: str | None = None
    kode_wilayah: str | None = None
    tahun: int | None = None
    triwulan: int | None = None
    kode: str | None = None

    def __post_init__(self):
        _lookup(self.aturan, self.cek)  # an unregistered check fails here: no message without its rule

    # --- what the registry says about it
    @property
    def rule(self) -> Rule:
        return _lookup(self.aturan, self.cek)[0]

    @property
    def check(self) -> Check:
        return _lookup(self.aturan, self.cek)[1]

    @property
    def dampak(self) -> str:
        return self.check.impact

    @property
    def tingkat(self) -> str:
        return self.check.severity

    # --- how it reads
    def diharapkan(self, bahasa: str = "id") -> str:
        return render(self.check.expected.get(bahasa), self.params, bahasa)

    def ditemukan(self, bahasa: str = "id") -> str:
        return render(self.check.found.get(bahasa), self.params, bahasa)

    def judul(self, bahasa: str = "id") -> str:
        return self.rule.title.get(bahasa)

    def lokasi(self, bahasa: str = "id") -> str:
        w = WORDS[bahasa]
        parts = []
        if self.nama_berkas:
            parts.append(self.nama_berkas + (f" [{w['sheet']} {self.sheet}]" if self.sheet else ""))
        elif self.kode_wilayah:
            parts.append(" ".join(str(x) for x in (self.kode_wilayah, self.tahun) if x))
        if self.baris is not None:
            parts.append(f"{w['row']} {self.baris}")
        if self.kode:
            parts.append(self.kode)
        if self.kolom:
            parts.append(f"{w['column']} {self.kolom}")
        if self.triwulan:
            parts.append(f"{w['tw']} {self.triwulan}")
        return ", ".join(parts)

    def pesan(self, bahasa: str = "id") -> str:
        """The message without its location: rule, expected and found."""
        w = WORDS[bahasa]
        return (
            f"{self.judul(bahasa)}: {w['expected']} {self.diharapkan(bahasa)}{w['sep']}"
            f"{w['found']} {self.ditemukan(bahasa)}"
        )

    def baris_teks(self, bahasa: str = "id") -> str:
        """One line as `monev check` prints it: level, location, rule, expected, found."""
        where = self.lokasi(bahasa)
        return (
            f"{LEVEL[bahasa][self.tingkat]} {where}: {self.pesan(bahasa)}"
            if where
            else f"{LEVEL[bahasa][self.tingkat]} {self.pesan(bahasa)}"
        )

    def __str__(self) -> str:
        return self.baris_teks("en")

    def as_record(self) -> dict:
        """The finding as stored (JSON, warehouse): its location, both languages and its parameters."""
        return {
            "aturan": self.aturan,
            "cek": self.cek,
            "tingkat": self.tingkat,
            "dampak": self.dampak,
            "nama_berkas": self.nama_berkas,
            "berkas_id": self.berkas_id,
            "sheet": self.sheet,
            "baris": self.baris,
            "kolom": self.kolom,
            "kode_wilayah": self.kode_wilayah,
            "tahun": self.tahun,
            "triwulan": self.triwulan,
            "kode": self.kode,
            "diharapkan": self.diharapkan("id"),
            "ditemukan": self.ditemukan("id"),
            "pesan": self.pesan("id"),
            "pesan_en": self.pesan("en"),
            "params": {k: _jsonable(v) for k, v in self.params.items()},
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Finding:
        keys = ("nama_berkas", "berkas_id", "sheet", "baris", "kolom", "kode_wilayah", "tahun", "triwulan", "kode")
        return cls(
            record["aturan"], record["cek"], dict(record.get("params") or {}), **{k: record.get(k) for k in keys}
        )


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _lookup(aturan: str, cek: str) -> tuple[Rule, Check]:
    from orchestration.rules.registry import RULES

    try:
        found = RULES[aturan]
    except KeyError:
        raise KeyError(f"unknown rule {aturan!r}: every rule is registered in orchestration/rules/") from None
    return found, found.check(cek)
