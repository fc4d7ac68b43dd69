"""The reconciliation as one function over the warehouse: read claims and
reference facts as statements (sql/reconcile/), find and explain conflicts,
decide every fact, and write conflicts, reconciled facts, the fact timeline
and source reliability in one transaction."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb
import pandas as pd

from pipeline.reconcile.conflicts import Conflict, ConflictFinder
from pipeline.reconcile.statements import Statement
from pipeline.reconcile.truth import Verdict, build_facts, decide, truth_finder
from pipeline.store.sqlfiles import fetch_dicts, run_sql, run_sql_with_frames
from pipeline.vocabulary import vocabulary


@dataclass
class Outcome:
    conflicts: list[Conflict]
    verdicts: list[Verdict]
    trust: dict[str, float]
    iterations: int


def load_statements(con: duckdb.DuckDBPyConnection) -> tuple[list[Statement], list[Statement]]:
    claims = [Statement(
        id=r["claim_id"], model=r["model"], metric=r["metric"], tier=r["tier"], setting=r["setting"],
        unit=r["unit"], value=r["value"], value_high=r["value_high"], value_text=r["value_text"],
        lo=r["lo"], hi=r["hi"], doc_id=r["doc_id"], source=r["source"], snapshot=r["snapshot"],
        approx=r["approx"], hedged=r["hedged"], bound=r["bound"],
        asserted=r["as_of"] or r["published_at"], quote=r["quote"],
    ) for r in fetch_dicts(con, "reconcile/statements")]
    references = [Statement(
        id=r["ref_id"], model=r["model"], metric=r["metric"], tier=r["tier"], setting=r["setting"],
        unit=r["unit"], value=r["value"], value_high=None, value_text=r["value_text"], lo=r["lo"], hi=r["hi"],
        snapshot=r["snapshot"], ref_source=r["ref_source"], valid_from=r["valid_from"],
        valid_to=r["valid_to"], citation=r["citation"],
    ) for r in fetch_dicts(con, "reconcile/reference_statements")]
    return claims, references


def reconcile(claims: list[Statement], references: list[Statement]) -> Outcome:
    """Pure: statements in, conflicts and verdicts out."""
    doc_models: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        doc_models[c.doc_id].add(c.model)
    conflicts = ConflictFinder(claims, references, doc_models, frozenset(vocabulary().tasks)).find()
    facts = build_facts(claims, references)
    trust, iterations = truth_finder(facts)
    verdicts = [decide(f, iterations) for f in facts]
    return Outcome(conflicts, verdicts, trust, iterations)


def _fact_rows(outcome: Outcome) -> tuple[list[dict], list[dict]]:
    explanations: dict[tuple, list[str]] = defaultdict(list)
    for c in outcome.conflicts:
        explanations[(c.model, c.metric, c.tier, c.setting)].append(f"{c.explanation_kind}: {c.explanation}")
    facts, timeline = [], []
    for v in outcome.verdicts:
        first = v.fact.claims[0]
        w = v.winner
        facts.append({
            "fact_key": v.fact.key, "model": first.model, "metric": first.metric, "tier": first.tier,
            "setting": first.setting, "unit": first.unit, "value": w.value, "value_high": w.value_high,
            "value_text": w.value_text, "status": v.status, "confidence": v.confidence, "method": v.method,
            "supporting_claim_ids": [c.id for c in v.supporting], "dissenting_claim_ids": [c.id for c in v.dissenting],
            "reference_value": v.reference.value if v.reference else None,
            "reference_text": v.reference.shown() if v.reference else None, "as_of": v.as_of,
            "explanation": " | ".join(explanations.get((first.model, first.metric, first.tier, first.setting), [])) or None,
        })
        for cand in v.fact.candidates:
            timeline.append({
                "fact_key": v.fact.key, "model": first.model, "metric": first.metric, "tier": first.tier,
                "setting": first.setting, "value": cand.value.value, "value_high": cand.value.value_high,
                "value_text": cand.value.value_text, "valid_from": cand.period_start, "valid_to": None,
                "origin": "claim", "weight": cand.confidence, "claim_ids": [c.id for c in cand.claims],
                "basis": f"{len(cand.claims)} claim(s), {len(cand.references)} agreeing reference fact(s)",
            })
        for ref in v.fact.references:
            if ref.valid_from and ref.metric == first.metric:
                timeline.append({
                    "fact_key": v.fact.key, "model": first.model, "metric": first.metric, "tier": first.tier,
                    "setting": first.setting, "value": ref.value, "value_high": None, "value_text": ref.value_text,
                    "valid_from": ref.valid_from, "valid_to": ref.valid_to, "origin": "reference", "weight": 1.0,
                    "claim_ids": [],
                    "basis": f"{ref.ref_source}: {ref.citation}",
                })
    return facts, timeline


def _reliability_rows(outcome: Outcome, claims: list[Statement]) -> list[dict]:
    agreeing = {c.id for v in outcome.verdicts for c in v.supporting}
    rows = {}
    for c in claims:
        row = rows.setdefault(c.doc_id, {"doc_id": c.doc_id, "source": c.source,
                                          "score": round(outcome.trust.get(c.doc_id, 0.0), 4),
                                          "n_claims": 0, "n_agreeing": 0, "n_disagreeing": 0})
        row["n_claims"] += 1
        row["n_agreeing" if c.id in agreeing else "n_disagreeing"] += 1
    return list(rows.values())


def write_outcome(con: duckdb.DuckDBPyConnection, outcome: Outcome, claims: list[Statement]) -> dict[str, int]:
    facts, timeline = _fact_rows(outcome)
    frames = {
        "new_conflicts": pd.DataFrame([c.row() for c in outcome.conflicts], columns=_columns(con, "conflicts")),
        "new_reconciled_facts": pd.DataFrame(facts, columns=_columns(con, "reconciled_facts")),
        "new_fact_timeline": pd.DataFrame(timeline, columns=_columns(con, "fact_timeline")),
        "new_source_reliability": pd.DataFrame(_reliability_rows(outcome, claims),
                                               columns=_columns(con, "source_reliability")),
    }
    run_sql_with_frames(con, "reconcile/replace_results", frames)
    run_sql(con, "reconcile/facts_as_of")
    return {name.removeprefix("new_"): len(frame) for name, frame in frames.items()}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {table}").fetchall()]
