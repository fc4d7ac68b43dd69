"""The reconciliation of run.reconcile() over the warehouse in bounded
memory. Claims are read from DuckDB in model order, a batch of whole models
at a time (a model's facts, conflicts and explanations only read that
model's claims, the claims of other models sharing a quote, and which models
each document discusses), and become statements only while their batch is
processed. What spans the corpus is kept as arrays: the truth-discovery
graph (one row per claim and per vote, truth_arrays.py), each document's
value per fact for source dependence, and per-document counts. Two passes
over the batches: (1) the graph, the observations and each fact's
candidates without their claims (truth.Summary), from which the first
verdicts are decided (values chosen before copies are discounted), (2) the final
verdicts, conflicts and explanations, whose rows are written batch by batch
inside the one transaction that replaces the outputs. The results are those
of run.reconcile(); the facts are assembled in the same key order, so every
float is summed in the same order."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

import duckdb
import numpy as np
import pandas as pd

from pipeline.reconcile import dependence as dep
from pipeline.reconcile import truth_arrays
from pipeline.reconcile.conflicts import ConflictFinder, conflict_id
from pipeline.reconcile.reviews import Applied, resolve
from pipeline.reconcile.statements import read_statements
from pipeline.reconcile.run import (Outcome, Vocab, fact_rows, load_references, load_reviews,
                                    settle)
from pipeline.reconcile.truth import Fact, build_facts, decide, iterate
from pipeline.records import Review, Statement
from pipeline.store.sqlfiles import fetch_dicts, run_sql, transaction

BATCH_CLAIMS = 50_000
"""Claims held as statements at once (a batch is whole models, so a model
with more claims is one batch of its own): ~100 MB of statements, and few
enough batches that the three passes' reads (one query per batch, each a
scan of the claims) stay a small part of the time."""


def batches(con: duckdb.DuckDBPyConnection, models: list[str] | None = None,
            votes_only: bool = False) -> Iterator[list[Statement]]:
    """The claims (of the base `models`, else all) as statements, in statements.sql's
    order, a batch of whole models (about BATCH_CLAIMS claims) at a time: each
    batch is its own query, so no result larger than a batch is ever held.
    `votes_only`: without the fields pass 1 never reads (statements_votes.sql: no quotes)."""
    for raw_models in model_batches(con, models):
        batch = read_statements(con, "reconcile/statements_votes", {"raw_models": raw_models}) if votes_only \
            else read_statements(con, "reconcile/statements", {"raw_models": raw_models, "docs": None})
        if batch:
            yield batch


def model_batches(con: duckdb.DuckDBPyConnection, models: list[str] | None = None) -> list[list[str]]:
    """The models as the claims name them, cut into batches of whole base models of about BATCH_CLAIMS claims."""
    out: list[list[str]] = []
    size, last = BATCH_CLAIMS, None
    for base, raw, n in run_sql(con, "reconcile/model_sizes").fetchall():
        if models is not None and base not in models:
            continue
        if base != last and size >= BATCH_CLAIMS:
            out.append([])
            size = 0
        out[-1].append(raw)
        size, last = size + n, base
    return out


@dataclass
class Corpus:
    """What spans the corpus, built in pass 1: the graph's pieces per fact (in
    key order once assembled), each fact's first candidate, each document's
    value per fact (first stated, rejected claims left out) and its source."""

    blocks: dict[str, tuple] = field(default_factory=dict)
    summaries: dict[str, Fact] = field(default_factory=dict)  # what pass 2 decides from (no claims: no re-read)
    doc_codes: dict[str, int] = field(default_factory=dict)
    observing: dep.Observing = field(default_factory=dep.Observing)
    sources: dict[str, str] = field(default_factory=dict)
    fact_of_claim: dict[str, str] = field(default_factory=dict)  # review targets only
    fact_of_conflict: dict[str, str] = field(default_factory=dict)
    claim_values: dict[str, float | None] = field(default_factory=dict)

    def add(self, claims: list[Statement], facts: list[Fact], rejected: frozenset[str], targets: set[str]) -> None:
        for f in facts:
            self.blocks[f.key] = self._block(f, rejected)
            self.summaries[f.key] = f.summary(rejected)
            if targets:
                self._targets(f, targets)
        for c in claims:
            self.sources[c.doc_id] = c.source
        self.observing.add([c for c in claims if c.id not in rejected] if rejected else claims)

    def _block(self, f: Fact, rejected: frozenset[str]) -> tuple:
        g = truth_arrays.build_graph([f], {}, rejected)
        codes = np.array([self.doc_codes.setdefault(d, len(self.doc_codes)) for d in g.docs], dtype=np.int64)
        return (len(g.candidates), codes, g.claim_cand, codes[g.claim_doc], g.vote_cand, codes[g.vote_doc],
                g.ref_score, g.support_to, g.support_from)

    def _targets(self, f: Fact, targets: set[str]) -> None:
        cid = conflict_id(f.key, [c.id for c in f.claims])
        if cid in targets:
            self.fact_of_conflict[cid] = f.key
        for c in f.claims:
            if c.id in targets:
                self.fact_of_claim[c.id] = f.key
                self.claim_values[c.id] = c.value

    def graph(self) -> tuple[truth_arrays.Graph, dict[str, int]]:
        """The graph truth_arrays.build_graph builds from every fact at once, and
        each fact's first candidate in it."""
        keys = sorted(self.blocks)
        parts = [self.blocks[k] for k in keys]
        sizes = np.array([p[0] for p in parts], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(sizes)])
        codes = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        seen, first = np.unique(codes, return_index=True)
        order = seen[np.argsort(first, kind="stable")]  # documents in order of first appearance
        remap = np.empty(len(self.doc_codes), dtype=np.int64)
        remap[order] = np.arange(len(order))
        names = list(self.doc_codes)
        docs = [names[c] for c in order]
        name_rank = np.empty(len(docs), dtype=np.int64)
        name_rank[np.argsort(np.array(docs, dtype=object), kind="stable")] = np.arange(len(docs))

        def joined(i: int, shift: bool = False, doc: bool = False) -> np.ndarray:
            arrays = [remap[p[i]] if doc else p[i] + offsets[n] if shift else p[i] for n, p in enumerate(parts)]
            return np.concatenate(arrays) if arrays else np.zeros(0)
        empty = np.zeros(0, dtype=np.int64)
        graph = truth_arrays.Graph(docs, name_rank, range(int(offsets[-1])), joined(4, shift=True).astype(np.int64),
                                   joined(5, doc=True).astype(np.int64), joined(6).astype(float),
                                   joined(7, shift=True).astype(np.int64), joined(8, shift=True).astype(np.int64),
                                   joined(2, shift=True).astype(np.int64), joined(3, doc=True).astype(np.int64),
                                   empty, empty, np.zeros(0))
        return graph, dict(zip(keys, offsets[:-1].tolist()))


def rejected_claims(con: duckdb.DuckDBPyConnection, reviews: list[Review]) -> frozenset[str]:
    """The claims a reviewer rejected that exist (reviews.resolve's `rejected`, known before the facts are built)."""
    targets = sorted({r.target for r in reviews if r.decision == "reject_claim"})
    if not targets:
        return frozenset()
    found = con.execute("select claim_id from claims where list_contains($t, claim_id)", {"t": targets}).fetchall()
    return frozenset(r[0] for r in found)


def with_confidence(facts: list[Fact], offsets: dict[str, int], confidence: np.ndarray) -> list[Fact]:
    for f in facts:
        for i, cand in enumerate(f.candidates):
            cand.confidence = float(confidence[offsets[f.key] + i])
    return facts


@dataclass
class Pass:
    """One truth-discovery result the batches are decided with."""

    trust: np.ndarray
    confidence: np.ndarray
    iterations: int


def run_batched(con: duckdb.DuckDBPyConnection, vocab: Vocab) -> tuple[Outcome, dict[str, int], dict[str, set]]:
    """run.reconcile() and run.write_outcome() over the warehouse, a batch of models at a time; also
    the facts each document's claims belong to (partial.py's basis)."""
    references, reviews = load_references(con), load_reviews(con)
    rejected = rejected_claims(con, reviews)
    corpus = Corpus()
    targets = {r.target for r in reviews}
    for claims in batches(con, votes_only=True):
        corpus.add(claims, build_facts(claims, references), rejected, targets)
    applied = resolve(reviews, corpus.fact_of_claim, corpus.fact_of_conflict, corpus.claim_values)
    assert applied.rejected == rejected, "rejected claims known before the facts differ from the reviews' own"
    graph, offsets = corpus.graph()
    del corpus.blocks
    trust, confidence, iterations = iterate(graph)
    chosen = {f.key: dep.value_of(decide(f, iterations, rejected=rejected).winner)
              for f in with_confidence(list(corpus.summaries.values()), offsets, confidence)}
    del corpus.summaries
    observed = corpus.observing.done()
    del corpus.observing
    pairs = dep.estimate_observed(observed, chosen)
    final = Pass(*iterate(truth_arrays.with_discounts(graph, _graph_pairs(graph, observed, pairs), trust), trust))
    trust_of = dict(zip(graph.docs, final.trust.tolist()))
    del graph, pairs, chosen  # the corpus-wide pieces pass 2 no longer needs, freed before its batches
    run_sql(con, "reconcile/shared_quotes_prepare")
    writer = Writer(con, trust_of, applied)
    with transaction(con):
        run_sql(con, "reconcile/clear_results")
        for claims in batches(con):
            writer.write(claims, references, vocab, offsets, final)
        pairs = dep.estimate_observed(observed, writer.final)
        likely = _likely_copies(observed, pairs, corpus.sources)
        writer.finish(dep.pairs_frame(observed, pairs, corpus.sources))
    run_sql(con, "reconcile/facts_as_of")
    return Outcome([], [], trust_of, final.iterations, likely, applied.stale, applied,
                   dict(writer.by_explanation)), dict(writer.counts), writer.doc_facts


def _graph_pairs(graph: truth_arrays.Graph, observed: dep.Observed, pairs: dep.Pairs) -> tuple:
    """The pairs with P(copy) > 0 as the graph's document indices, in the pairs' order (with_discounts)."""
    index = {d: i for i, d in enumerate(graph.docs)}
    at = np.array([index.get(d, -1) for d in observed.docs], dtype=np.int64)
    keep = (pairs.probability > 0) & (at[pairs.a] >= 0) & (at[pairs.b] >= 0)
    return at[pairs.a[keep]], at[pairs.b[keep]], pairs.probability[keep]


def _likely_copies(observed: dep.Observed, pairs: dep.Pairs, sources: dict[str, str]) -> list[dep.Dependence]:
    """The pairs with P(copy) >= 0.5 as Dependence (the asset names them; the table holds every pair)."""
    out = []
    for i in np.flatnonzero(pairs.probability >= 0.5).tolist():
        a, b = observed.docs[pairs.a[i]], observed.docs[pairs.b[i]]
        common, same, same_false = int(pairs.common[i]), int(pairs.same[i]), int(pairs.same_false[i])
        evidence = (f"{common} facts in common: {same} same value ({same_false} not the chosen value, "
                    f"{int(pairs.rare[i])} stated by no other document), {common - same} different")
        out.append(dep.Dependence(a, b, sources.get(a, a), sources.get(b, b), common, same, same_false,
                                  common - same, float(pairs.probability[i]), evidence))
    return out


def by_quote(con: duckdb.DuckDBPyConnection, claims: list[Statement]) -> dict[tuple, list[Statement]]:
    """The claims and other models' claims sharing their quotes, by (document, quote), in statements.sql's
    order (from the table sql/reconcile/shared_quotes_prepare.sql made). Only the groups where another
    model may be found (a quote shared across models; no quote): the explanations (explain.misattribution)
    look for other models' claims only, and a group per claim of a large batch cost time and memory."""
    models = sorted({c.model for c in claims})
    others = read_statements(con, "reconcile/shared_quotes", {"models": models})
    shared = set(run_sql(con, "reconcile/shared_quote_keys", {"models": models}).fetchall())
    out = QuoteGroups()
    for c in claims:
        if c.quote is None or (c.doc_id, c.quote) in shared:
            out.setdefault((c.doc_id, c.quote), []).append(c)
    for c in others:
        out.setdefault((c.doc_id, c.quote), []).append(c)
    return out


class QuoteGroups(dict):
    """Claims by (document, quote); a group is put in statements.sql's order when it is first read
    (explanations read the groups of few claims: no sort of every claim of a batch)."""

    def __init__(self):
        super().__init__()
        self._ordered: set[tuple] = set()

    def get(self, key, default=None):
        group = super().get(key)
        if group is None:
            return default
        if key not in self._ordered:
            group.sort(key=lambda s: (s.model, s.metric, s.id))
            self._ordered.add(key)
        return group


class Writer:
    """Pass 3: each batch's final verdicts, conflicts and explanations, written
    as rows at once; per-document counts kept for source_reliability."""

    def __init__(self, con: duckdb.DuckDBPyConnection, trust: dict[str, float], applied: Applied):
        self.con, self.trust, self.applied = con, trust, applied
        self.doc_models = {r["doc_id"]: set(r["models"]) for r in fetch_dicts(con, "reconcile/document_models")}
        self.final: dict[str, tuple] = {}
        self.reliability: dict[str, dict] = {}
        # the facts each document's claims belong to: a list per document (a fact is in one batch only, so
        # each batch's set per document extends it without repeats; a set per document took ~4x the memory)
        self.doc_facts: dict[str, list[str]] = defaultdict(list)
        self.by_explanation: dict[str, int] = defaultdict(int)
        self.counts: dict[str, int] = defaultdict(int)
        self.columns = {t: [r[0] for r in con.execute(f"describe {t}").fetchall()] for t in
                        ("conflicts", "conflict_values", "reconciled_facts", "fact_timeline", "source_reliability",
                         "source_dependence")}

    def write(self, claims: list[Statement], references: list[Statement], vocab: Vocab,
              offsets: dict[str, int], final: Pass) -> None:
        applied = self.applied
        verdicts = []
        for f in with_confidence(build_facts(claims, references), offsets, final.confidence):
            accepted = applied.accepted.get(f.key)
            verdicts.append(decide(f, final.iterations, accepted.value if accepted else None, applied.rejected))
        self.final.update((v.fact.key, dep.value_of(v.winner)) for v in verdicts)
        finder = ConflictFinder(claims, references, vocab.task_slugs, by_quote(self.con, claims), self.doc_models)
        conflicts = finder.find(verdicts, applied.rejected)
        verdicts = settle(conflicts, verdicts, applied)
        for c in conflicts:
            self.by_explanation[c.explanation_kind] += 1
        self._count_sources(claims, verdicts)
        facts, timeline = fact_rows(conflicts, verdicts)
        self._insert("reconcile/insert_facts", {
            "conflicts": [c.row() for c in conflicts],
            "conflict_values": [r for c in conflicts for r in c.value_rows()],
            "reconciled_facts": facts, "fact_timeline": timeline})

    def _count_sources(self, claims: list[Statement], verdicts: list) -> None:
        agreeing = {c.id for v in verdicts for c in v.supporting}
        mine: dict[str, set[str]] = defaultdict(set)
        for v in verdicts:
            for c in v.fact.claims:
                mine[c.doc_id].add(v.fact.key)
        for doc, keys in mine.items():
            self.doc_facts[doc].extend(keys)
        for c in claims:
            row = self.reliability.get(c.doc_id)
            if row is None:  # a document's row made once, not a dict per claim
                row = self.reliability[c.doc_id] = {
                    "doc_id": c.doc_id, "source": c.source, "score": round(self.trust.get(c.doc_id, 0.0), 4),
                    "n_claims": 0, "n_agreeing": 0, "n_disagreeing": 0}
            row["n_claims"] += 1
            row["n_agreeing" if c.id in agreeing else "n_disagreeing"] += 1

    def _insert(self, name: str, rows: dict[str, list[dict]], extra: dict | None = None) -> None:
        frames = {f"new_{t}": pd.DataFrame(r, columns=self.columns[t]) for t, r in rows.items()}
        for t, r in rows.items():
            self.counts[t] += len(r)
        for view, frame in (frames | (extra or {})).items():
            self.con.register(view, frame)
        try:
            run_sql(self.con, name)
        finally:
            for view in frames | (extra or {}):
                self.con.unregister(view)

    def finish(self, pairs: pd.DataFrame) -> None:
        """The per-document rows and the stale reviews; the dependent pairs (the most rows of a run: many
        per document) come as one frame of columns (dependence.pairs_frame), their evidence written by SQL."""
        stale = pd.DataFrame({"review_id": sorted(self.applied.stale)}, dtype="object")
        self.counts["source_dependence"] += len(pairs)
        self._insert("reconcile/insert_sources", {"source_reliability": list(self.reliability.values())},
                     {"stale_reviews": stale, "new_source_dependence": pairs})
