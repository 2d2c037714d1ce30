"""`monev layanan` (the service in one command) and the lines `monev status` adds about runs and notices."""

from __future__ import annotations

import argparse
import sys

from orchestration.settings import Paths, paths


def cmd_layanan(args: argparse.Namespace) -> int:
    from orchestration.layanan import prepare_dagster_home
    from orchestration.layanan.proses import children, environment, fail_interrupted_runs, port_problem, run

    p = paths()
    prepare_dagster_home(p)
    portal_port = None if args.tanpa_portal else args.port_portal
    anak = children(p, args.host, args.port_dagster, portal_port)
    ports = [(args.port_dagster, "--port-dagster")]
    if any(c.nama == "portal" for c in anak):
        ports.append((args.port_portal, "--port-portal"))
    for port, option in ports:
        problem = port_problem(args.host, port, option)
        if problem:
            print(problem, file=sys.stderr)
            return 1
    fail_interrupted_runs(p)
    print(f"Layanan Monev Kinerja (MONEV_HOME {p.home}); hentikan dengan Ctrl-C atau SIGTERM.", file=sys.stderr)
    print(f"  Dagster UI        : http://{args.host}:{args.port_dagster}/", file=sys.stderr)
    if portal_port is not None and any(c.nama == "portal" for c in anak):
        print(f"  Portal kiriman    : http://{args.host}:{args.port_portal}/", file=sys.stderr)
    print(f"  Instans Dagster   : {p.dagster_home} (dagster.yaml milik operator)", file=sys.stderr)
    print(f"  Pemberitahuan     : {p.home / 'pemberitahuan'}", file=sys.stderr, flush=True)
    return run(anak, environment(p))


def daftar_layanan(commands) -> None:
    """Register `monev layanan` on the `monev` command's subparsers (texts from orchestration/pesan.py)."""
    layanan = commands.add_parser(
        "layanan",
        help="jalankan layanan: daemon Dagster (jadwal malam, sensor), Dagster UI dan portal kiriman",
    )
    layanan.add_argument("--host", default="127.0.0.1", help="alamat yang didengarkan (bawaan: 127.0.0.1)")
    layanan.add_argument("--port-dagster", type=int, default=3000, help="port Dagster UI (bawaan: 3000)")
    layanan.add_argument("--port-portal", type=int, default=8090, help="port portal kiriman (bawaan: 8090)")
    layanan.add_argument("--tanpa-portal", action="store_true", help="tanpa portal kiriman (hanya Dagster)")
    layanan.set_defaults(func=cmd_layanan)


def status_lines(p: Paths) -> list[str]:
    """The last refresh's outcome (failed ones included) and the notices, for `monev status`."""
    from orchestration.layanan import pemberitahuan, riwayat

    return riwayat.status_lines(p) + pemberitahuan.status_lines(p)
