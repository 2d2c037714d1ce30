"""Quality: the Great Expectations checks on the rule models, and the gate they feed.

Each SQL rule of the registry (orchestration/rules/) is a Dagster asset check on the dbt rule model it
validates (int_cek__<rule>), computed by its Great Expectations suite. A check whose failing rows have
impact `blokir` fails with severity ERROR: the gate, the marts and publish do not run. Every other failure
is a WARN: the gate (`gerbang`) then writes the verdict, the refused file versions (karantina) and every
finding (temuan), which the accepted-version models and the marts read. The lineage reads one way:
ingest -> staging -> rule models (checks) -> gerbang -> accepted versions -> marts -> publish.
Suites of stage `mart` are warnings on the marts.
"""

import dagster as dg
import duckdb
from dagster_dbt import get_asset_key_for_model

from orchestration.defs.progress import progress
from orchestration.defs.resources import GreatExpectations, MonevHome
from orchestration.defs.transform.assets import dbt_mart_models, dbt_validation_models
from orchestration.rules.registry import sql_rules
from orchestration.warehouse.audit import AuditResult, run_audit
from orchestration.warehouse.gate import write_verdict
from orchestration.warehouse.report import write_quarantine_reports

VALIDASI = sql_rules("validasi")
MART = sql_rules("mart")
GERBANG = [dg.AssetKey(["gerbang", "karantina"]), dg.AssetKey(["gerbang", "temuan"])]


def _rule_key(rule):
    return get_asset_key_for_model([dbt_validation_models], rule.where)


def _mart_key(rule):
    return get_asset_key_for_model([dbt_mart_models], rule.where)


def check_result(rule, result: AuditResult, asset_key) -> dg.AssetCheckResult:
    findings = [f for f in result.findings if f.aturan == rule.code]
    blocking = [f for f in findings if f.dampak == "blokir"]
    return dg.AssetCheckResult(
        check_name=f"gx_{rule.code}",
        asset_key=asset_key,
        passed=not findings,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        metadata={
            "blocking": len(blocking),
            "quarantined": len([f for f in findings if f.dampak == "karantina"]),
            "warnings": len([f for f in findings if f.dampak == "peringatan"]),
            "findings": dg.MetadataValue.md("\n".join(f"- {f.baris_teks('en')}" for f in findings[:50]) or "none"),
        },
    )


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            f"gx_{r.code}",
            asset=_rule_key(r),
            blocking=True,
            description=f"Great Expectations suite {r.code}: {r.title.en}",
        )
        for r in VALIDASI
    ],
)
def gx_aturan(context: dg.AssetCheckExecutionContext, monev: MonevHome, great_expectations: GreatExpectations):
    """Every rule's Great Expectations suite on its rule model; the audit is kept for the gate."""
    run_id = context.run.run_id
    paths = monev.paths()
    progress(context, f"audit: {len(VALIDASI)} Great Expectations suites on the rule models")
    result = run_audit(
        paths.build_db(run_id), "validasi", paths.home, run_name=run_id, checkpoint=great_expectations.run_checkpoint
    )
    paths.audit_file(run_id).write_text(result.to_json(run_id=run_id))
    for rule in VALIDASI:
        yield check_result(rule, result, _rule_key(rule))
    progress(
        context,
        f"audit: {len(result.errors)} blocking findings, {len(result.quarantined)} quarantining, "
        f"{len(result.warnings)} warnings",
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, group_name="gerbang", kinds={"duckdb"}, deps=[_rule_key(r) for r in VALIDASI])
        for key in GERBANG
    ],
    description="The quality gate: refused file versions (karantina) and every finding (temuan).",
)
def gerbang(context: dg.AssetExecutionContext, monev: MonevHome):
    run_id = context.run.run_id
    paths = monev.paths()
    audit_path = paths.audit_file(run_id)
    audit = AuditResult.from_json(audit_path.read_text())
    records = audit.quarantine_records()
    with duckdb.connect(str(paths.build_db(run_id))) as con:
        write_verdict(con, audit)
        write_quarantine_reports(con, paths.reports / "karantina", audit.findings)
    versions = len({r["berkas_id"] for r in records})
    progress(context, f"gate: {versions} file versions quarantined")
    yield dg.MaterializeResult(
        asset_key=GERBANG[0],
        metadata={
            "quarantined_versions": versions,
            "versions": dg.MetadataValue.md(
                "\n".join(f"- {r['nama_berkas']}: {r['alasan_en']}" for r in records) or "none"
            ),
        },
    )
    yield dg.MaterializeResult(asset_key=GERBANG[1], metadata={"findings": len(audit.findings)})


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(
            f"gx_{r.code}",
            asset=_mart_key(r),
            blocking=True,
            description=f"Great Expectations suite {r.code} (warnings only)",
        )
        for r in MART
    ],
)
def gx_mart_warnings(context: dg.AssetCheckExecutionContext, monev: MonevHome, great_expectations: GreatExpectations):
    run_id = context.run.run_id
    paths = monev.paths()
    result = run_audit(
        paths.build_db(run_id), "mart", paths.home, run_name=run_id, checkpoint=great_expectations.run_checkpoint
    )
    paths.build_dir(run_id).joinpath("audit_mart.json").write_text(result.to_json(run_id=run_id))
    for rule in MART:
        yield check_result(rule, result, _mart_key(rule))
