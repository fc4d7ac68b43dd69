"""Whether reconciliation has anything to do: a fingerprint of everything it
reads (claims with their documents' dates, reference facts, the reviewer's
decisions, the vocabulary and the reconciliation's own code) is stored with
the results (bookkeeping.reconcile_state, outside the published schema); a run whose inputs have the stored
fingerprint keeps the results it would recompute."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import duckdb

from pipeline.store.sqlfiles import fetch_dicts, run_sql

RECONCILE_CODE = Path(__file__).parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """The reconciliation's code and the vocabulary it folds names with: a change to either recomputes."""
    from pipeline.vocabulary import VOCABULARY_FILE
    digest = hashlib.sha256()
    for path in sorted(RECONCILE_CODE.glob("*.py")) + [Path(VOCABULARY_FILE)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def inputs_fingerprint(con: duckdb.DuckDBPyConnection, vocab) -> str:
    tables = fetch_dicts(con, "reconcile/inputs_fingerprint")[0] | fetch_dicts(con, "reconcile/partial_basis")[0]
    parts = [code_version(), sorted(vocab.task_slugs), sorted(vocab.model_ids.items()), tables]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    rows = fetch_dicts(con, "reconcile/state")
    return rows[0]["inputs"] if rows else None


def record(con: duckdb.DuckDBPyConnection, fingerprint: str, stale_reviews: set[str]) -> None:
    """After the results are committed: a crash in between only means the next run recomputes."""
    run_sql(con, "reconcile/record_state", {"inputs": fingerprint, "stale": sorted(stale_reviews)})


def keep(con: duckdb.DuckDBPyConnection) -> None:
    """The results stay; the reviews they found stale are marked again (the reviews table is rewritten each run)."""
    rows = fetch_dicts(con, "reconcile/state")
    run_sql(con, "reconcile/restore_stale", {"stale": list(rows[0]["stale_reviews"] or []) if rows else []})
