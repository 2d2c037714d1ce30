"""The corrections log: validated on read, applied in staging, both values kept."""

import csv

import pytest

from orchestration.warehouse.ingest import CorrectionsLogError, read_corrections
from orchestration.settings import SEEDS_DIR

HEADER = ["kode_wilayah", "tahun", "kode", "kolom", "nilai_terbit", "nilai_koreksi", "jenis", "aturan",
          "alasan", "diputuskan_oleh", "tanggal"]


def write_log(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") for h in HEADER})
    return path


def base(**changes):
    row = {"kode_wilayah": "73.24.10", "tahun": "2024", "kode": "7.01.01.2.06", "kolom": "pagu",
           "nilai_terbit": "31.015.1250", "nilai_koreksi": "310.151.250", "jenis": "koreksi",
           "alasan": "sub-kegiatan sum to 310.151.250", "diputuskan_oleh": "tim data", "tanggal": "2026-11-28"}
    return {**row, **changes}


def test_money_correction_is_parsed_exactly_and_keeps_the_published_text(tmp_path):
    [row] = read_corrections(write_log(tmp_path / "koreksi.csv", [base()]))
    assert row["nilai_koreksi_nilai"] == "310151250.00"
    assert row["nilai_terbit"] == "31.015.1250" and row["nilai_terbit_nilai"] is None  # unparsable as printed


@pytest.mark.parametrize("changes, message", [
    ({"alasan": ""}, "needs alasan"),
    ({"diputuskan_oleh": " "}, "needs alasan and diputuskan_oleh"),
    ({"jenis": "ralat"}, "expected koreksi or pengecualian"),
    ({"nilai_koreksi": "310.151.25O"}, "column nilai_koreksi"),
    ({"kolom": "anggaran"}, "expected a plan column"),
    ({"jenis": "pengecualian", "aturan": ""}, "names the rule it accepts"),
])
def test_invalid_entries_stop_the_run_with_row_and_reason(tmp_path, changes, message):
    path = write_log(tmp_path / "koreksi.csv", [base(), base(**changes)])
    with pytest.raises(CorrectionsLogError) as error:
        read_corrections(path)
    assert "koreksi.csv, row 3" in str(error.value) and message in str(error.value)


def test_committed_log_is_valid_and_every_entry_has_a_reason():
    rows = read_corrections(SEEDS_DIR / "koreksi.csv")
    assert rows, "the Kalaena corrections log is not empty"
    assert all(r["alasan"].strip() and r["diputuskan_oleh"].strip() for r in rows)
    exceptions = [r for r in rows if r["jenis"] == "pengecualian"]
    # Pemeliharaan BMD (audit R13) is an accepted exception, never a made-up number
    assert any(r["kode"] == "7.01.01.2.09" and r["aturan"] == "pagu_anak_sama_induk" and r["kolom"] == "pagu"
               for r in exceptions)
    assert not any(r["kode"] == "7.01.01.2.09" and r["jenis"] == "koreksi" and r["kolom"] == "pagu" for r in rows)
