"""One asset check per Great Expectations suite, and one each on ingest_errors
and extract_errors. A critical expectation that fails makes its check fail
with ERROR severity, which blocks downstream assets; warnings (implausible
values, conflicts to review) are review items listed in the check's metadata
with the ids of their rows, and the check passes. Every failure names its rows
(claim ids, conflict ids, ...) in the metadata and in validation_results.details.
A check whose inputs did not change since its last validation reports the
stored outcome (metadata `reused`) and writes nothing; the claims check
validates only the batches of documents that changed (`batches_validated`)."""
import hashlib
import json

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.defs.tables import schema_only_asset
from pipeline.quality.gx_suites import ExpectationOutcome, SuiteOutcome
from pipeline.quality.results import record, record_state, suite_inputs, validate_suite
from pipeline.quality.state import stored_outcome

SUITE_ASSETS = {
    "claims": "claims",
    "reference_facts": "reference_facts",
    "reconciled_facts": "reconciled_facts",
    "cross_source_consistency": "conflicts",
    "conflict_values": "conflict_values",
    "source_dependence": "source_dependence",
    "reviews": "conflicts",  # reconciliation applies the decisions and marks the stale ones
}

ERROR_TABLES = ("ingest_errors", "extract_errors")  # both name the failing source in `source`


def _ids(outcome: ExpectationOutcome, limit: int = 20) -> str:
    ids = outcome.details.get("unexpected_ids") or []
    shown = ", ".join(str(i) for i in ids[:limit])
    return shown + (f" (+{len(ids) - limit} more)" if len(ids) > limit else "")


def _table(outcomes: list[ExpectationOutcome]) -> str:
    lines = ["| expectation | severity | unexpected | rows |", "|---|---|---|---|"]
    lines += [f"| {o.expectation} | {o.severity} | {o.unexpected_count} | {_ids(o)} |" for o in outcomes]
    return "\n".join(lines)


def _make_check(suite: str, asset: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=f"gx_{suite}", blocking=True,
                    description=f"Great Expectations suite expectations/{suite}.json")
    def _check(context: dg.AssetCheckExecutionContext, duckdb: WarehouseResource) -> dg.AssetCheckResult:
        with duckdb.read_only() as con:
            inputs, outcome = suite_inputs(con, suite)
            reused = outcome is not None
            # reused from a table's unchanged rows under another reconciliation state: that state is stored
            restamp = reused and stored_outcome(con, suite, inputs) is None
            if not reused:
                outcome = validate_suite(con, suite)
        if not reused or restamp:
            with duckdb.read_write() as con:
                if restamp:
                    record_state(con, outcome, inputs)
                else:
                    record(con, context.run.run_id, outcome, inputs)
        critical, review = outcome.critical_failures, outcome.warnings
        batches = {} if outcome.validated is None else {  # a keyed suite: batches validated now, of all
            "batches_validated": outcome.validated, "batches": len(outcome.batches)}
        return dg.AssetCheckResult(
            passed=not critical,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={
                "reused": reused,  # True: the inputs are those of the stored validation, whose outcome this is
                "expectations": len(outcome.outcomes),
                "critical_failures": len(critical),
                "failed": dg.MetadataValue.md(_table(critical) if critical else "all critical expectations passed"),
                "review_items": sum(o.unexpected_count or 0 for o in review),
                "to_review": dg.MetadataValue.md(_table(review) if review else "nothing to review"),
                "failing_ids": dg.MetadataValue.json({o.expectation: o.details.get("unexpected_ids") or []
                                                      for o in critical + review}),
                **batches,
            },
        )

    return _check


def _make_error_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=table, name=f"no_{table}", blocking=False,
                    description=f"Warns when {table} holds rows: each names the source and why it failed.")
    def _check(context: dg.AssetCheckExecutionContext, duckdb: WarehouseResource) -> dg.AssetCheckResult:
        with duckdb.read_only() as con:
            rows = duckdb.sql(con, "metadata/error_rows", {"table_name": table}).fetchall()
            inputs = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()
            reused = stored_outcome(con, table, inputs) is not None
        outcome = ExpectationOutcome(
            suite=table, expectation=f"expect_table_row_count_to_equal({table}=0)", table_name=table,
            success=not rows, severity="warning", unexpected_count=len(rows),
            details={"unexpected_ids": [r[0] for r in rows][:200]})
        if not reused:  # the same rows as at the last run: their result is stored already
            with duckdb.read_write() as con:
                record(con, context.run.run_id, SuiteOutcome(table, table, [outcome]), inputs)
        listing = "\n".join(f"- `{s}`: {e}" for s, e in rows[:50])
        return dg.AssetCheckResult(
            passed=not rows, severity=dg.AssetCheckSeverity.WARN,
            metadata={"rows": len(rows), "reused": reused, "failures": dg.MetadataValue.md(listing or "(none)")})

    return _check


gx_checks = [_make_check(suite, asset) for suite, asset in SUITE_ASSETS.items()] + [
    _make_error_check(table) for table in ERROR_TABLES]

validation_results = schema_only_asset(
    "validation_results", "reconcile", "Great Expectations results, one row per expectation per run, written by "
                                       "the gx_* asset checks (and the ingest_errors check).")
