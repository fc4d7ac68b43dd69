"""The Dagster code location: `dagster dev -m pipeline.definitions`."""
import dagster as dg

from pipeline.defs.automation import daily_refresh, everything, sources_changed
from pipeline.defs.checks import gx_checks
from pipeline.defs.extract import claims, vocabulary_tables
from pipeline.defs.ingest import documents, reviews
from pipeline.defs.publish import claim_reviews, conflict_report
from pipeline.defs.reconcile import reconciliation
from pipeline.defs.reference import reference_facts
from pipeline.defs.resources import warehouse_resource
from pipeline.defs.tables import OWNERS, schema_only_asset

validation_results = schema_only_asset(
    "validation_results", "reconcile", "Great Expectations results, one row per expectation per run, written by "
                                       "the gx_* asset checks (and the ingest_errors check).")

defs = dg.Definitions(
    assets=dg.map_asset_specs(
        lambda spec: spec.replace_attributes(owners=OWNERS, tags={**spec.tags, "layer": "warehouse"}),
        dg.with_source_code_references([documents, reviews, reference_facts, vocabulary_tables, claims,
                                        reconciliation, conflict_report, claim_reviews]))
    + [validation_results],
    asset_checks=gx_checks,
    jobs=[everything],
    sensors=[sources_changed],
    schedules=[daily_refresh],
    resources={"duckdb": warehouse_resource()},
    executor=dg.in_process_executor,
)
