"""Extract group: the vocabulary tables and the `claims` table, extracted
incrementally (only documents whose version or extractor changed)."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.extract import EXTRACTOR_VERSION, extract_claims
from pipeline.store.claims import pending_documents, replace_claims
from pipeline.store.schema import apply_schema
from pipeline.store.vocabulary_tables import publish_vocabulary
from pipeline.vocabulary import vocabulary as load_vocab


@dg.asset(name="vocabulary", group_name="extract", kinds={"duckdb", "python"}, pool="warehouse")
def vocabulary_tables(duckdb: DuckDBResource) -> dg.MaterializeResult:
    """The tables `models`, `model_aliases`, `metrics`, `benchmarks`: one row
    per model, written name, metric and benchmark name of pipeline/vocabulary.yaml."""
    with duckdb.get_connection() as con:
        apply_schema(con)
        counts = publish_vocabulary(con, load_vocab())
    return dg.MaterializeResult(metadata={f"{name}_rows": n for name, n in counts.items()})


@dg.asset(deps=["documents", "vocabulary"], group_name="extract", kinds={"duckdb", "python"}, pool="warehouse")
def claims(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """One row per claim a document makes about a model's metric, normalised
    to the metric's unit, with its quote and span in the document text."""
    extracted = {}
    with duckdb.get_connection() as con:
        apply_schema(con)
        pending = pending_documents(con, EXTRACTOR_VERSION)
        for doc in pending:
            found = extract_claims(doc["text"], doc["source"])
            extracted[doc["source"]] = replace_claims(con, doc["doc_id"], doc["sha256"], EXTRACTOR_VERSION, found)
            context.log.info(f"extracted {extracted[doc['source']]} claims from {doc['source']}")
        total = con.execute("select count(*) from claims").fetchone()[0]
        preview = con.execute(
            "select source, model, metric, coalesce(cast(value as varchar), value_text) as value, unit "
            "from claims order by source, span_start limit 10").fetchdf()
        n_docs = con.execute("select count(*) from documents").fetchone()[0]
    if not pending:
        context.log.info(f"all {n_docs} documents unchanged since their last extraction; nothing extracted")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": total,
        "documents_extracted": len(pending),
        "documents_unchanged": n_docs - len(pending),
        "claims_by_document": dg.MetadataValue.json(extracted),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no claims)"),
    })
