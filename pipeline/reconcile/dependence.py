"""Which documents copy each other, in the style of Dong, Berti-Equille and
Srivastava's ACCU (VLDB 2009): two independent sources rarely share a false
value, and rarely share a value few others state, so many shared values --
above all shared wrong or rare ones -- make copying likely. The probability
is a Bayesian posterior over the facts both documents state, given each
document's accuracy (the share of its values chosen) and whether each shared value is the
chosen one. Truth discovery then discounts a copier's vote (truth.py).
The same insight bounds the cost: only pairs sharing a telling value (false
or rare, and not repeated by very many documents) are compared, so the pairs
grow with the claims, not with the square of the documents."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, fields

import numpy as np

PRIOR = 0.1  # alpha: share of document pairs that copy, before any evidence
COPY_RATE = 0.8  # c: the share of its values a copier takes from its source
FALSE_VALUES = 10  # n: how many false values a fact could take (a shared false value is ~1/n likely)
MIN_COMMON = 2  # pairs sharing fewer facts are not published (no evidence either way)
ACCURACY_BOUNDS = (0.05, 0.95)
CHUNK_ROWS = 500_000  # (pair, fact) rows summed at a time (~15 arrays of them: ~60 MB)
RARE = 2  # a value stated by at most this many documents is rare: independent sources seldom share it
MAX_HOLDERS = 50
"""Blocking: only pairs sharing a telling value (not the chosen one, or rare)
held by at most this many documents are compared. A false value repeated by
very many documents is a real disagreement (an old figure, another setting),
not a copy trail, and counting its pairs would cost the square of its holders;
below this bound the pairs cost at most MAX_HOLDERS / 2 per statement."""


@dataclass(slots=True)
class Dependence:
    """One compared pair of documents (slotted: a 10,000-article corpus has ~570,000 of them, held to the end)."""

    doc_a: str
    doc_b: str
    source_a: str
    source_b: str
    n_common: int
    n_same: int
    n_same_false: int
    n_different: int
    probability: float
    evidence: str

    def row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def estimate(stated: dict[str, dict[str, tuple]], true_values: dict[str, tuple], accuracy: dict[str, float],
             popularity: dict[tuple[str, tuple], int], sources: dict[str, str]) -> list[Dependence]:
    """stated: doc -> {fact key -> value}; true_values: fact key -> the chosen
    value; popularity: (fact key, value) -> how many documents state it.
    Only candidate pairs are compared (blocking: `_candidate_pairs`), but each
    over every fact both state, so their probability is the exact one."""
    docs = sorted(stated)
    acc = np.array([min(max(accuracy.get(d, 0.7), ACCURACY_BOUNDS[0]), ACCURACY_BOUNDS[1]) for d in docs])
    table = _statements(stated, docs, true_values, popularity)
    totals = _pair_totals(table, _candidate_pairs(table, len(docs)), acc)
    out = []
    for a, b, common, same, same_false, rare, log_ratio in zip(*totals):
        if common < MIN_COMMON:
            continue
        odds = math.log(PRIOR / (1 - PRIOR)) + log_ratio
        probability = 1 / (1 + math.exp(-max(min(odds, 50), -50)))
        different = common - same
        evidence = (f"{common} facts in common: {same} same value ({same_false} not the chosen value, "
                    f"{rare} stated by no other document), {different} different")
        da, db = docs[a], docs[b]
        out.append(Dependence(da, db, sources.get(da, da), sources.get(db, db), common, same, same_false, different,
                              round(probability, 4), evidence))
    return out


@dataclass
class _Statements:
    """One row per (document, fact) in document then fact order (facts numbered
    in key order): the value's id, whether it is the chosen one, whether few
    documents state it, and how many do."""

    doc: np.ndarray
    fact: np.ndarray
    value: np.ndarray
    true: np.ndarray
    rare: np.ndarray
    holders: np.ndarray
    n_facts: int

    def keys(self) -> np.ndarray:
        return self.doc * self.n_facts + self.fact  # ascending: rows are in (doc, fact) order


def _statements(stated, docs, true_values, popularity) -> _Statements:
    fact_ids = {key: i for i, key in enumerate(sorted({k for facts in stated.values() for k in facts}))}
    value_ids: dict[tuple, int] = {}
    rows = []
    for i, doc in enumerate(docs):
        for key in sorted(stated[doc]):
            value = stated[doc][key]
            rows.append((i, fact_ids[key], value_ids.setdefault((key, value), len(value_ids)),
                         true_values.get(key) == value, popularity.get((key, value), 0)))
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    holders = np.bincount(table[:, 2], minlength=len(value_ids))[table[:, 2]]
    return _Statements(table[:, 0], table[:, 1], table[:, 2], table[:, 3].astype(bool), table[:, 4] <= RARE,
                       holders, max(len(fact_ids), 1))


def _candidate_pairs(t: _Statements, n_docs: int) -> np.ndarray:
    """Blocking on telling evidence: the pairs (a < b, as a * n_docs + b) that
    share a value that is not the chosen one or that few documents state, held
    by at most MAX_HOLDERS documents. At most MAX_HOLDERS / 2 pairs per
    statement, so the pairs grow with the claims, not with their square."""
    telling = (~t.true | t.rare) & (t.holders >= 2) & (t.holders <= MAX_HOLDERS)
    rows = np.flatnonzero(telling)
    rows = rows[np.lexsort((t.doc[rows], t.value[rows]))]  # grouped by value, documents ascending
    sizes = t.holders[rows]
    starts = np.flatnonzero(np.diff(t.value[rows], prepend=-1))
    pairs = []
    for size in np.unique(sizes[starts]):  # all groups of one size at once: a (groups, size) array
        groups = t.doc[rows[starts[sizes[starts] == size][:, None] + np.arange(size)]]
        i, j = np.triu_indices(size, 1)
        pairs.append((groups[:, i] * n_docs + groups[:, j]).ravel())
    return np.unique(np.concatenate(pairs)) if pairs else np.zeros(0, dtype=np.int64)


def _pair_totals(t: _Statements, pairs: np.ndarray, acc: np.ndarray) -> tuple:
    """Sums each candidate pair's evidence over every fact both documents
    state, ordered by pair, CHUNK_ROWS (pair, fact) rows at a time."""
    n_docs = len(acc)
    if not len(pairs):
        return ((),) * 7
    starts = np.searchsorted(t.doc, np.arange(n_docs + 1))
    rows = np.cumsum(np.diff(starts)[pairs // n_docs])
    edges = np.unique(np.searchsorted(rows, np.arange(CHUNK_ROWS, rows[-1], CHUNK_ROWS), side="right"))
    sums = [_chunk_totals(t, pairs[lo:hi], starts, acc) for lo, hi in zip(np.r_[0, edges], np.r_[edges, len(pairs)])]
    common, same, same_false, rare, log_ratio = np.concatenate(sums, axis=1)
    return (pairs // n_docs, pairs % n_docs, *(x.round().astype(int) for x in (common, same, same_false, rare)),
            log_ratio)


def _chunk_totals(t: _Statements, pairs: np.ndarray, starts: np.ndarray, acc: np.ndarray) -> np.ndarray:
    """Per pair: facts in common, same values, same false, same rare, and the log likelihood ratio of copying."""
    n_docs = len(acc)
    a, b = pairs // n_docs, pairs % n_docs
    counts = starts[a + 1] - starts[a]
    pair = np.repeat(np.arange(len(pairs)), counts)
    row_a = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(starts[a], counts)
    keys = t.keys()
    wanted = b[pair] * t.n_facts + t.fact[row_a]
    row_b = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    both = keys[row_b] == wanted  # b states the fact too
    pair, row_a, row_b = pair[both], row_a[both], row_b[both]
    same = t.value[row_a] == t.value[row_b]
    true, rare = t.true[row_a], t.rare[row_a]
    acc_a, acc_b = acc[a[pair]], acc[b[pair]]
    indep = np.where(true, acc_a * acc_b, (1 - acc_a) * (1 - acc_b) / FALSE_VALUES)
    copy = np.where(true, acc_a * COPY_RATE, (1 - acc_a) * COPY_RATE) + indep * (1 - COPY_RATE)
    indep = np.where(rare, indep * 0.5, indep)  # only these two state it: as telling as a false value, by half
    log_ratio = np.where(same, np.log(copy) - np.log(indep), math.log(1 - COPY_RATE))
    columns = (np.ones(len(pair)), same, same & ~true, same & rare, log_ratio)
    return np.stack([np.bincount(pair, weights=c, minlength=len(pairs)) for c in columns])


def accuracy(stated: dict[str, dict[str, tuple]], true_values: dict[str, tuple]) -> dict[str, float]:
    """ACCU's accuracy of a document: the share of its values that are the
    chosen ones (Laplace-smoothed, so one fact says little)."""
    return {doc: (sum(true_values.get(k) == v for k, v in facts.items()) + 1) / (len(facts) + 2)
            for doc, facts in stated.items()}


def pair_probabilities(found: list[Dependence]) -> dict[frozenset, float]:
    return {frozenset((d.doc_a, d.doc_b)): d.probability for d in found}


def observations(claims) -> tuple[dict[str, dict[str, tuple]], dict[tuple[str, tuple], int]]:
    """Each document's value per fact (its first stated, when it states several)
    and how many documents state each value."""
    stated: dict[str, dict[str, tuple]] = defaultdict(dict)
    for c in claims:
        stated[c.doc_id].setdefault(c.fact_key, value_of(c))
    popularity: dict[tuple[str, tuple], int] = defaultdict(int)
    for facts in stated.values():
        for key, value in facts.items():
            popularity[(key, value)] += 1
    return dict(stated), dict(popularity)


def value_of(s) -> tuple:
    return (s.value, s.value_high, s.value_text)


@dataclass
class Observed:
    """observations() as arrays, one row per (document, fact) in document then fact order: documents
    numbered in name order, facts in key order, each (fact, value) by an id (`value_ids`). What batched.py
    keeps across the corpus instead of a dict per document (a tuple per stated fact)."""

    docs: list[str]
    keys: list[str]
    doc: np.ndarray
    fact: np.ndarray
    value: np.ndarray
    value_ids: dict[tuple[str, tuple], int]

    def is_true(self, true_values: dict[str, tuple]) -> np.ndarray:
        """Per row: whether its value is the fact's chosen one."""
        chosen = np.array([self.value_ids.get((k, true_values.get(k)), -1) for k in self.keys], dtype=np.int64)
        return self.value == chosen[self.fact] if len(self.value) else np.zeros(0, dtype=bool)


class Observing:
    """Builds Observed batch by batch: each document's first value per fact (facts never span batches)."""

    def __init__(self):
        self.doc_ids: dict[str, int] = {}
        self.key_ids: dict[str, int] = {}
        self.value_ids: dict[tuple[str, tuple], int] = {}
        self.parts: list[np.ndarray] = []

    def add(self, claims) -> None:
        """A batch's claims (rejected ones left out), in reading order."""
        first: dict[tuple, object] = {}
        for c in claims:
            first.setdefault((c.doc_id, c.fact_key), c)
        rows = [(self.doc_ids.setdefault(doc, len(self.doc_ids)), self.key_ids.setdefault(key, len(self.key_ids)),
                 self.value_ids.setdefault((key, value_of(c)), len(self.value_ids))) for (doc, key), c in first.items()]
        self.parts.append(np.array(rows, dtype=np.int64).reshape(-1, 3))

    def done(self) -> Observed:
        table = np.concatenate(self.parts) if self.parts else np.zeros((0, 3), dtype=np.int64)
        docs, keys = sorted(self.doc_ids), sorted(self.key_ids)
        doc_rank, key_rank = _ranks(self.doc_ids, docs), _ranks(self.key_ids, keys)
        doc, fact = doc_rank[table[:, 0]], key_rank[table[:, 1]]
        order = np.lexsort((fact, doc))
        return Observed(docs, keys, doc[order], fact[order], table[order, 2], self.value_ids)


def _ranks(ids: dict[str, int], names: list[str]) -> np.ndarray:
    rank = np.empty(len(ids), dtype=np.int64)
    rank[[ids[n] for n in names]] = np.arange(len(names))
    return rank


@dataclass
class Pairs:
    """estimate()'s pairs as columns (documents as indices into Observed.docs), in estimate()'s order."""

    a: np.ndarray
    b: np.ndarray
    common: np.ndarray
    same: np.ndarray
    same_false: np.ndarray
    rare: np.ndarray
    probability: np.ndarray


def estimate_observed(observed: Observed, true_values: dict[str, tuple]) -> Pairs:
    """estimate() over Observed: the same pairs, counts and probabilities, without a dict per document
    or an object per pair (accuracy and popularity counted over the arrays)."""
    true = observed.is_true(true_values)
    n = np.bincount(observed.doc, minlength=len(observed.docs))
    right = np.bincount(observed.doc, weights=true, minlength=len(observed.docs))
    acc = np.minimum(np.maximum((right + 1) / (n + 2), ACCURACY_BOUNDS[0]), ACCURACY_BOUNDS[1])
    holders = np.bincount(observed.value, minlength=len(observed.value_ids))[observed.value]
    table = _Statements(observed.doc, observed.fact, observed.value, true, holders <= RARE, holders,
                        max(len(observed.keys), 1))
    a, b, common, same, same_false, rare, log_ratio = _pair_totals(table, _candidate_pairs(table, len(acc)), acc)
    kept = np.asarray(common, dtype=np.int64) >= MIN_COMMON
    prior = math.log(PRIOR / (1 - PRIOR))
    probability = [round(1 / (1 + math.exp(-max(min(prior + x, 50), -50))), 4)
                   for x in np.asarray(log_ratio, dtype=float)[kept].tolist()]
    return Pairs(*(np.asarray(x, dtype=np.int64)[kept] for x in (a, b, common, same, same_false, rare)),
                 np.array(probability, dtype=float))


def pairs_frame(observed: Observed, pairs: Pairs, sources: dict[str, str]):
    """The source_dependence rows of `pairs` as a frame, the evidence sentence left to SQL
    (sql/reconcile/insert_sources.sql) from the counts, `n_rare` included."""
    import pandas as pd
    names = np.array(observed.docs, dtype=object)
    of = np.array([sources.get(d, d) for d in observed.docs], dtype=object)
    return pd.DataFrame({"doc_a": names[pairs.a], "doc_b": names[pairs.b], "source_a": of[pairs.a],
                         "source_b": of[pairs.b], "n_common": pairs.common, "n_same": pairs.same,
                         "n_same_false": pairs.same_false, "n_different": pairs.common - pairs.same,
                         "probability": pairs.probability, "n_rare": pairs.rare})
