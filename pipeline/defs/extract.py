"""Extract group: the vocabulary tables and the `claims` table, extracted
incrementally (only documents whose version or extractor changed)."""
import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.defs.tables import only_selected, side_tables, table_metadata, table_spec
from pipeline.extract import extractor_version
from pipeline.extract.parallel import extract_pending, shard_folder
from pipeline.store.claims import replace_extract_errors
from pipeline.store.vocabulary_tables import publish_vocabulary
from pipeline.vocabulary import vocabulary as load_vocab

MAX_LISTED = 100  # documents named in the log and metadata; the tables hold them all

VOCABULARY_TABLES = {
    "models": "One row per model id the vocabulary and the model catalogue know.",
    "model_aliases": "Every written name of a model and the model it denotes.",
    "metrics": "One row per metric, with its unit and plausible range.",
    "benchmarks": "Benchmark names as written and the score metric each denotes.",
}


@dg.multi_asset(name="vocabulary", pool="warehouse", can_subset=True, specs=[
    dg.AssetSpec("vocabulary", group_name="extract", kinds={"duckdb", "python"},
                 description="pipeline/vocabulary.yaml and the model catalogue, published as the tables "
                             "models, model_aliases, metrics and benchmarks."),
    *[table_spec(t, "extract", d, deps=["vocabulary"]) for t, d in VOCABULARY_TABLES.items()]])
def vocabulary_tables(context: dg.AssetExecutionContext, duckdb: WarehouseResource):
    """The tables `models`, `model_aliases`, `metrics`, `benchmarks`: one row
    per model, written name, metric and benchmark name of pipeline/vocabulary.yaml."""
    with duckdb.read_write() as con:
        counts = publish_vocabulary(con, load_vocab())
        side = side_tables(con, list(VOCABULARY_TABLES))
    yield from only_selected(context, [dg.MaterializeResult(
        asset_key="vocabulary", metadata={f"{name}_rows": n for name, n in counts.items()}), *side])


@dg.multi_asset(name="claims", pool="warehouse", can_subset=True, specs=[
    dg.AssetSpec("claims", deps=["documents", "vocabulary"], group_name="extract", kinds={"duckdb", "python"},
                 description="One row per claim a document makes about a model's metric, normalised to the "
                             "metric's unit, with its quote and span in the document text."),
    table_spec("extraction_state", "extract", "Which document and extractor version each document's claims came "
                                              "from.", deps=["documents", "vocabulary"]),
    table_spec("extract_errors", "extract", "Documents whose extraction failed in the latest claims run.",
               deps=["documents", "vocabulary"])])
def claims(context: dg.AssetExecutionContext, duckdb: WarehouseResource):
    """One row per claim a document makes about a model's metric, normalised
    to the metric's unit, with its quote and span in the document text. A
    document whose extraction fails becomes a row of `extract_errors` and keeps
    its previous claims; the other documents are extracted as usual."""
    version = extractor_version()
    with duckdb.read_write() as con:
        done = extract_pending(con, version, shard_folder(duckdb.database), log=context.log.info)
        replace_extract_errors(con, done.failures)
        preview = duckdb.sql(con, "metadata/claims_preview", {"n_rows": 10}).fetchdf()
        n_docs = table_metadata(con, "documents")["dagster/row_count"]
        table = table_metadata(con, "claims", order_by="source, span_start", with_preview=True)
        side = side_tables(con, ["extraction_state", "extract_errors"])
    for failure in done.failures[:MAX_LISTED]:
        context.log.error(f"{failure['source']}: extraction failed: {failure['error']}")
    if not done.extracted and not done.failures:
        context.log.info(f"all {n_docs} documents unchanged since their last extraction; nothing extracted")
    yield from only_selected(context, [dg.MaterializeResult(asset_key="claims", metadata=table | {
        "extractor": version,
        "documents_extracted": len(done.extracted),
        "documents_failed": len(done.failures),
        "documents_unchanged": n_docs - len(done.extracted) - len(done.failures),
        "shards": done.shards,
        "claims_by_document": dg.MetadataValue.json(dict(list(done.extracted.items())[:MAX_LISTED])),
        "extract_errors": dg.MetadataValue.json({e["source"]: e["error"] for e in done.failures[:MAX_LISTED]}),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no claims)"),
    }), *side])
