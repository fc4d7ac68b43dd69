"""The reconciliation as one function over the warehouse: read claims and
reference facts as statements (sql/reconcile/), find and explain conflicts,
decide every fact, and write conflicts, reconciled facts, the fact timeline
and source reliability in one transaction."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from pipeline.reconcile import dependence as dep
from pipeline.reconcile import incremental
from pipeline.reconcile.conflicts import Conflict, ConflictFinder, conflict_id
from pipeline.reconcile.reviews import Applied, resolve
from pipeline.records import Review
from pipeline.reconcile.statements import read_statements, statement
from pipeline.records import Statement
from pipeline.reconcile.truth import Verdict, build_facts, decide, truth_finder
from pipeline.store.sqlfiles import fetch_dicts, run_sql, run_sql_with_frames


@dataclass(frozen=True)
class Vocab:
    """What reconciliation needs from the vocabulary, passed in so that
    reconcile() stays pure: the task slugs (scores named by a task word) and
    model ids to fold into another (`deepseek-chat` -> `deepseek-v3`), empty
    unless a caller folds: the extractor's ids are canonical already."""

    task_slugs: frozenset[str] = frozenset()
    model_ids: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_vocabulary(cls, vocabulary) -> "Vocab":
        return cls(frozenset(vocabulary.tasks), {})

    def canonical(self, model: str) -> str:
        return model if model in self.model_ids.values() else self.model_ids.get(model, model)


@dataclass
class Outcome:
    conflicts: list[Conflict]
    verdicts: list[Verdict]
    trust: dict[str, float]
    iterations: int
    dependence: list = field(default_factory=list)
    stale_reviews: set[str] = field(default_factory=set)
    applied: Applied | None = None
    by_explanation: dict[str, int] = field(default_factory=dict)  # conflicts per explanation kind


def load_references(con: duckdb.DuckDBPyConnection) -> list[Statement]:
    return [statement(  # its interval set once (with_interval's replace() cost as much again per reference)
        id=r["ref_id"], model=r["model"], metric=r["metric"], tier=r["tier"], setting=r["setting"],
        unit=r["unit"], value=r["value"], value_high=None, value_text=r["value_text"],
        snapshot=r["snapshot"], ref_source=r["ref_source"], valid_from=r["valid_from"],
        valid_to=r["valid_to"], citation=r["citation"],
    ) for r in fetch_dicts(con, "reconcile/reference_statements")]


def load_statements(con: duckdb.DuckDBPyConnection) -> tuple[list[Statement], list[Statement]]:
    """Every claim and reference fact at once (the in-memory path; run() reads claims in batches: batched.py)."""
    return read_statements(con, "reconcile/statements", {"raw_models": None, "docs": None}), load_references(con)


def load_reviews(con: duckdb.DuckDBPyConnection) -> list[Review]:
    return [Review(review_id=r["review_id"], target=r["target"], decision=r["decision"],
                   value=r["value"] if r["value"] is not None else r["value_text"], note=r["note"],
                   reviewer=r["reviewer"], decided_at=r["decided_at"])
            for r in fetch_dicts(con, "reconcile/reviews")]


def reconcile(claims: list[Statement], references: list[Statement], vocab: Vocab | None = None,
              reviews: list[Review] = ()) -> Outcome:
    """Pure: statements, vocabulary and the reviewer's decisions in; conflicts,
    verdicts, source trust and source dependence out."""
    vocab = vocab or Vocab()
    claims = [c if vocab.canonical(c.model) == c.model else replace(c, model=vocab.canonical(c.model))
              for c in claims]
    facts = build_facts(claims, references)
    fact_of_claim = {c.id: f.key for f in facts for c in f.claims}
    fact_of_conflict = {conflict_id(f.key, [c.id for c in f.claims]): f.key for f in facts}
    claim_values = {c.id: c.value for c in claims}
    applied = resolve(list(reviews), fact_of_claim, fact_of_conflict, claim_values)
    # truth discovery once to learn accuracies and chosen values, then again discounting copies
    trust, iterations = truth_finder(facts, rejected=applied.rejected)
    first = [decide(f, iterations, rejected=applied.rejected) for f in facts]
    stated, popularity = dep.observations([c for c in claims if c.id not in applied.rejected])
    chosen = {v.fact.key: dep.value_of(v.winner) for v in first}
    sources = {c.doc_id: c.source for c in claims}
    dependence = dep.estimate(stated, chosen, dep.accuracy(stated, chosen), popularity, sources)
    trust, iterations = truth_finder(facts, dep.pair_probabilities(dependence), applied.rejected, order=trust)
    verdicts = []
    for f in facts:
        accepted = applied.accepted.get(f.key)
        verdicts.append(decide(f, iterations, accepted.value if accepted else None, applied.rejected))
    # published dependence: re-estimated against the final values (one more ACCU round)
    final = {v.fact.key: dep.value_of(v.winner) for v in verdicts}
    dependence = dep.estimate(stated, final, dep.accuracy(stated, final), popularity, sources)
    conflicts = ConflictFinder(claims, references, vocab.task_slugs).find(verdicts, applied.rejected)
    verdicts = settle(conflicts, verdicts, applied)
    kinds = dict(Counter(c.explanation_kind for c in conflicts))
    return Outcome(conflicts, verdicts, trust, iterations, dependence, applied.stale, applied, kinds)


def settle(conflicts: list[Conflict], verdicts: list[Verdict], applied: Applied) -> list[Verdict]:
    """The verdicts as the conflicts leave them, and the reviewer's decisions shown on the conflicts."""
    # a dispute is what the conflicts say it is: a fact truth discovery could not settle but whose
    # values are no conflict (two direction-less prices of one model: its input and output) is resolved
    in_conflict = {c.fact_key for c in conflicts}
    verdicts = [replace(v, status="resolved", method=v.method + " + values not in conflict")
                if v.status == "disputed" and v.fact.key not in in_conflict else v for v in verdicts]
    for c in conflicts:
        decisions = applied.by_target.get(c.conflict_id, []) + \
            [r for claim in c.claims for r in applied.by_target.get(claim.id, [])]
        if decisions:
            c.review = "; ".join(f"{r.decision}{'' if r.value is None else ' ' + format(r.value, 'g')}"
                                 f"{' (' + r.note + ')' if r.note else ''}" for r in decisions)
        c.dismissed = c.fact_key in applied.dismissed
    return verdicts


def _fact_rows(outcome: Outcome) -> tuple[list[dict], list[dict]]:
    return fact_rows(outcome.conflicts, outcome.verdicts)


def fact_rows(conflicts: list[Conflict], verdicts: list[Verdict]) -> tuple[list[dict], list[dict]]:
    """The reconciled_facts and fact_timeline rows of these verdicts (their conflicts explain them)."""
    explanations: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        explanations[c.fact_key].append(f"{c.explanation_kind}: {c.explanation}")
    facts, timeline = [], []
    for v in verdicts:
        first = v.fact.claims[0]
        w = v.winner
        facts.append({
            "fact_key": v.fact.key, "model": first.model, "metric": first.metric, "tier": first.tier,
            "setting": first.setting, "unit": first.unit, "value": w.value, "value_high": w.value_high,
            "value_text": w.value_text, "status": v.status, "confidence": v.confidence, "method": v.method,
            "supporting_claim_ids": [c.id for c in v.supporting], "dissenting_claim_ids": [c.id for c in v.dissenting],
            "reference_value": v.reference.value if v.reference else None,
            "reference_text": v.reference.shown() if v.reference else None, "as_of": v.as_of,
            "explanation": " | ".join(explanations.get(v.fact.key, [])) or None, "currency": first.currency,
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
        "new_conflict_values": pd.DataFrame([r for c in outcome.conflicts for r in c.value_rows()],
                                            columns=_columns(con, "conflict_values")),
        "new_source_dependence": pd.DataFrame([d.row() for d in outcome.dependence],
                                              columns=_columns(con, "source_dependence")),
        "stale_reviews": pd.DataFrame({"review_id": sorted(outcome.stale_reviews)}, dtype="object"),
        "new_reconciled_facts": pd.DataFrame(facts, columns=_columns(con, "reconciled_facts")),
        "new_fact_timeline": pd.DataFrame(timeline, columns=_columns(con, "fact_timeline")),
        "new_source_reliability": pd.DataFrame(_reliability_rows(outcome, claims),
                                               columns=_columns(con, "source_reliability")),
    }
    run_sql_with_frames(con, "reconcile/replace_results", frames)
    run_sql(con, "reconcile/facts_as_of")
    return {name.removeprefix("new_"): len(frame) for name, frame in frames.items()}


def run(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> tuple[Outcome, dict[str, int]]:
    """Read, reconcile, write (always): what the tests call; records the inputs' fingerprint."""
    fingerprint = incremental.inputs_fingerprint(con, vocab)
    from pipeline.reconcile import partial
    from pipeline.reconcile.batched import run_batched
    partial.forget(con)
    if vocab.model_ids:  # folded names merge models across batches: the whole corpus at once
        claims, references = load_statements(con)
        outcome = reconcile(claims, references, vocab, load_reviews(con))
        counts = write_outcome(con, outcome, claims)
    else:
        outcome, counts, doc_facts = run_batched(con, vocab)
        partial.record_full(con, vocab, doc_facts, outcome.iterations)
    incremental.record(con, fingerprint, outcome.stale_reviews)
    return outcome, counts


def run_if_changed(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> tuple[Outcome | None, dict[str, int]]:
    """What the asset calls: nothing to do (None) when the inputs are those the
    stored results were computed from (pipeline/reconcile/incremental.py); only
    the facts some changed documents touch when nothing else changed
    (pipeline/reconcile/partial.py); else run()."""
    fingerprint = incremental.inputs_fingerprint(con, vocab)
    if incremental.stored_fingerprint(con) == fingerprint:
        incremental.keep(con)
        return None, {}
    from pipeline.reconcile.partial import run_partial
    done = run_partial(con, vocab)
    if done is None:  # more than some documents' claims changed
        return run(con, vocab)
    incremental.record(con, fingerprint, done[0].stale_reviews)
    return done


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {table}").fetchall()]
