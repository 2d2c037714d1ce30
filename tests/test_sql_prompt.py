"""`monev sql`: dot commands, exact money in CSV, row limits, Ctrl-C, and the real prompt_toolkit session,
on a real read-only DuckDB file."""

import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from orchestration.pesan import atur_bahasa
from orchestration.sql_prompt import Sesi, buat_prompt, jalankan_aliran, jalankan_prompt


@pytest.fixture(autouse=True)
def indonesian():
    atur_bahasa("id")
    yield
    atur_bahasa("id")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """A small warehouse: three plan rows whose pagu are DECIMAL(18,2) with cents a float would not keep."""
    path = tmp_path_factory.mktemp("gudang") / "monev.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_rencana_tahunan (kode varchar, pagu decimal(18,2), target decimal(18,4))")
        con.execute(
            "insert into marts.fct_rencana_tahunan values "
            "('7.01.03', 9007199254740993.01, 100), ('7.01.03.2.01', 1000000.10, null), ('7.01.03.2.01.0001', 0.30, 5)"
        )
        con.execute("create table marts.dim_periode (tahun integer, triwulan integer)")
        con.execute("insert into marts.dim_periode select 2024, range + 1 from range(4)")
    return path


@pytest.fixture
def sesi(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    con.execute("use marts")
    out = io.StringIO()
    yield Sesi(con, out)
    con.close()


def run(sesi: Sesi, text: str) -> str:
    start = sesi.out.tell()
    jalankan_aliran(sesi, text.splitlines())
    return sesi.out.getvalue()[start:]


def test_tables_and_schema(sesi):
    assert run(sesi, ".tables") == "dim_periode  fct_rencana_tahunan\n"
    assert run(sesi, ".schema dim_periode") == "CREATE TABLE marts.dim_periode(tahun INTEGER, triwulan INTEGER);\n"
    assert run(sesi, ".schema tidak_ada") == "tabel tidak ada di skema marts: tidak_ada; ketik .tables\n"
    assert "Perintah titik:" in run(sesi, ".help")


def test_a_statement_over_several_lines_runs_at_its_semicolon(sesi):
    out = run(sesi, "select kode, pagu\n  from fct_rencana_tahunan\n  order by kode;")
    assert out.splitlines() == [
        "kode              |                pagu",
        "------------------+--------------------",
        "7.01.03           | 9007199254740993.01",
        "7.01.03.2.01      |          1000000.10",
        "7.01.03.2.01.0001 |                0.30",
        "(3 baris)",
    ]


def test_rows_over_the_limit_are_counted_and_the_way_to_save_them_is_said(sesi):
    out = run(sesi, ".maxrows 2\nselect * from range(5) t(i);")
    lines = out.splitlines()
    assert lines[0] == "paling banyak 2 baris ditampilkan"
    assert lines[3:5] == ["0", "1"]
    assert lines[5].startswith("(2 dari 5 baris ditampilkan; 3 baris tidak ditampilkan. Simpan semuanya dengan .once")


def test_once_saves_the_next_result_completely_with_exact_money(sesi, tmp_path):
    target = tmp_path / "rencana.csv"
    out = run(sesi, f".maxrows 1\n.once {target}\nselect kode, pagu, target from fct_rencana_tahunan order by kode;")
    assert out.splitlines()[-1] == f"3 baris disimpan ke {target} (CSV, angka uang persis seperti tersimpan)"
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["kode", "pagu", "target"],
        ["7.01.03", "9007199254740993.01", "100.0000"],  # 2**53 + 1 and its cents: no float on the way
        ["7.01.03.2.01", "1000000.10", ""],  # missing stays missing, not 0
        ["7.01.03.2.01.0001", "0.30", "5.0000"],
    ]
    # only the next result: the one after it is shown again (one row, the limit)
    assert run(sesi, "select 1 as x;").splitlines()[-1] == "(1 baris)"


def test_output_saves_every_following_result_until_output_alone(sesi, tmp_path):
    target = tmp_path / "semua.csv"
    out = run(sesi, f".output {target}\nselect 1 as a;\nselect 2 as b;\n.output\nselect 3 as c;")
    assert target.read_text(encoding="utf-8") == "a\n1\n\nb\n2\n"
    assert out.splitlines() == [
        f"hasil berikutnya disimpan lengkap ke {target} (CSV) sampai .output tanpa nama berkas",
        f"1 baris disimpan ke {target} (CSV, angka uang persis seperti tersimpan)",
        f"1 baris disimpan ke {target} (CSV, angka uang persis seperti tersimpan)",
        "hasil kembali ditampilkan di layar",
        "c",
        "-",
        "3",
        "(1 baris)",
    ]


def test_mode_csv_prints_csv(sesi):
    out = run(sesi, ".mode csv\nselect kode, pagu from fct_rencana_tahunan where pagu < 1 ;")
    assert out.splitlines() == ["mode keluaran: csv", "kode,pagu", "7.01.03.2.01.0001,0.30"]
    assert run(sesi, ".mode xml").startswith("mode tidak dikenal: xml")


def test_sql_errors_are_one_indonesian_line_and_the_session_goes_on(sesi):
    out = run(sesi, "select * from tidak_ada;\ncreate table x (i int);\nselect 7 as n;\n.maxrows nol\n.apa")
    lines = out.splitlines()
    assert lines[0].startswith("galat SQL: Catalog Error: Table with name tidak_ada does not exist!")
    assert lines[1].startswith("galat SQL: ") and "read-only" in lines[1]
    assert lines[2:5] == ["n", "-", "7"]
    assert lines[-2] == "banyak baris harus bilangan bulat 1 atau lebih, bukan nol"
    assert lines[-1] == "perintah titik tidak dikenal: .apa; ketik .help"
    assert sesi.galat == 4


def test_keluar_ends_the_statements_read(sesi):
    assert run(sesi, "select 1 as a;\n.keluar\nselect 2 as b;").splitlines()[:3] == ["a", "-", "1"]
    assert "b" not in run(sesi, ".quit\nselect 2 as b;")


def test_ctrl_c_interrupts_a_running_query_and_the_session_goes_on(sesi):
    """SIGINT while a long query runs: the query is interrupted (con.interrupt), one line says so."""
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        ok = sesi.jalankan("select sum(i) from range(1000000000000) t(i)")
    finally:
        timer.cancel()
    assert not ok
    assert sesi.out.getvalue().splitlines()[-1] == "Kueri dibatalkan (Ctrl-C)."
    assert run(sesi, "select 42 as n;").splitlines()[:3] == [" n", "--", "42"]  # numbers right-aligned


def test_the_prompt_edits_lines_recalls_history_and_survives_ctrl_c(sesi, tmp_path):
    """The real prompt_toolkit session on a pipe: Up recalls the last line, Ctrl-C drops the line being typed
    (the session goes on), Ctrl-D ends it; the history is kept in its file."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    history = tmp_path / ".monev_sql_history"
    keys = [
        "select 5 as lima;\r",
        "\x1b[A\r",  # Up: the same statement again
        "select 'terbuang'\r",  # a statement begun ...
        "\x03",  # ... and dropped with Ctrl-C
        "select 6 as enam;\r",
        "\x04",  # Ctrl-D
    ]
    with create_pipe_input() as pipe:

        def type_slowly():  # as a person types: the history is loaded before the next key
            for text in keys:
                time.sleep(0.3)
                pipe.send_text(text)

        typist = threading.Thread(target=type_slowly, daemon=True)
        typist.start()
        code = jalankan_prompt(sesi, buat_prompt(history, input=pipe, output=DummyOutput()))
        typist.join()
    assert code == 0
    out = sesi.out.getvalue()
    assert out.count("lima\n----\n   5\n") == 2
    assert "(dibatalkan; ketik pernyataan baru)" in out and "terbuang" not in out
    assert "enam\n----\n   6\n" in out
    assert "select 5 as lima;" in history.read_text(encoding="utf-8")


def test_monev_sql_reads_standard_input_when_it_is_not_a_terminal(warehouse, tmp_path):
    home = tmp_path / "home"
    (home / "warehouse").mkdir(parents=True)
    (home / "warehouse" / "monev.duckdb").write_bytes(warehouse.read_bytes())
    env = dict(os.environ, MONEV_HOME=str(home), MONEV_BAHASA="id")
    run_ = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "sql"],
        input="select count(*) as n\nfrom dim_periode;\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run_.returncode, run_.stdout, run_.stderr) == (0, "n\n-\n4\n(1 baris)\n", "")
    failed = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "sql", "select * from nope"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode == 1 and failed.stdout.startswith("galat SQL: Catalog Error")
    assert "Traceback" not in failed.stderr
