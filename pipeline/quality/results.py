"""Validation results into `validation_results`: read the warehouse with a
read-only connection, validate, then append the results in one short write
(the run's single process is the only writer)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import duckdb

from pipeline.config import DUCKDB_CONFIG
from pipeline.quality.gx_suites import SuiteOutcome, load_suite_file, read_frame, validate
from pipeline.store.schema import apply_schema
from pipeline.store.sqlfiles import run_sql, transaction


def run_suite(database: str, name: str) -> SuiteOutcome:
    spec = load_suite_file(name)
    with duckdb.connect(database, read_only=True) as con:
        frame = read_frame(con, spec)
    return validate(name, frame)


def record(database: str, run_id: str, outcome: SuiteOutcome) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    with duckdb.connect(database, config=DUCKDB_CONFIG) as con:
        apply_schema(con)
        with transaction(con):
            for o in outcome.outcomes:
                run_sql(con, "quality/insert_result", {
                    "run_id": run_id, "suite": o.suite, "expectation": o.expectation, "table_name": o.table_name,
                    "success": o.success, "unexpected_count": o.unexpected_count,
                    "details": json.dumps(o.details | {"severity": o.severity}, ensure_ascii=False, default=str),
                    "validated_at": now,
                })
