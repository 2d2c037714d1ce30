"""The two header rows of `monev template` (Indonesian titles over the field names): the reader accepts
exactly them, and any other row above the field names is refused as before (tests/corpus/08)."""

from pathlib import Path

import pytest

from orchestration.domain.submission import read_submission
from orchestration.domain.template_header import TITLES, is_template_header

REALISASI = [
    "kode",
    "uraian",
    "satuan",
    "target_triwulan",
    "pagu_triwulan",
    "realisasi_target",
    "realisasi_anggaran",
    "keterangan",
    "permasalahan",
    "tindak_lanjut",
]
REQUIRED = ["kode", "realisasi_target", "realisasi_anggaran", "keterangan"]
ALLOWED = ("permasalahan", "tindak_lanjut", "uraian", "satuan", "target_triwulan", "pagu_triwulan", "triwulan")


def _titles(names):
    return [TITLES[n] if n else "" for n in names]


def _csv(tmp_path, lines: list[str]) -> Path:
    path = tmp_path / "realisasi_73.24.10_2024_tw2.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_titles_are_indonesian_and_one_per_field():
    assert TITLES["kode"] == "Kode"
    assert TITLES["pagu_tw3"] == "Pagu Triwulan III (Rp)"
    assert TITLES["realisasi_anggaran"] == "Realisasi Anggaran Triwulan Ini (Rp)"
    assert len(set(TITLES.values())) == len(TITLES)  # a title names one field


@pytest.mark.parametrize(
    ("names", "titles", "accepted"),
    [
        (REALISASI, _titles(REALISASI), True),
        (REQUIRED, _titles(REQUIRED), True),
        (REALISASI[:4], _titles(REALISASI[:4]), False),  # required columns missing
        ([*REALISASI, "kode"], _titles([*REALISASI, "kode"]), False),  # a column twice
        ([*REQUIRED[:2], "", *REQUIRED[2:]], _titles([*REQUIRED[:2], "", *REQUIRED[2:]]), False),  # a gap
        ([*REQUIRED, "catatan"], _titles([*REQUIRED, "catatan"]), False),  # a plan column in a realisasi
        (REQUIRED, [*_titles(REQUIRED), "Tanda tangan"], False),  # a title over no field name
        (REQUIRED, [t.upper() for t in _titles(REQUIRED)], False),  # not the template's titles
        (REQUIRED, ["  " + t.replace(" ", "  ") for t in _titles(REQUIRED)], True),  # spacing only
        ([n.upper() for n in REQUIRED], _titles(REQUIRED), False),  # not exactly the field names
        ([], [], False),
    ],
)
def test_is_template_header(names, titles, accepted):
    assert is_template_header([*titles, None, ""], [*names, None], REQUIRED, ALLOWED) is accepted


def test_the_reader_reads_a_csv_with_the_templates_two_header_rows_from_row_3(tmp_path):
    path = _csv(
        tmp_path,
        [
            ",".join(f'"{t}"' for t in _titles(REALISASI)),
            ",".join(REALISASI),
            "7.01.03,Koordinasi,%,100,200.000,100,150.000,sesuai jadwal,,",
            '7.01.03.2.01,Rapat,%,100,200.000,80,"1.378.000,50",,,',
        ],
    )
    parsed = read_submission(path)
    assert parsed.problems == []
    assert [(r["baris"], r["kode_normal"], r["realisasi_anggaran_nilai"]) for r in parsed.rows] == [
        (3, "7.01.03", "150000.00"),
        (4, "7.01.03.2.01", "1378000.50"),
    ]


def test_a_wrong_cell_under_the_two_header_rows_is_located_in_its_spreadsheet_row(tmp_path):
    path = _csv(
        tmp_path,
        [
            ",".join(_titles(REQUIRED)),
            ",".join(REQUIRED),
            "7.01.03,100,150.000,",
            "7.01.03.2.01,80,1.378.00,",
        ],
    )
    assert [(p.cek, p.baris, p.kode, p.kolom) for p in read_submission(path).problems] == [
        ("format_rupiah.kelompok_ribuan", 4, "7.01.03.2.01", "realisasi_anggaran"),
    ]


def test_another_title_row_is_read_as_the_header_and_refused_as_before(tmp_path):
    """Titles that are not exactly the template's: row 1 is the header, as in any file (corpus 08)."""
    titles = _titles(REQUIRED)
    titles[1] = "Realisasi Target"
    path = _csv(tmp_path, [",".join(titles), ",".join(REQUIRED), "7.01.03,100,150.000,"])
    parsed = read_submission(path)
    assert parsed.rows == []
    assert [(p.cek, p.baris) for p in parsed.errors] == [("judul_kolom.kurang", 1)]
    # "Kode", "Realisasi Target" and "Keterangan" read as field names; the title over realisasi_anggaran does not
    assert parsed.errors[0].params["kurang"] == ["realisasi_anggaran"]


def test_a_document_title_above_the_field_names_is_still_refused():
    """tests/corpus/08: one title over the field names is not the template's header; its message stands."""
    path = Path(__file__).parent / "corpus" / "08_title_row_above_header" / "rencana_73.24.10_2024.csv"
    parsed = read_submission(path)
    assert [(p.cek, p.baris) for p in parsed.problems] == [("judul_kolom.tidak_dikenal", 1)]
    assert "ditemukan baris 1 berisi 'RENCANA AKSI KECAMATAN KALAENA TAHUN 2024'" in parsed.problems[0].baris_teks("id")
    assert parsed.rows == []
