"""Publish: replace the analysts' warehouse atomically once every blocking check passed."""

import dagster as dg
import duckdb

from orchestration.defs.progress import progress
from orchestration.defs.resources import MonevHome
from orchestration.defs.transform.assets import dbt_mart_models
from orchestration.warehouse.audit import AuditResult
from orchestration.warehouse.publish import publish, write_report
from orchestration.warehouse.summary import build_summary

MARTS = [key for key in dbt_mart_models.keys if "marts" in dbt_mart_models.group_names_by_key.get(key, "")]


@dg.asset(key="warehouse", deps=MARTS, group_name="publish", kinds={"duckdb"})
def published_warehouse(context: dg.AssetExecutionContext, monev: MonevHome) -> dg.MaterializeResult:
    """$MONEV_HOME/warehouse/monev.duckdb: the marts, the validation findings and the publish log."""
    paths = monev.paths()
    audit_path = paths.audit_file(context.run.run_id)
    data = audit_path.read_text() if audit_path.exists() else "{}"
    import json

    if json.loads(data).get("run_id") != context.run.run_id:
        raise dg.Failure("no audit result from this run: refusing to publish unvalidated marts")
    audit = AuditResult.from_json(data)
    mart_audit = paths.build_dir(context.run.run_id) / "audit_mart.json"
    if mart_audit.exists() and json.loads(mart_audit.read_text()).get("run_id") == context.run.run_id:
        audit = audit.merged(AuditResult.from_json(mart_audit.read_text()))
    build_db = paths.build_db(context.run.run_id)
    result = publish(build_db, paths, audit, context.run.run_id)
    with duckdb.connect(str(build_db), read_only=True) as con:
        summary = build_summary(con, audit, published=True)
    fingerprint = paths.fingerprint_file(context.run.run_id)
    # --- PostgreSQL serving target (issue 14): after the DuckDB publish; its failure never fails or undoes it
    from orchestration.postgres.outcome import publish_if_configured

    progress(context, f"published {paths.warehouse} ({len(result.tables)} tables)")
    postgres = publish_if_configured(result.warehouse, context.run.run_id)
    if postgres.status != "tidak_diatur":
        progress(context, f"postgres: {postgres.status} ({postgres.tabel} tables, {postgres.detik:.1f} s)")
    # --- end PostgreSQL
    write_report(
        paths,
        {
            "run_id": context.run.run_id,
            "published_at": result.published_at,
            "published": True,
            "sidik_masukan": fingerprint.read_text() if fingerprint.exists() else None,
            "summary": summary,
            "findings": json.loads(audit.to_json())["findings"],
            "postgres": postgres.as_dict(),  # issue 14: berhasil | gagal | tidak_diatur
        },
    )
    return dg.MaterializeResult(
        metadata={"path": str(result.warehouse), **{f"rows_{t}": n for t, n in result.tables.items()}}
    )
