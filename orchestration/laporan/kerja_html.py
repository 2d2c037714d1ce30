"""`python -m orchestration.laporan.kerja_html WAREHOUSE OUT TAHUN TRIWULAN jenis:kode ...`: write the HTML of each
report from the published warehouse (read-only); prints {"jenis kode": {"html", "pdf", "tetap"} or
{"galat": message}} as JSON. Run by write_all at national scale, one process per core."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from orchestration.laporan import tulis_html


def main(argv: list[str]) -> int:
    warehouse, out, tahun, triwulan, *reports = argv
    jobs = [tuple(r.split(":", 1)) for r in reports]
    print(json.dumps(tulis_html(Path(warehouse), jobs, int(tahun), int(triwulan), Path(out))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
