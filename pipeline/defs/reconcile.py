"""Reconcile group: conflicts, reconciled facts, the fact timeline (behind
facts_as_of) and source reliability, computed together from claims and
reference facts, and written in one transaction."""
import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.defs.tables import table_metadata
from pipeline.reconcile.run import Vocab, run_if_changed
from pipeline.vocabulary import vocabulary

RECONCILE_SPECS = (  # a tuple: the defs loader would load a list of specs as assets
    dg.AssetSpec("conflicts", deps=["claims", "reference_facts", "reviews"], group_name="reconcile", kinds={"duckdb", "python"},
                 description="One row per fact in dispute (model, metric, tier, setting, currency): across "
                             "sources, within a source, or against reference data, with severity, an explanation "
                             "and the reviewer's decision; its values in conflict_values."),
    dg.AssetSpec("conflict_values", deps=["claims", "reference_facts", "reviews"], group_name="reconcile", kinds={"duckdb"},
                 description="One row per distinct value of each conflict: its claims, documents, reference "
                             "backing, whether it was chosen, and why it differs from the chosen one."),
    dg.AssetSpec("source_dependence", deps=["claims", "reference_facts", "reviews"], group_name="reconcile",
                 kinds={"duckdb"}, description="Pairs of documents that look copied one from the other (shared, "
                                               "rare or wrong values), with the evidence and a probability."),
    dg.AssetSpec("reconciled_facts", deps=["claims", "reference_facts", "reviews"], group_name="reconcile",
                 kinds={"duckdb", "python"},
                 description="One row per (model, metric, tier, setting): the best-supported value with status, "
                             "confidence, supporting and dissenting claims (TruthFinder over claims and references)."),
    dg.AssetSpec("fact_timeline", deps=["claims", "reference_facts", "reviews"], group_name="reconcile", kinds={"duckdb"},
                 description="Every value each fact has had and from when; the facts_as_of(d) macro reads it."),
    dg.AssetSpec("source_reliability", deps=["claims", "reference_facts", "reviews"], group_name="reconcile",
                 kinds={"duckdb"}, description="One row per document: its trust score learned by truth discovery."),
)


@dg.multi_asset(specs=RECONCILE_SPECS, pool="warehouse")
def reconciliation(context: dg.AssetExecutionContext, duckdb: WarehouseResource):
    with duckdb.read_write() as con:
        outcome, counts = run_if_changed(con, Vocab.from_vocabulary(vocabulary()))
        if outcome is None:  # the inputs are those the stored results were computed from
            context.log.info("reconciliation skipped: claims, reference facts, reviews and code unchanged")
            for spec in RECONCILE_SPECS:
                yield dg.MaterializeResult(asset_key=spec.key, metadata={"skipped": "inputs unchanged"})
            return
        stale = duckdb.sql(con, "metadata/stale_reviews").fetchall()
        newest = duckdb.sql(con, "metadata/conflicts_preview", {"n_rows": 10}).fetchdf()
        statuses = dict(duckdb.sql(con, "metadata/facts_by_status").fetchall())
        orders = {"conflicts": "severity, model, metric", "conflict_values": "conflict_id, value_rank",
                  "source_dependence": "probability desc", "reconciled_facts": "model, metric, tier",
                  "fact_timeline": "model, metric, valid_from", "source_reliability": "score desc"}
        tables = {t: table_metadata(con, t, order_by=o, with_preview=True) for t, o in orders.items()}
    if "recomputed_reconciled_facts" in counts:  # only the facts some changed documents touch (partial.py)
        context.log.info(f"{counts['recomputed_reconciled_facts']} facts recomputed with stored trust")
    else:
        context.log.info(f"truth discovery converged in {outcome.iterations} iterations")
    yield dg.MaterializeResult(asset_key="conflicts", metadata=tables["conflicts"] | {
        "dagster/row_count": counts["conflicts"],
        "by_explanation": dg.MetadataValue.json(outcome.by_explanation),
        "preview": dg.MetadataValue.md(newest.to_markdown(index=False) if len(newest) else "(no conflicts)"),
        "reviews_applied": len(outcome.applied.by_target) if outcome.applied else 0,
        "stale_reviews": dg.MetadataValue.json([list(map(str, r)) for r in stale]),
    })
    yield dg.MaterializeResult(asset_key="conflict_values", metadata=tables["conflict_values"] | {
        "dagster/row_count": counts["conflict_values"]})
    yield dg.MaterializeResult(asset_key="source_dependence", metadata=tables["source_dependence"] | {
        "dagster/row_count": counts["source_dependence"],
        "likely_copies": dg.MetadataValue.json(
            [f"{d.source_a} ~ {d.source_b}: {d.probability}" for d in outcome.dependence if d.probability >= 0.5]),
    })
    yield dg.MaterializeResult(asset_key="reconciled_facts", metadata=tables["reconciled_facts"] | {
        "dagster/row_count": counts["reconciled_facts"], "by_status": dg.MetadataValue.json(statuses),
        "iterations": outcome.iterations,
    })
    yield dg.MaterializeResult(asset_key="fact_timeline", metadata=tables["fact_timeline"] | {
        "dagster/row_count": counts["fact_timeline"]})
    yield dg.MaterializeResult(asset_key="source_reliability", metadata=tables["source_reliability"] | {
        "dagster/row_count": counts["source_reliability"],
        "trust": dg.MetadataValue.json({doc: round(t, 3) for doc, t in outcome.trust.items()}),
    })

