"""The `monev` command's texts in one place, in Bahasa Indonesia (default) and English.

Every text a person reads from the command (help, prompts, headings, one-line errors) is one entry of
``TEKS``: a key and its two languages. ``t(key, **values)`` gives it in the current language, chosen once
per command by ``pilih_bahasa``: ``--bahasa id|en`` on the command line, else ``MONEV_BAHASA``, else the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: English when it starts with ``en``), else Indonesian.

The subcommands' help (description, examples, exit codes) is filled in by ``lengkapi_bantuan`` from the
entries ``<command>.help``, ``<command>.deskripsi``, ``<command>.contoh`` and ``<command>.keluar``; argparse's
own words (usage, options, its errors) are given in Indonesian by ``argparse_indonesia``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator, Sequence

BAHASA = ("id", "en")
_aktif = {"bahasa": "id"}


def bahasa_lingkungan(env: dict | None = None) -> str:
    """The language of the environment: MONEV_BAHASA, else the locale's (en* is English), else id."""
    env = os.environ if env is None else env
    pilihan = env.get("MONEV_BAHASA", "").strip().lower()
    if pilihan in BAHASA:
        return pilihan
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "id"
    return "id"


def pilih_bahasa(argv: Sequence[str], env: dict | None = None) -> str:
    """The language of one command: the last --bahasa on its command line, else the environment's."""
    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--bahasa" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--bahasa="):
            chosen = arg.split("=", 1)[1]
    return chosen if chosen in BAHASA else bahasa_lingkungan(env)


def atur_bahasa(bahasa: str) -> None:
    _aktif["bahasa"] = bahasa if bahasa in BAHASA else "id"


def bahasa() -> str:
    return _aktif["bahasa"]


def t(kunci: str, bahasa: str | None = None, **nilai) -> str:
    """One text of the catalogue in the current (or the given) language, its {fields} filled in."""
    teks = TEKS[kunci]
    template = teks.get(bahasa or _aktif["bahasa"]) or teks["id"]
    return template.format(**nilai) if nilai else template


def ada(kunci: str) -> bool:
    return kunci in TEKS


_ID = "id"
_EN = "en"


def _e(id_: str, en: str) -> dict[str, str]:
    return {_ID: id_, _EN: en}


_LINGKUNGAN = _e(
    "Lingkungan:\n"
    "  MONEV_HOME    folder data Monev (gudang data, kotak masuk, arsip, laporan); bawaan: ./data\n"
    "  MONEV_BAHASA  id atau en; juga --bahasa en, atau LANG=en_US.UTF-8 untuk bahasa Inggris",
    "Environment:\n"
    "  MONEV_HOME    the Monev data folder (warehouse, inbox, archive, reports); default: ./data\n"
    "  MONEV_BAHASA  id or en; also --bahasa en, or LANG=en_US.UTF-8 for English",
)

TEKS: dict[str, dict[str, str]] = {
    # --- the command and its common parts
    "monev.deskripsi": _e(
        "monev: memperbarui gudang data Monev Kinerja, memeriksa berkas sebelum dikirim, melihat apa yang\n"
        "diterbitkan, menanyainya dengan SQL dan menulis laporan. Bantuan tiap perintah: monev PERINTAH --help.",
        "monev: refresh the Monev Kinerja warehouse, check a file before sending it, see what is published,\n"
        "query it with SQL and write reports. Help on each command: monev COMMAND --help.",
    ),
    "monev.contoh": _e(
        "Contoh:\n"
        "  monev check rencana_73.24.10_2025.csv     periksa berkas sebelum dikirim\n"
        "  monev refresh                             perbarui dan terbitkan gudang data\n"
        "  monev status                              apa yang terbit, yang dikarantina dan laporannya\n"
        "  monev sql                                 prompt SQL hanya-baca\n"
        "  MONEV_HOME=/srv/monev monev status        pakai folder data lain",
        "Examples:\n"
        "  monev check rencana_73.24.10_2025.csv     check a file before sending it\n"
        "  monev refresh                             refresh and publish the warehouse\n"
        "  monev status                              what is published, what is quarantined and its reports\n"
        "  monev sql                                 read-only SQL prompt\n"
        "  MONEV_HOME=/srv/monev monev status        use another data folder",
    ),
    "monev.keluar": _e(
        "Kode keluar:\n"
        "  0  berhasil\n"
        "  1  ada masalah pada berkas atau data (lihat pesannya), atau tidak ada yang diterbitkan\n"
        "  2  pemakaian perintah salah, atau pembaruan lain sedang berjalan\n"
        "  3  masalah lingkungan (disk penuh, folder hanya-baca, gudang data terkunci)\n"
        "  4  gudang data terbit tetapi laporan triwulan gagal ditulis",
        "Exit codes:\n"
        "  0  success\n"
        "  1  problems in a file or the data (see the messages), or nothing published\n"
        "  2  wrong usage, or another refresh is running\n"
        "  3  a problem of the environment (disk full, read-only folder, warehouse locked)\n"
        "  4  the warehouse was published but the quarterly reports could not be written",
    ),
    "lingkungan": _LINGKUNGAN,
    "opsi.bahasa": _e(
        "bahasa pesan: id (Bahasa Indonesia, bawaan) atau en (English)",
        "language of the messages: id (Bahasa Indonesia, default) or en (English)",
    ),
    "opsi.bantuan": _e("tampilkan bantuan ini lalu keluar", "show this help message and exit"),
    "keluar.umum": _e(
        "Kode keluar: 0 berhasil; 1 ada masalah (lihat pesannya); 2 pemakaian salah; 3 masalah lingkungan.",
        "Exit codes: 0 success; 1 problems found (see the messages); 2 wrong usage; 3 environment problem.",
    ),
    # --- refresh
    "refresh.help": _e(
        "ambil berkas kotak masuk, bangun, periksa dan terbitkan gudang data (tugas malam)",
        "ingest the inbox, build, validate and publish the warehouse (the nightly job)",
    ),
    "refresh.deskripsi": _e(
        "Menjalankan tugas yang sama dengan jadwal malam, di proses ini: berkas di $MONEV_HOME/inbox/ diarsipkan,\n"
        "dibaca, dibangun dengan dbt, diperiksa dengan aturan validasi, lalu gudang data hanya-baca\n"
        "$MONEV_HOME/warehouse/monev.duckdb diganti. Kemajuan tiap langkah tampil beserta waktunya. Versi berkas\n"
        "yang melanggar aturan dikarantina; laporannya ditulis di $MONEV_HOME/reports/karantina/.",
        "Runs the same job as the nightly schedule, in this process: files in $MONEV_HOME/inbox/ are archived,\n"
        "read, built with dbt, checked against the validation rules, then the read-only warehouse\n"
        "$MONEV_HOME/warehouse/monev.duckdb is replaced. Each step's progress is shown with its time. File\n"
        "versions that break a rule are quarantined; their reports go to $MONEV_HOME/reports/karantina/.",
    ),
    "refresh.contoh": _e(
        "Contoh:\n"
        "  monev refresh                  perbarui bila ada yang baru\n"
        "  monev refresh --paksa          bangun ulang walaupun tidak ada yang baru\n"
        "  MONEV_HOME=/srv/monev monev refresh",
        "Examples:\n"
        "  monev refresh                  refresh when something is new\n"
        "  monev refresh --paksa          rebuild even when nothing is new\n"
        "  MONEV_HOME=/srv/monev monev refresh",
    ),
    "refresh.keluar": _e(
        "Kode keluar: 0 diterbitkan (atau tidak ada yang baru); 1 tidak diterbitkan; 2 pembaruan lain sedang\n"
        "berjalan; 3 masalah lingkungan; 4 diterbitkan tetapi laporan triwulan gagal ditulis.",
        "Exit codes: 0 published (or nothing new); 1 not published; 2 another refresh is running;\n"
        "3 environment problem; 4 published but the quarterly reports could not be written.",
    ),
    "refresh.paksa": _e(
        "bangun dan terbitkan walaupun tidak ada yang baru sejak publikasi terakhir",
        "build and publish even when nothing is new since the published build",
    ),
    # --- check
    "check.help": _e(
        "periksa berkas kiriman apa adanya, sebelum dikirim", "validate submission files as submitted, before sending"
    ),
    "check.deskripsi": _e(
        "Memeriksa berkas rencana, kinerja, realisasi atau IKM (CSV/XLSX) dengan aturan yang sama dengan\n"
        "pembaruan malam, tanpa mengubah apa pun. Setiap masalah disebut dengan berkas, baris, kolom, yang\n"
        "seharusnya dan yang ditemukan. Memakai data acuan dari gudang data terbit di $MONEV_HOME bila ada.",
        "Checks plan, kinerja, realisasi or IKM files (CSV/XLSX) against the same rules as the nightly refresh,\n"
        "changing nothing. Each problem names file, row, column, what was expected and what was found. Uses\n"
        "the reference data of the published warehouse in $MONEV_HOME when there is one.",
    ),
    "check.contoh": _e(
        "Contoh:\n"
        "  monev check rencana_73.24.10_2025.csv\n"
        "  monev check realisasi_73.24.10_2025_tw1.xlsx realisasi_73.24.10_2025_tw2.xlsx\n"
        "  monev check --bahasa en rencana_73.24.10_2025.csv",
        "Examples:\n"
        "  monev check rencana_73.24.10_2025.csv\n"
        "  monev check realisasi_73.24.10_2025_tw1.xlsx realisasi_73.24.10_2025_tw2.xlsx\n"
        "  monev check --bahasa en rencana_73.24.10_2025.csv",
    ),
    "check.keluar": _e(
        "Kode keluar: 0 tidak ada galat; 1 ada galat atau berkas tidak ada; 2 galat sistem saat memeriksa.",
        "Exit codes: 0 no errors; 1 errors found or a file is missing; 2 a system error while checking.",
    ),
    "check.berkas": _e("berkas yang diperiksa (CSV atau XLSX)", "the files to check (CSV or XLSX)"),
    "check.ringkasan": _e(
        "{files} berkas diperiksa apa adanya (tanpa koreksi): {errors} galat, {warnings} peringatan.",
        "{files} file(s) checked as submitted (no corrections applied to them): {errors} error(s), "
        "{warnings} warning(s).",
    ),
    "check.tidak_ada": _e("GALAT {berkas}: berkas tidak ada", "ERROR {berkas}: no such file"),
    # --- sql
    "sql.help": _e(
        "tanyai gudang data terbit dengan SQL (hanya-baca); tanpa kueri = prompt",
        "query the published warehouse with SQL (read-only); no query = prompt",
    ),
    "sql.deskripsi": _e(
        "Menjalankan SQL DuckDB pada gudang data terbit, hanya-baca (skema marts). Dengan kueri sebagai\n"
        "argumen: hasilnya dicetak lalu keluar. Tanpa kueri: prompt dengan penyuntingan baris dan riwayat\n"
        "($MONEV_HOME/.monev_sql_history); pernyataan diakhiri ';', Ctrl-C membatalkan baris atau kueri yang\n"
        "berjalan, Ctrl-D atau .keluar mengakhiri. Perintah titik: .tables, .schema [tabel], .mode csv|tabel,\n"
        ".output berkas.csv, .once berkas.csv, .maxrows N, .help. Bila masukan bukan terminal, pernyataan\n"
        "dibaca dari masukan standar.",
        "Runs DuckDB SQL on the published warehouse, read-only (schema marts). With a query as argument: prints\n"
        "its result and exits. Without: a prompt with line editing and history ($MONEV_HOME/.monev_sql_history);\n"
        "statements end with ';', Ctrl-C cancels the line or the running query, Ctrl-D or .quit ends. Dot\n"
        "commands: .tables, .schema [table], .mode csv|tabel, .output file.csv, .once file.csv, .maxrows N,\n"
        ".help. When the input is not a terminal, statements are read from standard input.",
    ),
    "sql.contoh": _e(
        "Contoh:\n"
        "  monev sql\n"
        '  monev sql "select * from mart_capaian_triwulan limit 5"\n'
        "  echo 'select count(*) from fct_realisasi_triwulan;' | monev sql",
        "Examples:\n"
        "  monev sql\n"
        '  monev sql "select * from mart_capaian_triwulan limit 5"\n'
        "  echo 'select count(*) from fct_realisasi_triwulan;' | monev sql",
    ),
    "sql.keluar": _e(
        "Kode keluar: 0 berhasil; 1 belum ada yang terbit, atau galat SQL (kueri argumen atau masukan standar).",
        "Exit codes: 0 success; 1 nothing published yet, or an SQL error (argument query or standard input).",
    ),
    "sql.kueri": _e("kueri SQL (tanpa kueri: prompt)", "the SQL query (none: a prompt)"),
    # --- status
    "status.help": _e(
        "apa yang terbit, versi berkas yang dikarantina dan laporannya, hasil pembaruan terakhir",
        "what is published, the quarantined file versions and their reports, the last refresh",
    ),
    "status.deskripsi": _e(
        "Menampilkan gudang data terbit (run, waktu terbit dalam WITA, tabel), setiap versi berkas per\n"
        "kecamatan, tahun dan jenis (yang diterima, yang terbaru, statusnya), laporan karantina yang berlaku,\n"
        "entri kotak masuk yang ditolak dan ringkasan pembaruan terakhir.",
        "Shows the published warehouse (run, publication time in WITA, tables), every file version per\n"
        "kecamatan, year and kind (accepted, latest, state), the current quarantine reports, the refused inbox\n"
        "entries and the last refresh's summary.",
    ),
    "status.contoh": _e(
        "Contoh:\n  monev status\n  MONEV_HOME=/srv/monev monev status",
        "Examples:\n  monev status\n  MONEV_HOME=/srv/monev monev status",
    ),
    "status.keluar": _e(
        "Kode keluar: 0 berhasil; 1 belum ada yang terbit.", "Exit codes: 0 success; 1 nothing published yet."
    ),
    # --- template
    "template.help": _e(
        "tulis templat XLSX dan CSV terisi untuk kantor kecamatan",
        "write a pre-filled XLSX and CSV template for a kecamatan office",
    ),
    "template.deskripsi": _e(
        "Menulis templat rencana (atau, dengan --triwulan, templat realisasi) yang sudah terisi kode, uraian,\n"
        "indikator dan satuan dari gudang data terbit, sebagai XLSX (sel isian dijaga validasi) dan CSV.",
        "Writes a plan template (or, with --triwulan, a realisasi template) pre-filled with codes, names,\n"
        "indicators and units from the published warehouse, as XLSX (entry cells guarded) and CSV.",
    ),
    "template.contoh": _e(
        "Contoh:\n  monev template 73.24.10 2025\n  monev template 73.24.10 2025 --triwulan 2 --out templat/",
        "Examples:\n  monev template 73.24.10 2025\n  monev template 73.24.10 2025 --triwulan 2 --out templat/",
    ),
    "template.kode_wilayah": _e("kode wilayah kecamatan, mis. 73.24.10", "the kecamatan code, e.g. 73.24.10"),
    "template.tahun": _e("tahun rencana", "the plan year"),
    "template.triwulan": _e(
        "templat realisasi untuk triwulan ini (1-4)", "a realisasi template for this triwulan (1-4)"
    ),
    "template.out": _e("folder tujuan (bawaan: folder ini)", "folder to write to (default: here)"),
    "template.hasil": _e("({baris} baris sudah terisi)", "({baris} rows pre-filled)"),
    # --- generate
    "generate.help": _e(
        "tulis berkas kiriman SAMPEL untuk N kecamatan pertama Indonesia",
        "write SAMPLE submissions for the first N kecamatan of Indonesia",
    ),
    "generate.deskripsi": _e(
        "Menulis berkas rencana, realisasi dan survei SAMPEL (buatan, bukan data resmi) untuk N kecamatan\n"
        "pertama Indonesia, untuk uji skala. Tidak memerlukan gudang data terbit.",
        "Writes SAMPLE plan, realisasi and survey files (made up, not official data) for the first N kecamatan\n"
        "of Indonesia, for scale tests. Needs no published warehouse.",
    ),
    "generate.contoh": _e(
        "Contoh:\n  monev generate --kecamatan 300 --tahun 2024 --out /tmp/sampel",
        "Examples:\n  monev generate --kecamatan 300 --tahun 2024 --out /tmp/sampel",
    ),
    "generate.kecamatan": _e("berapa kecamatan (1 sampai 7285)", "how many kecamatan (1 to 7285)"),
    "generate.tahun": _e("tahun rencana, realisasi dan survei", "the year of the plans, realisasi and surveys"),
    "generate.out": _e("folder tujuan", "folder to write to"),
    "generate.seed": _e("benih acak (bawaan 20240101)", "the seed (default 20240101)"),
    "generate.hasil": _e(
        "{jumlah} berkas SAMPEL ({kecamatan} kecamatan, {tahun}, benih {seed}) ditulis ke {out}",
        "{jumlah} SAMPLE files ({kecamatan} kecamatan, {tahun}, seed {seed}) written to {out}",
    ),
    # --- laporan
    "laporan.help": _e(
        "tulis Laporan Monev Renaksi (HTML dan PDF A4) dari gudang data terbit",
        "write the Laporan Monev Renaksi (HTML and A4 PDF) from the published warehouse",
    ),
    "laporan.deskripsi": _e(
        "Menulis laporan triwulan satu kecamatan, satu kabupaten atau (bawaan) semuanya, untuk triwulan\n"
        "terakhir yang memiliki realisasi, ke $MONEV_HOME/laporan/<tahun>/tw<n>/.",
        "Writes the quarterly report of one kecamatan, one kabupaten or (default) all of them, for the latest\n"
        "triwulan with realisasi, into $MONEV_HOME/laporan/<tahun>/tw<n>/.",
    ),
    "laporan.contoh": _e(
        "Contoh:\n"
        "  monev laporan\n"
        "  monev laporan --kecamatan 73.24.10 --tahun 2024 --triwulan 2\n"
        "  monev laporan --kabupaten 73.24 --tanpa-pdf",
        "Examples:\n"
        "  monev laporan\n"
        "  monev laporan --kecamatan 73.24.10 --tahun 2024 --triwulan 2\n"
        "  monev laporan --kabupaten 73.24 --tanpa-pdf",
    ),
    "laporan.keluar": _e(
        "Kode keluar: 0 berhasil; 1 tidak ada data atau masukan salah; 4 laporan gagal ditulis.",
        "Exit codes: 0 success; 1 no data or wrong input; 4 a report could not be written.",
    ),
    "laporan.kecamatan": _e("satu kecamatan, mis. 73.24.10", "one kecamatan, e.g. 73.24.10"),
    "laporan.kabupaten": _e("laporan kabupaten, mis. 73.24", "the kabupaten report, e.g. 73.24"),
    "laporan.provinsi": _e("ringkasan provinsi, mis. 73", "the province summary, e.g. 73"),
    "laporan.tahun": _e("bawaan: tahun terakhir yang memiliki realisasi", "default: the latest year with realisasi"),
    "laporan.triwulan": _e(
        "bawaan: triwulan terakhir yang memiliki realisasi", "default: the latest triwulan with realisasi"
    ),
    "laporan.out": _e(
        "folder (bawaan $MONEV_HOME/laporan; berkas di <tahun>/tw<n>/)",
        "folder (default $MONEV_HOME/laporan; files in <tahun>/tw<n>/)",
    ),
    "laporan.tanpa_pdf": _e("HTML saja", "HTML only"),
    # --- ekspor
    "ekspor.help": _e(
        "tulis mart satu kecamatan, satu kabupaten atau seluruh gudang data ke XLSX dan Parquet",
        "write the marts of one kecamatan, one kabupaten or the whole warehouse to XLSX and Parquet",
    ),
    "ekspor.deskripsi": _e(
        "Menulis tabel mart gudang data terbit, dibatasi pada satu kecamatan atau kabupaten, sebagai XLSX\n"
        "(judul kolom Indonesia) dan Parquet, dengan manifes yang menyebut sumber dan waktu terbitnya.",
        "Writes the published warehouse's mart tables, limited to one kecamatan or kabupaten, as XLSX\n"
        "(Indonesian column titles) and Parquet, with a manifest naming their source and publication time.",
    ),
    "ekspor.contoh": _e(
        "Contoh:\n"
        "  monev ekspor --kecamatan 73.24.10\n"
        "  monev ekspor --kabupaten 73.24 --format xlsx --out /tmp/ekspor",
        "Examples:\n"
        "  monev ekspor --kecamatan 73.24.10\n"
        "  monev ekspor --kabupaten 73.24 --format xlsx --out /tmp/ekspor",
    ),
    "ekspor.kecamatan": _e("kode wilayah kecamatan, mis. 73.24.10", "the kecamatan code, e.g. 73.24.10"),
    "ekspor.kabupaten": _e("kode kabupaten, mis. 73.24", "the kabupaten code, e.g. 73.24"),
    "ekspor.format": _e("format berkas (bawaan: keduanya)", "file format (default: both)"),
    "ekspor.out": _e(
        "folder tujuan (bawaan: $MONEV_HOME/ekspor/<kode atau semua>)",
        "folder to write to (default: $MONEV_HOME/ekspor/<code or semua>)",
    ),
    # --- docs
    "docs.help": _e(
        "sajikan dbt docs dan Data Docs Great Expectations di localhost",
        "serve the dbt docs and the Great Expectations Data Docs on localhost",
    ),
    "docs.deskripsi": _e(
        "Menyajikan dokumentasi model dbt (setiap kolom dan garis keturunannya) dan Data Docs Great\n"
        "Expectations di http://127.0.0.1:PORT/ sampai dihentikan dengan Ctrl-C.",
        "Serves the dbt model documentation (every column and the lineage) and the Great Expectations Data\n"
        "Docs at http://127.0.0.1:PORT/ until stopped with Ctrl-C.",
    ),
    "docs.contoh": _e(
        "Contoh:\n  monev docs\n  monev docs --port 8090 --bangun",
        "Examples:\n  monev docs\n  monev docs --port 8090 --bangun",
    ),
    "docs.port": _e("port di 127.0.0.1 (bawaan: 8080)", "port on 127.0.0.1 (default: 8080)"),
    "docs.bangun": _e(
        "bangun ulang dbt docs dahulu (seperti make docs)", "rebuild the dbt docs first (like make docs)"
    ),
    # --- subcommands registered by other modules (orchestration/portal, layanan, postgres)
    "akun.help": _e(
        "kelola akun portal kiriman: buat, reset, nonaktifkan, daftar",
        "manage the submission portal's accounts: create, reset, disable, list",
    ),
    "akun.deskripsi": _e(
        "Akun portal kiriman, disimpan di $MONEV_HOME/portal/akun.json (kata sandi sebagai hash argon2id).\n"
        "Tidak ada kata sandi bawaan: buat dan reset mencetak kata sandi sekali pakai satu kali, yang wajib\n"
        "diganti saat pertama masuk. Akun kecamatan hanya melihat kecamatannya; akun Bappeda melihat semua.",
        "Accounts of the submission portal, kept in $MONEV_HOME/portal/akun.json (passwords as argon2id hashes).\n"
        "There is no default password: create and reset print a one-time password once, which must be changed\n"
        "at the first login. A kecamatan account sees its own kecamatan only; a Bappeda account sees all.",
    ),
    "akun.contoh": _e(
        "Contoh:\n"
        "  monev akun buat kalaena --kecamatan 73.24.10\n"
        "  monev akun buat bappeda.admin --bappeda\n"
        "  monev akun reset kalaena\n"
        "  echo 'kalimat sandi yang panjang' | monev akun reset kalaena --sandi-stdin\n"
        "  monev akun nonaktifkan kalaena\n"
        "  monev akun daftar",
        "Examples:\n"
        "  monev akun buat kalaena --kecamatan 73.24.10\n"
        "  monev akun buat bappeda.admin --bappeda\n"
        "  monev akun reset kalaena\n"
        "  echo 'a long pass phrase' | monev akun reset kalaena --sandi-stdin\n"
        "  monev akun nonaktifkan kalaena\n"
        "  monev akun daftar",
    ),
    "portal.help": _e(
        "sajikan portal kiriman (bawaan: http://127.0.0.1:8090/)",
        "serve the submission portal (default: http://127.0.0.1:8090/)",
    ),
    "portal.deskripsi": _e(
        "Portal kiriman untuk kantor kecamatan dan Bappeda: masuk, periksa dan kirim berkas, lihat riwayat,\n"
        "capaian, templat dan laporan (termasuk laporan karantina). Hanya di mesin ini kecuali --host diubah\n"
        "(pasang HTTPS di depannya dan MONEV_PORTAL_HTTPS=1 bila dibuka dari jaringan).",
        "The submission portal for kecamatan offices and the Bappeda: log in, check and send files, see the\n"
        "history, capaian, templates and reports (quarantine reports included). On this machine only unless\n"
        "--host is changed (put HTTPS in front of it and set MONEV_PORTAL_HTTPS=1 when opened to the network).",
    ),
    "portal.contoh": _e(
        "Contoh:\n  monev portal\n  monev portal --port 8091",
        "Examples:\n  monev portal\n  monev portal --port 8091",
    ),
    "layanan.help": _e(
        "jalankan layanan: daemon Dagster (jadwal malam, sensor), Dagster UI dan portal kiriman",
        "run the service: the Dagster daemon (nightly schedule, sensors), the Dagster UI and the portal",
    ),
    "layanan.deskripsi": _e(
        "Menjalankan daemon Dagster (jadwal malam 01.00 WITA, sensor kotak masuk, pemberitahuan), Dagster UI\n"
        "dan portal kiriman sebagai satu layanan, dengan instans Dagster tetap di $MONEV_HOME/dagster.\n"
        "SIGTERM atau Ctrl-C menghentikan semuanya dalam beberapa detik.",
        "Runs the Dagster daemon (nightly schedule at 01.00 WITA, inbox sensor, notices), the Dagster UI and\n"
        "the submission portal as one service, with a persistent Dagster instance in $MONEV_HOME/dagster.\n"
        "SIGTERM or Ctrl-C stops all of them within seconds.",
    ),
    "layanan.contoh": _e(
        "Contoh:\n  monev layanan\n  monev layanan --host 0.0.0.0 --port-dagster 3000 --port-portal 8090\n  make serve",
        "Examples:\n  monev layanan\n  monev layanan --host 0.0.0.0 --port-dagster 3000 --port-portal 8090\n"
        "  make serve",
    ),
    "layanan.keluar": _e(
        "Kode keluar: 0 dihentikan dengan SIGTERM atau Ctrl-C; 1 salah satu proses berhenti sendiri;\n"
        "3 masalah lingkungan.",
        "Exit codes: 0 stopped with SIGTERM or Ctrl-C; 1 one of the processes ended by itself;\n3 environment problem.",
    ),
    "postgres.help": _e(
        "sajikan marts juga dari server PostgreSQL (opsional)",
        "serve the marts from a PostgreSQL server too (optional)",
    ),
    "postgres.deskripsi": _e(
        "Target penyajian PostgreSQL (opsional, MONEV_POSTGRES_URL): siapkan peran pemuat dan peran\n"
        "baca-saja analis, lihat apa yang disajikan dibanding gudang DuckDB, atau terbitkan ulang gudang\n"
        "DuckDB yang terbit sekarang ke PostgreSQL.",
        "The optional PostgreSQL serving target (MONEV_POSTGRES_URL): set up the loader role and the analysts'\n"
        "read-only role, see what PostgreSQL serves compared with the DuckDB warehouse, or publish the current\n"
        "DuckDB warehouse to PostgreSQL again.",
    ),
    "postgres.contoh": _e(
        "Contoh:\n  monev postgres siapkan\n  monev postgres status\n  monev postgres terbitkan",
        "Examples:\n  monev postgres siapkan\n  monev postgres status\n  monev postgres terbitkan",
    ),
    # --- messages of the commands
    "belum_terbit": _e(
        "monev: belum ada yang diterbitkan di {gudang}; jalankan `monev refresh` dahulu.",
        "monev: nothing is published yet at {gudang}; run `monev refresh` first.",
    ),
    "refresh.mulai": _e("monev: memperbarui di {home}", "monev: refreshing in {home}"),
    "refresh.terbit": _e("Diterbitkan: {gudang} (run {run}, {waktu}).", "Published {gudang} (run {run}, {waktu})."),
    "refresh.tidak_terbit": _e(
        "TIDAK diterbitkan: gudang data {gudang} tidak berubah (run {run}).",
        "NOT published: the warehouse at {gudang} is unchanged (run {run}).",
    ),
    "refresh.langkah_gagal": _e("langkah {langkah} gagal: {teks}", "step {langkah} failed: {teks}"),
    "refresh.lain_aturan": _e(
        "[{aturan}] ... dan {jumlah} temuan lagi dari aturan ini (semuanya di marts.temuan_validasi dan "
        "marts.mart_kualitas_data)",
        "[{aturan}] ... and {jumlah} more of this rule (all in marts.temuan_validasi and marts.mart_kualitas_data)",
    ),
    "refresh.judul_blokir": _e(
        "Galat yang menahan publikasi: {temuan} temuan",
        "Blocking errors (nothing is published while they fail): {temuan} finding(s)",
    ),
    "refresh.judul_karantina": _e(
        "Versi berkas yang dikarantina: {versi} versi, {temuan} temuan (versi itu tidak dipakai; versi yang "
        "diterima sebelumnya, bila ada, tetap terbit)",
        "Quarantined file versions: {versi} version(s), {temuan} finding(s) (left out; the version accepted "
        "before, if any, stays published)",
    ),
    "refresh.judul_peringatan": _e(
        "Peringatan (pengecualian yang diterima dan catatan): {temuan} temuan",
        "Warnings (accepted exceptions and notices): {temuan} finding(s)",
    ),
    "refresh.laporan_karantina": _e(
        "Laporan karantina untuk kantor kecamatan ({jumlah} berkas, satu per versi yang dikarantina):",
        "Quarantine reports for the kecamatan offices ({jumlah} file(s), one per quarantined version):",
    ),
    "status.belum_terbit": _e("Belum ada yang diterbitkan di {gudang}.", "Nothing is published yet at {gudang}."),
    "status.terbit": _e(
        "Gudang data terbit: {gudang}\n  run {run}, diterbitkan {waktu}",
        "Published warehouse: {gudang}\n  run {run}, published {waktu}",
    ),
    "status.sebelumnya": _e("  versi sebelumnya disimpan di {gudang}", "  previous version kept at {gudang}"),
    "status.tabel": _e("  tabel: ", "  tables: "),
    "status.judul_versi": _e(
        f"{'kode_wilayah':<13}{'tahun':<6}{'jenis':<15}{'versi diterima':<38}{'versi terbaru':<38}status",
        f"{'kode_wilayah':<13}{'year':<6}{'kind':<15}{'accepted version':<38}{'latest received':<38}state",
    ),
    "status.dikarantina": _e("dikarantina: ", "quarantined: "),
    "status.laporan_karantina": _e(
        "Laporan karantina yang berlaku ({jumlah}; versi terbaru yang dikarantina, kantor perlu mengirim ulang) "
        "di {folder}:",
        "Current quarantine reports ({jumlah}; latest versions quarantined, the office has to send again) in {folder}:",
    ),
    "status.laporan_karantina_nol": _e(
        "Laporan karantina yang berlaku: tidak ada (setiap versi terbaru diterima).",
        "Current quarantine reports: none (every latest version is accepted).",
    ),
    "status.laporan_tidak_ada": _e("{nama} (laporannya tidak ada)", "{nama} (its report is missing)"),
    "status.laporan_lama": _e(
        "dan {jumlah} laporan versi dikarantina yang sudah digantikan versi lebih baru, di folder yang sama",
        "and {jumlah} report(s) of quarantined versions since replaced by a newer one, in the same folder",
    ),
    "status.terakhir_tidak_terbit": _e(
        "Pembaruan terakhir (run {run}) TIDAK diterbitkan:", "The last refresh (run {run}) was NOT published:"
    ),
    "sql.sambutan": _e(
        "SQL hanya-baca pada {gudang} (skema marts). Akhiri pernyataan dengan ';'. .help untuk perintah titik, "
        "Ctrl-C membatalkan, Ctrl-D atau .keluar untuk selesai.",
        "Read-only SQL on {gudang} (schema marts). End statements with ';'. .help for dot commands, "
        "Ctrl-C cancels, Ctrl-D or .quit ends.",
    ),
    "sql.baris_batal": _e("(dibatalkan; ketik pernyataan baru)", "(cancelled; type a new statement)"),
    "sql.kueri_batal": _e("Kueri dibatalkan (Ctrl-C).", "Query cancelled (Ctrl-C)."),
    "sql.galat": _e("galat SQL: {pesan}", "SQL error: {pesan}"),
    "sql.galat_berkas": _e("tidak dapat menulis {berkas}: {alasan}", "cannot write {berkas}: {alasan}"),
    "sql.titik_tidak_dikenal": _e(
        "perintah titik tidak dikenal: {perintah}; ketik .help", "unknown dot command: {perintah}; type .help"
    ),
    "sql.tidak_ada_tabel": _e("(tidak ada tabel)", "(no tables)"),
    "sql.tabel_tidak_ada": _e(
        "tabel tidak ada di skema marts: {tabel}; ketik .tables", "no such table in schema marts: {tabel}; type .tables"
    ),
    "sql.mode_salah": _e(
        "mode tidak dikenal: {mode}; pilih csv atau tabel", "unknown mode: {mode}; choose csv or tabel"
    ),
    "sql.mode_ok": _e("mode keluaran: {mode}", "output mode: {mode}"),
    "sql.output_ok": _e(
        "hasil berikutnya disimpan lengkap ke {berkas} (CSV) sampai .output tanpa nama berkas",
        "the following results are saved completely to {berkas} (CSV) until .output without a file name",
    ),
    "sql.output_layar": _e("hasil kembali ditampilkan di layar", "results are shown on the screen again"),
    "sql.once_ok": _e(
        "hasil berikutnya disimpan lengkap ke {berkas} (CSV)", "the next result is saved completely to {berkas} (CSV)"
    ),
    "sql.once_tanpa_berkas": _e(
        "sebutkan nama berkasnya, mis. .once hasil.csv", "name the file, e.g. .once result.csv"
    ),
    "sql.maxrows_salah": _e(
        "banyak baris harus bilangan bulat 1 atau lebih, bukan {nilai}",
        "the number of rows must be a whole number of 1 or more, not {nilai}",
    ),
    "sql.maxrows_ok": _e("paling banyak {n} baris ditampilkan", "at most {n} rows are shown"),
    "sql.disimpan": _e(
        "{n} baris disimpan ke {berkas} (CSV, angka uang persis seperti tersimpan)",
        "{n} rows saved to {berkas} (CSV, money exactly as stored)",
    ),
    "sql.terpotong": _e(
        "({tampil} dari {total} baris ditampilkan; {sisa} baris tidak ditampilkan. Simpan semuanya dengan "
        ".once hasil.csv lalu jalankan kuerinya lagi, atau ubah batasnya dengan .maxrows N)",
        "({tampil} of {total} rows shown; {sisa} rows left out. Save them all with .once result.csv and run the "
        "query again, or change the limit with .maxrows N)",
    ),
    "sql.jumlah_baris": _e("({n} baris)", "({n} rows)"),
    "sql.help_titik": _e(
        "Perintah titik:\n"
        "  .tables [teks]        daftar tabel skema marts (yang namanya memuat teks)\n"
        "  .schema [tabel]       definisi tabel (semua tabel bila tanpa nama)\n"
        "  .mode csv|tabel       tampilan hasil: CSV atau tabel (bawaan)\n"
        "  .once berkas.csv      simpan hasil berikutnya lengkap sebagai CSV (uang persis)\n"
        "  .output berkas.csv    simpan semua hasil berikutnya ke berkas itu; .output saja: kembali ke layar\n"
        "  .maxrows N            tampilkan paling banyak N baris (bawaan 200)\n"
        "  .help                 bantuan ini\n"
        "  .keluar, .quit        selesai (juga Ctrl-D)\n"
        "Pernyataan SQL boleh beberapa baris dan diakhiri ';'. Ctrl-C membatalkan baris atau kueri yang berjalan.",
        "Dot commands:\n"
        "  .tables [text]        tables of schema marts (whose name contains text)\n"
        "  .schema [table]       table definitions (all tables without a name)\n"
        "  .mode csv|tabel       result display: CSV or a table (default)\n"
        "  .once file.csv        save the next result completely as CSV (money exact)\n"
        "  .output file.csv      save every following result to that file; .output alone: back to the screen\n"
        "  .maxrows N            show at most N rows (default 200)\n"
        "  .help                 this help\n"
        "  .keluar, .quit        end (also Ctrl-D)\n"
        "SQL statements may span lines and end with ';'. Ctrl-C cancels the line or the running query.",
    ),
    "refresh.tidak_ada_baru": _e(
        "Tidak ada yang baru sejak publikasi terakhir (run {run}, {waktu}): kotak masuk kosong, berkas, kode dan "
        "data acuan tidak berubah. Gudang data {gudang} tidak diubah; `monev refresh --paksa` membangunnya ulang.",
        "Nothing new since the last publication (run {run}, {waktu}): the inbox is empty, files, code and "
        "reference data are unchanged. The warehouse {gudang} is left as it is; `monev refresh --paksa` rebuilds it.",
    ),
    "status.ditolak": _e(
        "Entri kotak masuk yang ditolak sejak awal: {jumlah}", "Inbox entries refused since the start: {jumlah}"
    ),
    "status.ditolak_terakhir": _e(", {jumlah} terakhir", ", the last {jumlah}"),
    "status.ditolak_tertinggal": _e(
        "; {jumlah} tidak dapat dipindahkan dan masih di inbox",
        "; {jumlah} could not be moved and are still in the inbox",
    ),
    "ekspor.semua": _e("seluruh gudang data", "the whole warehouse"),
    "ekspor.hasil": _e(
        "Ekspor {label}: {tabel} tabel, {baris} baris", "Export of {label}: {tabel} tables, {baris} rows"
    ),
    "ekspor.sampel": _e(
        "  Perhatian: sebagian baris adalah DATA SAMPEL (buatan, bukan data resmi); lihat kolom `sampel`.",
        "  Note: some rows are SAMPLE DATA (made up, not official); see the column `sampel`.",
    ),
    "docs.membangun": _e("Membangun dbt docs ...", "Building the dbt docs ..."),
    "docs.port_dipakai": _e(
        "monev: port {port} tidak dapat dipakai ({alasan}); pilih port lain dengan --port",
        "monev: port {port} cannot be used ({alasan}); choose another with --port",
    ),
    "docs.siap": _e(
        "Dokumentasi di http://127.0.0.1:{port}/ (dbt docs dan Data Docs); hentikan dengan Ctrl-C.",
        "Documentation at http://127.0.0.1:{port}/ (dbt docs and Data Docs); stop with Ctrl-C.",
    ),
}

# argparse's own words (Python 3.11's msgids) in Bahasa Indonesia.
_ARGPARSE_ID = {
    "usage: ": "pemakaian: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "memerlukan satu nilai",
    "expected at most one argument": "memerlukan paling banyak satu nilai",
    "expected at least one argument": "memerlukan paling sedikit satu nilai",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s dapat berarti %(matches)s",
}


def _argparse_id(message: str) -> str:
    return _ARGPARSE_ID.get(message, message)


@contextlib.contextmanager
def argparse_indonesia(bahasa_: str) -> Iterator[None]:
    """argparse's own words (usage, options, its errors) in Bahasa Indonesia while the command parses."""
    if bahasa_ != "id":
        yield
        return
    saved = argparse._
    argparse._ = _argparse_id
    try:
        yield
    finally:
        argparse._ = saved


def _epilog(nama: str | None) -> str:
    parts = [t(f"{nama}.contoh") if nama and ada(f"{nama}.contoh") else ""]
    parts.append(t(f"{nama}.keluar") if nama and ada(f"{nama}.keluar") else t("keluar.umum"))
    parts.append(t("lingkungan"))
    return "\n\n".join(p for p in parts if p)


def lengkapi_bantuan(parser: argparse.ArgumentParser, commands: argparse._SubParsersAction) -> None:
    """Every subcommand's help from the catalogue: its line in `monev --help`, its description, examples,
    exit codes and MONEV_HOME, in the current language; a subcommand without entries keeps its own texts
    and gets the common exit codes and environment."""
    parser.description = t("monev.deskripsi")
    parser.epilog = "\n\n".join((t("monev.contoh"), t("monev.keluar"), t("lingkungan")))
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    by_name = {action.dest: action for action in commands._choices_actions}
    for nama, sub in commands.choices.items():
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
        if ada(f"{nama}.help"):
            sub.description = t(f"{nama}.deskripsi") if ada(f"{nama}.deskripsi") else t(f"{nama}.help")
            if nama in by_name:
                by_name[nama].help = t(f"{nama}.help")
        elif not sub.description and nama in by_name:
            sub.description = by_name[nama].help
        sub.epilog = _epilog(nama)
        if not any("--bahasa" in action.option_strings for action in sub._actions):
            sub.add_argument("--bahasa", choices=BAHASA, default=argparse.SUPPRESS, help=t("opsi.bahasa"))
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = t("opsi.bantuan")
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = t("opsi.bantuan")
