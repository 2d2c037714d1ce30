"""Nomenclature codes (kode program / kegiatan / sub-kegiatan) of kabupaten/kota data.

Program ``7.01.02``; kegiatan ``7.01.02.2.04`` (4th segment 2 = kabupaten/kota);
sub-kegiatan ``7.01.02.2.04.0003``. The 2021 two-digit sub suffix (``.03``) is normalised
to four digits. A suffix ``X001``..``X999`` is a provisional code, used where the official
code of a row is not known; it is accepted and visibly marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = ("program", "kegiatan", "sub_kegiatan")

_CODE = re.compile(
    r"""^(?P<program>\d\.\d{2}\.\d{2})
        (?:\.(?P<tier>\d)\.(?P<kegiatan>\d{2})
           (?:\.(?P<sub>\d{4}|\d{2}|X\d{3}))?
        )?$""",
    re.VERBOSE | re.ASCII,  # digits 0-9 only: not Arabic-Indic or full-width digits
)


class CodeFormatError(ValueError):
    """A code that is not a kabupaten/kota nomenclature code: ``cek`` is the check of the rule
    ``format_kode`` it fails (``orchestration/rules/pembaca.py``), ``params`` its message's values."""

    def __init__(self, found: str, cek: str):
        self.found = found
        self.cek = cek
        self.params = {} if cek == "format_kode.kosong" else {"isian": found}
        super().__init__(found, cek)

    def __str__(self) -> str:
        from orchestration.rules.model import Finding

        finding = Finding("format_kode", self.cek, self.params)
        return f"expected {finding.diharapkan('en')}, found {finding.ditemukan('en')}"


@dataclass(frozen=True)
class Code:
    kode: str
    level: str
    kode_induk: str | None
    sementara: bool  # provisional code (X suffix)


def parse_code(text: str) -> Code:
    """Normalise and classify a code; raises CodeFormatError."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        raise CodeFormatError(text, "format_kode.kosong")
    match = _CODE.match(cleaned)
    if not match:
        raise CodeFormatError(text, "format_kode.umum")
    if match["tier"] is not None and match["tier"] != "2":
        raise CodeFormatError(text, "format_kode.kode_provinsi")
    program = match["program"]
    if match["kegiatan"] is None:
        return Code(program, "program", None, False)
    kegiatan = f"{program}.2.{match['kegiatan']}"
    sub = match["sub"]
    if sub is None:
        return Code(kegiatan, "kegiatan", program, False)
    if len(sub) == 2:
        sub = "00" + sub
    return Code(f"{kegiatan}.{sub}", "sub_kegiatan", kegiatan, sub.startswith("X"))
