"""Ingest group: the `documents` table from files under SOURCES_DIR and the
URLs in sources.yaml (with the claims of NAME.claims.jsonl files imported
beside them), and the `reviews` table from SOURCES_DIR/reviews.yaml."""

import dagster as dg

from pipeline.config import reference_dir, sources_dir
from pipeline.defs.resources import WarehouseResource
from pipeline.defs.tables import only_selected, side_tables, table_metadata, table_spec
from pipeline.reviews import REVIEWS_FILE, ReviewsFileError, read_reviews
from pipeline.store.claim_imports import sync_claim_imports
from pipeline.store.documents import append_errors, ingest_sources, replace_source_errors
from pipeline.store.reviews import replace_reviews


def _errors_markdown(errors) -> str:
    rows = ["| source | error |", "|---|---|"]
    rows += [f"| {e.source} | {e.error.replace('|', '/')} |" for e in errors]
    return "\n".join(rows)


DOCUMENTS_SPECS = (  # a tuple: the defs loader would load a list of specs as assets
    dg.AssetSpec("documents", group_name="ingest", kinds={"duckdb", "python"},
                 description="One row per current version of a source (file or URL): provenance, title, date, "
                             "language and content hash."),
    table_spec("document_texts", "ingest", "The decoded text of each current document (claim spans point into it)."),
    table_spec("ingest_errors", "ingest", "Sources, claims-file lines and reviews.yaml entries that could not be "
                                          "ingested in the latest run that saw them."),
    table_spec("claim_imports", "ingest", "One row per NAME.claims.jsonl file imported, with what it yielded."),
)


@dg.multi_asset(name="documents", specs=DOCUMENTS_SPECS, pool="warehouse", can_subset=True)
def documents(context: dg.AssetExecutionContext, duckdb: WarehouseResource):
    """One row per current version of a source (file or URL): provenance,
    title, date (and where it was read), language and content hash; the text
    in `document_texts`. Unchanged sources are skipped; bad sources land in
    `ingest_errors`. Claims files (NAME.claims.jsonl) are imported into
    `claims` as `import:NAME` against the documents they cite, re-imported
    when the file or a cited document changes, removed with the file."""
    folder = sources_dir()
    with duckdb.read_write() as con:
        report, warnings = ingest_sources(con, folder, exclude=reference_dir())
        imports = sync_claim_imports(con, folder)
        append_errors(con, imports.errors)
        dated = dict(duckdb.sql(con, "metadata/documents_by_date").fetchall())
        table = table_metadata(con, "documents", order_by="source", with_preview=True)
        side = side_tables(con, ["document_texts", "ingest_errors", "claim_imports"])
    if report.unchanged:  # one line, not one per source: a no-change run of 10,000 articles logs one
        context.log.info(f"skipped {len(report.unchanged)} unchanged sources (content hash as stored), e.g. "
                         f"{', '.join(report.unchanged[:5])}")
    for error in report.errors + imports.errors:
        context.log.warning(f"could not ingest {error.source}: {error.error}")
    for name, n in imports.imported.items():
        context.log.info(f"imported {n} claims from {name}")
    for source, notes in warnings.items():
        context.log.warning(f"{source}: {'; '.join(notes)}")
    yield from only_selected(context, [dg.MaterializeResult(asset_key="documents", metadata=table | {
        "added": len(report.added),
        "changed": len(report.changed),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "errors": len(report.errors) + len(imports.errors),
        "ingest_errors": dg.MetadataValue.md(_errors_markdown(report.errors + imports.errors)),
        "dated_from": dg.MetadataValue.json(dated),
        "claims_imported": dg.MetadataValue.json(imports.imported),
        "claims_files_unchanged": len(imports.unchanged),
        "claims_files_removed": len(imports.removed),
        "warnings": dg.MetadataValue.json(warnings),
        "sources_dir": str(folder),
    }), *side])


@dg.asset(deps=["documents"], group_name="ingest", kinds={"duckdb", "python"}, pool="warehouse")
def reviews(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """One row per reviewer decision in SOURCES_DIR/reviews.yaml (written by
    hand or by `python -m pipeline review`). A bad entry is an ingest error
    naming the file and the entry; a file YAML cannot read keeps the decisions
    loaded before. `stale` is left NULL here: reconciliation sets it
    (pipeline/reconcile/reviews.py) and applies the current decisions."""
    path = sources_dir() / REVIEWS_FILE
    errors, loaded = [], None
    try:
        found, problems = read_reviews(path)
        errors = [f"{REVIEWS_FILE}: {p}" for p in problems]
    except ReviewsFileError as exc:
        found, errors = None, [str(exc)]
    with duckdb.read_write() as con:
        if found is not None:
            loaded = replace_reviews(con, [r.row() for r in found])
        replace_source_errors(con, REVIEWS_FILE, errors)
        table = table_metadata(con, "reviews", order_by="decided_at desc", with_preview=True)
    for error in errors:
        context.log.warning(error)
    return dg.MaterializeResult(metadata=table | {
        "reloaded": loaded is not None,
        "errors": len(errors),
        "review_errors": dg.MetadataValue.md("\n".join(f"- {e}" for e in errors) or "(none)"),
        "reviews_file": str(path),
        "how_to": dg.MetadataValue.md("`python -m pipeline review ID --accept VALUE | --reject | --dismiss "
                                      "--note \"...\"` (ID: a conflict_id or claim_id)"),
    })

