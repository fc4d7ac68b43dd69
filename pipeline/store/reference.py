"""Writes the reference facts of all snapshot files in one transaction,
and only when a file's content hash changed since the last load."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb
import pandas as pd

from pipeline.reference.loaders import LoadedFile
from pipeline.store.sqlfiles import run_sql_with_frames

FACT_COLUMNS = ["ref_id", "ref_source", "model", "snapshot", "metric", "unit", "tier", "setting", "value",
                "value_text", "valid_from", "valid_to", "citation"]


def current_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select file_name, sha256 from reference_files").fetchall())


def replace_reference(con: duckdb.DuckDBPyConnection, files: list[LoadedFile]) -> int:
    rows = {}
    for loaded in files:
        for fact in loaded.facts:
            rows.setdefault(fact.ref_id, fact.model_dump() | {"ref_id": fact.ref_id})
    facts = pd.DataFrame(list(rows.values()), columns=FACT_COLUMNS).astype({"value": "float64"})
    for column in ("valid_from", "valid_to"):
        facts[column] = pd.to_datetime(facts[column]).dt.date
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    files_frame = pd.DataFrame([
        {"file_name": f.file_name, "ref_source": f.ref_source, "sha256": f.sha256, "n_facts": len(f.facts),
         "n_skipped": f.skipped, "loaded_at": now} for f in files
    ], columns=["file_name", "ref_source", "sha256", "n_facts", "n_skipped", "loaded_at"])  # an empty folder too
    run_sql_with_frames(con, "reconcile/replace_reference",
                        {"new_reference_facts": facts, "new_reference_files": files_frame})
    return len(rows)
