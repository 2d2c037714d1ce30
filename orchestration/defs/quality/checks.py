"""Quality: the Great Expectations suites in expectations/ as blocking asset checks on the marts.

One check per suite, attached to the mart the suite protects (suite meta "melindungi"). A blocking
finding fails the check with severity ERROR, so the publish asset downstream does not run. The
findings of this run are written to the build folder, where the publish step re-reads them.
"""

import dagster as dg
from dagster_dbt import get_asset_key_for_model

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.assets import dbt_models
from orchestration.warehouse.audit import load_suites, run_audit

SUITES = load_suites()


def _spec(name: str, spec: dict) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=f"gx_{name}",
        asset=get_asset_key_for_model([dbt_models], spec["meta"]["melindungi"]),
        blocking=True,
        description=f"Great Expectations suite {name} on {spec['meta']['model']}",
    )


@dg.multi_asset_check(specs=[_spec(n, s) for n, s in SUITES.items()], pool="duckdb_writer")
def gx_suites(context: dg.AssetCheckExecutionContext, monev: MonevHome):
    run_id = context.run.run_id
    build_db = monev.paths().build_db(run_id)
    progress(context, f"audit: {len(SUITES)} Great Expectations suites")
    result = run_audit(build_db)
    monev.paths().audit_file(run_id).write_text(result.to_json(run_id=run_id))
    for name, spec in SUITES.items():
        findings = [f for f in result.findings if f.aturan in _rules(spec)]
        errors = [f for f in findings if f.tingkat == "error"]
        warnings = [f for f in findings if f.tingkat == "warning"]
        yield dg.AssetCheckResult(
            check_name=f"gx_{name}",
            asset_key=get_asset_key_for_model([dbt_models], spec["meta"]["melindungi"]),
            passed=not findings,
            severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
            metadata={
                "errors": len(errors),
                "warnings": len(warnings),
                "findings": dg.MetadataValue.md("\n".join(f"- {f}" for f in findings[:50]) or "none"),
            },
        )
    progress(context, f"audit: {len(result.errors)} blocking findings, {len(result.warnings)} warnings")


def _rules(spec: dict) -> set[str]:
    return {e.get("meta", {}).get("aturan") for e in spec["expectations"]}
