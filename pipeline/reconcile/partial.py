"""Reconciliation of what changed: when only some documents' claims changed
(reference facts, reviews, the vocabulary and the code did not), only the
facts those documents' claims belong to (before and after the change) are
decided again, and only their rows are replaced.

The approximation: source trust (source_reliability.score), source
dependence (source_dependence) and the iteration count the verdicts name
are held at their stored values; a document new to the warehouse counts
with truth discovery's initial trust. A full run would re-learn them from
every claim: one changed article moves them little, and the next full run
(any change to references, reviews, vocabulary or code, or more than
MAX_CHANGED_SHARE of the claims changed) re-learns them. The explanations of
facts not recomputed are kept even when they consulted a changed claim of
the same model. The stored basis (per-document claim digests and the facts
each document's claims belong to) is bookkeeping, outside the published
schema (bookkeeping.reconcile_documents, bookkeeping.reconcile_basis).
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from pipeline.reconcile import incremental, truth_arrays
from pipeline.reconcile.batched import model_batches
from pipeline.reconcile.partial_context import Context, finder, registered, scope
from pipeline.reconcile.reviews import Applied
from pipeline.reconcile.run import Outcome, Vocab, fact_rows, load_references, settle
from pipeline.reconcile.statements import read_statements
from pipeline.reconcile.truth import DAMPING, INITIAL_TRUST, SIMILARITY_WEIGHT, Fact, build_facts, decide
from pipeline.records import Statement
from pipeline.store.sqlfiles import fetch_dicts, run_sql, run_sql_with_frames, transaction

MAX_CHANGED_SHARE = 0.10
"""Above this share of the claims changed (old and new counted), a full run:
the stored trust no longer stands for the corpus, and recomputing most facts
one by one costs as much as the full run's batches."""

MAX_TOUCHED_SHARE = 0.5
"""Above this share of the claims in the facts to recompute, a full run: the
partial path gathers the recomputed facts' rows before writing them (the full
run writes batch by batch), so when a few documents touch the facts holding
most claims (100 articles added to 10,000), it held more memory than the full
run (2.4 GB against 2.0 GB) for little time saved (152 s against 179 s)."""


def basis(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> str:
    """The fingerprint of everything reconciliation reads but claims."""
    tables = fetch_dicts(con, "reconcile/partial_basis")[0]  # inputs_fingerprint's, without the claims'
    parts = [incremental.code_version(), sorted(vocab.task_slugs), sorted(vocab.model_ids.items()),
             tables["reference_facts"], tables["reviews"]]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def record_full(con: duckdb.DuckDBPyConnection, vocab: Vocab, doc_facts: dict[str, set[str]], iterations: int) -> None:
    """After a full run: every document's digest and facts, and the basis."""
    run_sql(con, "reconcile/documents_state")
    _record_documents(con, None, doc_facts)
    run_sql(con, "reconcile/record_basis", {"basis": basis(con, vocab), "iterations": iterations})


def forget(con: duckdb.DuckDBPyConnection) -> None:
    run_sql(con, "reconcile/documents_state")
    run_sql(con, "reconcile/forget_documents")


def _record_documents(con, docs: list[str] | None, doc_facts: dict[str, set[str]]) -> None:
    digests = {r["doc_id"]: r for r in fetch_dicts(con, "reconcile/document_digests")
               if docs is None or r["doc_id"] in docs}
    run_sql_with_frames(con, "reconcile/record_documents", {"new_documents": _documents_frame(digests, doc_facts)},
                        {"every": docs is None, "docs": docs or []})


def _documents_frame(digests: dict[str, dict], doc_facts: dict[str, set[str]]) -> pd.DataFrame:
    """record_documents.sql's rows: `digests` are document_digests.sql's rows of the documents to record."""
    return pd.DataFrame([{"doc_id": d, "digest": r["digest"], "n_claims": r["n_claims"],
                          "fact_keys": sorted(doc_facts.get(d, ()))} for d, r in digests.items()],
                        columns=["doc_id", "digest", "n_claims", "fact_keys"])


@dataclass
class Plan:
    """What a partial run recomputes."""

    docs: list[str]  # changed documents
    keys: set[str]  # facts their claims belong to, before and after
    models: list[str]
    iterations: int
    old: dict[str, dict]  # the stored rows of those facts
    old_conflicts: list[str]  # the changed documents' related-task conflicts
    digests: dict[str, dict]  # the changed documents' digests now (document_digests.sql's rows)


def plan(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> Plan | None:
    """The changed documents and the facts they touch; None when a full run is due."""
    stored = fetch_dicts(con, "reconcile/documents_state")
    if vocab.model_ids or not stored or stored[0]["basis"] != basis(con, vocab):
        return None
    now = {r["doc_id"]: r for r in fetch_dicts(con, "reconcile/document_digests")}
    before = _stored_documents(con, now)
    docs = sorted(d for d in before.keys() | now.keys()
                  if d not in before or d not in now or before[d]["digest"] != now[d]["digest"])
    changed = sum(before[d]["n_claims"] for d in docs if d in before) + sum(now[d]["n_claims"] for d in docs
                                                                           if d in now)
    if not docs or changed > MAX_CHANGED_SHARE * max(sum(r["n_claims"] for r in now.values()), 1):
        return None
    new = read_statements(con, "reconcile/statements", {"raw_models": None, "docs": docs})
    keys = {c.fact_key for c in new} | {k for d in docs if d in before for k in before[d]["fact_keys"]}
    old = {r["fact_key"]: r for r in fetch_dicts(con, "reconcile/stored_facts", {"keys": sorted(keys)})}
    if _touched_claims(old, new) > MAX_TOUCHED_SHARE * max(sum(r["n_claims"] for r in now.values()), 1):
        return None
    models = sorted({c.model for c in new} | {r["model"] for r in old.values()})
    old_conflicts = [r[0] for r in run_sql(con, "reconcile/related_task_conflicts", {"docs": docs}).fetchall()]
    if _reviewed(con, new, old, old_conflicts):  # a decision on a recomputed fact: its resolution is the full run's
        return None
    return Plan(docs, keys, models, stored[0]["iterations"], old, old_conflicts, {d: now[d] for d in docs if d in now})


def _stored_documents(con: duckdb.DuckDBPyConnection, now: dict[str, dict]) -> dict[str, dict]:
    """The stored basis per document: digest and claim count of every one, the facts (claim lists of ~150 keys
    each: millions of strings at 10,000 articles) of those whose digest differs from `now`'s only."""
    stored = {d: {"digest": digest, "n_claims": n, "fact_keys": []}
              for d, digest, n in run_sql(con, "reconcile/partial_stored_digests").fetchall()}
    changed = sorted(d for d, r in stored.items() if d not in now or now[d]["digest"] != r["digest"])
    for d, keys in run_sql(con, "reconcile/partial_stored_fact_keys", {"docs": changed}).fetchall():
        stored[d]["fact_keys"] = keys
    return stored


def _reviewed(con: duckdb.DuckDBPyConnection, new: list[Statement], old: dict[str, dict],
              old_conflicts: list[str]) -> bool:
    """Whether a reviewer's decision names a recomputed claim or conflict (with no decisions, the claim lists of
    the recomputed facts are not gathered)."""
    if not run_sql(con, "reconcile/partial_reviews").fetchone()[0]:
        return False
    targets = {c.id for c in new} | set(old_conflicts) | {
        x for r in old.values() for x in r["supporting_claim_ids"] + r["dissenting_claim_ids"] + r["conflict_ids"]}
    return con.execute("select count(*) from reviews where list_contains($t, target)",
                       {"t": sorted(targets)}).fetchone()[0] > 0


def _touched_claims(old: dict[str, dict], new: list[Statement]) -> int:
    """About how many claims the facts to recompute hold: their stored claims, and the changed documents' now."""
    return sum(len(r["supporting_claim_ids"]) + len(r["dissenting_claim_ids"]) for r in old.values()) + len(new)


def run_partial(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> tuple[Outcome, dict[str, int]] | None:
    """Recomputes the facts the changed documents touch with trust held fixed, a batch of models at a
    time (batched.batches); None: a full run is due."""
    p = plan(con, vocab)
    if p is None:
        return None
    rows = Rows(con, p)
    batches = model_batches(con, p.models)  # the full run's batches: the same sums in the same order
    every = [m for raw_models in batches for m in raw_models]
    scope(con, every, sorted(p.keys), p.docs)  # keeps the claims to read (partial_rows); what they ask, in SQL
    rows.context = Context.read_kept(con, rows.references, every)
    for raw_models in batches:  # partial_claims.sql's rows of the batch, from the table scope() kept
        claims = read_statements(con, "reconcile/partial_batch", {"raw_models": raw_models})
        if claims:
            rows.add(claims, vocab, raw_models)
    run_sql(con, "reconcile/partial_forget")
    counts = rows.write()
    stale = fetch_dicts(con, "reconcile/state")
    stale_reviews = set(stale[0]["stale_reviews"] or []) if stale else set()
    return Outcome([], [], {}, p.iterations, [], stale_reviews, None, dict(rows.kinds)), counts


def fixed_confidence(facts: list[Fact], trust: dict[str, float],
                     dependence: dict[frozenset, float] | pd.DataFrame | HeldPairs) -> None:
    """Each candidate's confidence from the given trust (one TruthFinder step, no iteration): the
    confidence a full run reaches when its trust is this one. `dependence`: P(copy) by pair, or
    held_pairs' frame (or HeldPairs of it)."""
    graph = truth_arrays.build_graph(facts, {}, frozenset())
    pairs = dependence if isinstance(dependence, dict) else _pair_indexes(graph.docs, dependence)
    graph = truth_arrays.with_dependence(graph, pairs)
    held = np.array([trust.get(d, INITIAL_TRUST) for d in graph.docs])
    confidence, _ = truth_arrays.step(graph, held, DAMPING, SIMILARITY_WEIGHT, held)
    for cand, value in zip(graph.candidates, confidence.tolist()):
        cand.confidence = value


def held_pairs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stored P(copy) > 0 of every pair, in the table's order (read once per run, not per batch and made a
    dict of pairs: at 10,000 articles over half a million pairs)."""
    return run_sql(con, "reconcile/partial_held_pairs").fetchdf()


@dataclass
class HeldPairs:
    """held_pairs' frame with its documents made codes once (at 10,000 articles over half a million pairs: looked
    up by name again for every batch, they cost the batches times the pairs)."""

    a: np.ndarray
    b: np.ndarray
    names: pd.Index
    probability: np.ndarray

    @classmethod
    def of(cls, pairs: pd.DataFrame) -> "HeldPairs":
        codes, names = pd.factorize(pd.concat([pairs["doc_a"], pairs["doc_b"]], ignore_index=True))
        codes = codes.astype(np.int64)
        return cls(codes[:len(pairs)], codes[len(pairs):], pd.Index(names), pairs["probability"].to_numpy(np.float64))


def _pair_indexes(docs: list[str], pairs: pd.DataFrame | HeldPairs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs both of whose documents vote (as indexes into `docs`), in the frame's order: the arrays
    truth_arrays makes of a dict of the same pairs."""
    held = pairs if isinstance(pairs, HeldPairs) else HeldPairs.of(pairs)
    place = np.full(len(held.names) + 1, -1, dtype=np.int64)  # a code's index in `docs` (the last: no code)
    found = held.names.get_indexer(docs)
    place[np.where(found >= 0, found, len(held.names))] = np.arange(len(docs))
    place[-1] = -1
    a, b = place[held.a], place[held.b]
    both = (a >= 0) & (b >= 0) & (a != b)
    return a[both], b[both], held.probability[both]


class Rows:
    """The recomputed facts' rows, gathered batch by batch (statements are dropped after each), and the
    changed documents' reliability rows and the others' agreeing deltas."""

    def __init__(self, con: duckdb.DuckDBPyConnection, p: Plan):
        self.con, self.p = con, p
        self.references = load_references(con)
        self.trust = dict(con.execute("select doc_id, score from source_reliability").fetchall())
        self.pairs = HeldPairs.of(held_pairs(con))
        self.context: Context | None = None  # what the explanations consult, for every batch (run_partial)
        self.before = {x for r in p.old.values() for x in r["supporting_claim_ids"]}
        self.tables: dict[str, list[dict]] = defaultdict(list)
        self.reliability: dict[str, dict] = {}
        self.deltas: dict[str, int] = defaultdict(int)
        self.doc_facts: dict[str, set[str]] = defaultdict(set)
        self.kinds: dict[str, int] = defaultdict(int)

    def add(self, claims: list[Statement], vocab: Vocab, raw_models: list[str]) -> None:
        """`claims`: partial_claims.sql's (the recomputed facts', the directed prices beside them, the changed
        documents'); what else the explanations consult is read narrowly (partial_context.py)."""
        facts = build_facts([c for c in claims if c.fact_key in self.p.keys], self.references)
        fixed_confidence(facts, self.trust, self.pairs)
        verdicts = [decide(f, self.p.iterations) for f in facts]
        changed = set(self.p.docs)
        finding = finder(self.con, claims, self.references, vocab.task_slugs, raw_models, self.context)
        finding.related_docs = changed  # a related-task conflict is one document's: the changed ones' are kept
        found = finding.find(verdicts)
        conflicts = [c for c in found if c.fact_key in self.p.keys
                     or (" vs " in c.metric and {x.doc_id for x in c.claims} <= changed)]
        verdicts = settle(conflicts, verdicts, Applied())
        facts_rows, timeline = fact_rows(conflicts, verdicts)
        self.tables["conflicts"] += [c.row() for c in conflicts]
        self.tables["conflict_values"] += [r for c in conflicts for r in c.value_rows()]
        self.tables["reconciled_facts"] += facts_rows
        self.tables["fact_timeline"] += timeline
        for c in conflicts:
            self.kinds[c.explanation_kind] += 1
        self._count(claims, {c.id for v in verdicts for c in v.supporting}, changed)

    def _count(self, claims: list[Statement], agreeing: set[str], changed: set[str]) -> None:
        """The changed documents' rows counted afresh (their trust held, a new one's the initial); the
        other documents' agreeing counts moved by what changed in the recomputed facts."""
        for c in claims:
            if c.doc_id in changed:
                row = self.reliability.setdefault(c.doc_id, {
                    "doc_id": c.doc_id, "source": c.source, "n_claims": 0, "n_agreeing": 0, "n_disagreeing": 0,
                    "score": round(self.trust.get(c.doc_id, INITIAL_TRUST), 4)})
                row["n_claims"] += 1
                row["n_agreeing" if c.id in agreeing else "n_disagreeing"] += 1
                self.doc_facts[c.doc_id].add(c.fact_key)
            elif c.id in agreeing or c.id in self.before:
                self.deltas[c.doc_id] += (c.id in agreeing) - (c.id in self.before)

    def write(self) -> dict[str, int]:
        con, p = self.con, self.p
        self.tables["source_reliability"] = list(self.reliability.values())
        frames = {f"new_{t}": pd.DataFrame(rows, columns=[r[0] for r in con.execute(f"describe {t}").fetchall()])
                  for t, rows in self.tables.items()}
        for t in ("conflicts", "conflict_values", "reconciled_facts", "fact_timeline"):
            frames.setdefault(f"new_{t}", pd.DataFrame(columns=[r[0] for r in con.execute(f"describe {t}").fetchall()]))
        frames["agreeing_deltas"] = pd.DataFrame([{"doc_id": d, "delta": n} for d, n in self.deltas.items() if n],
                                                 columns=["doc_id", "delta"])
        documents = {"new_documents": _documents_frame(p.digests, self.doc_facts)}
        with registered(con, frames | documents), transaction(con):  # the rows and their basis: one commit
            run_sql(con, "reconcile/replace_facts", {"keys": sorted(p.keys), "old_conflicts": p.old_conflicts,
                                                     "docs": p.docs})
            run_sql(con, "reconcile/record_documents", {"every": False, "docs": p.docs})
        run_sql(con, "reconcile/facts_as_of")
        written = {name.removeprefix("new_"): len(frame) for name, frame in frames.items()}
        tables = ("conflicts", "conflict_values", "source_dependence", "reconciled_facts", "fact_timeline",
                  "source_reliability")  # the asset's row counts are the tables' own
        totals = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
        return totals | {f"recomputed_{t}": n for t, n in written.items()}
