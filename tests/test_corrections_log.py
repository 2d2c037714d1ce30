"""The corrections log: validated on read, applied in staging, both values kept."""

import csv

import pytest

from orchestration.settings import SEEDS_DIR
from orchestration.warehouse.ingest import CorrectionsLogError, read_corrections

HEADER = [
    "kode_wilayah",
    "tahun",
    "kode",
    "kolom",
    "nilai_terbit",
    "nilai_koreksi",
    "jenis",
    "aturan",
    "alasan",
    "diputuskan_oleh",
    "tanggal",
    "kepastian",
    "asumsi",
    "alternatif",
]


def write_log(path, rows):
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: row.get(h, "") for h in HEADER})
    return path


def base(**changes):
    row = {
        "kode_wilayah": "73.24.10",
        "tahun": "2024",
        "kode": "7.01.01.2.06",
        "kolom": "pagu",
        "nilai_terbit": "31.015.1250",
        "nilai_koreksi": "310.151.250",
        "jenis": "koreksi",
        "alasan": "sub-kegiatan sum to 310.151.250",
        "diputuskan_oleh": "tim data",
        "tanggal": "2026-11-28",
        "kepastian": "ditentukan",
    }
    return {**row, **changes}


def test_money_correction_is_parsed_exactly_and_keeps_the_published_text(tmp_path):
    [row] = read_corrections(write_log(tmp_path / "koreksi.csv", [base()]))
    assert row["nilai_koreksi_nilai"] == "310151250.00"
    assert row["nilai_terbit"] == "31.015.1250" and row["nilai_terbit_nilai"] is None  # unparsable as printed


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"alasan": ""}, "needs alasan"),
        ({"diputuskan_oleh": " "}, "needs alasan and diputuskan_oleh"),
        ({"jenis": "ralat"}, "expected koreksi or pengecualian"),
        ({"nilai_koreksi": "310.151.25O"}, "column nilai_koreksi"),
        ({"kolom": "anggaran"}, "expected a plan column"),
        ({"jenis": "pengecualian", "aturan": ""}, "names the rule it accepts"),
    ],
)
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
    assert any(
        r["kode"] == "7.01.01.2.09" and r["aturan"] == "pagu_anak_sama_induk" and r["kolom"] == "pagu"
        for r in exceptions
    )
    assert not any(r["kode"] == "7.01.01.2.09" and r["jenis"] == "koreksi" and r["kolom"] == "pagu" for r in rows)


ASUMSI = {"kepastian": "asumsi", "asumsi": "Assumes TW4; TW2 and TW3 fit as well. 3 alternatives.", "alternatif": "3"}


@pytest.mark.parametrize(
    "changes, column",
    [
        ({"kepastian": ""}, "kepastian"),
        ({"kepastian": "pasti"}, "kepastian"),
        ({**ASUMSI, "asumsi": ""}, "asumsi"),
        ({**ASUMSI, "alternatif": ""}, "alternatif"),
        ({**ASUMSI, "alternatif": "1"}, "alternatif"),
        ({**ASUMSI, "alternatif": "tiga"}, "alternatif"),
        ({"alternatif": "3"}, "alternatif"),
        ({"asumsi": "Assumes TW4."}, "asumsi"),
        ({"jenis": "pengecualian", "aturan": "pagu_anak_sama_induk"}, "kepastian"),
    ],
)
def test_how_certain_a_correction_is_is_validated_on_read(tmp_path, changes, column):
    path = write_log(tmp_path / "koreksi.csv", [base(), base(**changes)])
    with pytest.raises(CorrectionsLogError) as error:
        read_corrections(path)
    assert "koreksi.csv, row 3" in str(error.value) and f"column {column}" in str(error.value)


def committed_log() -> list[dict]:
    with (SEEDS_DIR / "koreksi.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_correction_says_whether_the_document_forces_it():
    """kepastian: `ditentukan` (the printed numbers force the value) or `asumsi` (one reading among several,
    named in `asumsi`, counted in `alternatif`); exceptions carry none of the three."""
    for row in committed_log():
        where = (row["kode"], row["kolom"], row["jenis"])
        if row["jenis"] == "pengecualian":
            assert (row["kepastian"], row["asumsi"], row["alternatif"]) == ("", "", ""), where
        elif row["kepastian"] == "asumsi":
            assert row["asumsi"].strip().startswith("Assumes "), where
            assert row["alternatif"].isdigit() and int(row["alternatif"]) >= 2, where
        else:
            assert row["kepastian"] == "ditentukan", where
            assert (row["asumsi"], row["alternatif"]) == ("", ""), where


def test_printed_cells_are_transcribed_and_the_log_does_not_fill_them():
    with (SEEDS_DIR / "dokumen" / "rencana_73.24.10_2024.csv").open(encoding="utf-8", newline="") as handle:
        plan = {row["kode"]: row for row in csv.DictReader(handle)}
    rows = committed_log()
    # Musrenbang: the '5 10.893.500' printed twice is TW1 and the end-of-year pair; nothing to fill or excuse
    musrenbang = plan["7.01.03.2.01.0001"]
    assert (musrenbang["target_tw1"], musrenbang["pagu_tw1"]) == ("5", "10.893.500")
    assert not any(r["kode"] == "7.01.03.2.01.0001" for r in rows)
    # Bimtek: the printed end-of-year target 1 is kept, and its conflict with the RKT 3 Orang is accepted
    assert plan["7.01.01.2.05.0011"]["target_akhir_tahun"] == "1"
    [exception] = [r for r in rows if r["kode"] == "7.01.01.2.05.0011" and r["aturan"] == "target_tahunan_konsisten"]
    assert exception["jenis"] == "pengecualian" and exception["kolom"] == "target"
