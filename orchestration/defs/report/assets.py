"""Laporan: the quarterly Laporan Monev Renaksi of the latest triwulan, written from the warehouse just published.

Downstream of publish and never upstream of anything: the lineage reads ingest -> ... -> publish -> laporan.
A report that fails does not touch the publication (the warehouse is already replaced): the step fails
with the reports that failed and why, `monev refresh` says so in its summary and exits 4, and
`monev laporan` writes them again once the cause is fixed.
"""

import dagster as dg

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.laporan.perintah import batas_kecamatan, folder_laporan, mode_laporan_malam, simpan_status


@dg.asset(key="laporan", deps=["warehouse"], group_name="laporan", kinds={"html", "pdf"})
def laporan_triwulan(context: dg.AssetExecutionContext, monev: MonevHome) -> dg.MaterializeResult:
    """$MONEV_HOME/laporan/<tahun>/tw<n>/: the kecamatan and kabupaten reports (HTML and A4 PDF) of the latest
    triwulan with realisasi in the published warehouse."""
    paths = monev.paths()
    mode = mode_laporan_malam()
    if mode == "tidak":
        simpan_status(paths, context.run.run_id, None, mati=True)
        progress(context, "reports: not written (MONEV_LAPORAN_MALAM=tidak)")
        return dg.MaterializeResult(metadata={"berkas": 0})
    from orchestration.laporan import write_all  # the writer and its charts load only when reports are written

    try:
        ringkasan = write_all(
            paths.warehouse, folder_laporan(paths), pdf=mode == "semua", maks_kecamatan=batas_kecamatan()
        )
    except Exception as exc:
        simpan_status(paths, context.run.run_id, None, f"{type(exc).__name__}: {exc}")
        raise dg.Failure(
            description=f"laporan tidak ditulis (gudang data tetap terbit): {type(exc).__name__}: {exc}"
        ) from exc
    simpan_status(paths, context.run.run_id, ringkasan)
    if ringkasan.gagal:
        daftar = "; ".join(f"{k}: {v}" for k, v in ringkasan.gagal.items())
        raise dg.Failure(
            description=f"{len(ringkasan.gagal)} laporan gagal ditulis (gudang data tetap terbit): {daftar}",
            metadata={"gagal": daftar},
        )
    progress(
        context,
        f"reports: {len(ringkasan.berkas)} files in {ringkasan.folder or '-'} "
        f"({ringkasan.detik.get('total', 0):.1f} s)",
    )
    return dg.MaterializeResult(
        metadata={
            "folder": str(ringkasan.folder) if ringkasan.folder else "",
            "tahun": ringkasan.tahun or 0,
            "triwulan": ringkasan.triwulan or 0,
            "berkas": len(ringkasan.berkas),
            **{f"detik_{k}": round(v, 2) for k, v in ringkasan.detik.items()},
        }
    )
