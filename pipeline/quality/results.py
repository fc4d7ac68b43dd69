"""Validation results into `validation_results`: read the warehouse with a
read-only connection, validate, then append the results in one short write
(the run's single process is the only writer). The connections are the
caller's (the warehouse resource's in a run)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from pipeline.quality.gx_suites import SuiteOutcome, load_suite_file, read_frame, validate
from pipeline.store.sqlfiles import run_sql, transaction


def validate_suite(con: duckdb.DuckDBPyConnection, name: str) -> SuiteOutcome:
    """expectations/NAME.json validated against the frame its SQL reads through `con`."""
    return validate(name, read_frame(con, load_suite_file(name)))


def run_suite(database: str, name: str) -> SuiteOutcome:
    """validate_suite on a read-only connection of its own to `database`."""
    with duckdb.connect(database, read_only=True) as con:
        return validate_suite(con, name)


def record(con: duckdb.DuckDBPyConnection, run_id: str, outcome: SuiteOutcome) -> None:
    """Appends one row per expectation to validation_results, all or nothing."""
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    with transaction(con):
        for o in outcome.outcomes:
            run_sql(con, "quality/insert_result", {
                "run_id": run_id, "suite": o.suite, "expectation": o.expectation, "table_name": o.table_name,
                "success": o.success, "unexpected_count": o.unexpected_count,
                "details": json.dumps(o.details | {"severity": o.severity}, ensure_ascii=False, default=str),
                "validated_at": now,
            })
