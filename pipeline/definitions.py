"""The Dagster code location: `dagster dev -m pipeline.definitions`."""
import dagster as dg

from pipeline.defs.extract import claims, vocabulary_tables
from pipeline.defs.ingest import documents
from pipeline.defs.resources import warehouse_resource

defs = dg.Definitions(
    assets=[documents, vocabulary_tables, claims],
    resources={"duckdb": warehouse_resource()},
    executor=dg.in_process_executor,
)
