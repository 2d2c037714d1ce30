"""`monev sql`: read-only SQL on the published warehouse, at a prompt or from standard input.

One ``Sesi`` (session) holds the connection and the display settings; every line goes through
``Sesi.baris``: a dot command (``.tables``, ``.schema``, ``.mode``, ``.output``, ``.once``, ``.maxrows``,
``.help``, ``.keluar``) or part of a statement, run when it ends with ``;``. A statement runs in a worker
thread so that Ctrl-C (KeyboardInterrupt in the main thread) interrupts it with ``con.interrupt()`` and the
session goes on. Results are shown up to ``maxrows`` rows, saying how many were left out; ``.once``/``.output``
save results completely as CSV, DECIMAL money written exactly as stored.

At a terminal, ``jalankan_prompt`` reads lines with prompt_toolkit (line editing, history in
``$MONEV_HOME/.monev_sql_history``); otherwise ``jalankan_aliran`` reads lines from a stream. Texts come
from the CLI's catalogue (orchestration/pesan.py)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import textwrap
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import duckdb

from orchestration.pesan import t

DEFAULT_MAXROWS = 200
HISTORY_FILE = ".monev_sql_history"
MODES = {"tabel": "tabel", "table": "tabel", "csv": "csv"}
EXIT_COMMANDS = (".keluar", ".quit", ".exit", "\\q")
MAX_CELL = 40
FETCH = 10_000
RELASI = "_monev_hasil"  # the result being saved, as DuckDB's COPY reads it


class Keluar(Exception):
    """The session ends (.keluar, .quit)."""


@dataclass
class Hasil:
    """What one statement gave: columns and the rows shown, the rows left out, or where the rows were saved."""

    kolom: list[str] = field(default_factory=list)
    baris: list[tuple] = field(default_factory=list)
    sisa: int = 0
    disimpan: Path | None = None
    jumlah_disimpan: int = 0


def nilai_teks(value) -> str:
    """A value as shown and written: DECIMAL exactly as stored, missing as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def satu_baris(exc: BaseException) -> str:
    """DuckDB's message on one line (its caret line dropped)."""
    lines = [line.strip() for line in str(exc).splitlines()]
    return " ".join(line for line in lines if line and set(line) != {"^"})


def format_tabel(kolom: list[str], baris: list[tuple]) -> str:
    """Rows as a plain text table: numbers right-aligned, long cells cut with an ellipsis."""

    def cell(value) -> str:
        text = nilai_teks(value).replace("\n", " ")
        return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"

    cells = [[cell(v) for v in row] for row in baris]
    widths = [max([len(k)] + [len(r[i]) for r in cells]) for i, k in enumerate(kolom)]
    numeric = [
        bool(baris) and all(isinstance(r[i], (int, float, Decimal)) or r[i] is None for r in baris)
        for i in range(len(kolom))
    ]

    def line(values: list[str]) -> str:
        return " | ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True))

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(kolom), rule] + [line(r) for r in cells])


@dataclass
class Sesi:
    """One SQL session on a read-only connection; output and messages go to ``out``."""

    con: duckdb.DuckDBPyConnection
    out: TextIO
    maxrows: int = DEFAULT_MAXROWS
    mode: str = "tabel"
    once: Path | None = None
    output: Path | None = None
    buffer: list[str] = field(default_factory=list)
    galat: int = 0

    # --- lines
    @property
    def melanjutkan(self) -> bool:
        """A statement has begun and not yet ended with ';'."""
        return bool(self.buffer)

    def baris(self, line: str) -> None:
        """One line typed or read: a dot command, or part of a statement (run when it ends with ';')."""
        if not self.buffer and line.strip().startswith((".", "\\")):
            self.perintah_titik(line.strip())
            return
        if not self.buffer and not line.strip():
            return
        self.buffer.append(line)
        text = "\n".join(self.buffer).strip()
        if text.endswith(";"):
            self.buffer.clear()
            self.jalankan(text)

    def batal_baris(self) -> None:
        """Ctrl-C at the prompt: the statement being typed is dropped."""
        if self.buffer:
            self.buffer.clear()
        self.tulis(t("sql.baris_batal"))

    def akhir(self) -> None:
        """End of input: a statement left without ';' is run as it is."""
        if self.buffer:
            text = "\n".join(self.buffer).strip()
            self.buffer.clear()
            self.jalankan(text)

    def tulis(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    # --- dot commands
    def perintah_titik(self, command: str) -> None:
        name, _, rest = command.partition(" ")
        argument = rest.strip()
        name = name.lower()
        if name in EXIT_COMMANDS:
            raise Keluar
        handlers = {
            ".tables": self._tables,
            ".tabel": self._tables,
            ".schema": self._schema,
            ".skema": self._schema,
            ".mode": self._mode,
            ".output": self._output,
            ".once": self._once,
            ".maxrows": self._maxrows,
            ".help": self._help,
            ".bantuan": self._help,
        }
        handler = handlers.get(name)
        if handler is None:
            self.galat += 1
            self.tulis(t("sql.titik_tidak_dikenal", perintah=name))
            return
        handler(argument)

    def _tables(self, argument: str) -> None:
        names = [
            n
            for (n,) in self.con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
            ).fetchall()
        ]
        if argument:
            names = [n for n in names if argument.replace("%", "") in n]
        self.tulis("\n".join(textwrap.wrap("  ".join(names), 100)) if names else t("sql.tidak_ada_tabel"))

    def _schema(self, argument: str) -> None:
        rows = self.con.execute(
            "select sql from duckdb_tables() where schema_name = 'marts' and (? = '' or table_name = ?) "
            "union all select sql from duckdb_views() where schema_name = 'marts' and (? = '' or view_name = ?) "
            "order by 1",
            [argument, argument, argument, argument],
        ).fetchall()
        if not rows:
            self.galat += 1
            self.tulis(t("sql.tabel_tidak_ada", tabel=argument))
            return
        self.tulis("\n".join(sql.strip() for (sql,) in rows))

    def _mode(self, argument: str) -> None:
        mode = MODES.get(argument.lower())
        if mode is None:
            self.galat += 1
            self.tulis(t("sql.mode_salah", mode=argument or "(kosong)"))
            return
        self.mode = mode
        self.tulis(t("sql.mode_ok", mode=mode))

    def _output(self, argument: str) -> None:
        if not argument:
            self.output = None
            self.tulis(t("sql.output_layar"))
            return
        target = Path(argument)
        try:
            target.write_text("", encoding="utf-8")
        except OSError as exc:
            self.galat += 1
            self.tulis(t("sql.galat_berkas", berkas=target, alasan=exc.strerror or exc))
            return
        self.output = target
        self.tulis(t("sql.output_ok", berkas=target))

    def _once(self, argument: str) -> None:
        if not argument:
            self.galat += 1
            self.tulis(t("sql.once_tanpa_berkas"))
            return
        self.once = Path(argument)
        self.tulis(t("sql.once_ok", berkas=self.once))

    def _maxrows(self, argument: str) -> None:
        if not argument.isdigit() or int(argument) < 1:
            self.galat += 1
            self.tulis(t("sql.maxrows_salah", nilai=argument or "(kosong)"))
            return
        self.maxrows = int(argument)
        self.tulis(t("sql.maxrows_ok", n=self.maxrows))

    def _help(self, _: str) -> None:
        self.tulis(t("sql.help_titik"))

    # --- statements
    def jalankan(self, sql: str) -> bool:
        """Run one statement (in a worker thread, interruptible with Ctrl-C) and show or save its result."""
        target = self.once or self.output
        append = self.once is None and self.output is not None
        self.once = None
        box: dict = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["hasil"] = self._hasil(sql, target, append)
            except BaseException as exc:  # handed to the main thread, which says it in one line
                box["galat"] = exc
            finally:
                done.set()

        # Waiting on an event, not Thread.join: a join interrupted by Ctrl-C leaves Python 3.11's thread
        # looking finished while DuckDB still runs the query.
        threading.Thread(target=work, daemon=True).start()
        try:
            while not done.wait(0.1):
                pass
        except KeyboardInterrupt:
            self.con.interrupt()
            done.wait()
            self.galat += 1
            self.tulis(t("sql.kueri_batal"))
            return False
        if "galat" in box:
            exc = box["galat"]
            self.galat += 1
            if isinstance(exc, duckdb.InterruptException):
                self.tulis(t("sql.kueri_batal"))
            elif isinstance(exc, duckdb.IOException) and target is not None:
                self.tulis(t("sql.galat_berkas", berkas=target, alasan=satu_baris(exc)))
            elif isinstance(exc, duckdb.Error):
                self.tulis(t("sql.galat", pesan=satu_baris(exc)))
            elif isinstance(exc, OSError):
                self.tulis(t("sql.galat_berkas", berkas=target, alasan=exc.strerror or exc))
            elif isinstance(exc, Exception):  # e.g. a value Python cannot take: one line, the session goes on
                self.tulis(t("sql.galat", pesan=satu_baris(exc)))
            else:
                raise exc
            return False
        self._tampilkan(box["hasil"])
        return True

    def _hasil(self, sql: str, target: Path | None, append: bool) -> Hasil:
        if target is not None:
            return self._simpan(sql, target, append)
        cursor = self.con.execute(sql)
        if cursor.description is None:
            return Hasil()
        kolom = [d[0] for d in cursor.description]
        if self.mode == "csv":
            rows = cursor.fetchall()
            return Hasil(kolom, rows)
        shown = cursor.fetchmany(self.maxrows)
        sisa = 0
        while chunk := cursor.fetchmany(FETCH):
            sisa += len(chunk)
        return Hasil(kolom, shown, sisa)

    def _simpan(self, sql: str, target: Path, append: bool) -> Hasil:
        """Every row of the result as CSV, written by DuckDB itself (DECIMAL exactly as stored, missing as an
        empty field), into a file beside the target that then replaces it or is added to it."""
        relation = self.con.sql(sql)
        if relation is None:
            return Hasil()
        part = target.with_name(f".{target.name}.sebagian")
        self.con.register(RELASI, relation)
        try:
            quoted = str(part).replace("'", "''")
            (count,) = self.con.execute(
                f"copy (select * from {RELASI}) to '{quoted}' (header, delimiter ',')"
            ).fetchone()
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        finally:
            self.con.unregister(RELASI)
        if append and target.exists() and target.stat().st_size:
            with target.open("a", encoding="utf-8") as handle, part.open(encoding="utf-8") as rows:
                handle.write("\n")
                shutil.copyfileobj(rows, handle)
            part.unlink()
        else:
            part.replace(target)
        return Hasil(relation.columns, disimpan=target, jumlah_disimpan=count)

    def _tampilkan(self, hasil: Hasil) -> None:
        if hasil.disimpan is not None:
            self.tulis(t("sql.disimpan", n=hasil.jumlah_disimpan, berkas=hasil.disimpan))
            return
        if not hasil.kolom:
            return
        if self.mode == "csv":
            import io

            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(hasil.kolom)
            writer.writerows([nilai_teks(v) for v in row] for row in hasil.baris)
            self.out.write(buffer.getvalue())
            self.out.flush()
            return
        self.tulis(format_tabel(hasil.kolom, hasil.baris))
        shown = len(hasil.baris)
        if hasil.sisa:
            self.tulis(t("sql.terpotong", tampil=shown, sisa=hasil.sisa, total=shown + hasil.sisa))
        else:
            self.tulis(t("sql.jumlah_baris", n=shown))


def jalankan_aliran(sesi: Sesi, lines) -> int:
    """Statements and dot commands read from a stream (standard input that is not a terminal)."""
    try:
        for line in lines:
            sesi.baris(line.rstrip("\n"))
        sesi.akhir()
    except Keluar:
        pass
    return 1 if sesi.galat else 0


def buat_prompt(history: Path, input=None, output=None):
    """The prompt_toolkit session: line editing and a persistent history file."""
    from prompt_toolkit import PromptSession

    return PromptSession(history=_history(history), input=input, output=output)


def _history(path: Path):
    """The history file, or one in the home folder when MONEV_HOME is read-only, or none kept."""
    from prompt_toolkit.history import FileHistory, InMemoryHistory

    for candidate in (path, Path.home() / HISTORY_FILE):
        try:
            with candidate.open("a", encoding="utf-8"):
                return FileHistory(str(candidate))
        except OSError:
            continue
    return InMemoryHistory()


def jalankan_prompt(sesi: Sesi, session) -> int:
    """The interactive loop: Ctrl-C drops the line being typed (or interrupts the running query), Ctrl-D,
    .keluar or .quit end the session."""
    while True:
        try:
            line = session.prompt("   ...> " if sesi.melanjutkan else "monev> ")
        except KeyboardInterrupt:
            sesi.batal_baris()
            continue
        except EOFError:
            return 0
        try:
            sesi.baris(line)
        except Keluar:
            return 0
        except KeyboardInterrupt:  # between two steps of a dot command
            sesi.tulis(t("sql.kueri_batal"))
        except duckdb.Error as exc:  # a dot command's own query
            sesi.tulis(t("sql.galat", pesan=satu_baris(exc)))
