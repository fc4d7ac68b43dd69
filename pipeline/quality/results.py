"""Validation results into `validation_results`: read the warehouse with a
read-only connection, validate (in batches, pipeline/quality/batches.py),
then append the results in one short write (the run's single process is the
only writer). A suite whose inputs have the fingerprint stored with its last
outcome is not validated again (pipeline/quality/state.py), and the claims
suite validates only its batches whose inputs changed
(pipeline/quality/keyed.py). The connections are the caller's (the warehouse
resource's in a run)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from pipeline.quality import batches, keyed, state
from pipeline.quality.gx_suites import SuiteOutcome, load_suite_file, validate
from pipeline.store.sqlfiles import run_sql, transaction


def validate_suite(con: duckdb.DuckDBPyConnection, name: str) -> SuiteOutcome:
    """expectations/NAME.json validated against the frame its SQL reads through `con`, batch by batch
    (a keyed suite: only the batches whose inputs are not those of their stored outcome)."""
    if name in keyed.KEYED:
        return keyed.validate_keyed(con, name)
    spec = load_suite_file(name)
    table = batches.frame_table(con, name, spec)
    count = batches.batch_count(con, table, name, spec)
    return batches.merge([validate(name, frame) for frame in batches.frames(con, table, name, count)])


def suite_inputs(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, SuiteOutcome | None]:
    """The fingerprint of the suite's inputs, and the outcome stored for it (None: validate again)."""
    if name in keyed.KEYED:
        inputs = keyed.fingerprint(keyed.batch_inputs(con, name))
    elif tracked := state.tracked_inputs(con, name):
        return state.tracked_or_content(con, name, tracked)
    else:
        inputs = state.fingerprint(con, name, batches.frame_table(con, name, load_suite_file(name)))
    return inputs, state.stored_outcome(con, name, inputs)


def run_suite(database: str, name: str) -> SuiteOutcome:
    """validate_suite on a read-only connection of its own to `database`."""
    with duckdb.connect(database, read_only=True) as con:
        return validate_suite(con, name)


def record_state(con: duckdb.DuckDBPyConnection, outcome: SuiteOutcome, inputs: str) -> None:
    """Keeps `outcome` as the one validated from `inputs` (an outcome reused under new inputs), nothing else."""
    with transaction(con):
        state.store(con, outcome, inputs)


def record(con: duckdb.DuckDBPyConnection, run_id: str, outcome: SuiteOutcome, inputs: str | None = None) -> None:
    """Appends one row per expectation to validation_results, all or nothing; with `inputs`,
    also keeps the outcome as the one validated from them."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    with transaction(con):
        if inputs is not None:
            state.store(con, outcome, inputs)
            if outcome.batches:
                keyed.store_batches(con, outcome)
        for o in outcome.outcomes:
            run_sql(con, "quality/insert_result", {
                "run_id": run_id, "suite": o.suite, "expectation": o.expectation, "table_name": o.table_name,
                "success": o.success, "unexpected_count": o.unexpected_count,
                "details": json.dumps(o.details | {"severity": o.severity}, ensure_ascii=False, default=str),
                "validated_at": now,
            })
