"""Whether a suite needs validating again: a fingerprint of its frame (row
count and the sum of the rows' hashes, computed in DuckDB), the suite file
and the validation code is stored with the suite's outcome
(bookkeeping.validation_state, outside the published schema). A run whose
frame has the stored fingerprint reports the stored outcome and writes
nothing, so a no-change run leaves the warehouse file as it was."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import duckdb
import great_expectations as gx

from pipeline.config import EXPECTATIONS_DIR
from pipeline.quality.gx_suites import ExpectationOutcome, SuiteOutcome
from pipeline.store.sqlfiles import fetch_dicts, run_sql


@lru_cache(maxsize=None)
def code_version(name: str) -> str:
    """The suite file, this package's code and the GX version: a change to any validates again."""
    digest = hashlib.sha256(gx.__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")) + [EXPECTATIONS_DIR / f"{name}.json"]:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()[:16]


def fingerprint(con: duckdb.DuckDBPyConnection, name: str, table: str) -> str:
    """`table` is the suite's frame (batches.frame_table) or any table whose rows are the check's input."""
    summary = fetch_dicts(con, "quality/frame_fingerprint", {"table_name": table})[0]["summary"]
    return f"{code_version(name)}:{summary}"


def stored_outcome(con: duckdb.DuckDBPyConnection, name: str, inputs: str) -> SuiteOutcome | None:
    """The outcome stored for `name` when it was validated from `inputs`, else None."""
    if not fetch_dicts(con, "quality/has_state"):
        return None
    rows = fetch_dicts(con, "quality/stored_outcome", {"suite": name, "inputs": inputs})
    if not rows:
        return None
    data = json.loads(rows[0]["outcome"])
    return SuiteOutcome(data["suite"], data["table_name"], [ExpectationOutcome(**o) for o in data["outcomes"]])


def store(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, inputs: str) -> None:
    """Keeps `outcome` as the one validated from `inputs` (call inside the transaction recording it)."""
    run_sql(con, "quality/record_state", {"suite": outcome.suite, "inputs": inputs,
                                          "outcome": json.dumps(asdict(outcome), default=str)})
