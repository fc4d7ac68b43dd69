"""Writes extracted claims, one document at a time and in one transaction,
so a document's claims are always all of one extraction or none."""
from __future__ import annotations

from datetime import date, datetime, timezone

import duckdb
import pandas as pd

from pipeline.records import Claim
from pipeline.store.sqlfiles import fetch_dicts, run_sql_with_frames

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "source", "model", "metric", "unit", "value", "value_high", "value_text",
    "tier", "bound", "modality", "setting", "approx", "hedged", "as_of", "quote", "span_start", "span_end",
    "currency", "why",
]


def _as_date(text: str | None) -> date | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def claim_row(claim: Claim, doc_id: str, sha256: str) -> dict:
    q = claim.qualifiers
    is_text = isinstance(claim.value, str)
    return {
        "claim_id": claim.claim_id(f"{doc_id}:{sha256}"), "doc_id": doc_id, "source": claim.source,
        "model": claim.model, "metric": claim.metric, "unit": claim.unit,
        "value": None if is_text else float(claim.value), "value_high": claim.value_high,
        "value_text": claim.value if is_text else None,
        "tier": q.tier, "bound": q.bound, "modality": q.modality, "setting": q.setting,
        "approx": q.approx, "hedged": q.hedged, "as_of": _as_date(q.as_of),
        "quote": claim.quote, "span_start": claim.span[0], "span_end": claim.span[1],
        "currency": claim_currency(claim), "why": claim.why,
    }


def claim_currency(claim: Claim) -> str:
    """'usd' unless the source states a price in another currency (contract/warehouse.md)."""
    return claim.qualifiers.currency or "usd"


def pending_documents(con: duckdb.DuckDBPyConnection, extractor: str) -> list[dict]:
    return fetch_dicts(con, "extract/pending_documents", {"extractor": extractor})


def replace_claims(con: duckdb.DuckDBPyConnection, doc_id: str, sha256: str, extractor: str,
                   claims: list[Claim]) -> int:
    rows = {}
    for claim in claims:  # the same claim stated twice in one unit is one row
        row = claim_row(claim, doc_id, sha256)
        rows.setdefault(row["claim_id"], row)
    frame = pd.DataFrame(list(rows.values()), columns=CLAIM_COLUMNS).astype(
        {"value": "float64", "value_high": "float64", "approx": "bool", "hedged": "bool",
         "span_start": "int64", "span_end": "int64"})
    frame["as_of"] = pd.to_datetime(frame["as_of"]).dt.date if len(frame) else frame["as_of"]
    frame["extractor"] = extractor  # contract v2: which extractor (and version) made each claim
    run_sql_with_frames(con, "extract/replace_claims", {"new_claims": frame}, {
        "doc_id": doc_id, "sha256": sha256, "extractor": extractor, "n_claims": len(rows),
        "extracted_at": datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0),
    })
    return len(rows)


def replace_extract_errors(con: duckdb.DuckDBPyConnection, errors: list[dict]) -> None:
    """The latest run's extraction failures: rows of doc_id, source, error, extractor."""
    failed_at = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    frame = pd.DataFrame([{**e, "failed_at": failed_at} for e in errors],
                         columns=["doc_id", "source", "error", "extractor", "failed_at"])
    frame["failed_at"] = pd.to_datetime(frame["failed_at"])
    run_sql_with_frames(con, "extract/replace_extract_errors", {"new_errors": frame})
