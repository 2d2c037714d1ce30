"""What the portal shows an office, read per request from the published warehouse (read-only) and from the
files of ``$MONEV_HOME`` (inbox, quarantine reports, Laporan Monev Renaksi), always for the kecamatan the
account may see. A file is offered for download by an id the server made from its place; a download resolves
the id within the same list, so an id of another office's file resolves to nothing."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from orchestration.domain.submission import parse_file_name, sha256_of
from orchestration.domain.waktu import waktu_wita
from orchestration.laporan import angka
from orchestration.laporan.tulis import nama_berkas as nama_laporan
from orchestration.warehouse.archive import archived

STATUS_TEKS = {"diterima": "diterima", "dikarantina": "dikarantina", "digantikan": "digantikan versi baru"}
TIDAK_LENGKAP = "data tidak lengkap"
_LAPORAN = re.compile(
    r"laporan_(?P<jenis>kecamatan|kabupaten|provinsi)_(?P<kode>[0-9.]+)_(?P<tahun>\d{4})_tw(?P<tw>[1-4])"
)
ID = re.compile(r"[0-9a-f]{24}")


def _buka(warehouse: Path) -> duckdb.DuckDBPyConnection | None:
    if not warehouse.exists():
        return None
    return duckdb.connect(str(warehouse), read_only=True)


def kecamatan(warehouse: Path, kode_wilayah: str) -> str | None:
    """The kecamatan's name, from the published dimension (None when nothing is published)."""
    con = _buka(warehouse)
    if con is None:
        return None
    with con:
        row = con.execute(
            "select nama_kecamatan from marts.dim_kecamatan where kode_wilayah = ?", [kode_wilayah]
        ).fetchone()
    return row[0] if row else None


def kecamatan_berdata(warehouse: Path) -> list[tuple[str, str]]:
    """(kode, nama) of every kecamatan with a file version in the warehouse: the planning office's choice."""
    con = _buka(warehouse)
    if con is None:
        return []
    with con:
        return con.execute(
            """select distinct v.kode_wilayah, k.nama_kecamatan from marts.fct_versi_kiriman as v
               inner join marts.dim_kecamatan as k using (kode_wilayah) order by 1"""
        ).fetchall()


@dataclass
class Versi:
    nama_berkas: str
    jenis: str | None
    tahun: int | None
    triwulan: int | None
    versi: int | None
    status: str
    terbaru: bool
    diterima: str  # WITA, or "-" for a seed file
    sumber: str
    masalah: list[dict]

    @property
    def status_teks(self) -> str:
        return STATUS_TEKS.get(self.status, self.status)


def riwayat(warehouse: Path, kode_wilayah: str) -> tuple[list[Versi], str | None]:
    """The kecamatan's file versions as published (newest key first), each with its problems; and when."""
    con = _buka(warehouse)
    if con is None:
        return [], None
    with con:
        rows = con.execute(
            """select nama_berkas, jenis, tahun, triwulan, versi, status, terbaru, diterima_pada, sumber, berkas_id
               from marts.fct_versi_kiriman where kode_wilayah = ?
               order by tahun desc, jenis, triwulan desc nulls last, versi desc, diterima_pada desc nulls last""",
            [kode_wilayah],
        ).fetchall()
        problems: dict[str, list[dict]] = {}
        for berkas_id, letak, aturan, diharapkan, ditemukan, pesan in con.execute(
            """select berkas_id, letak, aturan, diharapkan, ditemukan, pesan from marts.mart_kualitas_data
               where kode_wilayah = ? and status = 'dikarantina' and tingkat = 'error'
               order by berkas_id, letak""",
            [kode_wilayah],
        ).fetchall():
            problems.setdefault(berkas_id, []).append(
                {"letak": letak, "aturan": aturan, "diharapkan": diharapkan, "ditemukan": ditemukan, "pesan": pesan}
            )
        published = con.execute("select max(dipublikasikan_pada) from marts.publikasi").fetchone()[0]
    versions = [
        Versi(
            nama,
            jenis,
            tahun,
            tw,
            versi,
            status,
            bool(terbaru),
            waktu_wita(diterima) if diterima else "-",
            sumber,
            problems.get(berkas_id, []),
        )
        for nama, jenis, tahun, tw, versi, status, terbaru, diterima, sumber, berkas_id in rows
    ]
    return versions, waktu_wita(published)


def menunggu(home: Path, kode_wilayah: str | None) -> list[str]:
    """Files of the kecamatan in the inbox that no refresh has archived yet (None: every kecamatan)."""
    inbox = home / "inbox"
    if not inbox.is_dir():
        return []
    known = {(r.nama_berkas, r.sha256) for r in archived(home / "arsip")}
    waiting = []
    for path in sorted(inbox.iterdir()):
        meta = parse_file_name(path.name)
        if meta is None or (kode_wilayah is not None and meta["kode_wilayah"] != kode_wilayah):
            continue
        if path.is_symlink() or not path.is_file():
            continue
        if (path.name, sha256_of(path)) not in known:
            waiting.append(path.name)
    return waiting


# --- figures ------------------------------------------------------------------------------------------------


def periode(warehouse: Path, kode_wilayah: str) -> list[tuple[int, int]]:
    """(tahun, triwulan) with published capaian for the kecamatan, latest first."""
    con = _buka(warehouse)
    if con is None:
        return []
    with con:
        return con.execute(
            """select distinct tahun, triwulan from marts.mart_capaian_triwulan where kode_wilayah = ?
               order by tahun desc, triwulan desc""",
            [kode_wilayah],
        ).fetchall()


def _persen(value: Decimal | None, lengkap: bool | None, catatan: str | None) -> dict:
    if value is None:
        if lengkap is False:
            return {"teks": TIDAK_LENGKAP, "catatan": catatan or "", "kurang": True}
        return {"teks": "–", "catatan": "tidak ada yang diukur (target atau pagu 0)", "kurang": False}
    return {"teks": angka.persen(value), "catatan": "", "kurang": False}


def capaian(warehouse: Path, kode_wilayah: str, tahun: int, triwulan: int) -> list[dict]:
    """The programs' capaian and serapan of one triwulan and to date, as published (exact, never a float)."""
    con = _buka(warehouse)
    if con is None:
        return []
    with con:
        cursor = con.execute(
            """select c.kode, r.uraian, c.capaian_persen, c.kategori, c.capaian_kumulatif_persen,
                      c.kategori_kumulatif, c.capaian_lengkap, c.pagu, c.realisasi_anggaran, c.serapan_persen,
                      c.serapan_kumulatif_persen, c.serapan_tahunan_persen, c.serapan_lengkap,
                      c.serapan_tahunan_lengkap, c.catatan_kelengkapan, c.berdasar_asumsi, c.sampel
               from marts.mart_capaian_triwulan as c
               left join marts.fct_rencana_tahunan as r using (kode_wilayah, tahun, kode)
               where c.kode_wilayah = ? and c.tahun = ? and c.triwulan = ? and c.level = 'program'
               order by c.kode""",
            [kode_wilayah, tahun, triwulan],
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    result = []
    for r in rows:
        catatan = r["catatan_kelengkapan"]
        result.append(
            {
                "kode": r["kode"],
                "uraian": r["uraian"] or "",
                "capaian": _persen(r["capaian_persen"], r["capaian_lengkap"], catatan),
                "kategori": r["kategori"] or "",
                "capaian_kumulatif": _persen(r["capaian_kumulatif_persen"], r["capaian_lengkap"], catatan),
                "kategori_kumulatif": r["kategori_kumulatif"] or "",
                "pagu": angka.rupiah(r["pagu"]) if r["pagu"] is not None else TIDAK_LENGKAP,
                "realisasi_anggaran": angka.rupiah(r["realisasi_anggaran"])
                if r["realisasi_anggaran"] is not None
                else "–",
                "serapan": _persen(r["serapan_persen"], r["serapan_lengkap"], catatan),
                "serapan_kumulatif": _persen(r["serapan_kumulatif_persen"], r["serapan_lengkap"], catatan),
                "serapan_tahunan": _persen(r["serapan_tahunan_persen"], r["serapan_tahunan_lengkap"], catatan),
                "berdasar_asumsi": bool(r["berdasar_asumsi"]),
                "sampel": bool(r["sampel"]),
            }
        )
    return result


# --- downloads ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unduhan:
    id: str
    judul: str
    path: Path
    nama: str
    media: str


def _id(home: Path, path: Path) -> str:
    return hashlib.sha256(path.relative_to(home).as_posix().encode()).hexdigest()[:24]


MEDIA = {".txt": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8", ".pdf": "application/pdf"}


def unduhan(home: Path, kode_wilayah: str | None) -> list[Unduhan]:
    """The quarantine reports and Laporan Monev Renaksi files of one kecamatan (None: all, for the planning
    office), newest period first."""
    found: list[Unduhan] = []
    karantina = home / "reports" / "karantina"
    if karantina.is_dir():
        for path in sorted(karantina.glob("*.txt")):
            meta = parse_file_name(path.name[: -len(".txt")])
            if meta and (kode_wilayah is None or meta["kode_wilayah"] == kode_wilayah) and path.is_file():
                found.append(Unduhan(_id(home, path), f"Laporan karantina {path.stem}", path, path.name, MEDIA[".txt"]))
    laporan = home / "laporan"
    if laporan.is_dir():
        for path in sorted(laporan.glob("*/tw*/laporan_*"), reverse=True):
            match = _LAPORAN.fullmatch(path.name.rsplit(".", 1)[0])
            if not match or path.suffix not in (".html", ".pdf") or not path.is_file() or path.is_symlink():
                continue
            kode, jenis = match["kode"], match["jenis"]
            if path.name.rsplit(".", 1)[0] != nama_laporan(jenis, kode, int(match["tahun"]), int(match["tw"])):
                continue
            if kode_wilayah is not None and (jenis != "kecamatan" or kode != kode_wilayah):
                continue
            judul = (
                f"Laporan Monev Renaksi {jenis} {kode} tahun {match['tahun']} triwulan {match['tw']} "
                f"({path.suffix[1:].upper()})"
            )
            found.append(Unduhan(_id(home, path), judul, path, path.name, MEDIA[path.suffix]))
    return found


def cari_unduhan(home: Path, kode_wilayah: str | None, id_: str) -> Unduhan | None:
    if not ID.fullmatch(id_):
        return None
    return next((u for u in unduhan(home, kode_wilayah) if u.id == id_), None)
