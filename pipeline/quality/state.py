"""Whether a suite needs validating again: a fingerprint of its inputs, the
suite file and the validation code is stored with the suite's outcome
(bookkeeping.validation_state, outside the published schema). A run whose
inputs have the stored fingerprint reports the stored outcome and writes
nothing, so a no-change run leaves the warehouse file as it was.

The inputs are read from what the pipeline already tracks, never from the
rows themselves, where it tracks them: the claims from their documents'
hashes and extraction (pipeline/quality/keyed.py), the tables the
reconciliation writes from its stored state and their row counts
(TRACKED). Other frames (reference facts) are small and fingerprinted whole:
row count and the sum of the rows' hashes, computed in DuckDB."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import duckdb

from pipeline.config import EXPECTATIONS_DIR
from pipeline.quality.gx_suites import ExpectationOutcome, SuiteOutcome
from pipeline.store.sqlfiles import fetch_dicts, run_sql


@lru_cache(maxsize=None)
def code_version(name: str) -> str:
    """The suite file, this package's code and the GX version: a change to any validates again."""
    digest = hashlib.sha256(version("great_expectations").encode())  # not importing GX: seconds
    for path in sorted(Path(__file__).parent.glob("*.py")) + [EXPECTATIONS_DIR / f"{name}.json"]:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()[:16]


# suite -> (SQL summarising its inputs, the table it reads)
TRACKED = {"reconciled_facts": ("quality/reconciled_inputs", "reconciled_facts"),
           "cross_source_consistency": ("quality/reconciled_inputs", "conflicts"),
           "conflict_values": ("quality/reconciled_inputs", "conflict_values"),
           "source_dependence": ("quality/reconciled_inputs", "source_dependence"),
           "reviews": ("quality/reviews_inputs", "reviews")}


# suites whose frame reads their table alone: one fingerprinted by its rows too, so that a reconciliation that
# changed its state but not the table (a run over what changed keeps source_dependence as it was) validates nothing
SELF_CONTAINED = {"reconciled_facts", "cross_source_consistency", "source_dependence"}


def tracked_or_content(con: duckdb.DuckDBPyConnection, name: str, tracked: str) -> tuple[str, SuiteOutcome | None]:
    """The inputs of a tracked suite and their stored outcome. A self-contained suite's inputs are
    `tracked|rows`: its rows are hashed (O(rows), in DuckDB) only when the tracked part is not the stored one,
    and the stored outcome stands when either part is the stored one (the caller stores the new inputs)."""
    stored = fetch_dicts(con, "quality/stored_state", {"suite": name}) if fetch_dicts(con, "quality/has_state") else []
    old = stored[0]["inputs"] if stored else None

    def kept(inputs: str, same: bool) -> tuple[str, SuiteOutcome | None]:
        return inputs, load_outcome(stored[0]["outcome"]) if same else None

    if name not in SELF_CONTAINED:
        return kept(tracked, old == tracked)
    if old and old.split("|")[0] == tracked:
        return kept(old, True)
    inputs = f"{tracked}|{fingerprint(con, name, TRACKED[name][1])}"
    return kept(inputs, old is not None and old.split("|")[-1] == inputs.split("|")[-1])


def tracked_inputs(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The suite's inputs from the reconciliation's stored state (None: not tracked, or nothing stored yet)."""
    if name not in TRACKED:
        return None
    query, table = TRACKED[name]
    try:
        summary = fetch_dicts(con, query, {"table_name": table})[0]["summary"]
    except (duckdb.CatalogException, duckdb.BinderException):  # no reconciliation recorded its state in this warehouse yet
        return None
    return f"{code_version(name)}:tracked:{summary}"


def fingerprint(con: duckdb.DuckDBPyConnection, name: str, table: str) -> str:
    """`table` is the suite's frame (batches.frame_table) or any table whose rows are the check's input."""
    summary = fetch_dicts(con, "quality/frame_fingerprint", {"table_name": table})[0]["summary"]
    return f"{code_version(name)}:{summary}"


def stored_outcome(con: duckdb.DuckDBPyConnection, name: str, inputs: str) -> SuiteOutcome | None:
    """The outcome stored for `name` when it was validated from `inputs`, else None."""
    if not fetch_dicts(con, "quality/has_state"):
        return None
    rows = fetch_dicts(con, "quality/stored_outcome", {"suite": name, "inputs": inputs})
    return load_outcome(rows[0]["outcome"]) if rows else None


def dump_outcome(outcome: SuiteOutcome) -> str:
    return json.dumps({"suite": outcome.suite, "table_name": outcome.table_name,
                       "outcomes": [asdict(o) for o in outcome.outcomes]}, default=str)


def load_outcome(text: str) -> SuiteOutcome:
    data = json.loads(text)
    return SuiteOutcome(data["suite"], data["table_name"], [ExpectationOutcome(**o) for o in data["outcomes"]])


def store(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, inputs: str) -> None:
    """Keeps `outcome` as the one validated from `inputs` (call inside the transaction recording it)."""
    run_sql(con, "quality/record_state", {"suite": outcome.suite, "inputs": inputs,
                                          "outcome": dump_outcome(outcome)})
