"""The `reviews` table, loaded from the reviews file with stale NULL.
Reconciliation (pipeline/reconcile/reviews.py) applies the decisions and sets
`stale` once the current conflict and claim ids are known."""
from __future__ import annotations

import duckdb
import pandas as pd

from pipeline.store.sqlfiles import run_sql_with_frames

REVIEW_COLUMNS = ["review_id", "target", "decision", "value", "value_text", "note", "reviewer", "decided_at", "stale"]


def replace_reviews(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> int:
    frame = pd.DataFrame(rows, columns=REVIEW_COLUMNS).astype(
        {"value": "float64", "decided_at": "datetime64[us]", "stale": "boolean"})
    run_sql_with_frames(con, "ingest/replace_reviews", {"new_reviews": frame})
    return len(frame)

