"""Everything the report shows, read once from the warehouse (read-only)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.store.sqlfiles import fetch_dicts

CONTEXT_CHARS = 160


@dataclass
class ReportData:
    summary: dict
    conflicts: list[dict]
    facts_by_model: dict[str, list[dict]]
    price_points: list[dict]
    sources: list[dict]
    spans: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)


def _source_link(row: dict) -> str:
    if row["source_kind"] == "url":
        return row["location"]
    return Path(row["location"]).as_posix()


def read_report_data(con: duckdb.DuckDBPyConnection, sources_dir: Path) -> ReportData:
    conflicts = fetch_dicts(con, "publish/conflicts_with_verdicts")
    members: dict[str, list[dict]] = defaultdict(list)
    spans = {}
    for row in fetch_dicts(con, "publish/conflict_claims"):
        text = row.pop("document_text")
        start, end = row["span_start"], row["span_end"]
        row["before"] = text[max(0, start - CONTEXT_CHARS):start]
        row["after"] = text[end:end + CONTEXT_CHARS]
        row["href"] = (f"{row['location']}#:~:text={row['quote'][:80]}" if row["source_kind"] == "url"
                       else (sources_dir / row["location"]).resolve().as_uri())
        members[row["conflict_id"]].append(row)
        spans[row["claim_id"]] = row
    values: dict[str, list[dict]] = defaultdict(list)
    for value in fetch_dicts(con, "publish/conflict_values"):
        value["members"] = [spans[c] for c in value["claim_ids"] if c in spans]
        values[value["conflict_id"]].append(value)
    reviews = fetch_dicts(con, "publish/reviews")
    for conflict in conflicts:
        conflict["members"] = members.get(conflict["conflict_id"], [])
        conflict["values"] = values.get(conflict["conflict_id"], [])
        targets = {conflict["conflict_id"], *conflict["claim_ids"]}
        conflict["decisions"] = [r for r in reviews if r["target"] in targets]
    facts_by_model: dict[str, list[dict]] = defaultdict(list)
    for fact in fetch_dicts(con, "publish/reconciled_by_model"):
        facts_by_model[fact["model"]].append(fact)
    return ReportData(
        summary=fetch_dicts(con, "publish/summary")[0],
        conflicts=conflicts,
        facts_by_model=dict(facts_by_model),
        price_points=fetch_dicts(con, "publish/price_points"),
        sources=fetch_dicts(con, "publish/sources"),
        spans=sorted(spans.values(), key=lambda r: (r["source"], r["span_start"])),
        reviews=reviews,
    )
