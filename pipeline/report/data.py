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
    warnings: list[str] = field(default_factory=list)  # what the data held that the report had to work around
    reviews: list[dict] = field(default_factory=list)


def _source_link(row: dict) -> str:
    if row["source_kind"] == "url":
        return row["location"]
    return Path(row["location"]).as_posix()


def read_report_data(con: duckdb.DuckDBPyConnection, sources_dir: Path) -> ReportData:
    """Never fails on what the tables hold: a repeated conflict is shown once,
    a conflict whose claims are gone, a span outside its text or a missing
    text are shown as far as they can be, and each becomes a warning."""
    warnings: list[str] = []
    conflicts, seen = [], set()
    for conflict in fetch_dicts(con, "publish/conflicts_with_verdicts"):
        if conflict["conflict_id"] in seen:
            warnings.append(f"conflict {conflict['conflict_id']} appears more than once; shown once")
            continue
        seen.add(conflict["conflict_id"])
        conflicts.append(conflict)
    members: dict[str, list[dict]] = defaultdict(list)
    spans = {}
    for row in fetch_dicts(con, "publish/conflict_claims"):
        text = row.pop("document_text") or ""
        start, end = row["span_start"] or 0, row["span_end"] or 0
        if not 0 <= start <= end <= len(text):
            warnings.append(f"claim {row['claim_id']}: span {start}-{end} lies outside its document's text")
        row["quote"] = row["quote"] or ""
        row["before"] = text[max(0, start - CONTEXT_CHARS):start]
        row["after"] = text[end:end + CONTEXT_CHARS]
        row["href"] = (f"{row['location']}#:~:text={row['quote'][:80]}" if row["source_kind"] == "url"
                       else (sources_dir / row["location"]).resolve().as_uri())
        if any(m["claim_id"] == row["claim_id"] for m in members[row["conflict_id"]]):
            continue  # the same claim twice in one conflict: once is enough
        members[row["conflict_id"]].append(row)
        spans[row["claim_id"]] = row
    values: dict[str, list[dict]] = defaultdict(list)
    for value in fetch_dicts(con, "publish/conflict_values"):
        value["members"] = [spans[c] for c in (value["claim_ids"] or []) if c in spans]
        values[value["conflict_id"]].append(value)
    reviews = fetch_dicts(con, "publish/reviews")
    for conflict in conflicts:
        conflict["members"] = members.get(conflict["conflict_id"], [])
        conflict["values"] = values.get(conflict["conflict_id"], [])
        targets = {conflict["conflict_id"], *(conflict["claim_ids"] or [])}
        conflict["decisions"] = [r for r in reviews if r["target"] in targets]
        if not conflict["members"]:
            warnings.append(f"conflict {conflict['conflict_id']} refers to claims the warehouse does not hold")
    facts_by_model: dict[str, list[dict]] = defaultdict(list)
    for fact in fetch_dicts(con, "publish/reconciled_by_model"):
        facts_by_model[fact["model"]].append(fact)
    summary = (fetch_dicts(con, "publish/summary") or [{}])[0]
    return ReportData(
        summary=defaultdict(int, {k: v or 0 for k, v in summary.items()}),
        conflicts=conflicts,
        facts_by_model=dict(facts_by_model),
        price_points=[p for p in fetch_dicts(con, "publish/price_points") if p["value"] is not None],
        sources=fetch_dicts(con, "publish/sources"),
        spans=sorted(spans.values(), key=lambda r: (r["source"], r["span_start"] or 0)),
        reviews=reviews,
        warnings=warnings,
    )
