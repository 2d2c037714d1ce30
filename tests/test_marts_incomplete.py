"""Honest marts over the real, incomplete Kalaena 2024 plan: one real refresh (the document, the corrections
log and Kalaena's sample realisasi only) and what it publishes where cells of the document are lost.

Every expected value is taken from the transcription (seeds/dokumen/) or the published realisasi cells and
computed here with Python's Decimal, independently of the mart SQL; the dbt unit tests beside the marts check the
formulas on hand-made fixtures."""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e  # runs monev refresh

REPO = Path(__file__).resolve().parents[1]
KALAENA = "73.24.10"
PLAN = REPO / "seeds" / "dokumen" / f"rencana_{KALAENA}_2024.csv"


@pytest.fixture(scope="module")
def warehouse(kalaena_published) -> Path:
    """Kalaena's document, corrections log and sample realisasi, published once (conftest.kalaena_published)."""
    return kalaena_published[0] / "warehouse" / "monev.duckdb"


def _plan_rows() -> dict[str, dict]:
    with PLAN.open(encoding="utf-8", newline="") as f:
        return {row["kode"]: row for row in csv.DictReader(f)}


def _query(warehouse: Path, sql: str, params=()):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _realisasi_to_date(warehouse: Path, kode: str, last_quarter: int) -> Decimal:
    """The realisasi anggaran of ``kode`` from TW1 to ``last_quarter``, added up here: the values of the accepted
    realisasi versions as published, quarter by quarter (fct_realisasi_triwulan holds each file's cells as
    read; which TW2 version is accepted is the audit's decision, tested elsewhere)."""
    rows = _query(
        warehouse,
        "select triwulan, realisasi_anggaran from marts.fct_realisasi_triwulan where kode_wilayah = ? and kode = ?",
        [KALAENA, kode],
    )
    assert sorted(q for q, _ in rows) == [1, 2, 3, 4]
    return sum((value for q, value in rows if q <= last_quarter), Decimal(0))


def _persen(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (100 * numerator / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_every_printed_end_of_year_figure_is_published_as_printed(warehouse):
    plan = _plan_rows()
    printed = {
        (kode, column): row[column].strip()
        for kode, row in plan.items()
        for column in ("target_akhir_tahun", "pagu_akhir_tahun")
        if row[column].strip()
    }
    rows = _query(
        warehouse,
        "select kode, target_akhir_tahun_terbit, pagu_akhir_tahun_terbit, target_akhir_tahun, "
        "pagu_akhir_tahun, rujukan_rkt, rujukan_ra, indikator_ra from marts.fct_rencana_tahunan "
        "where kode_wilayah = ?",
        [KALAENA],
    )
    published = {}
    for kode, target_text, pagu_text, target, pagu, rkt, ra, indikator_ra in rows:
        for column, text, value in (("target_akhir_tahun", target_text, target), ("pagu_akhir_tahun", pagu_text, pagu)):
            if text is not None:
                published[kode, column] = text
                assert value is not None, (kode, column, text)  # every printed cell has a (corrected) value
        # where each row is printed, carried through from the transcription
        assert (rkt, ra, indikator_ra) == tuple(
            plan[kode][c] or None for c in ("rujukan_rkt", "rujukan_ra", "indikator_ra")
        ), kode
    assert published == printed
    assert len(printed) == 64  # 33 end-of-year targets + 31 end-of-year pagu printed in the transcription
    # the misprint 1.851.842,950 is published as printed beside its corrected value
    assert _query(
        warehouse,
        "select pagu_akhir_tahun, keadaan_pagu_akhir_tahun from marts.fct_rencana_tahunan "
        "where kode_wilayah = ? and kode = '7.01.01.2.02.0001'",
        [KALAENA],
    ) == [(Decimal("1851842950.00"), "dikoreksi")]


def test_lost_quarters_are_null_and_implied_zero_quarters_are_zero(warehouse):
    rows = _query(
        warehouse,
        "select kode, triwulan, pagu, keadaan_pagu, berdasar_asumsi from marts.fct_rencana_triwulan "
        "where kode_wilayah = ? and kode in ('7.01.05', '7.01.01.2.05.0011') order by kode, "
        "triwulan",
        [KALAENA],
    )
    by_node = {}
    for kode, _, pagu, keadaan, asumsi in rows:
        by_node.setdefault(kode, []).append((pagu, keadaan, asumsi))
    # 7.01.05: two RA pairs printed (TW2 placed per audit 7.2), TW3 and TW4 lost
    assert by_node["7.01.05"] == [
        (Decimal("4483500.00"), "terisi", False),
        (Decimal("6000000.00"), "terisi", False),
        (None, "hilang", False),
        (None, "hilang", False),
    ]
    # Bimtek: TW1 16.260.000 is an 'asumsi' correction, TW3 the printed 13.410.000, 16.260.000 + 13.410.000 =
    # 29.670.000 is the year, so TW2 and TW4 are implied zeros, resting on that assumption
    assert by_node["7.01.01.2.05.0011"] == [
        (Decimal("16260000.00"), "dikoreksi", True),
        (Decimal("0.00"), "nol_tersirat", True),
        (Decimal("13410000.00"), "terisi", False),
        (Decimal("0.00"), "nol_tersirat", True),
    ]


def test_year_to_date_serapan_of_7_01_05_is_null_from_its_lost_quarter(warehouse):
    rows = {
        q: r
        for q, *r in _query(
            warehouse,
            "select triwulan, serapan_kumulatif_persen, serapan_tahunan_persen, serapan_lengkap, "
            "catatan_kelengkapan from marts.mart_capaian_triwulan where kode_wilayah = ? and kode = '7.01.05' "
            "order by triwulan",
            [KALAENA],
        )
    }
    pagu_tw1_tw2 = Decimal(4_483_500 + 6_000_000)
    # TW2: everything known; by hand realisasi TW1+TW2 / (4.483.500 + 6.000.000)
    assert rows[2][0] == _persen(_realisasi_to_date(warehouse, "7.01.05", 2), pagu_tw1_tw2) and rows[2][2] is True
    for q, note in (
        (3, "target TW3 hilang; pagu TW3 hilang"),
        (4, "target TW4 hilang; pagu TW3 hilang; pagu TW4 hilang"),
    ):
        # never over the known quarters only (95,55 % before); the annual serapan stays
        assert rows[q][0] is None and rows[q][2] is False and rows[q][3] == note
        assert rows[q][1] == _persen(_realisasi_to_date(warehouse, "7.01.05", q), Decimal(22_571_000))


def test_kalaena_is_ranked_on_complete_figures_only(warehouse):
    rows = _query(
        warehouse,
        "select triwulan, pagu_kumulatif, serapan_kumulatif_persen, peringkat_serapan, "
        "serapan_tahunan_persen, peringkat_serapan_tahunan, peringkat_capaian, serapan_lengkap, "
        "catatan_kelengkapan from marts.mart_kabupaten_triwulan where kode_wilayah = ? "
        "order by triwulan",
        [KALAENA],
    )
    assert len(rows) == 4
    for q, pagu, serapan, rank, tahunan, rank_tahunan, rank_capaian, lengkap, note in rows:
        # 7.01.06 has lost every quarterly pagu: no year-to-date total, serapan or rank on it
        assert (pagu, serapan, rank, lengkap) == (None, None, None, False), q
        assert "serapan tidak lengkap: program " in note and "7.01.06" in note
        # the annual pagu is known: Kalaena (alone in this kabupaten here) is ranked on it
        assert tahunan is not None and rank_tahunan == 1
        assert rank_capaian is None  # sub-kegiatan of 7.01.01.2.01 have lost every target


def test_penunjang_iku_is_not_a_mean_over_an_incomplete_set(warehouse):
    rows = _query(
        warehouse,
        "select realisasi, capaian_persen, lengkap, catatan_kelengkapan from marts.mart_kinerja_utama "
        "where kode_wilayah = ? and indikator ilike 'Persentase Capaian Kinerja Program Penunjang%'",
        [KALAENA],
    )
    assert len(rows) == 1
    realisasi, capaian, lengkap, note = rows[0]
    assert (realisasi, capaian, lengkap) == (None, None, False)
    # the four sub-kegiatan of 7.01.01.2.01 whose RA rows are lost are named
    for kode in ("7.01.01.2.01.0001", "7.01.01.2.01.0002", "7.01.01.2.01.0004", "7.01.01.2.01.0007"):
        assert kode in note
