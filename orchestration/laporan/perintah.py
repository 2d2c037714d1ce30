"""`monev laporan` and what the refresh prints about the reports it wrote."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from orchestration.settings import Paths

# Above this many kecamatan in the latest triwulan, the nightly run writes the kabupaten reports only, as HTML,
# and a kecamatan's report or a PDF is written on demand (`monev laporan --kecamatan KODE`, `--kabupaten KODE`);
# MONEV_LAPORAN_KECAMATAN_MAKS.
DEFAULT_BATAS_KECAMATAN = 60
EXIT_LAPORAN_GAGAL = 4


def batas_kecamatan() -> int:
    value = os.environ.get("MONEV_LAPORAN_KECAMATAN_MAKS", "").strip()
    if value and not value.isdigit():
        raise ValueError(f"MONEV_LAPORAN_KECAMATAN_MAKS harus bilangan bulat, bukan {value!r}")
    return int(value) if value else DEFAULT_BATAS_KECAMATAN


# What the nightly refresh writes (MONEV_LAPORAN_MALAM): "semua" the reports as HTML and PDF (default), "html"
# the HTML only (a PDF on demand with `monev laporan`), "tidak" none (every report on demand; the test suite
# uses it for the end-to-end tests whose subject is not the reports).
MODE_LAPORAN_MALAM = ("semua", "html", "tidak")


def mode_laporan_malam() -> str:
    value = os.environ.get("MONEV_LAPORAN_MALAM", "").strip().lower() or MODE_LAPORAN_MALAM[0]
    if value not in MODE_LAPORAN_MALAM:
        raise ValueError(f"MONEV_LAPORAN_MALAM harus salah satu dari {', '.join(MODE_LAPORAN_MALAM)}, bukan {value!r}")
    return value


def folder_laporan(paths: Paths) -> Path:
    return paths.home / "laporan"


def _status_file(paths: Paths, run_id: str) -> Path:
    return paths.build_dir(run_id) / "laporan.json"


def simpan_status(paths: Paths, run_id: str, ringkasan, galat: str | None = None, mati: bool = False) -> None:
    """What the refresh's report step wrote or why it failed, for `monev refresh` to print."""
    record = {"run_id": run_id, "galat": galat, "mati": mati}
    if ringkasan is not None:
        record |= {
            "tahun": ringkasan.tahun,
            "triwulan": ringkasan.triwulan,
            "berkas": [str(p) for p in ringkasan.berkas],
            "gagal": ringkasan.gagal,
            "tetap": ringkasan.tetap,
            "detik": ringkasan.detik,
        }
    path = _status_file(paths, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1))


def status_refresh(paths: Paths, run_id: str) -> tuple[list[str], bool]:
    """Lines for the refresh's summary about its reports, and whether they were all written."""
    path = _status_file(paths, run_id)
    if not path.exists():
        return (
            [
                "LAPORAN TIDAK DITULIS: langkah laporan tidak berjalan atau berhenti sebelum mencatat hasilnya. "
                "Gudang data tetap terbit; jalankan `monev laporan`."
            ],
            False,
        )
    record = json.loads(path.read_text())
    if record.get("mati"):
        return (["Laporan: tidak ditulis malam ini (MONEV_LAPORAN_MALAM=tidak); jalankan `monev laporan`."], True)
    if record.get("galat"):
        return (
            [
                f"LAPORAN GAGAL: {record['galat']}. Gudang data tetap terbit; "
                "perbaiki penyebabnya lalu jalankan `monev laporan`."
            ],
            False,
        )
    if not record.get("tahun"):
        return (["Laporan: belum ada realisasi di gudang data, tidak ada laporan triwulan yang ditulis."], True)
    berkas = record.get("berkas", [])
    lines = []
    if berkas:
        folder = Path(berkas[0]).parent
        tetap = len(record.get("tetap", []))
        lines.append(
            f"Laporan Monev Renaksi TW{record['triwulan']} {record['tahun']}: {len(berkas)} berkas di {folder} "
            f"({record['detik'].get('total', 0):.1f} s"
            + (f"; {tetap} laporan tidak berubah, tidak ditulis ulang" if tetap else "")
            + ")."
        )
    for nama, galat in record.get("gagal", {}).items():
        lines.append(f"LAPORAN GAGAL ({nama}): {galat}")
    if record.get("gagal"):
        lines.append("Gudang data tetap terbit; perbaiki penyebabnya lalu jalankan `monev laporan`.")
    return lines, not record.get("gagal")


def cmd_laporan(args) -> int:
    from orchestration.laporan import write_all
    from orchestration.settings import paths

    p = paths()
    if not p.warehouse.exists():
        print(
            f"monev: belum ada gudang data yang terbit di {p.warehouse}; jalankan `monev refresh` dulu.",
            file=sys.stderr,
        )
        return 1
    kecamatan = [args.kecamatan] if args.kecamatan else None
    kabupaten = [args.kabupaten] if args.kabupaten else None
    provinsi = [args.provinsi] if getattr(args, "provinsi", None) else None
    out = Path(args.out) if args.out else folder_laporan(p)
    ringkasan = write_all(
        p.warehouse,
        out,
        args.tahun,
        args.triwulan,
        kecamatan=kecamatan,
        kabupaten=kabupaten,
        provinsi=provinsi,
        pdf=not args.tanpa_pdf,
        # without a scope: what the nightly refresh writes (at national scale the kabupaten and province reports)
        maks_kecamatan=None if kecamatan or kabupaten or provinsi else batas_kecamatan(),
    )
    if ringkasan.tahun is None:
        print("monev: tidak ada realisasi di gudang data untuk pilihan ini; tidak ada laporan.", file=sys.stderr)
        return 1
    for path in ringkasan.berkas:
        print(path)
    for nama, galat in ringkasan.gagal.items():
        print(f"monev: laporan {nama} gagal: {galat}", file=sys.stderr)
    print(
        f"monev: TW{ringkasan.triwulan} {ringkasan.tahun}: {len(ringkasan.berkas)} berkas"
        + (f" ({len(ringkasan.tetap)} laporan tidak berubah, tidak ditulis ulang)" if ringkasan.tetap else "")
        + ", "
        f"{ringkasan.detik.get('total', 0):.1f} s (HTML {ringkasan.detik.get('html', 0):.1f} s, "
        f"PDF {ringkasan.detik.get('pdf', 0):.1f} s)",
        file=sys.stderr,
    )
    if not ringkasan.berkas and not ringkasan.gagal:
        print("monev: tidak ada kecamatan dengan realisasi untuk pilihan ini.", file=sys.stderr)
        return 1
    return 1 if ringkasan.gagal else 0
