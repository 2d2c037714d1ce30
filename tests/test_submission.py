"""Reading submission files: every problem is a finding of a reader rule that names file, row, code,
column, what was expected and what was found, in Bahasa Indonesia by default."""

from decimal import Decimal

from conftest import GOOD_PLAN, PLAN_HEADER, plan_with, write_plan
from openpyxl import Workbook

from orchestration.domain.submission import read_submission


def _problems(parsed):
    return [(p.baris, p.kolom, p.cek, p.tingkat) for p in parsed.problems]


def test_good_plan_reads_without_problems(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN))
    assert parsed.problems == []
    assert (parsed.jenis, parsed.kode_wilayah, parsed.tahun) == ("rencana", "73.24.10", 2024)
    first = parsed.rows[0]
    assert first["baris"] == 2
    assert first["pagu"] == "1.000.000" and first["pagu_nilai"] == "1000000.00"
    assert first["agregasi_target_normal"] == "akhir"  # a percent target defaults to last value
    assert parsed.rows[3]["agregasi_target_normal"] == "jumlah"


def test_malformed_cells_are_errors_that_name_the_cell(tmp_path):
    rows = plan_with({"7.01.03.2.01.0003": {"pagu_tw2": "38.290.00", "target": "dua belas"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    problems = {(p.baris, p.kolom): p for p in parsed.errors}
    assert set(problems) == {(5, "pagu_tw2"), (5, "target")}
    money = problems[(5, "pagu_tw2")]
    assert (money.aturan, money.cek, money.kode) == (
        "format_rupiah",
        "format_rupiah.kelompok_ribuan",
        "7.01.03.2.01.0003",
    )
    assert money.params == {"isian": "38.290.00", "kelompok": "00"}
    assert money.baris_teks("id") == (
        "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom pagu_tw2: format rupiah: seharusnya "
        "rupiah seperti 1.378.000 atau 1.378.000,00 (tiga angka setelah setiap '.', bukan '00'); "
        "ditemukan '38.290.00'"
    )
    assert "rencana_73.24.10_2024.csv, row 5, 7.01.03.2.01.0003, column pagu_tw2" in str(money)
    target = problems[(5, "target")]
    assert target.cek == "format_target.kata" and target.ditemukan("id") == "'dua belas'"
    # the row is kept as received, with no value guessed
    assert parsed.rows[3]["pagu_tw2"] == "38.290.00" and parsed.rows[3]["pagu_tw2_nilai"] is None


def test_header_is_case_insensitive_and_order_free_with_bom_and_semicolons(tmp_path):
    path = tmp_path / "rencana_73.24.10_2024.csv"
    header = [h.upper() for h in reversed(PLAN_HEADER)]
    lines = [";".join(header)]
    for row in GOOD_PLAN:
        lines.append(";".join(row.get(h.lower(), "") for h in header))
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    parsed = read_submission(path)
    assert parsed.errors == []
    assert [r["kode_normal"] for r in parsed.rows] == [r["kode"] for r in GOOD_PLAN]


def test_missing_columns_are_listed(tmp_path):
    header = [h for h in PLAN_HEADER if h not in ("pagu_tw3", "penanggung_jawab")]
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN, header))
    assert _problems(parsed) == [(1, None, "judul_kolom.kurang", "error")]
    assert parsed.problems[0].ditemukan("id") == "tidak ada pagu_tw3, penanggung_jawab"
    assert parsed.problems[0].ditemukan("en") == "missing pagu_tw3, penanggung_jawab"
    assert parsed.rows == []


def test_unknown_column_is_a_warning(tmp_path):
    path = write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN, PLAN_HEADER + ["Keterangan"])
    parsed = read_submission(path)
    assert _problems(parsed) == [(1, "Keterangan", "judul_kolom.tidak_dikenal_kolom", "warning")]
    assert parsed.problems[0].dampak == "peringatan" and parsed.errors == []


def test_file_name_must_follow_the_contract(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "plan kalaena.csv", GOOD_PLAN))
    assert _problems(parsed) == [(None, None, "nama_berkas.pola", "error")]
    assert "rencana_<kode_wilayah>_<tahun>" in parsed.problems[0].diharapkan("id")
    assert parsed.problems[0].dampak == "karantina"


def test_non_utf8_text_names_the_line(tmp_path):
    path = tmp_path / "rencana_73.24.10_2024.csv"
    text = ",".join(PLAN_HEADER) + "\n7.01.03,Pemberdayaan Masyarakat D\xe9sa\n"
    path.write_bytes(text.encode("latin-1"))
    parsed = read_submission(path)
    assert _problems(parsed) == [(2, None, "pengodean_teks.bukan_utf8_sel", "error")]
    assert (
        parsed.problems[0].ditemukan("id")
        == "byte 0xe9 yang bukan UTF-8 ('é' dalam Windows-1252) di kolom uraian: 'Pemberdayaan Masyarakat Désa'"
    )


def test_duplicate_code_is_an_error(tmp_path):
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", GOOD_PLAN + [GOOD_PLAN[3]]))
    assert _problems(parsed) == [(6, "kode", "kode_tidak_ganda.ganda", "error")]
    assert parsed.problems[0].diharapkan("id") == "setiap kode sekali saja (pertama di baris 5)"
    assert parsed.problems[0].kode == "7.01.03.2.01.0003"


def test_bad_code_and_aggregation_values(tmp_path):
    rows = plan_with({"7.01.03.2.01.0001": {"kode": "7.01.03.1.01.0001", "agregasi_target": "rata-rata"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    assert _problems(parsed) == [
        (4, "kode", "format_kode.kode_provinsi", "error"),
        (4, "agregasi_target", "isian_diizinkan.pilihan", "error"),
    ]
    # an invalid code is shown as written
    assert [p.kode for p in parsed.problems] == ["7.01.03.1.01.0001"] * 2
    assert (
        parsed.problems[1]
        .baris_teks("id")
        .endswith("isian yang diizinkan: seharusnya salah satu dari: jumlah, tetap, akhir; ditemukan 'rata-rata'")
    )


def test_a_target_in_another_unit_than_satuan_is_an_error_and_takes_no_part_in_arithmetic(tmp_path):
    rows = plan_with(
        {
            "7.01.03.2.01.0003": {"target": "12 Dokumen", "target_akhir_tahun": "100%"},
            "7.01.03.2.01.0001": {"target": "5 lembaga  kemasyarakatan"},
        }
    )  # same unit, other case
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    assert _problems(parsed) == [
        (5, "target", "satuan_target.berbeda", "error"),
        (5, "target_akhir_tahun", "satuan_target.berbeda", "error"),
    ]
    assert parsed.problems[0].dampak == "karantina"
    sub = parsed.rows[3]
    assert sub["target"] == "12 Dokumen" and sub["target_nilai"] is None and sub["target_akhir_tahun_nilai"] is None
    assert sub["target_tw1_nilai"] == "3"  # a number alone takes the row's unit
    assert parsed.rows[2]["target_nilai"] == "5"
    assert parsed.problems[1].baris_teks("id") == (
        "GALAT rencana_73.24.10_2024.csv, baris 5, 7.01.03.2.01.0003, kolom target_akhir_tahun: satuan target: "
        "seharusnya target dalam satuan baris ini, 'Laporan', atau angka saja; ditemukan '100%', dalam satuan '%' "
        "(tidak dihitung)"
    )
    assert parsed.problems[1].pesan("en") == (
        "target unit: expected a target in the row's unit 'Laporan', or a number alone, found '100%', in '%' "
        "(not counted)"
    )


def test_negative_money_in_a_plan_is_refused_and_left_empty(tmp_path):
    rows = plan_with({"7.01.03.2.01.0003": {"pagu_tw1": "-100.000", "pagu_tw2": "(200.000)", "pagu_tw3": "3.84E6"}})
    parsed = read_submission(write_plan(tmp_path / "rencana_73.24.10_2024.csv", rows))
    assert _problems(parsed) == [
        (5, "pagu_tw1", "tidak_negatif.nilai", "error"),
        (5, "pagu_tw2", "format_rupiah.negatif_kurung", "error"),
        (5, "pagu_tw3", "format_rupiah.notasi_ilmiah", "error"),
    ]
    sub = parsed.rows[3]
    assert [sub[f"pagu_tw{q}_nilai"] for q in (1, 2, 3, 4)] == [None, None, None, "200000.00"]
    assert [p.ditemukan("id") for p in parsed.problems] == ["'-100.000'", "'(200.000)'", "'3.84E6'"]
    assert parsed.problems[0].pesan("id") == "tidak boleh negatif: seharusnya 0 atau lebih; ditemukan '-100.000'"
    assert (
        parsed.problems[1].diharapkan("id")
        == "rupiah seperti 1.378.000 atau 1.378.000,00 (jumlah negatif tidak diizinkan, juga tidak dalam tanda kurung)"
    )
    assert parsed.problems[2].diharapkan("en") == (
        "rupiah such as 1.378.000 or 1.378.000,00 (the number written "
        "out in full such as 3.840.000, not in scientific notation)"
    )


def _xlsx(path, rows, extra=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "rencana"
    sheet.append(PLAN_HEADER)
    for row in rows:
        sheet.append([row.get(h, "") or None for h in PLAN_HEADER])
    if extra:
        extra(sheet)
    book.save(path)
    return path


def test_xlsx_plan_reads_like_csv_including_excel_numbers(tmp_path):
    rows = plan_with({"7.01.03.2.01.0001": {"pagu": 300000, "pagu_tw1": 300000.0}})
    parsed = read_submission(_xlsx(tmp_path / "rencana_73.24.10_2024.xlsx", rows))
    assert parsed.errors == []
    sub = parsed.rows[2]
    assert sub["pagu_nilai"] == "300000.00" and sub["pagu_tw1_nilai"] == "300000.00"
    assert Decimal(sub["pagu_tw1_nilai"]) == Decimal("300000")


def test_xlsx_formulas_are_refused_not_evaluated(tmp_path):
    path = _xlsx(
        tmp_path / "rencana_73.24.10_2024.xlsx",
        GOOD_PLAN,
        extra=lambda sheet: sheet.cell(row=5, column=6, value="=F3-F4"),
    )
    parsed = read_submission(path)
    assert _problems(parsed) == [(5, "pagu", "rumus_excel.rumus", "error")]
    assert parsed.problems[0].sheet == "rencana"
    assert parsed.problems[0].ditemukan("id") == "rumus '=F3-F4' di sel F5"


def test_file_that_is_not_what_it_claims(tmp_path):
    fake_xlsx = write_plan(tmp_path / "rencana_73.24.10_2024.xlsx", GOOD_PLAN)
    assert _problems(read_submission(fake_xlsx)) == [(None, None, "jenis_berkas.xlsx_berisi_teks", "error")]
    real_xlsx = _xlsx(tmp_path / "book.xlsx", GOOD_PLAN)
    fake_csv = tmp_path / "rencana_73.24.10_2024.csv"
    fake_csv.write_bytes(real_xlsx.read_bytes())
    assert _problems(read_submission(fake_csv)) == [(None, None, "jenis_berkas.csv_berisi_xlsx", "error")]


def test_empty_and_header_only_files(tmp_path):
    empty = tmp_path / "rencana_73.24.10_2024.csv"
    empty.write_text("")
    assert _problems(read_submission(empty)) == [(None, None, "isi_berkas.kosong", "error")]
    header_only = write_plan(tmp_path / "rencana_73.24.11_2024.csv", [])
    assert _problems(read_submission(header_only)) == [(None, None, "isi_berkas.tanpa_baris_data", "error")]


def test_a_file_is_hashed_once_per_process_until_it_changes(tmp_path, monkeypatch):
    """The input fingerprint and the parse cache both hash every seed file: the second asks the first's answer,
    unless the file was written since (same size and modification time, but a new ctime)."""
    import hashlib
    import os
    import time

    from orchestration.domain import submission

    made, sha256 = [], hashlib.sha256

    def counting(*args):
        made.append(1)
        return sha256(*args)

    monkeypatch.setattr(submission.hashlib, "sha256", counting)
    path = tmp_path / "rencana_73.24.10_2024.csv"
    path.write_bytes(b"abc")
    first = submission.sha256_of(path)
    assert submission.sha256_of(path) == first == sha256(b"abc").hexdigest()
    assert len(made) == 1
    stat = path.stat()
    time.sleep(0.01)
    path.write_bytes(b"abd")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same modification time
    assert submission.sha256_of(path) == sha256(b"abd").hexdigest()
    assert len(made) == 2
