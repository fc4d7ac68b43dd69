"""Extraction shards: a batch of documents' claims and extraction state as
Parquet files, written by any process or machine into a shard folder and
loaded into the warehouse by its single writer (one transaction per shard).

A shard is `NAME.claims.parquet` plus `NAME.state.parquet`; the state file is
written last (renamed into place), so its presence means the shard is whole."""
from __future__ import annotations

import os
import threading
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.records import Claim
from pipeline.store.claims import CLAIM_COLUMNS, claim_row
from pipeline.store.sqlfiles import fetch_dicts, run_sql, sql_text, transaction

STATE_COLUMNS = ["doc_id", "source", "sha256", "extractor", "n_claims", "extracted_at", "error"]
STATE_SUFFIX = ".state.parquet"
CLAIMS_SUFFIX = ".claims.parquet"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


class ShardWriter:
    """Collects the outcome of each document of one shard, then writes the shard's two files."""

    def __init__(self, extractor: str):
        self.extractor, self.claims, self.states = extractor, [], []

    def add(self, doc: dict, claims: list[Claim]) -> int:
        rows = {}
        for claim in claims:  # the same claim stated twice in one unit is one row
            row = claim_row(claim, doc["doc_id"], doc["sha256"])
            rows.setdefault(row["claim_id"], row | {"sha256": doc["sha256"], "extractor": self.extractor})
        self.claims += rows.values()
        self.states.append(self._state(doc, len(rows), None))
        return len(rows)

    def fail(self, doc: dict, error: str) -> None:
        self.states.append(self._state(doc, 0, error))

    def _state(self, doc: dict, n_claims: int, error: str | None) -> dict:
        return {"doc_id": doc["doc_id"], "source": doc["source"], "sha256": doc["sha256"],
                "extractor": self.extractor, "n_claims": n_claims, "extracted_at": _now(), "error": error}

    def write(self, folder: Path, name: str) -> Path:
        """The claims file, then the state file renamed into place; returns the state file."""
        folder.mkdir(parents=True, exist_ok=True)
        claims = pd.DataFrame(self.claims, columns=CLAIM_COLUMNS + ["sha256", "extractor"]).astype(
            {"value": "float64", "value_high": "float64", "approx": "bool", "hedged": "bool",
             "span_start": "int64", "span_end": "int64"})
        claims["as_of"] = pd.to_datetime(claims["as_of"])
        states = pd.DataFrame(self.states, columns=STATE_COLUMNS).astype({"n_claims": "int64"})
        states["extracted_at"] = pd.to_datetime(states["extracted_at"])
        _write_parquet(claims, "extract/shard_claims", folder / f"{name}{CLAIMS_SUFFIX}")
        _write_parquet(states, "extract/shard_state", folder / f"{name}{STATE_SUFFIX}")
        return folder / f"{name}{STATE_SUFFIX}"


_WRITERS = threading.local()  # per thread: one in-memory DuckDB for every shard file it writes


def _writer() -> duckdb.DuckDBPyConnection:
    """Opening an in-memory database costs more CPU than writing a shard's file
    with it; one thread suffices for a file of a few thousand rows."""
    if getattr(_WRITERS, "con", None) is None:
        _WRITERS.con = duckdb.connect(config={"threads": 1})
    return _WRITERS.con


def _write_parquet(frame: pd.DataFrame, query: str, path: Path) -> None:
    """The frame through sql/QUERY.sql (the warehouse's column types, also when empty), renamed into place."""
    partial = path.with_name(path.name + ".partial")
    con = _writer()
    con.register("frame", frame)
    try:
        con.sql(sql_text(query)).write_parquet(str(partial))
    finally:
        con.unregister("frame")
    os.replace(partial, path)


def complete_shards(folder: Path) -> list[Path]:
    """The state files of every whole shard in the folder, oldest name first."""
    return sorted(folder.glob(f"*{STATE_SUFFIX}")) if folder.is_dir() else []


def load_shard(con: duckdb.DuckDBPyConnection, state_file: Path) -> tuple[dict[str, int], list[dict]]:
    """One shard into the warehouse in one transaction, then its files removed.
    Returns claims per source loaded, and the failures (rows for extract_errors),
    both of documents still current (a shard of an older version is ignored)."""
    claims_file = state_file.with_name(state_file.name[:-len(STATE_SUFFIX)] + CLAIMS_SUFFIX)
    with transaction(con):
        run_sql(con, "extract/load_shard", {"state_file": str(state_file), "claims_files": [str(claims_file)]})
        outcome = fetch_dicts(con, "extract/shard_outcome")
    con.execute("drop table if exists shard_state")
    for path in (claims_file, state_file):
        path.unlink(missing_ok=True)
    loaded = {row["source"]: row["n_claims"] for row in outcome if row["error"] is None}
    failures = [{k: row[k] for k in ("doc_id", "source", "error", "extractor", "failed_at")}
                for row in outcome if row["error"] is not None]
    return loaded, failures
