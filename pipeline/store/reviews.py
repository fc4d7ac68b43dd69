"""The `reviews` table, loaded from the reviews file. Reconciliation owns
applying the decisions and sets `stale` (mark_stale) once the current
conflict and claim ids are known; rows are loaded with stale NULL."""
from __future__ import annotations

import duckdb
import pandas as pd

from pipeline.store.sqlfiles import run_sql, run_sql_with_frames, transaction

REVIEW_COLUMNS = ["review_id", "target", "decision", "value", "value_text", "note", "reviewer", "decided_at", "stale"]


def replace_reviews(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> int:
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS).astype(
        {"value": "float64", "decided_at": "datetime64[us]", "stale": "boolean"})
    run_sql_with_frames(con, "ingest/replace_reviews", {"new_reviews": frame})
    return len(frame)


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """For reconciliation, after it wrote conflicts: a decision whose target
    is no current conflict_id or claim_id is stale (kept, shown, not applied)."""
    with transaction(con):
        run_sql(con, "ingest/mark_stale_reviews")
