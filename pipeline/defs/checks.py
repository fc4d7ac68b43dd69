"""One asset check per Great Expectations suite. Critical expectations that
fail make the check fail with ERROR severity, which blocks downstream assets;
warnings (plausibility, conflicts to review) fail it with WARN only."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.quality.gx_suites import docs_index
from pipeline.quality.results import record, run_suite

SUITE_ASSETS = {
    "claims": "claims",
    "reference_facts": "reference_facts",
    "reconciled_facts": "reconciled_facts",
    "cross_source_consistency": "conflicts",
    "conflict_values": "conflict_values",
    "source_dependence": "source_dependence",
    "reviews": "conflicts",  # reconciliation applies the decisions and marks the stale ones
}


def _make_check(suite: str, asset: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=f"gx_{suite}", blocking=True,
                    description=f"Great Expectations suite expectations/{suite}.json")
    def _check(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource) -> dg.AssetCheckResult:
        outcome = run_suite(duckdb.database, suite)
        record(duckdb.database, context.run.run_id, outcome)
        failed = outcome.critical_failures + outcome.warnings
        lines = ["| expectation | severity | unexpected |", "|---|---|---|"] + [
            f"| {o.expectation} | {o.severity} | {o.unexpected_count} |" for o in failed]
        return dg.AssetCheckResult(
            passed=not failed,
            severity=dg.AssetCheckSeverity.ERROR if outcome.critical_failures else dg.AssetCheckSeverity.WARN,
            metadata={
                "expectations": len(outcome.outcomes),
                "critical_failures": len(outcome.critical_failures),
                "warnings": len(outcome.warnings),
                "failed": dg.MetadataValue.md("\n".join(lines) if failed else "all passed"),
                "data_docs": dg.MetadataValue.path(str(docs_index())),
            },
        )

    return _check


gx_checks = [_make_check(suite, asset) for suite, asset in SUITE_ASSETS.items()]
