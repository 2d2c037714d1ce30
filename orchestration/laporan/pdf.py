"""`python -m orchestration.laporan.pdf LAPORAN.html ...`: write the PDF beside each HTML report; prints
{html: {"pdf": path} or {"galat": message}} as JSON. Run by write_all, one process per core."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from orchestration.laporan.tulis import pdf_ke


def main(argv: list[str]) -> int:
    hasil = {}
    for arg in argv:
        try:
            hasil[arg] = {"pdf": str(pdf_ke(Path(arg)))}
        except Exception as exc:  # reported per report by the caller
            hasil[arg] = {"galat": f"PDF: {type(exc).__name__}: {exc}"}
    print(json.dumps(hasil))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
