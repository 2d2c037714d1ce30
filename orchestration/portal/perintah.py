"""`monev akun` (create, reset, disable, list the portal's accounts) and `monev portal` (serve it)."""

from __future__ import annotations

import argparse
import sys


def cmd_akun(args: argparse.Namespace) -> int:
    from orchestration.domain.waktu import waktu_wita
    from orchestration.portal import akun
    from orchestration.settings import paths, seeds_dir

    home = paths().home
    try:
        if args.aksi == "daftar":
            semua = akun.muat(home)
            if not semua:
                print("Belum ada akun portal. Buat dengan: monev akun buat <nama> --kecamatan 73.24.10")
                return 0
            print(f"{'nama':<20}{'peran':<11}{'kecamatan':<11}{'aktif':<7}{'ganti sandi':<13}sandi diganti")
            for a in semua.values():
                print(
                    f"{a.nama:<20}{a.peran:<11}{a.kode_wilayah or '-':<11}{'ya' if a.aktif else 'tidak':<7}"
                    f"{'ya' if a.harus_ganti_sandi else 'tidak':<13}{waktu_wita(a.sandi_diganti_pada)}"
                )
            return 0
        if args.aksi == "nonaktifkan":
            akun.nonaktifkan(home, args.nama)
            print(
                f"Akun {args.nama} dinonaktifkan; semua sesinya berakhir. `monev akun reset {args.nama}` tidak "
                "mengaktifkannya kembali."
            )
            return 0
        sandi = _sandi_stdin() if args.sandi_stdin else None
        if args.aksi == "buat":
            peran = "bappeda" if args.bappeda else "kecamatan"
            if not args.bappeda and not args.kecamatan:
                print("monev: pilih --kecamatan KODE (mis. 73.24.10) atau --bappeda", file=sys.stderr)
                return 1
            sandi_akun = akun.buat(home, args.nama, peran, args.kecamatan, sandi, seeds_dir())
            siapa = f"kecamatan {args.kecamatan}" if peran == "kecamatan" else "Bappeda (semua kecamatan)"
            print(f"Akun {args.nama} dibuat untuk {siapa}.")
        else:
            sandi_akun = akun.reset(home, args.nama, sandi)
            print(f"Kata sandi akun {args.nama} diganti; semua sesinya berakhir.")
        if sandi is None:
            print(f"Kata sandi sekali pakai (hanya ditampilkan sekali ini): {sandi_akun}")
            print("Sampaikan secara langsung; pemilik akun wajib menggantinya saat pertama masuk.")
        return 0
    except akun.AkunError as exc:
        print(f"monev: {exc}", file=sys.stderr)
        return 1


def _sandi_stdin() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def cmd_portal(args: argparse.Namespace) -> int:
    from orchestration.portal import serve
    from orchestration.settings import paths

    print(f"Portal kiriman di http://{args.host}:{args.port}/ (MONEV_HOME {paths().home}); hentikan dengan Ctrl-C.")
    try:
        serve(args.host, args.port)
    except OSError as exc:
        print(
            f"monev: port {args.port} tidak dapat dipakai ({exc.strerror}); pilih port lain dengan --port",
            file=sys.stderr,
        )
        return 1
    return 0


def daftar_akun(commands) -> None:
    """Register `monev akun` on the `monev` command's subparsers (its description, examples and exit codes come
    from the catalogue, orchestration/pesan.py)."""
    akun = commands.add_parser(
        "akun",
        help="kelola akun portal kiriman: buat, reset, nonaktifkan, daftar",
    )
    aksi = akun.add_subparsers(dest="aksi", required=True)
    buat = aksi.add_parser("buat", help="buat akun (kata sandi sekali pakai dicetak sekali)")
    buat.add_argument("nama", help="nama akun, mis. kalaena")
    peran = buat.add_mutually_exclusive_group(required=True)
    peran.add_argument("--kecamatan", metavar="KODE", help="akun kantor kecamatan, mis. 73.24.10")
    peran.add_argument("--bappeda", action="store_true", help="akun Bappeda: melihat semua kecamatan")
    reset = aksi.add_parser("reset", help="kata sandi sekali pakai baru; semua sesi akun berakhir")
    reset.add_argument("nama")
    for parser in (buat, reset):
        parser.add_argument("--sandi-stdin", action="store_true", help="baca kata sandi dari stdin (untuk skrip)")
    aksi.add_parser("nonaktifkan", help="nonaktifkan akun; semua sesinya berakhir").add_argument("nama")
    aksi.add_parser("daftar", help="daftar akun")
    akun.set_defaults(func=cmd_akun)


def daftar_portal(commands) -> None:
    """Register `monev portal` on the `monev` command's subparsers (texts from orchestration/pesan.py)."""
    from orchestration.portal import DEFAULT_HOST, DEFAULT_PORT

    portal = commands.add_parser(
        "portal",
        help="sajikan portal kiriman (bawaan: http://127.0.0.1:8090/)",
    )
    portal.add_argument("--host", default=DEFAULT_HOST, help=f"alamat (bawaan: {DEFAULT_HOST}, hanya mesin ini)")
    portal.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (bawaan: {DEFAULT_PORT})")
    portal.set_defaults(func=cmd_portal)
