"""Ingest group: the `documents` table from files under SOURCES_DIR and the
URLs in sources.yaml."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.config import reference_dir, sources_dir
from pipeline.ingest.sources import read_all
from pipeline.store.documents import sync_documents
from pipeline.store.schema import apply_schema


def _errors_markdown(errors) -> str:
    rows = ["| source | error |", "|---|---|"]
    rows += [f"| {e.source} | {e.error.replace('|', '/')} |" for e in errors]
    return "\n".join(rows)


@dg.asset(group_name="ingest", kinds={"duckdb", "python"}, pool="warehouse")
def documents(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """One row per current version of a source (file or URL): provenance,
    title, date, language and content hash; the text in `document_texts`.
    Unchanged sources are skipped; bad sources land in `ingest_errors`."""
    folder = sources_dir()
    refs, results = read_all(folder, exclude=reference_dir())
    Path(duckdb.database).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.get_connection() as con:
        apply_schema(con)
        report = sync_documents(con, refs, results)
        total = con.execute("select count(*) from documents").fetchone()[0]
    for name in report.unchanged:
        context.log.info(f"skipped unchanged source {name}")
    for error in report.errors:
        context.log.warning(f"could not ingest {error.source}: {error.error}")
    return dg.MaterializeResult(metadata={
        "dagster/row_count": total,
        "added": len(report.added),
        "changed": len(report.changed),
        "unchanged": len(report.unchanged),
        "removed": len(report.removed),
        "errors": len(report.errors),
        "ingest_errors": dg.MetadataValue.md(_errors_markdown(report.errors)),
        "sources_dir": str(folder),
    })
