"""Reconcile group: conflicts, reconciled facts, the fact timeline (behind
facts_as_of) and source reliability, computed together from claims and
reference facts, and written in one transaction."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.reconcile.run import load_statements, reconcile, write_outcome
from pipeline.store.schema import apply_schema

RECONCILE_SPECS = [
    dg.AssetSpec("conflicts", deps=["claims", "reference_facts"], group_name="reconcile", kinds={"duckdb", "python"},
                 description="One row per disagreement about one fact: across sources, within a source, or "
                             "against reference data, with severity and an explanation."),
    dg.AssetSpec("reconciled_facts", deps=["claims", "reference_facts"], group_name="reconcile",
                 kinds={"duckdb", "python"},
                 description="One row per (model, metric, tier, setting): the best-supported value with status, "
                             "confidence, supporting and dissenting claims (TruthFinder over claims and references)."),
    dg.AssetSpec("fact_timeline", deps=["claims", "reference_facts"], group_name="reconcile", kinds={"duckdb"},
                 description="Every value each fact has had and from when; the facts_as_of(d) macro reads it."),
    dg.AssetSpec("source_reliability", deps=["claims", "reference_facts"], group_name="reconcile",
                 kinds={"duckdb"}, description="One row per document: its trust score learned by truth discovery."),
]


@dg.multi_asset(specs=RECONCILE_SPECS, pool="warehouse")
def reconciliation(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        apply_schema(con)
        claims, references = load_statements(con)
        outcome = reconcile(claims, references)
        counts = write_outcome(con, outcome, claims)
        newest = con.execute(
            "select model, metric, kind, severity, explanation_kind from conflicts "
            "order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, model limit 10").fetchdf()
        statuses = dict(con.execute("select status, count(*) from reconciled_facts group by 1").fetchall())
    context.log.info(f"truth discovery converged in {outcome.iterations} iterations")
    yield dg.MaterializeResult(asset_key="conflicts", metadata={
        "dagster/row_count": counts["conflicts"],
        "by_explanation": dg.MetadataValue.json(_count(c.explanation_kind for c in outcome.conflicts)),
        "preview": dg.MetadataValue.md(newest.to_markdown(index=False) if len(newest) else "(no conflicts)"),
    })
    yield dg.MaterializeResult(asset_key="reconciled_facts", metadata={
        "dagster/row_count": counts["reconciled_facts"], "by_status": dg.MetadataValue.json(statuses),
        "iterations": outcome.iterations,
    })
    yield dg.MaterializeResult(asset_key="fact_timeline", metadata={"dagster/row_count": counts["fact_timeline"]})
    yield dg.MaterializeResult(asset_key="source_reliability", metadata={
        "dagster/row_count": counts["source_reliability"],
        "trust": dg.MetadataValue.json({doc: round(t, 3) for doc, t in outcome.trust.items()}),
    })


def _count(items) -> dict:
    out: dict = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out
