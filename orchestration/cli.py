"""`monev`: refresh the warehouse, check a file before sending it, see what is published, query it."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path

from orchestration.pesan import BAHASA, argparse_indonesia, atur_bahasa, bahasa, lengkapi_bantuan, pilih_bahasa, t
from orchestration.settings import paths

VERBOSE = os.environ.get("MONEV_VERBOSE") == "1"
_NULL = io.StringIO()


def _prepare_dagster_home() -> Path:
    """$MONEV_HOME/dagster: its dagster.yaml written once from orchestration/layanan/dagster.yaml, never
    overwritten (the operator's settings survive every refresh)."""
    from orchestration.layanan import prepare_dagster_home

    return prepare_dagster_home(paths())


def cmd_refresh(args: argparse.Namespace) -> int:
    """Run the same job as the nightly schedule, in this process, then print the summary."""
    from orchestration.warehouse.locking import RefreshLocked, refresh_lock

    p = paths()
    try:
        with refresh_lock(p):
            if not getattr(args, "paksa", False) and _nothing_new(p):
                return 0
            return _refresh(p)
    except RefreshLocked as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 2


def _nothing_new(p) -> bool:
    """Nothing received and no input changed since the published build: say so instead of rebuilding it."""
    from orchestration.settings import seeds_dir
    from orchestration.warehouse.fingerprint import nothing_new
    from orchestration.warehouse.summary import format_summary

    report = nothing_new(p, seeds_dir())
    if report is None:
        return False
    print(format_summary(report.get("summary", []), bahasa()))
    waktu = _wita(report.get("published_at"))
    print("\n" + t("refresh.tidak_ada_baru", run=report["run_id"][:8], waktu=waktu, gudang=p.warehouse))
    from orchestration.postgres import settings as postgres_settings

    if postgres_settings.url() is not None:  # issue 14: PostgreSQL behind (failed, killed, configured since)
        from orchestration.postgres.commands import catch_up

        _print_postgres(catch_up(p))
    return True


def _print_postgres(line: str | None) -> None:
    """The refresh summary's PostgreSQL line (issue 14), when PostgreSQL is configured."""
    if line:
        print(line)


def _wita(iso: str | None) -> str:
    from orchestration.domain.waktu import waktu_wita

    return waktu_wita(iso) or "waktu tidak diketahui"


def _refresh(p) -> int:
    _prepare_dagster_home()
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.warehouse.summary import format_summary

    print(t("refresh.mulai", home=p.home), file=sys.stderr)
    job = defs().resolve_job_def("monev_refresh")
    from orchestration.defs.progress import selesai

    try:
        with dg.DagsterInstance.get() as instance, contextlib.redirect_stdout(sys.stderr if VERBOSE else _NULL):
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
            )
    finally:
        selesai()  # the progress spinner, when a terminal shows one
    report = _latest_report(p, result.run_id)
    if report is None:
        report = _unpublished_report(p, result.run_id)
    print()
    if report and report.get("summary"):
        print(format_summary(report["summary"], bahasa()))
    _print_intake(p, result.run_id)
    findings = report.get("findings", []) if report else []
    errors = [f for f in findings if f["dampak"] == "blokir"]
    quarantined = [f for f in findings if f["dampak"] == "karantina"]
    warnings = [f for f in findings if f["dampak"] == "peringatan"]
    versions = len({f.get("berkas_id") or f.get("nama_berkas") for f in quarantined})
    for title, items in (
        (t("refresh.judul_blokir", temuan=len(errors)), errors),
        (t("refresh.judul_karantina", temuan=len(quarantined), versi=versions), quarantined),
        (t("refresh.judul_peringatan", temuan=len(warnings)), warnings),
    ):
        if items:
            print(f"\n{title}")
            for line in _finding_lines(items):
                print("  " + line)
    _print_quarantine_reports(p, quarantined)
    _write_notices(p, result)
    published = bool(report and report.get("published"))
    if published:
        waktu = _wita(report.get("published_at"))
        print("\n" + t("refresh.terbit", gudang=p.warehouse, run=result.run_id[:8], waktu=waktu))
        from orchestration.postgres.outcome import summary_line  # issue 14

        _print_postgres(summary_line(report))
        from orchestration.laporan.perintah import EXIT_LAPORAN_GAGAL, status_refresh

        lines, reports_ok = status_refresh(p, result.run_id)
        for line in lines:
            print(line)
        if not reports_ok:
            return EXIT_LAPORAN_GAGAL
    else:
        print("\n" + t("refresh.tidak_terbit", gudang=p.warehouse, run=result.run_id[:8]))
        if not result.success and not errors:
            for event in result.all_events:
                if event.is_step_failure:
                    print(_step_failure_line(p, event))
    return 0 if published else 1


def _write_notices(p, result) -> None:
    """The notices the daemon's sensors write for its runs (orchestration/layanan/pemberitahuan.py), for this
    run too: once per run, whoever writes first."""
    from orchestration.layanan import pemberitahuan

    if not result.success:
        steps = [
            (e.step_key, pemberitahuan.error_text(e.event_specific_data.error))
            for e in result.all_events
            if e.is_step_failure
        ]
        pemberitahuan.run_failed(p, result.run_id, "monev_refresh", steps)
    if pemberitahuan.after_refresh(p, result.run_id) or not result.success:
        print(f"\nPemberitahuan: {pemberitahuan.outbox(p)}")


def _print_quarantine_reports(p, quarantined: list[dict]) -> None:
    """Each quarantined version's report file (reports/karantina/), for the planning office to send on."""
    from orchestration.warehouse.report import report_name

    names = sorted({f["nama_berkas"] for f in quarantined if f.get("nama_berkas")})
    reports = [(n, p.reports / "karantina" / report_name(n)) for n in names]
    reports = [(n, path) for n, path in reports if path.exists()]
    if reports:
        print("\n" + t("refresh.laporan_karantina", jumlah=len(reports)))
        for name, path in reports:
            print(f"  {name}: {path}")


def _step_failure_line(p, event) -> str:
    """A failed step: an error of the environment (full disk, read-only home) in one Indonesian line."""
    from orchestration.environment import message_for_text

    text = event.event_specific_data.error.message.strip()
    known = message_for_text(text, p.home)
    return f"  monev: {known}" if known else "  " + t("refresh.langkah_gagal", langkah=event.step_key, teks=text[:2000])


def _print_intake(p, run_id: str) -> None:
    """What this run refused at the inbox, and any torn ledger record it set aside."""
    from orchestration.warehouse.archive import read_intake_note
    from orchestration.warehouse.summary import format_refused

    text = format_refused(*read_intake_note(p.build_dir(run_id)))
    if text:
        print("\n" + text)


def _latest_report(p, run_id: str) -> dict | None:
    path = p.reports / "latest.json"
    if not path.exists():
        return None
    report = json.loads(path.read_text())
    return report if report.get("run_id") == run_id else None


def _unpublished_report(p, run_id: str) -> dict | None:
    """When publish did not run: the audit of this run and the build database's totals."""
    import duckdb

    from orchestration.warehouse.audit import AuditResult
    from orchestration.warehouse.publish import write_report
    from orchestration.warehouse.summary import build_summary

    audit_path = p.audit_file(run_id)
    if not audit_path.exists() or json.loads(audit_path.read_text()).get("run_id") != run_id:
        return None
    audit = AuditResult.from_json(audit_path.read_text())
    with duckdb.connect(str(p.build_db(run_id)), read_only=True) as con:
        summary = build_summary(con, audit, published=False)
    report = {
        "run_id": run_id,
        "published": False,
        "summary": summary,
        "findings": json.loads(audit.to_json())["findings"],
    }
    write_report(p, report)
    return report


# Per rule, the terminal shows this many findings; all of them are in marts.temuan_validasi,
# marts.mart_kualitas_data and reports/latest.json.
SHOWN_PER_RULE = 10


def _finding_lines(items: list[dict]) -> list[str]:
    lines, shown = [], {}
    for f in items:
        shown[f["aturan"]] = shown.get(f["aturan"], 0) + 1
        if shown[f["aturan"]] <= SHOWN_PER_RULE:
            lines.append(_finding_line(f))
    for rule, count in shown.items():
        if count > SHOWN_PER_RULE:
            lines.append(t("refresh.lain_aturan", aturan=rule, jumlah=count - SHOWN_PER_RULE))
    return lines


def _finding_line(f: dict) -> str:
    from orchestration.rules.model import Finding

    return Finding.from_record(f).baris_teks(bahasa())


def cmd_check(args: argparse.Namespace) -> int:
    from orchestration.warehouse.check import CheckError, check_files_safely

    bahasa = args.bahasa
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        for f in missing:
            print(t("check.tidak_ada", bahasa, berkas=f), file=sys.stderr)
        return 1
    try:
        report = check_files_safely([Path(f) for f in args.files])
    except CheckError as exc:  # a defect of the system, never a traceback: one line and where the details are
        print(str(exc), file=sys.stderr)
        return 2
    for finding in report.findings:
        print(finding.baris_teks(bahasa))
    counts = {"files": len(report.files), "errors": len(report.errors), "warnings": len(report.warnings)}
    print("\n" + t("check.ringkasan", bahasa, **counts))
    return 0 if report.ok else 1


def cmd_sql(args: argparse.Namespace) -> int:
    """Read-only SQL: the query given, else a prompt at a terminal, else the statements on standard input."""
    import duckdb

    from orchestration.sql_prompt import HISTORY_FILE, Sesi, buat_prompt, jalankan_aliran, jalankan_prompt

    p = paths()
    warehouse = p.warehouse
    if not warehouse.exists():
        print(t("belum_terbit", gudang=warehouse), file=sys.stderr)
        return 1
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.execute("use marts")
        sesi = Sesi(con, sys.stdout)
        if args.query:
            return jalankan_aliran(sesi, [" ".join(args.query)])
        if not sys.stdin.isatty():
            return jalankan_aliran(sesi, sys.stdin)
        print(t("sql.sambutan", gudang=warehouse))
        return jalankan_prompt(sesi, buat_prompt(p.home / HISTORY_FILE))
    finally:
        con.close()


def cmd_status(_: argparse.Namespace) -> int:
    import duckdb

    from orchestration.warehouse.summary import format_summary

    p = paths()
    if not p.warehouse.exists():
        print(t("status.belum_terbit", gudang=p.warehouse))
        _print_service_status(p)
        return 1
    with duckdb.connect(str(p.warehouse), read_only=True) as con:
        run_id, published_at = con.execute(
            "select run_id, max(dipublikasikan_pada) from marts.publikasi group by run_id"
        ).fetchone()
        print(t("status.terbit", gudang=p.warehouse, run=run_id[:8], waktu=_wita(published_at)))
        if p.previous_warehouse.exists():
            print(t("status.sebelumnya", gudang=p.previous_warehouse))
        counts = con.execute("select tabel, jumlah_baris from marts.publikasi order by tabel").fetchall()
        print(t("status.tabel") + ", ".join(f"{name} ({n})" for name, n in counts))
        versions = con.execute("""
            select kode_wilayah, tahun, jenis || coalesce(' TW' || triwulan, '') as jenis,
                   any_value(nama_berkas) filter (where status = 'diterima'),
                   any_value(nama_berkas) filter (where terbaru),
                   any_value(status) filter (where terbaru),
                   string_agg(nama_berkas || ': ' || alasan, '; ') filter (where status = 'dikarantina')
            from marts.fct_versi_kiriman
            group by all order by all
        """).fetchall()
        quarantined = con.execute(
            "select nama_berkas, kode_wilayah, terbaru from marts.fct_versi_kiriman "
            "where status = 'dikarantina' order by nama_berkas"
        ).fetchall()
    print("\n" + t("status.judul_versi"))
    for kw, tahun, jenis, accepted, latest, state, reasons in versions:
        print(f"{kw or '?':<13}{tahun or '':<6}{jenis or '?':<15}{accepted or '-':<38}{latest:<38}{state}")
        if reasons:
            print(f"{'':<34}{t('status.dikarantina')}{reasons[:300]}")
    _print_current_quarantine_reports(p, quarantined)
    _print_refused(p)
    report_path = p.reports / "latest.json"
    if report_path.exists():
        report = json.loads(report_path.read_text())
        if report.get("run_id") != run_id:
            print("\n" + t("status.terakhir_tidak_terbit", run=report["run_id"][:8]))
        print()
        print(format_summary(report.get("summary", []), bahasa()))
    _print_service_status(p)
    return 0


def _print_service_status(p) -> None:
    """The last refresh's outcome (failed ones too) and the notices (orchestration/layanan/)."""
    from orchestration.layanan.perintah import status_lines

    lines = status_lines(p)
    if lines:
        print("\n" + "\n".join(lines))


def _print_current_quarantine_reports(p, quarantined: list[tuple]) -> None:
    """The quarantine reports of the versions still quarantined as the latest of their key (the office has to
    send a corrected file), and how many older ones are kept beside them."""
    from orchestration.warehouse.report import report_name

    current = [(name, kw) for name, kw, latest in quarantined if latest]
    older = sum(1 for *_, latest in quarantined if not latest)
    folder = p.reports / "karantina"
    if not current and not older:
        return
    key = "status.laporan_karantina" if current else "status.laporan_karantina_nol"
    print("\n" + t(key, jumlah=len(current), folder=folder))
    for name, kw in current:
        path = folder / report_name(name)
        print(f"  {kw or '?':<13}{path if path.exists() else t('status.laporan_tidak_ada', nama=name)}")
    if older:
        print("  " + t("status.laporan_lama", jumlah=older))


# `monev status` lists this many of the most recent refused inbox entries; all are in ditolak/penolakan.jsonl
# and marts.fct_kiriman_ditolak.
SHOWN_REFUSED = 20


def _print_refused(p) -> None:
    from orchestration.warehouse.archive import refused_entries
    from orchestration.warehouse.summary import format_refused

    entries = refused_entries(p.rejected)
    if not entries:
        return
    left = [r for r in entries if not r.dipindahkan]
    title = t("status.ditolak", jumlah=len(entries))
    if len(entries) > SHOWN_REFUSED:
        title += t("status.ditolak_terakhir", jumlah=SHOWN_REFUSED)
    if left:
        title += t("status.ditolak_tertinggal", jumlah=len(left))
    print("\n" + format_refused(entries[-SHOWN_REFUSED:], [], title=title))


def cmd_template(args: argparse.Namespace) -> int:
    """A plan template (or, with --triwulan, a realisasi template) pre-filled for one kecamatan."""
    from orchestration.warehouse.template import plan_template, realisasi_template

    warehouse = paths().warehouse
    if not warehouse.exists():
        print(t("belum_terbit", gudang=warehouse), file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        if args.triwulan:
            made = realisasi_template(warehouse, args.kode_wilayah, args.tahun, args.triwulan, out)
        else:
            made = plan_template(warehouse, args.kode_wilayah, args.tahun, out)
    except ValueError as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 1
    print(f"{made.xlsx}\n{made.csv}\n" + t("template.hasil", baris=made.rows))
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """SAMPLE submissions for the first N kecamatan of Indonesia; needs no published warehouse."""
    from orchestration.sample.scale import DEFAULT_SEED, generate

    seed = DEFAULT_SEED if args.seed is None else args.seed
    try:
        count = generate(args.kecamatan, args.tahun, Path(args.out), seed)
    except ValueError as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 1
    print(t("generate.hasil", jumlah=count, kecamatan=args.kecamatan, tahun=args.tahun, seed=seed, out=args.out))
    return 0


def cmd_ekspor(args: argparse.Namespace) -> int:
    """The published marts of one kecamatan, one kabupaten or all, as XLSX and Parquet with a manifest."""
    from orchestration.warehouse.ekspor import EksporError, ekspor

    p = paths()
    scope = args.kecamatan or args.kabupaten or "semua"
    out = Path(args.out) if args.out else p.home / "ekspor" / scope
    try:
        result = ekspor(
            p.warehouse,
            out,
            kecamatan=args.kecamatan,
            kabupaten=args.kabupaten,
            xlsx=args.format in ("xlsx", "semua"),
            parquet=args.format in ("parquet", "semua"),
        )
    except EksporError as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 1
    rows = sum(t.rows for t in result.tables)
    label = (
        t("ekspor.semua")
        if result.scope["jenis"] == "semua"
        else (f"{result.scope['jenis']} {result.scope['kode']} {result.scope['nama']}")
    )
    print(t("ekspor.hasil", label=label, tabel=len(result.tables), baris=f"{rows:,}".replace(",", ".")))
    for made in (result.xlsx, result.parquet, result.manifest):
        if made is not None:
            print(f"  {made}")
    if result.sample:
        print(t("ekspor.sampel"))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Serve the dbt docs and the Great Expectations Data Docs on localhost (building the dbt docs if missing)."""
    from orchestration.warehouse.dokumen import DokumenError, build_dbt_docs, server

    p = paths()
    if args.bangun or not (p.home / "docs" / "dbt" / "index.html").exists():
        print(t("docs.membangun"))
        try:
            build_dbt_docs(p)
        except DokumenError as exc:
            print(f"monev: {exc}", file=sys.stderr)
    try:
        httpd = server(p, args.port)
    except OSError as exc:
        print(t("docs.port_dipakai", port=args.port, alasan=exc.strerror), file=sys.stderr)
        return 1
    print(t("docs.siap", port=httpd.server_address[1]))
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print()
    finally:
        httpd.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    bahasa = pilih_bahasa(argv)
    atur_bahasa(bahasa)
    with argparse_indonesia(bahasa):
        parser = argparse.ArgumentParser(prog="monev", formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("--bahasa", choices=BAHASA, default=bahasa, help=t("opsi.bahasa"))
        commands = parser.add_subparsers(dest="command", required=True)
        refresh = commands.add_parser("refresh", help=t("refresh.help"))
        refresh.add_argument("--paksa", action="store_true", help=t("refresh.paksa"))
        refresh.set_defaults(func=cmd_refresh)
        check = commands.add_parser("check", help=t("check.help"))
        check.add_argument("files", nargs="+", metavar="BERKAS", help=t("check.berkas"))
        check.set_defaults(func=cmd_check)
        sql = commands.add_parser("sql", help=t("sql.help"))
        sql.add_argument("query", nargs="*", metavar="KUERI", help=t("sql.kueri"))
        sql.set_defaults(func=cmd_sql)
        commands.add_parser("status", help=t("status.help")).set_defaults(func=cmd_status)
        template = commands.add_parser("template", help=t("template.help"))
        template.add_argument("kode_wilayah", help=t("template.kode_wilayah"))
        template.add_argument("tahun", type=int, help=t("template.tahun"))
        template.add_argument("--triwulan", type=int, help=t("template.triwulan"))
        template.add_argument("--out", default=".", help=t("template.out"))
        template.set_defaults(func=cmd_template)
        generate = commands.add_parser("generate", help=t("generate.help"))
        generate.add_argument("--kecamatan", type=int, required=True, help=t("generate.kecamatan"))
        generate.add_argument("--tahun", type=int, required=True, help=t("generate.tahun"))
        generate.add_argument("--out", required=True, help=t("generate.out"))
        generate.add_argument("--seed", type=int, help=t("generate.seed"))
        generate.set_defaults(func=cmd_generate)
        laporan = commands.add_parser("laporan", help=t("laporan.help"))
        wilayah = laporan.add_mutually_exclusive_group()
        wilayah.add_argument("--kecamatan", metavar="KODE", help=t("laporan.kecamatan"))
        wilayah.add_argument("--kabupaten", metavar="KODE", help=t("laporan.kabupaten"))
        wilayah.add_argument("--provinsi", metavar="KODE", help=t("laporan.provinsi"))
        laporan.add_argument("--tahun", type=int, help=t("laporan.tahun"))
        laporan.add_argument("--triwulan", type=int, choices=(1, 2, 3, 4), help=t("laporan.triwulan"))
        laporan.add_argument("--out", help=t("laporan.out"))
        laporan.add_argument("--tanpa-pdf", action="store_true", help=t("laporan.tanpa_pdf"))
        laporan.set_defaults(func=cmd_laporan)
        ekspor = commands.add_parser("ekspor", help=t("ekspor.help"))
        wilayah = ekspor.add_mutually_exclusive_group()
        wilayah.add_argument("--kecamatan", metavar="KODE", help=t("ekspor.kecamatan"))
        wilayah.add_argument("--kabupaten", metavar="KODE", help=t("ekspor.kabupaten"))
        ekspor.add_argument("--format", choices=("semua", "xlsx", "parquet"), default="semua", help=t("ekspor.format"))
        ekspor.add_argument("--out", help=t("ekspor.out"))
        ekspor.set_defaults(func=cmd_ekspor)
        docs = commands.add_parser("docs", help=t("docs.help"))
        docs.add_argument("--port", type=int, default=8080, help=t("docs.port"))
        docs.add_argument("--bangun", action="store_true", help=t("docs.bangun"))
        docs.set_defaults(func=cmd_docs)
        # --- subcommands of other modules register here (before lengkapi_bantuan, which fills in their help)
        from orchestration.postgres.daftar import register as postgres_commands  # monev postgres (issue 14)

        postgres_commands(commands)
        from orchestration.portal.perintah import daftar_akun, daftar_portal  # monev akun, monev portal (issue 13)

        daftar_akun(commands)
        daftar_portal(commands)
        from orchestration.layanan.perintah import daftar_layanan  # monev layanan (issue 13)

        daftar_layanan(commands)
        lengkapi_bantuan(parser, commands)
        args = parser.parse_args(argv)
    atur_bahasa(args.bahasa)
    return _guarded(args)


def cmd_laporan(args: argparse.Namespace) -> int:
    """The quarterly report of one kecamatan, one kabupaten or (default) all, latest triwulan by default."""
    from orchestration.laporan.perintah import cmd_laporan as laporan

    return laporan(args)


def _guarded(args: argparse.Namespace) -> int:
    """Errors of the environment (orchestration/environment.py) in one Indonesian line and exit code 3;
    any other error keeps its traceback."""
    from orchestration.environment import EXIT_ENVIRONMENT, environment_message, preflight_refresh
    from orchestration.settings import DBT_PROJECT_DIR

    home = paths().home
    problem = preflight_refresh(home, DBT_PROJECT_DIR) if args.func is cmd_refresh else None
    if problem is None:
        try:
            return args.func(args)
        except Exception as exc:
            problem = environment_message(exc, home)
            if problem is None:
                raise
    print(f"monev: {problem}", file=sys.stderr)
    return EXIT_ENVIRONMENT


def entry() -> None:
    """The `monev` command (console script and `python -m orchestration.cli`): main(), then exit at once.

    A refresh loads Dagster, dbt, Great Expectations and pandas; tearing their objects down at interpreter
    exit took 2,5 s after every command had finished its work. Every file is closed by then (databases
    checkpointed and closed, reports written and closed), so the process flushes its output and logs and
    exits without that teardown."""
    import logging
    import multiprocessing.util

    code = main() or 0
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    multiprocessing.util._exit_function()  # release semaphores and pools as a normal exit does
    os._exit(code)


if __name__ == "__main__":
    entry()
