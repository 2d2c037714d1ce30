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
    def __init__(self, found: str, expected: str):
        self.found = found
        self.expected = expected
        super().__init__(f"expected {expected}, found {found!r}")


@dataclass(frozen=True)
class Code:
    kode: str
    level: str
    kode_induk: str | None
    sementara: bool  # provisional code (X suffix)


def parse_code(text: str) -> Code:
    """Normalise and classify a code; raises CodeFormatError."""
    cleaned = text.strip().replace(" ", "")
    expected = "a code such as 7.01.02, 7.01.02.2.04 or 7.01.02.2.04.0003"
    match = _CODE.match(cleaned)
    if not match:
        raise CodeFormatError(text, expected)
    if match["tier"] is not None and match["tier"] != "2":
        raise CodeFormatError(
            text, expected + " (4th segment 2 = kabupaten/kota; 1 is a provincial code)"
        )
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
