"""The corrections log: validated on read, applied in staging, both values kept."""

import csv
import re
from collections import Counter

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
    "alasan_id",
    "asumsi_id",
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
        "alasan_id": "jumlah sub-kegiatan 310.151.250",
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


ASUMSI = {
    "kepastian": "asumsi",
    "asumsi": "Assumes TW4; TW2 and TW3 fit as well. 3 alternatives.",
    "asumsi_id": "Diasumsikan TW4; TW2 dan TW3 juga sesuai. 3 alternatif.",
    "alternatif": "3",
}


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


# ---- the log in Bahasa Indonesia: alasan_id and asumsi_id, as the reports print them ----------------------------

NUMBER_OR_CODE = re.compile(r"[\w.,]*\d[\w.,]*")


def number_tokens(text: str) -> list[str]:
    """Every word holding a digit, without the punctuation around it: amounts (1.851.842.950, '1.851.842,950'),
    codes (7.01.01.2.08.0003, 7.01.05.2.01.X001, pagu_tw4), audit references (7.2, R12), quarters (TW4; TW4-nya
    gives TW4), percentages (50% gives 50), counts and line numbers."""
    return [token.strip(".,") for token in NUMBER_OR_CODE.findall(text)]


def test_number_tokens_are_the_numbers_and_codes_of_a_text():
    text = "Audit R12 (audit 7.2): TW1-TW3 of 7.01.05.2.01.X001 pagu_tw4 are 50%, '1.851.842,950' and 4 x 9.110.400."
    assert number_tokens(text) == [
        "R12", "7.2", "TW1", "TW3", "7.01.05.2.01.X001", "pagu_tw4", "50", "1.851.842,950", "4", "9.110.400",
    ]  # fmt: skip
    assert number_tokens("TW4-nya 185.184.294; baris 394.") == ["TW4", "185.184.294", "394"]
    # a changed digit, a dropped amount or a changed separator is a different multiset
    assert Counter(number_tokens("185.184.294 + 5.443.750")) != Counter(number_tokens("185.184.294 + 5.443.75"))
    assert Counter(number_tokens("TW1 TW2")) != Counter(number_tokens("TW1"))
    assert Counter(number_tokens("'1.851.842,950'")) != Counter(number_tokens("1.851.842.950"))


@pytest.mark.parametrize("column", ["alasan", "asumsi"])
def test_the_indonesian_text_keeps_every_number_and_code_of_the_english(column):
    compared = 0
    for index, row in enumerate(committed_log(), start=2):
        english, indonesian = row[column], row[f"{column}_id"]
        assert bool(english.strip()) == bool(indonesian.strip()), (index, column)
        assert Counter(number_tokens(indonesian)) == Counter(number_tokens(english)), (index, column)
        compared += bool(english)
    assert compared == {"alasan": 62, "asumsi": 15}[column]


def test_the_indonesian_text_is_indonesian():
    """A sentence left in English would carry the same numbers: the words of the English text are not in it."""
    english_words = re.compile(r"\b(the|of|and|is|are|minus|quarters?|row|lost|printed|Assumes|alternatives)\b")
    for index, row in enumerate(committed_log(), start=2):
        for column in ("alasan_id", "asumsi_id"):
            assert not english_words.findall(row[column]), (index, column, english_words.findall(row[column]))
    pagu = next(r for r in committed_log() if (r["kode"], r["kolom"]) == ("7.01.04.2.02", "pagu"))
    assert pagu["alasan_id"].startswith("Audit R4: baris disalin dari 7.01.04.2.01.")


@pytest.mark.parametrize(
    "changes, column",
    [
        ({"alasan_id": ""}, "alasan_id"),
        ({"alasan_id": "  "}, "alasan_id"),
        ({**ASUMSI, "asumsi_id": ""}, "asumsi_id"),
        ({"asumsi_id": "Diasumsikan TW4."}, "asumsi_id"),
    ],
)
def test_the_indonesian_reason_and_assumption_are_validated_on_read(tmp_path, changes, column):
    path = write_log(tmp_path / "koreksi.csv", [base(), base(**changes)])
    with pytest.raises(CorrectionsLogError) as error:
        read_corrections(path)
    assert f"koreksi.csv, row 3, column {column}" in str(error.value)
    assert "koreksi.csv, row 2" not in str(error.value)


def test_an_assumption_with_its_indonesian_text_is_read(tmp_path):
    [row] = read_corrections(write_log(tmp_path / "koreksi.csv", [base(**ASUMSI)]))
    assert (row["asumsi_id"], row["alasan_id"]) == (ASUMSI["asumsi_id"], "jumlah sub-kegiatan 310.151.250")


def test_a_log_without_the_indonesian_columns_is_refused(tmp_path):
    path = tmp_path / "koreksi.csv"
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER[:-2])
        writer.writeheader()
        writer.writerow({h: v for h, v in base().items() if h in HEADER[:-2]})
    with pytest.raises(CorrectionsLogError, match=r"koreksi.csv: missing columns \['alasan_id', 'asumsi_id'\]"):
        read_corrections(path)
