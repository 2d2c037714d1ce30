"""Quality: the Great Expectations suites of expectations/ run between the two dbt steps.

The `validasi` asset runs every suite of stage "validasi" on the rule models. Plan rules are
blocking checks: one failure and the marts are not built, nothing is published. Realisasi and
survey rules quarantine the file version they fail in: the asset writes those versions to
raw.karantina and the marts leave them out. Suites of stage "mart" are warnings on the marts.
"""

from dataclasses import asdict

import dagster as dg
import duckdb
from dagster_dbt import get_asset_key_for_model

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.assets import dbt_mart_models, dbt_validation_models
from orchestration.warehouse.audit import AuditResult, load_suites, run_audit
from orchestration.warehouse.ingest import write_quarantine
from orchestration.warehouse.report import write_quarantine_reports

SUITES = load_suites()
VALIDATION = {n: s for n, s in SUITES.items() if s["meta"].get("tahap") == "validasi"}
MART = {n: s for n, s in SUITES.items() if s["meta"].get("tahap") == "mart"}
KARANTINA = dg.AssetKey(["kiriman", "karantina"])


def _quarantines(spec: dict) -> bool:
    return all(e.get("meta", {}).get("dampak") == "karantina" for e in spec["expectations"])


def _rules(spec: dict) -> set[str]:
    return {e.get("meta", {}).get("aturan") for e in spec["expectations"]}


def _check_result(name: str, spec: dict, result: AuditResult, asset_key) -> dg.AssetCheckResult:
    findings = [f for f in result.findings if f.aturan in _rules(spec)]
    blocking = [f for f in findings if f.tingkat == "error" and f.dampak == "blokir"]
    return dg.AssetCheckResult(
        check_name=f"gx_{name}",
        asset_key=asset_key,
        passed=not findings,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        metadata={
            "blocking": len(blocking),
            "quarantined": len([f for f in findings if f.dampak == "karantina" and f.tingkat == "error"]),
            "warnings": len([f for f in findings if f.tingkat == "warning"]),
            "findings": dg.MetadataValue.md("\n".join(f"- {f}" for f in findings[:50]) or "none"),
        },
    )


@dg.multi_asset(
    specs=[dg.AssetSpec(KARANTINA, group_name="quality", kinds={"duckdb"},
                        deps=list(dbt_validation_models.keys),
                        description="File versions refused by the audit, with the rule and the reason.")],
    check_specs=[dg.AssetCheckSpec(f"gx_{n}", asset=KARANTINA, blocking=not _quarantines(s),
                                   description=f"Great Expectations suite {n} on {s['meta']['model']}")
                 for n, s in VALIDATION.items()],
)
def validasi(context: dg.AssetExecutionContext, monev: MonevHome):
    run_id = context.run.run_id
    paths = monev.paths()
    progress(context, f"audit: {len(VALIDATION)} Great Expectations suites on the rule models")
    result = run_audit(paths.build_db(run_id), tahap="validasi")
    records = result.quarantine_records()
    with duckdb.connect(str(paths.build_db(run_id))) as con:
        write_quarantine(con, records, [asdict(f) for f in result.findings])
        write_quarantine_reports(con, paths.reports / "karantina", result.findings)
    paths.audit_file(run_id).write_text(result.to_json(run_id=run_id))
    yield dg.MaterializeResult(asset_key=KARANTINA, metadata={
        "quarantined_versions": len({r["berkas_id"] for r in records}),
        "versions": dg.MetadataValue.md("\n".join(f"- {r['nama_berkas']}: {r['aturan']}: {r['alasan']}"
                                                  for r in records) or "none"),
    })
    for name, spec in VALIDATION.items():
        yield _check_result(name, spec, result, KARANTINA)
    progress(context, f"audit: {len(result.errors)} blocking findings, "
                      f"{len({r['berkas_id'] for r in records})} quarantined versions, {len(result.warnings)} warnings")


def _mart_key(spec: dict):
    return get_asset_key_for_model([dbt_mart_models], spec["meta"]["model"])


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(f"gx_{n}", asset=_mart_key(s), blocking=True,
                             description=f"Great Expectations suite {n} (warnings only)")
           for n, s in MART.items()],
)
def gx_mart_warnings(context: dg.AssetCheckExecutionContext, monev: MonevHome):
    run_id = context.run.run_id
    paths = monev.paths()
    result = run_audit(paths.build_db(run_id), tahap="mart")
    paths.build_dir(run_id).joinpath("audit_mart.json").write_text(result.to_json(run_id=run_id))
    for name, spec in MART.items():
        yield _check_result(name, spec, result, _mart_key(spec))
