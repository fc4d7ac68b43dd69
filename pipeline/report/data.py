"""Everything the report shows, read once from the warehouse (read-only)."""
from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from pipeline.report.units import figure
from pipeline.store.sqlfiles import fetch_dicts

CONTEXT_CHARS = 160
HEADER_REACH = 4000  # characters before a quote searched for its table's header row
MEMBERS_SHOWN = 12  # claims quoted per value on a card; the others are counted
DOCUMENT_BATCH = 200  # full-document pages read and written at a time
SEVERITIES = ("high", "medium", "low")


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
    documents: list[dict] = field(default_factory=list)  # each with its text and claims, for reports/docs/
    validations: list[dict] = field(default_factory=list)  # the latest GX result of each expectation


def doc_page(doc_id: str) -> str:
    """The full-document page of a document, relative to the reports folder."""
    return "docs/" + re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id) + ".html"


@lru_cache(maxsize=65536)  # once per document, not per claim shown: resolving a path is a system call per part
def original_link(location: str, kind: str, sources_dir: Path, reports_dir: Path | None) -> str:
    """A URL as it is; a file relative to the reports folder (never an absolute file:// path)."""
    if kind == "url":
        return location
    target = (sources_dir / location).resolve()
    if reports_dir is None:
        return Path(location).as_posix()
    return Path(os.path.relpath(target, reports_dir.resolve())).as_posix()


def table_header(text: str, start: int) -> str | None:
    """The header row of the markdown table a quote at `start` sits in (None outside a table)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if not line.lstrip().startswith("|"):
        return None
    header = None
    position = line_start
    while position > 0:
        previous_start = text.rfind("\n", 0, position - 1) + 1
        previous = text[previous_start:position - 1]
        if not previous.lstrip().startswith("|"):
            break
        header, position = previous, previous_start
    if header is None or header.strip() == line.strip():
        return None
    return header.strip()


def claim_figure(row: dict) -> str:
    return figure(row.get("value"), row.get("value_high"), unit=row.get("unit"), metric=row.get("metric"),
                  bound=row.get("bound"), approx=bool(row.get("approx")), currency=row.get("currency"),
                  value_text=row.get("value_text"))


def read_report_data(con: duckdb.DuckDBPyConnection, sources_dir: Path, reports_dir: Path | None = None, *,
                     models: list[str] | None = None, conflicts: bool = True, documents: bool = True,
                     facts: bool = True) -> ReportData:
    """Never fails on what the tables hold: a repeated conflict is shown once,
    a conflict whose claims are gone, a span outside its text or a missing
    text are shown as far as they can be, and each becomes a warning. With
    `models`, only those models' conflicts and facts (a batch of model pages);
    without `conflicts` or `documents`, the summary alone. Texts are cut in
    SQL: no document's whole text is read here unless `documents` asks for
    the full-document pages."""
    params = {"models": models, "members": MEMBERS_SHOWN, "context": CONTEXT_CHARS, "reach": HEADER_REACH}
    warnings: list[str] = []
    reviews = fetch_dicts(con, "publish/reviews")
    found = _conflicts(con, params, sources_dir, reports_dir, reviews, warnings) if conflicts else ([], {})
    head = models is None
    summary = (fetch_dicts(con, "publish/summary") or [{}])[0] if head else {}
    return ReportData(
        summary=defaultdict(int, {k: v or 0 for k, v in summary.items()}),
        conflicts=found[0],
        facts_by_model=_facts(con, params) if facts else {},
        price_points=[p for p in fetch_dicts(con, "publish/price_points") if p["value"] is not None] if head else [],
        sources=fetch_dicts(con, "publish/sources") if head else [],
        spans=sorted(found[1].values(), key=lambda r: (r["source"], r["span_start"] or 0)),
        reviews=reviews,
        warnings=warnings,
        documents=_documents(con, sources_dir, reports_dir) if documents else [],
        validations=fetch_dicts(con, "publish/validation_summary") if head else [],
    )


def _conflicts(con, params: dict, sources_dir: Path, reports_dir: Path | None, reviews: list[dict],
               warnings: list[str]) -> tuple[list[dict], dict]:
    conflicts, seen = [], set()
    for conflict in fetch_dicts(con, "publish/conflicts_with_verdicts", params):
        if conflict["conflict_id"] in seen:
            warnings.append(f"conflict {conflict['conflict_id']} appears more than once; shown once")
            continue
        seen.add(conflict["conflict_id"])
        conflicts.append(conflict)
    members: dict[str, list[dict]] = defaultdict(list)
    spans, shown = {}, set()
    for row in fetch_dicts(con, "publish/conflict_claims", params):
        member = _member(row, sources_dir, reports_dir, warnings)
        if (member["conflict_id"], member["claim_id"]) in shown:
            continue  # the same claim twice in one conflict: once is enough
        shown.add((member["conflict_id"], member["claim_id"]))
        members[member["conflict_id"]].append(member)
        spans[member["claim_id"]] = member
    values = _values(con, params, spans)
    for conflict in conflicts:
        _decorate(conflict, members.get(conflict["conflict_id"], []), values.get(conflict["conflict_id"], []),
                  reviews, warnings)
    return conflicts, spans


def _member(row: dict, sources_dir: Path, reports_dir: Path | None, warnings: list[str]) -> dict:
    """A claim on a card, from the pieces of text SQL cut around its span."""
    start, end = row["span_start"] or 0, row["span_end"] or 0
    if not 0 <= start <= end <= (row.pop("text_length") or 0):
        warnings.append(f"claim {row['claim_id']}: span {start}-{end} lies outside its document's text")
    lines_before, line_rest = row.pop("lines_before") or "", row.pop("line_rest") or ""
    row["quote"] = row["quote"] or ""
    row["before"], row["after"] = row["before"] or "", row["after"] or ""
    row["table_header"] = table_header(lines_before + line_rest, len(lines_before))
    row["figure"] = claim_figure(row)
    row["original"] = original_link(row["location"], row["source_kind"], sources_dir, reports_dir)
    row["href"] = f"{doc_page(row['doc_id'])}#claim-{row['claim_id']}"
    return row


def _values(con, params: dict, spans: dict) -> dict[str, list[dict]]:
    values: dict[str, list[dict]] = defaultdict(list)
    for value in fetch_dicts(con, "publish/conflict_values", params):
        rejected = set(value["rejected_claim_ids"] or [])
        value["members"] = []
        for claim_id in value["claim_ids"] or []:  # a value's claims grow with the corpus; 12 are shown
            if len(value["members"]) == MEMBERS_SHOWN:
                break
            if claim_id in spans:
                label = ("rejected by review" if claim_id in rejected
                         else "supports" if value["chosen"] else "dissents")
                value["members"].append({**spans[claim_id], "verdict": label})
        value["n_claims"] = value["n_claims"] or 0
        value["more_claims"] = max(0, value["n_claims"] - MEMBERS_SHOWN)
        first = value["members"][0] if value["members"] else {}
        value["figure"] = figure(value["value"], value["value_high"], unit=first.get("unit"),
                                 metric=first.get("metric"), bound=first.get("bound"),
                                 approx=bool(first.get("approx")), currency=first.get("currency"),
                                 value_text=value["value_text"] if value["value"] is None else None) \
            if value["value"] is not None or value["value_text"] is not None else value["shown"]
        values[value["conflict_id"]].append(value)
    return values


def _decorate(conflict: dict, members: list[dict], values: list[dict], reviews: list[dict],
              warnings: list[str]) -> None:
    conflict["members"] = members
    conflict["values"] = values
    targets = {conflict["conflict_id"], *(conflict["claim_ids"] or [])}
    conflict["decisions"] = [r for r in reviews if r["target"] in targets]
    first = members[0] if members else {}
    conflict["unit"] = first.get("unit") or conflict.get("verdict_unit")
    conflict["reference_figure"] = (
        figure(conflict["reference_value"], unit=conflict["unit"], metric=conflict["metric"],
               currency=conflict.get("currency")) if conflict["reference_value"] is not None
        else conflict["reference_text"])
    conflict["verdict_figure"] = (
        figure(conflict["verdict_number"], conflict["verdict_high"], unit=conflict["verdict_unit"],
               metric=conflict["metric"], currency=conflict.get("currency"))
        if conflict.get("verdict_number") is not None else conflict["verdict_value"])
    conflict["search"] = " ".join(str(x) for x in (
        conflict["model"], conflict["metric"], conflict["tier"], conflict["setting"] or "", conflict["kind"],
        conflict["severity"], conflict["explanation_kind"], conflict["explanation"],
        *(m["source"] for m in members), *(m["quote"] for m in members))).lower()
    if not members:
        warnings.append(f"conflict {conflict['conflict_id']} refers to claims the warehouse does not hold")


def _facts(con, params: dict) -> dict[str, list[dict]]:
    facts_by_model: dict[str, list[dict]] = defaultdict(list)
    for fact in fetch_dicts(con, "publish/reconciled_by_model", params):
        if fact["value_number"] is not None:
            fact["figure"] = figure(fact["value_number"], fact["value_high"], unit=fact["unit"], metric=fact["metric"],
                                    currency=fact.get("currency"))
        else:
            fact["figure"] = fact["value"] or ""
        if fact["reference_value"] is not None:
            fact["reference"] = figure(fact["reference_value"], unit=fact["unit"], metric=fact["metric"],
                                       currency=fact.get("currency"))
        facts_by_model[fact["model"]].append(fact)
    return dict(facts_by_model)


def _documents(con, sources_dir: Path, reports_dir: Path | None, doc_ids: list[str] | None = None) -> list[dict]:
    """The documents `doc_ids` (None: every document holding a claim in conflict) with their texts and claims."""
    claims: dict[str, list[dict]] = defaultdict(list)
    if doc_ids is None:
        doc_ids = [d["doc_id"] for d in fetch_dicts(con, "publish/documents_in_conflict")]
    for row in fetch_dicts(con, "publish/document_claims", {"doc_ids": doc_ids}):
        row["figure"] = claim_figure(row)
        claims[row["doc_id"]].append(row)
    documents = fetch_dicts(con, "publish/documents_in_view", {"doc_ids": doc_ids})
    for document in documents:
        document["page"] = doc_page(document["doc_id"])
        link = original_link(document["location"], document["kind"], sources_dir, reports_dir)
        document["original"] = link if document["kind"] == "url" else "../" + link
        document["claims"] = claims.get(document["doc_id"], [])
        document["pieces"] = highlight_pieces(document["text"] or "", document["claims"])
    return documents


def documents_in_batches(con, sources_dir: Path, reports_dir: Path | None, ids: list[str],
                         size: int = DOCUMENT_BATCH):
    """The full-document pages' data of `ids`, `size` documents at a time (their texts are never all in memory)."""
    for start in range(0, len(ids), size):
        yield _documents(con, sources_dir, reports_dir, ids[start:start + size])


def highlight_pieces(text: str, claims: list[dict]) -> list[dict]:
    """The text cut into pieces in order, each with the claims covering it and
    the claims that start there (their anchor), so each claim's span is marked
    in place; overlapping spans share the piece they overlap."""
    placed = [c for c in claims if 0 <= (c["span_start"] or 0) < (c["span_end"] or 0) <= len(text)]
    cuts = sorted({0, len(text), *(c["span_start"] for c in placed), *(c["span_end"] for c in placed)})
    starting: dict[int, list[dict]] = defaultdict(list)
    for c in placed:  # in the claims' order, as the pieces list them
        starting[c["span_start"]].append(c)
    order = {id(c): n for n, c in enumerate(placed)}
    pieces, open_claims = [], []
    for a, b in zip(cuts, cuts[1:]):  # one sweep: the claims covering a piece are those open at its start
        open_claims = [c for c in open_claims if c["span_end"] > a]
        if starting[a]:
            open_claims = sorted(open_claims + starting[a], key=lambda c: order[id(c)])
        pieces.append({"text": text[a:b], "claims": list(open_claims), "starts": list(starting[a])})
    return pieces
