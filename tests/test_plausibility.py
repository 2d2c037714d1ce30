"""Plausibility rules and the safety nets of issue 11, through `monev check` in this process (one dbt run).

Against the repository's seeds: Kalaena's (73.24.10) real 2024 plan and its sample realisasi.
- 7.01.02.2.04.X001 has satuan Dokumen in the plan (seeds/dokumen/rencana_73.24.10_2024.csv, row 4,
  "6 Dokumen"): a realisasi of "50%" for it names both units and quarantines its version; before, the
  unit was dropped and the published capaian became 50 / 1 x 100 = 5000 %.
- 73.24.99 is not a kecamatan (seeds/referensi/wilayah_kecamatan.csv has 73.24.01 to 73.24.11 only).
- An amount the reader would accept but DECIMAL(18,2) cannot hold (possible only if the reader's bound
  were wrong: here it is lifted on purpose) becomes a located finding of rule nilai_muat_kolom, not a
  dbt cast error that stops the check.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import monev
from test_fuzz_reader import LUWU_TIMUR, write_fuzzed_realisasi

from orchestration.domain import numbers
from orchestration.settings import SEEDS_DIR

pytestmark = pytest.mark.xdist_group("plausibility")

SAMPLE = SEEDS_DIR / "sampel"


def _with_cell(source: str, kode: str, column: int, value: str) -> str:
    lines = source.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(kode + ","):
            cells = line.split(",")
            cells[column] = value
            lines[i] = ",".join(cells)
            return "".join(lines)
    raise AssertionError(kode)


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kiriman")
    tw3 = (SAMPLE / "realisasi_73.24.10_2024_tw3.csv").read_text(encoding="utf-8")
    (folder / "realisasi_73.24.10_2024_tw3_v2.csv").write_text(
        _with_cell(tw3, "7.01.02.2.04.X001", 1, "50%"), encoding="utf-8"
    )
    tw2 = (SAMPLE / "realisasi_73.24.10_2024_tw2_v2.csv").read_text(encoding="utf-8")  # the corrected TW2
    (folder / "realisasi_73.24.10_2024_tw2_v3.csv").write_text(
        _with_cell(tw2, "7.01.02.2.04.X001", 1, "1 dokumen"), encoding="utf-8"
    )
    tw1 = (SAMPLE / "realisasi_73.24.10_2024_tw1.csv").read_text(encoding="utf-8")
    (folder / "realisasi_73.24.10_2024_tw1_v2.csv").write_text(
        _with_cell(tw1, "7.01.01.2.01", 2, '"99.999.999.999.999.999"'), encoding="utf-8"
    )
    (folder / "realisasi_73.24.99_2024_tw1.csv").write_text(tw1, encoding="utf-8")
    write_fuzzed_realisasi(folder)  # four more, one cell each replaced by Hypothesis (tests/test_fuzz_reader.py)
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numbers, "MAX_RUPIAH", Decimal(10) ** 30)  # a reader bound that would be wrong
        code, out = monev(["check", *sorted(str(p) for p in folder.iterdir())], home, SEEDS_DIR, patch)
    return code, out.splitlines()


def test_a_realisasi_in_another_unit_than_the_plan_is_an_error_naming_both(checked):
    code, lines = checked
    assert code == 1
    assert (
        "GALAT realisasi_73.24.10_2024_tw3_v2.csv, baris 38, 7.01.02.2.04.X001, kolom realisasi_target, triwulan 3: "
        "satuan realisasi sama dengan satuan indikator dalam rencana: seharusnya realisasi dalam satuan rencana, "
        "'Dokumen', atau angka saja; ditemukan '50%', dalam satuan '%' (tidak dapat dibandingkan dengan target "
        "dalam 'Dokumen')"
    ) in lines
    # the plan's unit written in another case is the same unit
    assert not [ln for ln in lines if ln.startswith("GALAT realisasi_73.24.10_2024_tw2_v3.csv")]


def test_an_unknown_kecamatan_code_is_named_as_such(checked):
    _, lines = checked
    assert (
        "GALAT realisasi_73.24.99_2024_tw1.csv, kolom kode_wilayah, triwulan 1: kode kecamatan pada nama berkas "
        "adalah kode Kemendagri yang ada: seharusnya kode kecamatan yang ada (Kepmendagri 300.2.2-2430/2025); "
        "ditemukan '73.24.99', yang bukan kode kecamatan Kemendagri (tidak ada dalam daftar 7.285 kecamatan; "
        "salah ketik pada nama berkas?)"
    ) in lines


def test_a_value_that_does_not_fit_its_column_is_a_located_finding_not_a_crash(checked):
    code, lines = checked
    assert code == 1
    assert (
        "GALAT realisasi_73.24.10_2024_tw1_v2.csv, baris 3, 7.01.01.2.01, kolom realisasi_anggaran, triwulan 1: "
        "setiap angka yang terbaca muat dalam kolom penyimpanannya: seharusnya angka yang muat dalam kolom "
        "realisasi_anggaran (decimal(18, 2)); ditemukan '99.999.999.999.999.999', yang tidak dapat disimpan "
        "(terlalu besar?)"
    ) in lines
    assert lines[-1].startswith("8 berkas diperiksa")


def test_monev_check_on_fuzzed_realisasi_never_raises(checked):
    """The fuzzed files get their findings, each located in its file; none an internal error."""
    code, lines = checked
    assert code == 1  # the files above have errors
    assert not [ln for ln in lines if "galat sistem" in ln or "Traceback" in ln]
    problems = [ln for ln in lines[:-2] if ln]
    assert all(ln.startswith(("GALAT realisasi_", "PERINGATAN realisasi_", "PERINGATAN 73.24.")) for ln in problems)
    assert len({kw for kw in LUWU_TIMUR if any(f"_{kw}_" in ln for ln in problems)}) >= 1


def test_an_internal_error_of_monev_check_is_one_line_and_a_log(tmp_path, monkeypatch, capsys):
    from orchestration.warehouse import check

    def broken(files, seeds_dir=None):
        raise RuntimeError("dbt failed while checking: Conversion Error")

    monkeypatch.setattr(check, "check_files", broken)
    home = tmp_path / "home"
    path = SAMPLE / "realisasi_73.24.10_2024_tw1.csv"
    code, out = monev(["check", str(path)], home, SEEDS_DIR, monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert line.startswith(
        "GALAT realisasi_73.24.10_2024_tw1.csv: galat sistem saat memeriksa (bukan kesalahan berkas ini); rincian di "
    )
    log = line.rpartition("rincian di ")[2]
    assert log.startswith(str(home / "logs"))
    text = Path(log).read_text(encoding="utf-8")
    assert "RuntimeError: dbt failed while checking: Conversion Error" in text and "Traceback" in text


def test_a_survey_date_outside_the_year_window_is_refused_as_read(tmp_path, monkeypatch):
    from orchestration.domain.submission import read_submission

    monkeypatch.setenv("MONEV_TAHUN_MIN", "2015")
    monkeypatch.setenv("MONEV_TAHUN_MAX", "2035")
    path = tmp_path / "ikm_73.24.10_2024.csv"
    header = "no_responden,tanggal,layanan," + ",".join(f"u{i}" for i in range(1, 10))
    path.write_text(f"{header}\n1,2024-05-02,KTP,{','.join('4' * 9)}\n2,1900-05-02,KTP,{','.join('4' * 9)}\n")
    parsed = read_submission(path)
    assert [r["tanggal_nilai"] for r in parsed.rows] == ["2024-05-02", None]
    assert [p.baris_teks("id") for p in parsed.problems] == [
        "GALAT ikm_73.24.10_2024.csv, baris 3, kolom tanggal: tahun di luar rentang: seharusnya tahun 2015 sampai "
        "2035; ditemukan '1900-05-02', di luar rentang (salah ketik?)"
    ]
