"""The claims suite validated batch by batch, each batch keyed by what it is
made from, so a run never reads the claims to learn that nothing changed.
A batch is the claims of the documents whose doc_id hashes to it (or the
claims imported from one file); its inputs are its documents' content hashes
and the extraction that made their claims (extraction_state, claim_imports:
O(documents), sql/quality/claims_batches.sql), plus the vocabulary the claims
are checked against and the validation code. Each batch's outcome is stored
(bookkeeping.validation_batches); a run validates only the batches whose
inputs changed and merges their outcomes with the stored ones.

Claims are written only by extraction and imports, which keep that
bookkeeping; an edit of the claims table by hand, outside them, is not seen
until its document changes. Every claims batch holds whole documents and
claim_id is the table's primary key, so uniqueness per batch is uniqueness
overall."""
from __future__ import annotations

import hashlib
import json
import math

import duckdb

from pipeline.quality import state
from pipeline.quality.batches import FRAME_MEMORY, merge
from pipeline.quality.gx_suites import SuiteOutcome, load_suite_file, validate
from pipeline.store.sqlfiles import fetch_dicts, run_sql, sql_text, statements

CLAIMS_PER_BATCH = 50_000  # the batch count is the power of two giving at most about this many claims a batch
KEYED = {"claims": {"batches": "quality/claims_batches", "pending": "quality/claims_pending",
                    "context": "quality/claims_context", "total": "quality/claims_total",
                    "table": "gx_pending_claims", "source": "quality/claims_pending_source",
                    "variables": {"claims_frame_claims": "gx_pending_source",
                                  "claims_frame_texts": "gx_pending_texts"}}}


def batch_count(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """A power of two, so the batches (and their stored outcomes) change only when the corpus doubles or halves."""
    total = fetch_dicts(con, KEYED[name]["total"])[0]["n_claims"] or 0
    return 2 ** math.ceil(math.log2(max(1, math.ceil(total / CLAIMS_PER_BATCH))))


def batch_inputs(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, str]:
    """Each batch of suite `name` with the fingerprint of what it is made from."""
    spec = KEYED[name]
    context = fetch_dicts(con, spec["context"])[0]["summary"]
    n = batch_count(con, name)
    return {row["batch"]: f"{state.code_version(name)}:{context}:{row['inputs']}"
            for row in fetch_dicts(con, spec["batches"], {"n": n})}


def fingerprint(batches: dict[str, str]) -> str:
    """The suite's inputs: all its batches' (equal when no batch changed)."""
    return hashlib.sha256(json.dumps(sorted(batches.items())).encode()).hexdigest()


def stored_batches(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, tuple[str, SuiteOutcome | None]]:
    """Each batch as last validated: its inputs and its outcome (None: it had no rows)."""
    if not fetch_dicts(con, "quality/has_batches"):
        return {}
    return {row["batch"]: (row["inputs"], _load(row["outcome"]))
            for row in fetch_dicts(con, "quality/stored_batches", {"suite": name})}


def validate_keyed(con: duckdb.DuckDBPyConnection, name: str) -> SuiteOutcome:
    """The suite's outcome: stored outcomes of unchanged batches, the others validated now. The batches
    (all of them, to be stored with the outcome) are in the result's `batches`."""
    con.execute(f"set memory_limit = '{FRAME_MEMORY}'")
    wanted, before = batch_inputs(con, name), stored_batches(con, name)
    current = {b: before[b] for b, inputs in wanted.items() if b in before and before[b][0] == inputs}
    pending = sorted(set(wanted) - set(current))
    table = pending_table(con, name, pending) if pending else None
    for part, batch in enumerate(pending, start=1):
        frame = run_sql(con, "quality/pending_part", {"table_name": table, "part": part}).fetchdf()
        current[batch] = (wanted[batch], validate(name, frame) if len(frame) else None)
    parts = [o for _, o in current.values() if o is not None]
    if not parts:  # no claims at all: the suite's outcome on an empty frame
        table = pending_table(con, name, [])
        parts = [validate(name, run_sql(con, "quality/pending_part", {"table_name": table, "part": 0}).fetchdf())]
    outcome = merge(parts)
    outcome.batches, outcome.validated = dict(sorted(current.items())), len(pending)
    return outcome


def pending_table(con: duckdb.DuckDBPyConnection, name: str, pending: list[str]) -> str:
    """The suite's frame for the `pending` batches in one temp table (one read of the claims and their
    documents' texts, however many batches: reading them once per batch grew with the corpus squared), with
    each row's batch number (`part`, 1-based in the order of `pending`). Fewer than half the batches: the
    frame reads their claims and texts alone (restricted_sources), not every document's text."""
    view, n = f"gx_view_{name}", batch_count(con, name)
    query = statements(sql_text(load_suite_file(name)["meta"]["frame"]))[-1]
    restricted = "source" in KEYED[name] and 0 < 2 * len(pending) < n
    try:
        if restricted:
            restricted_sources(con, name, pending, n)
        con.execute(f"create or replace temp view {view} as {query}")
        run_sql(con, KEYED[name]["pending"], {"view_name": view, "pending": pending, "n": n})
    finally:
        for variable in KEYED[name].get("variables", {}) if restricted else ():
            con.execute(f"reset variable {variable}")
    return KEYED[name]["table"]


def restricted_sources(con: duckdb.DuckDBPyConnection, name: str, pending: list[str], n: int) -> None:
    """The pending batches' rows of the frame's inputs into temp tables (sql/quality/*_pending_source.sql), and
    the variables the frame reads its inputs' names from set to them."""
    spec = KEYED[name]
    run_sql(con, spec["source"], {"pending": pending, "n": n})
    for variable, table in spec["variables"].items():
        con.execute(f"set variable {variable} = '{table}'")


def store_batches(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome) -> None:
    """Replaces the suite's stored batches by `outcome.batches` (call inside the recording transaction)."""
    run_sql(con, "quality/clear_batches", {"suite": outcome.suite})
    for batch, (inputs, part) in sorted(outcome.batches.items()):
        run_sql(con, "quality/record_batch", {"suite": outcome.suite, "batch": batch, "inputs": inputs,
                                              "outcome": None if part is None else state.dump_outcome(part)})


def _load(text: str | None) -> SuiteOutcome | None:
    return None if text is None else state.load_outcome(text)
