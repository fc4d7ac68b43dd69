"""Applies sql/schema/*.sql in order. Every statement is idempotent, so this
runs at the start of every asset and CLI command that writes."""
from __future__ import annotations

import duckdb

from pipeline.config import SQL_DIR
from pipeline.store.sqlfiles import run_sql


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted((SQL_DIR / "schema").glob("*.sql")):
        run_sql(con, f"schema/{path.stem}")
