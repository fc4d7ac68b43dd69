"""Truth discovery in the style of TruthFinder (Yin, Han & Yu, 2008): a value
is as credible as the sources stating it are trustworthy, a source is as
trustworthy as its values are credible, and similar values lend each other
support; iterated to a fixed point. Reference datasets take part as sources
of fixed, high trust. The winner of each fact prefers the value true as of
the newest date among those the data supports. Copies are not independent
support: a document's vote for a value is discounted by the probability that
it copied that value from a document already counted (source_dependence,
Dong et al.'s ACCU), and claims a reviewer rejected do not vote at all."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from dataclasses import replace

import numpy as np

from pipeline.reconcile import policy, truth_arrays
from pipeline.reconcile.statements import agree, comparable
from pipeline.records import Statement

INITIAL_TRUST = 0.7
SIMILARITY_WEIGHT = 0.5  # rho: how much agreeing values support each other
DAMPING = 0.3  # gamma: keeps confidences from saturating
MAX_ITERATIONS = 30
TOLERANCE = 1e-4


@dataclass
class Candidate:
    """One value of a fact, with the claims and reference facts stating it."""

    value: Statement
    claims: list[Statement] = field(default_factory=list)
    references: list[Statement] = field(default_factory=list)
    confidence: float = 0.0

    @property
    def period_start(self) -> date | None:
        """When the value started to hold: its reference's validity, else when it was said."""
        starts = [r.valid_from for r in self.references if r.valid_from]
        if starts:
            return min(starts)
        said = [c.asserted for c in self.claims if c.asserted]
        return max(said) if said else None

    def is_live(self, rejected: frozenset[str]) -> bool:
        """Whether a claim not rejected states it."""
        return any(x.id not in rejected for x in self.claims)

    def n_documents(self) -> int:
        return len({c.doc_id for c in self.claims})

    def summary(self, rejected: frozenset[str]) -> "Summary":
        """What decide() reads of this candidate's claims to choose a winner, without the claims."""
        return Summary(self.value, [], self.references, self.confidence, live=self.is_live(rejected),
                       documents=self.n_documents(), start=self.period_start)


@dataclass
class Summary(Candidate):
    """A candidate without its claims (batched.py keeps one per candidate of the corpus between passes):
    enough for decide() to choose the same winner, not for its supporting and dissenting claims."""

    live: bool = False
    documents: int = 0
    start: date | None = None

    @property
    def period_start(self) -> date | None:
        return self.start

    def is_live(self, rejected: frozenset[str]) -> bool:
        return self.live

    def n_documents(self) -> int:
        return self.documents


@dataclass
class Fact:
    key: str
    claims: list[Statement]
    references: list[Statement]
    candidates: list[Candidate] = field(default_factory=list)

    def summary(self, rejected: frozenset[str]) -> "Fact":
        """The fact as decide() needs it for its winner only: no claims, candidates as Summary."""
        return Fact(self.key, [], self.references, [c.summary(rejected) for c in self.candidates])


def build_facts(claims: list[Statement], references: list[Statement]) -> list[Fact]:
    by_key: dict[str, list[Statement]] = defaultdict(list)
    for c in claims:
        by_key[c.fact_key].append(c)
    refs_by_model: dict[str, list[Statement]] = defaultdict(list)
    for r in references:
        refs_by_model[r.model].append(r)
    facts = []
    for key, stated in sorted(by_key.items()):
        first = stated[0]
        refs = [r for r in refs_by_model[first.model] if comparable(first, r)
                and not (first.setting and r.setting and first.setting != r.setting)]
        fact = Fact(key, stated, refs)
        homes: dict[tuple, Candidate] = {}  # by _value_of: a lookup, not a scan of the candidates per claim
        for c in stated:
            home = homes.get(_value_of(c))
            if home is None:
                home = homes[_value_of(c)] = Candidate(c)
                fact.candidates.append(home)
            home.claims.append(c)
        for cand in fact.candidates:
            cand.references = [r for r in refs if agree(cand.value, r)]
        facts.append(fact)
    return facts


def _value_of(s: Statement) -> tuple:
    return (s.value, s.value_high, s.value_text, s.bound, s.approx)


def truth_finder(facts: list[Fact], dependence: dict[frozenset, float] | None = None,
                 rejected: frozenset[str] = frozenset(),
                 order: dict[str, float] | None = None) -> tuple[dict[str, float], int]:
    """Iterates source trust and value confidence to a fixed point (over
    arrays: truth_arrays.py). Returns the trust of every document and the
    iterations it took; sets each candidate's confidence. With dependence,
    which of two dependent documents counts first is decided by `order` (the
    trust of a pass without dependence) and stays fixed: re-deciding it every
    iteration flips between orders and never converges."""
    graph = truth_arrays.build_graph(facts, {} if order is not None else dependence or {}, rejected)
    ranks = None if order is None else np.array([order.get(d, INITIAL_TRUST) for d in graph.docs])
    if ranks is not None and dependence:
        graph = truth_arrays.with_discounts(graph, dependence, ranks)
    trust, confidence, iterations = iterate(graph, ranks)
    for cand, value in zip(graph.candidates, confidence.tolist()):
        cand.confidence = value
    return dict(zip(graph.docs, trust.tolist())), iterations


def iterate(graph: truth_arrays.Graph, ranks: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """The fixed-point iteration over a built graph: each document's trust,
    each candidate's confidence (from the trust before the last update) and
    the iterations it took."""
    trust = np.full(len(graph.docs), INITIAL_TRUST)
    confidence = np.zeros(len(graph.candidates))
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):
        confidence, updated = truth_arrays.step(graph, trust, DAMPING, SIMILARITY_WEIGHT, ranks)
        change = float(np.max(np.abs(updated - trust))) if len(trust) else 0.0
        trust = updated
        if change < TOLERANCE:
            break
    return trust, confidence, iterations


@dataclass
class Verdict:
    fact: Fact
    winner: Statement
    status: str
    confidence: float
    method: str
    supporting: list[Statement]
    dissenting: list[Statement]
    reference: Statement | None
    as_of: date | None


def decide(fact: Fact, iterations: int, accepted: float | None = None,
           rejected: frozenset[str] = frozenset()) -> Verdict:
    """The fact's value: a reviewer's accepted value if any; among the values
    reference data supports, the one true as of the newest date; failing
    that, the reference itself when every claim contradicts it; failing that,
    the most credible value. Rejected claims never support the value."""
    method = f"truthfinder({iterations} iterations)"
    live = [c for c in fact.candidates if c.is_live(rejected)]
    backed = [c for c in live if c.references]
    by_confidence = sorted(live or fact.candidates, key=lambda c: -c.confidence)
    if accepted is not None:
        first = fact.claims[0]
        winner = replace(first, id=f"review:{fact.key}", value=accepted, value_high=None, value_text=None,
                         bound="eq", approx=False, hedged=False, doc_id=None, source="review", quote=None)
        winner = replace(winner, lo=accepted - abs(accepted) * 1e-9, hi=accepted + abs(accepted) * 1e-9)
        refs = [r for r in fact.references if agree(winner, r)]
        reference = _best_reference(refs) if refs else None
        method = "review"
    elif backed:
        newest = max(backed, key=lambda c: (c.period_start or date.min, c.confidence))
        # of the values agreeing with the newest, the most precise (exact over approximate, day over month)
        best = max((c for c in backed if agree(c.value, newest.value)), key=_precision)
        winner, reference = best.value, _best_reference(best.references)
        method += " + newest value backed by reference" if len(backed) > 1 else " + reference agrees"
    elif any(policy.reference_disputes(r.ref_source, bool(r.valid_from or r.snapshot),
                                       by_confidence[0].n_documents()) for r in fact.references):
        reference = _best_reference(fact.references)
        winner = reference
        method += " + reference overrides claims"
    else:
        best = by_confidence[0]
        winner, reference = best.value, None
    backs = _agreeing(fact.claims, winner, rejected)
    supporting = [c for c, ok in zip(fact.claims, backs) if ok]
    dissenting = [c for c, ok in zip(fact.claims, backs) if not ok]
    documents = {c.doc_id for c in supporting}
    winner_confidence = max((c.confidence for c in fact.candidates if agree(c.value, winner)), default=0.9)
    if accepted is not None:
        status, winner_confidence = "resolved", 1.0
    elif not dissenting:
        status = "agreed" if len(documents) >= 2 or reference is not None else "single_source"
    elif reference is not None:
        status = "resolved"
    else:
        runner_up = next((c.confidence for c in by_confidence if not agree(c.value, winner)), 0.0)
        status = "resolved" if winner_confidence - runner_up >= 0.15 else "disputed"
    said = [c.asserted for c in supporting if c.asserted]
    as_of = reference.valid_from if reference is not None and reference.valid_from else max(said, default=None)
    return Verdict(fact, winner, status, round(winner_confidence, 4), method, supporting, dissenting,
                   reference, as_of)


def _agreeing(claims: list[Statement], winner: Statement, rejected: frozenset[str]) -> list[bool]:
    """Whether each claim backs the winner: agreement tested once per stated value
    (metric and value decide the interval), not once per claim."""
    memo: dict[tuple, bool] = {}
    out = []
    for c in claims:
        key = (c.metric, _value_of(c))
        if key not in memo:
            memo[key] = agree(c, winner)
        out.append(memo[key] and c.id not in rejected)
    return out


def _precision(c: Candidate) -> tuple:
    v = c.value
    return (not v.approx, v.bound == "eq", v.value_high is None, len(v.value_text or ""), c.confidence)


def _best_reference(refs: list[Statement]) -> Statement:
    return min(refs, key=lambda r: (policy.reference_rank(r.ref_source), -(r.valid_from.toordinal() if r.valid_from else 0),
                                    r.snapshot is not None, r.id))
