"""The `reference_facts` table from the versioned snapshots in REFERENCE_DIR
(by default the project's own `sources/reference/`, wherever SOURCES_DIR is)."""
import time

import dagster as dg

from pipeline.config import reference_dir
from pipeline.defs.resources import WarehouseResource
from pipeline.defs.tables import only_selected, side_tables, table_metadata, table_spec
from pipeline.reference.loaders import load_reference_dir, reference_warning, snapshot_hashes
from pipeline.store.reference import current_hashes, replace_reference


@dg.multi_asset(name="reference_facts", pool="warehouse", can_subset=True, specs=[
    dg.AssetSpec("reference_facts", group_name="ingest", kinds={"duckdb", "python"},
                 description="One row per fact a reference dataset states, with snapshot, validity period and "
                             "citation."),
    table_spec("reference_files", "ingest", "The reference snapshots loaded, with their hashes (provenance).")])
def reference_facts(context: dg.AssetExecutionContext, duckdb: WarehouseResource):
    """One row per fact a reference dataset states (LiteLLM prices and limits,
    simple-evals scores, vendors' official launch facts, models.dev's catalogue,
    genai-prices' and llm-prices' price histories), with snapshot, validity
    period and citation. Reloaded only when a snapshot file changes; a missing
    or empty reference folder is a warning here and in the log."""
    folder = reference_dir()
    started = time.perf_counter()
    hashes = snapshot_hashes(folder) if folder.is_dir() else {}
    with duckdb.read_write() as con:
        known = current_hashes(con)
        loaded = None
        if hashes and hashes == known:
            context.log.info("reference snapshots unchanged; nothing reloaded")
        elif folder.is_dir():  # a mistyped REFERENCE_DIR does not wipe the last good load
            loaded = replace_reference(con, load_reference_dir(folder))
        by_source = dict(duckdb.sql(con, "metadata/reference_by_source").fetchall())
        files = {name: {"facts": n, "skipped": skipped}
                 for name, n, skipped in duckdb.sql(con, "metadata/reference_files").fetchall()}
        total = sum(by_source.values())
        table = table_metadata(con, "reference_facts", order_by="ref_source, model, metric", with_preview=True)
        side = side_tables(con, ["reference_files"])
    warning = reference_warning(folder, hashes)
    if warning:
        context.log.warning(warning)
    metadata = table | {
        "dagster/row_count": total,
        "facts_by_source": dg.MetadataValue.json(by_source),
        "reloaded": loaded is not None,
        "files": dg.MetadataValue.json(files),
        "reference_dir": str(folder),
        "seconds": round(time.perf_counter() - started, 2),
    }
    if warning:
        metadata["warning"] = dg.MetadataValue.md(f"**WARNING**: {warning}")
    yield from only_selected(context, [dg.MaterializeResult(asset_key="reference_facts", metadata=metadata), *side])
