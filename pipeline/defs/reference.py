"""The `reference_facts` table from the versioned snapshots in REFERENCE_DIR
(by default the project's own `sources/reference/`, wherever SOURCES_DIR is)."""
import time

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipeline.config import reference_dir
from pipeline.reference.loaders import load_reference_dir, reference_warning
from pipeline.store.reference import current_hashes, replace_reference
from pipeline.store.schema import apply_schema


@dg.asset(group_name="ingest", kinds={"duckdb", "python"}, pool="warehouse")
def reference_facts(context: dg.AssetExecutionContext, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """One row per fact a reference dataset states (LiteLLM prices and limits,
    simple-evals scores, vendors' official launch facts, models.dev's catalogue,
    genai-prices' and llm-prices' price histories), with snapshot, validity
    period and citation. Reloaded only when a snapshot file changes; a missing
    or empty reference folder is a warning here and in the log."""
    folder = reference_dir()
    started = time.perf_counter()
    files = load_reference_dir(folder)
    warning = reference_warning(folder, files)
    if warning:
        context.log.warning(warning)
    with duckdb.get_connection() as con:
        apply_schema(con)
        known = current_hashes(con)
        if {f.file_name: f.sha256 for f in files} == known:
            context.log.info("reference snapshots unchanged; nothing reloaded")
            loaded = None
        elif not folder.is_dir():
            loaded = None  # a mistyped REFERENCE_DIR does not wipe the last good load
        else:
            loaded = replace_reference(con, files)
        by_source = dict(con.execute(
            "select ref_source, count(*) from reference_facts group by 1 order by 1").fetchall())
        total = sum(by_source.values())
    metadata = {
        "dagster/row_count": total,
        "facts_by_source": dg.MetadataValue.json(by_source),
        "reloaded": loaded is not None,
        "files": dg.MetadataValue.json({f.file_name: {"facts": len(f.facts), "skipped": f.skipped} for f in files}),
        "reference_dir": str(folder),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if warning:
        metadata["warning"] = dg.MetadataValue.md(f"**WARNING**: {warning}")
    return dg.MaterializeResult(metadata=metadata)
