"""Extract group: the vocabulary tables and the `claims` table, extracted
incrementally (only documents whose version or extractor changed)."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.extract import ExtractFailure, extract_isolated, extractor_version
from pipeline.store.claims import pending_documents, replace_claims, replace_extract_errors
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
    to the metric's unit, with its quote and span in the document text. A
    document whose extraction fails becomes a row of `extract_errors` and keeps
    its previous claims; the other documents are extracted as usual."""
    version = extractor_version()
    extracted, errors = {}, []
    with duckdb.get_connection() as con:
        apply_schema(con)
        pending = pending_documents(con, version)
        for doc in pending:
            found = extract_isolated(doc["text"], doc["source"])
            if isinstance(found, ExtractFailure):
                context.log.error(found.line())
                errors.append({"doc_id": doc["doc_id"], "source": doc["source"], "error": found.error,
                               "extractor": version})
                continue
            extracted[doc["source"]] = replace_claims(con, doc["doc_id"], doc["sha256"], version, found)
            context.log.info(f"extracted {extracted[doc['source']]} claims from {doc['source']}")
        replace_extract_errors(con, errors)
        total = con.execute("select count(*) from claims").fetchone()[0]
        preview = con.execute(
            "select source, model, metric, coalesce(cast(value as varchar), value_text) as value, unit "
            "from claims order by source, span_start limit 10").fetchdf()
        n_docs = con.execute("select count(*) from documents").fetchone()[0]
    if not pending:
        context.log.info(f"all {n_docs} documents unchanged since their last extraction; nothing extracted")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": total,
        "extractor": version,
        "documents_extracted": len(extracted),
        "documents_failed": len(errors),
        "documents_unchanged": n_docs - len(pending),
        "claims_by_document": dg.MetadataValue.json(extracted),
        "extract_errors": dg.MetadataValue.json({e["source"]: e["error"] for e in errors}),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no claims)"),
    })
