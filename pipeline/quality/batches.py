"""Suites validated in bounded memory: the suite's frame is materialised once
as a temporary DuckDB table (DuckDB spills it to disk when it is large) and
handed to GX in batches of at most BATCH_ROWS rows. Batches are cut by the
hash of the suite's id column, so all rows sharing an id meet in one batch and
uniqueness holds per batch exactly when it holds for the table; every other
expectation is row-wise, so the table's outcome is the batches' outcomes
summed. A suite with any other kind of expectation (a table-wide statistic,
a `mostly` threshold) is validated as one batch."""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace

import duckdb
import pandas as pd

from pipeline.quality.gx_suites import MAX_IDS, ID_COLUMNS, ExpectationOutcome, SuiteOutcome
from pipeline.store.sqlfiles import fetch_dicts, run_sql, sql_text, statements

BATCH_ROWS = 100_000
# DuckDB's memory on the check's own read-only connection: the claims frame's join with the documents' texts
# otherwise takes ~3 GB at 1,000 articles (it spills to disk instead, at the same speed)
FRAME_MEMORY = "500MB"
ROW_WISE = ("expect_column_values_", "expect_column_pair_values_", "expect_multicolumn_values_")


def frame_table(con: duckdb.DuckDBPyConnection, name: str, spec: dict) -> str:
    """temp.gx_frame_NAME: the suite's frame (sql/quality/*_frame.sql), made once per connection
    (the checks read through read-only connections, so it cannot change under them), in FRAME_MEMORY."""
    table = f"gx_frame_{name}"
    con.execute(f"set memory_limit = '{FRAME_MEMORY}'")
    query = statements(sql_text(spec["meta"]["frame"]))[-1]
    con.execute(f"create temp table if not exists {table} as {query}")
    return table


def batchable(name: str, spec: dict) -> bool:
    """Whether the suite's outcome is the sum of its batches' outcomes (see the module's docstring)."""
    id_column = ID_COLUMNS.get(name)
    for expectation in spec["expectations"]:
        kind, kwargs = expectation["type"], expectation.get("kwargs", {})
        if not kind.startswith(ROW_WISE) or "mostly" in kwargs:
            return False
        if kind == "expect_column_values_to_be_unique" and kwargs.get("column") != id_column:
            return False
    return id_column is not None


def batch_count(con: duckdb.DuckDBPyConnection, table: str, name: str, spec: dict) -> int:
    rows = fetch_dicts(con, "quality/frame_rows", {"table_name": table})[0]["n_rows"]
    return max(1, math.ceil(rows / BATCH_ROWS)) if batchable(name, spec) else 1


def frames(con: duckdb.DuckDBPyConnection, table: str, name: str, batches: int) -> Iterator[pd.DataFrame]:
    """The frame in `batches` parts by the hash of the id column (in table order within each part)."""
    if batches == 1:
        yield run_sql(con, "quality/frame_all", {"table_name": table}).fetchdf()
        return
    for part in range(batches):
        frame = run_sql(con, "quality/frame_part", {"table_name": table, "id_column": ID_COLUMNS[name],
                                                    "n": batches, "part": part}).fetchdf()
        if len(frame):
            yield frame


def _key(outcome: ExpectationOutcome) -> tuple:
    return outcome.expectation, outcome.severity, str(outcome.details.get("meta"))


def merge(parts: list[SuiteOutcome]) -> SuiteOutcome:
    """One suite outcome from its batches': failing if any batch failed, counts summed, ids sorted (the
    same outcome whatever order DuckDB's parallel scans gave the rows: it is stored and compared)."""
    first = parts[0]
    merged = []
    for group in zip(*(sorted(p.outcomes, key=_key) for p in parts)):
        counts = [g.unexpected_count for g in group if g.unexpected_count is not None]
        ids = [i for g in group for i in g.details.get("unexpected_ids") or []]
        partial = [v for g in group for v in g.details.get("partial_unexpected_list") or []]
        elements = [g.details.get("element_count") for g in group if g.details.get("element_count") is not None]
        merged.append(replace(group[0], success=all(g.success for g in group),
                              unexpected_count=sum(counts) if counts else None,
                              details=group[0].details | {"unexpected_ids": sorted(ids, key=str)[:MAX_IDS],
                                                          "partial_unexpected_list": sorted(partial, key=str)[:5],
                                                          "element_count": sum(elements) if elements else None}))
    order = {_key(o): i for i, o in enumerate(first.outcomes)}
    return SuiteOutcome(first.suite, first.table_name, sorted(merged, key=lambda o: order[_key(o)]))
