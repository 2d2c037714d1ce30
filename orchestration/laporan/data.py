"""What a report prints, read from the published warehouse (read-only) and nothing else.

Every number reaches the templates as an `Angka`: its exact value (Decimal, or None when the mart has
none) together with the mart, column and key it comes from. The HTML carries that origin on every
printed number (data-tabel, data-kolom, data-kunci), so a test, an auditor or the Inspektorat can check
any figure of the report against the warehouse with one SQL query.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import duckdb

from orchestration.laporan import angka as fmt

TIDAK_LENGKAP = "data tidak lengkap"
TIDAK_DIUKUR = "–"  # nothing to measure: a target or pagu of 0 in this period

LEVEL_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub-kegiatan"}
KATEGORI = ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
UNSUR_IKM = {
    "u1": "Persyaratan",
    "u2": "Sistem, Mekanisme, dan Prosedur",
    "u3": "Waktu Penyelesaian",
    "u4": "Biaya/Tarif",
    "u5": "Produk Spesifikasi Jenis Pelayanan",
    "u6": "Kompetensi Pelaksana",
    "u7": "Perilaku Pelaksana",
    "u8": "Penanganan Pengaduan, Saran dan Masukan",
    "u9": "Sarana dan Prasarana",
}


@dataclass(frozen=True)
class Angka:
    """One printed figure and where it comes from."""

    nilai: Any
    tabel: str
    kolom: str
    kunci: dict
    jenis: str  # rupiah, persen, bilangan, teks
    kosong: str = TIDAK_LENGKAP

    @property
    def ada(self) -> bool:
        return self.nilai is not None

    @property
    def teks(self) -> str:
        if self.nilai is None:
            return self.kosong
        if self.jenis == "rupiah":
            return fmt.rupiah(self.nilai)
        if self.jenis == "persen":
            return fmt.persen(self.nilai)
        if self.jenis == "bilangan":
            return fmt.bilangan(self.nilai)
        return str(self.nilai)

    @property
    def kunci_json(self) -> str:
        return json.dumps(self.kunci, sort_keys=True)


@dataclass
class Baris:
    """A row of a mart with the columns that identify it."""

    data: dict
    tabel: str
    kolom_kunci: tuple[str, ...]

    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    @property
    def kunci(self) -> dict:
        return {k: self.data[k] for k in self.kolom_kunci}

    def angka(self, kolom: str, jenis: str, kosong: str = TIDAK_LENGKAP) -> Angka:
        return Angka(self.data[kolom], self.tabel, kolom, self.kunci, jenis, kosong)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _baris(rows: list[dict], tabel: str, kunci: tuple[str, ...]) -> list[Baris]:
    return [Baris(r, tabel, kunci) for r in rows]


def connect(warehouse) -> duckdb.DuckDBPyConnection:
    """The published warehouse, read-only: a report never writes to it."""
    return duckdb.connect(str(warehouse), read_only=True)


def periode_terakhir(
    con,
    kode_wilayah: str | None = None,
    kode_kabupaten: str | None = None,
    tahun: int | None = None,
    triwulan: int | None = None,
) -> tuple[int, int] | None:
    """The latest (tahun, triwulan) with realisasi in the published warehouse, for one kecamatan, one
    kabupaten or all, within one year and of one triwulan if given."""
    where, params = ["true"], []
    if tahun:
        where.append("tahun = ?")
        params.append(tahun)
    if triwulan:
        where.append("triwulan = ?")
        params.append(triwulan)
    if kode_wilayah:
        where.append("kode_wilayah = ?")
        params.append(kode_wilayah)
    if kode_kabupaten:
        where.append("kode_wilayah like ?")
        params.append(kode_kabupaten + ".%")
    row = con.execute(
        f"select tahun, triwulan from marts.fct_realisasi_triwulan where {' and '.join(where)} "
        "order by tahun desc, triwulan desc limit 1",
        params,
    ).fetchone()
    return (row[0], row[1]) if row else None


def kecamatan_dengan_realisasi(con, tahun: int, triwulan: int, kode_kabupaten: str | None = None) -> list[str]:
    sql = (
        "select distinct kode_wilayah from marts.fct_realisasi_triwulan r where tahun = ? and triwulan = ? "
        "and exists (select 1 from marts.mart_capaian_triwulan m where m.kode_wilayah = r.kode_wilayah "
        "and m.tahun = r.tahun and m.triwulan = r.triwulan)"
    )
    params: list = [tahun, triwulan]
    if kode_kabupaten:
        sql += " and kode_wilayah like ?"
        params.append(kode_kabupaten + ".%")
    return [r[0] for r in con.execute(sql + " order by 1", params).fetchall()]


def publikasi(con) -> dict:
    row = con.execute(
        "select run_id, max(dipublikasikan_pada) from marts.publikasi group by run_id order by 2 desc limit 1"
    ).fetchone()
    return {"run_id": row[0], "waktu": fmt.waktu_wita(row[1])} if row else {"run_id": None, "waktu": None}


def wilayah(con, kode_wilayah: str) -> dict:
    rows = _rows(con, "select * from marts.dim_kecamatan where kode_wilayah = ?", [kode_wilayah])
    if not rows:
        raise LookupError(f"kecamatan {kode_wilayah} tidak ada dalam gudang data")
    return rows[0]


def kabupaten(con, kode_kabupaten: str) -> dict:
    rows = _rows(
        con,
        "select kode_kabupaten, nama_kabupaten, kode_provinsi, nama_provinsi, count(*) as jumlah_kecamatan "
        "from marts.dim_kecamatan where kode_kabupaten = ? group by all",
        [kode_kabupaten],
    )
    if not rows:
        raise LookupError(f"kabupaten {kode_kabupaten} tidak ada dalam gudang data")
    return rows[0]


def _kosong_capaian(row: dict, nilai: str, penyebut: str) -> str:
    """'–' where the percentage is not measured because its denominator is 0, else 'data tidak lengkap'."""
    return TIDAK_DIUKUR if row[nilai] is None and row[penyebut] == 0 else TIDAK_LENGKAP


@dataclass
class Node:
    baris: Baris
    uraian: str
    indikator: str | None
    satuan: str | None
    permasalahan: str | None
    tindak_lanjut: str | None
    keterangan: str | None
    kosong: dict = field(default_factory=dict)

    def angka(self, kolom: str, jenis: str) -> Angka:
        return self.baris.angka(kolom, jenis, self.kosong.get(kolom, TIDAK_LENGKAP))


def capaian_node(con, kode_wilayah: str, tahun: int, triwulan: int) -> list[Node]:
    """Program -> kegiatan -> sub-kegiatan for the triwulan and year to date, in code order."""
    rows = _rows(
        con,
        """
        select m.*, r.uraian, coalesce(r.indikator_ra, r.indikator) as indikator, r.satuan,
               f.permasalahan, f.tindak_lanjut, f.keterangan, f.versi as versi_realisasi
        from marts.mart_capaian_triwulan m
        left join marts.fct_rencana_tahunan r using (kode_wilayah, tahun, kode)
        left join marts.fct_realisasi_triwulan f using (kode_wilayah, tahun, triwulan, kode)
        where m.kode_wilayah = ? and m.tahun = ? and m.triwulan = ?
        order by m.kode
        """,
        [kode_wilayah, tahun, triwulan],
    )
    nodes = []
    for row in rows:
        kosong = {
            "capaian_persen": _kosong_capaian(row, "capaian_persen", "target"),
            "capaian_kumulatif_persen": _kosong_capaian(row, "capaian_kumulatif_persen", "target_kumulatif"),
            "serapan_persen": _kosong_capaian(row, "serapan_persen", "pagu"),
            "serapan_kumulatif_persen": _kosong_capaian(row, "serapan_kumulatif_persen", "pagu_kumulatif"),
            "serapan_tahunan_persen": _kosong_capaian(row, "serapan_tahunan_persen", "pagu_tahunan"),
        }
        kosong["kategori"] = kosong["capaian_persen"]
        kosong["kategori_kumulatif"] = kosong["capaian_kumulatif_persen"]
        nodes.append(
            Node(
                Baris(row, "mart_capaian_triwulan", ("kode_wilayah", "tahun", "triwulan", "kode")),
                row["uraian"],
                row["indikator"],
                row["satuan"],
                row["permasalahan"],
                row["tindak_lanjut"],
                row["keterangan"],
                kosong,
            )
        )
    return nodes


def kinerja_utama(con, kode_wilayah: str, tahun: int) -> list[Baris]:
    return _baris(
        _rows(
            con,
            "select * from marts.mart_kinerja_utama where kode_wilayah = ? and tahun = ? order by no_urut",
            [kode_wilayah, tahun],
        ),
        "mart_kinerja_utama",
        ("kode_wilayah", "tahun", "no_urut"),
    )


def iku(con, kode_wilayah: str, tahun: int) -> list[Baris]:
    return _baris(
        _rows(
            con,
            "select * from marts.fct_target_kinerja where kode_wilayah = ? and tahun = ? and tahun_target = ? "
            "and tabel = 'iku' order by no_urut",
            [kode_wilayah, tahun, tahun],
        ),
        "fct_target_kinerja",
        ("kode_wilayah", "tahun", "tabel", "no_urut", "tahun_target"),
    )


def ikm(con, kode_wilayah: str, tahun: int) -> list[Baris]:
    rows = _rows(
        con,
        "select * from marts.mart_ikm where kode_wilayah = ? and tahun = ? order by unsur",
        [kode_wilayah, tahun],
    )
    for row in rows:
        row["nama_unsur"] = UNSUR_IKM.get(row["unsur"], row["unsur"])
    return _baris(rows, "mart_ikm", ("kode_wilayah", "tahun", "unsur"))


def kecamatan_triwulan(con, kode_wilayah: str, tahun: int) -> list[Baris]:
    """The kecamatan's totals for each triwulan of the year (pagu, realisasi, serapan, ranks)."""
    return _baris(
        _rows(
            con,
            "select * from marts.mart_kabupaten_triwulan where kode_wilayah = ? and tahun = ? order by triwulan",
            [kode_wilayah, tahun],
        ),
        "mart_kabupaten_triwulan",
        ("kode_wilayah", "tahun", "triwulan"),
    )


def kabupaten_triwulan(con, kode_kabupaten: str, tahun: int, triwulan: int) -> list[Baris]:
    return _baris(
        _rows(
            con,
            "select * from marts.mart_kabupaten_triwulan where kode_kabupaten = ? and tahun = ? and triwulan = ? "
            "order by kode_wilayah",
            [kode_kabupaten, tahun, triwulan],
        ),
        "mart_kabupaten_triwulan",
        ("kode_wilayah", "tahun", "triwulan"),
    )


def provinsi(con, kode_provinsi: str) -> dict:
    rows = _rows(
        con,
        "select kode_provinsi, nama_provinsi, count(distinct kode_kabupaten) as jumlah_kabupaten, "
        "count(*) as jumlah_kecamatan from marts.dim_kecamatan where kode_provinsi = ? group by all",
        [kode_provinsi],
    )
    if not rows:
        raise LookupError(f"provinsi {kode_provinsi} tidak ada dalam gudang data")
    return rows[0]


def provinsi_triwulan(con, kode_provinsi: str, tahun: int, triwulan: int) -> list[Baris]:
    """Each kabupaten of the province that has reported kecamatan (mart_provinsi_triwulan)."""
    return _baris(
        _rows(
            con,
            "select * from marts.mart_provinsi_triwulan where kode_provinsi = ? and tahun = ? and triwulan = ? "
            "order by kode_kabupaten",
            [kode_provinsi, tahun, triwulan],
        ),
        "mart_provinsi_triwulan",
        ("kode_kabupaten", "tahun", "triwulan"),
    )


def program_kabupaten(con, kode_kabupaten: str, tahun: int, triwulan: int) -> list[Baris]:
    return _baris(
        _rows(
            con,
            "select * from marts.mart_program_kabupaten where kode_kabupaten = ? and tahun = ? and triwulan = ? "
            "order by kode",
            [kode_kabupaten, tahun, triwulan],
        ),
        "mart_program_kabupaten",
        ("kode_kabupaten", "tahun", "triwulan", "kode"),
    )


def program_kecamatan(con, kode_kabupaten: str, tahun: int, triwulan: int) -> list[Baris]:
    """Each program in each kecamatan of the kabupaten (the heat map)."""
    return _baris(
        _rows(
            con,
            """
            select m.kode_wilayah, k.nama_kecamatan, m.tahun, m.triwulan, m.kode, m.serapan_kumulatif_persen,
                   m.capaian_kumulatif_persen, m.catatan_kelengkapan, m.sampel
            from marts.mart_capaian_triwulan m join marts.dim_kecamatan k using (kode_wilayah)
            where k.kode_kabupaten = ? and m.tahun = ? and m.triwulan = ? and m.level = 'program'
            order by m.kode, m.kode_wilayah
            """,
            [kode_kabupaten, tahun, triwulan],
        ),
        "mart_capaian_triwulan",
        ("kode_wilayah", "tahun", "triwulan", "kode"),
    )


def versi_kiriman(con, kode_wilayah: list[str], tahun: int) -> list[dict]:
    rows = _rows(
        con,
        """
        select * from marts.fct_versi_kiriman
        where kode_wilayah in (select unnest(?::varchar[])) and tahun = ?
        order by kode_wilayah, jenis, triwulan nulls first, versi
        """,
        [kode_wilayah, tahun],
    )
    for row in rows:
        row["diterima_wita"] = fmt.waktu_wita(row["diterima_pada"])
    return rows


def koreksi(con, kode_wilayah: list[str], tahun: int) -> list[dict]:
    """The corrections log as applied, with its reason and assumption in Bahasa Indonesia only (alasan_id,
    asumsi_id): the English ones are the data team's record, not the reader's."""
    return _rows(
        con,
        "select * exclude (alasan, asumsi) from marts.fct_koreksi "
        "where kode_wilayah in (select unnest(?::varchar[])) and tahun = ? order by kode_wilayah, baris_log",
        [kode_wilayah, tahun],
    )


def sel_hilang(con, kode_wilayah: list[str], tahun: int) -> list[dict]:
    """The plan's cells that are lost or unreadable (annual and quarterly), as the marts publish them."""
    rows = _rows(
        con,
        """
        with tahunan as (
            select kode_wilayah, kode, null::integer as triwulan, 'target' as kolom, keadaan_target as keadaan,
                   target_terbit as nilai_terbit, sumber, nama_berkas, baris
            from marts.fct_rencana_tahunan where kode_wilayah in (select unnest(?::varchar[])) and tahun = ?
            union all
            select kode_wilayah, kode, null, 'pagu', keadaan_pagu, pagu_terbit, sumber, nama_berkas, baris
            from marts.fct_rencana_tahunan where kode_wilayah in (select unnest(?::varchar[])) and tahun = ?
        ), triwulanan as (
            select kode_wilayah, kode, triwulan, 'target', keadaan_target, target_terbit, sumber, nama_berkas, baris
            from marts.fct_rencana_triwulan where kode_wilayah in (select unnest(?::varchar[])) and tahun = ?
            union all
            select kode_wilayah, kode, triwulan, 'pagu', keadaan_pagu, pagu_terbit, sumber, nama_berkas, baris
            from marts.fct_rencana_triwulan where kode_wilayah in (select unnest(?::varchar[])) and tahun = ?
        )
        select * from (select * from tahunan union all select * from triwulanan)
        where keadaan in ('hilang', 'tak_terbaca')
        order by kode_wilayah, kode, triwulan nulls first, kolom
        """,
        [kode_wilayah, tahun] * 4,
    )
    for row in rows:
        row["tabel"] = "fct_rencana_tahunan" if row["triwulan"] is None else "fct_rencana_triwulan"
        row["kunci"] = {"kode_wilayah": row["kode_wilayah"], "tahun": tahun, "kode": row["kode"]}
        if row["triwulan"] is not None:
            row["kunci"]["triwulan"] = row["triwulan"]
    return rows
