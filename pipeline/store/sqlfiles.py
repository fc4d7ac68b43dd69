"""SQL lives in sql/*.sql. This module reads those files and runs them with
bound parameters ($name), statement by statement."""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

import duckdb

from pipeline.config import SQL_DIR

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=None)
def sql_text(name: str) -> str:
    """`name` is a path under sql/ without the .sql suffix: 'ingest/upsert_document'."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in re.split(r";\s*(?:\n|$)", body) if s.strip()]


def run_sql(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    """Run every statement of sql/NAME.sql; returns the last statement's cursor."""
    cursor = None
    for statement in statements(sql_text(name)):
        used = set(_PARAM.findall(statement))
        bound = {k: v for k, v in (params or {}).items() if k in used}
        cursor = con.execute(statement, bound) if used else con.execute(statement)
    return cursor


def fetch_dicts(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    cursor = run_sql(con, name, params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: a failure rolls back, so no table is left half-written."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def run_sql_with_frames(con: duckdb.DuckDBPyConnection, name: str, frames: dict, params: dict | None = None):
    """Runs sql/NAME.sql in one transaction with pandas frames registered as
    views under their keys (the SQL inserts from them), then unregisters them."""
    for view, frame in frames.items():
        con.register(view, frame)
    try:
        with transaction(con):
            run_sql(con, name, params)
    finally:
        for view in frames:
            con.unregister(view)
