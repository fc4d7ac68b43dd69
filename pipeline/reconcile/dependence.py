"""Which documents copy each other, in the style of Dong, Berti-Equille and
Srivastava's ACCU (VLDB 2009): two independent sources rarely share a false
value, and rarely share a value few others state, so many shared values --
above all shared wrong or rare ones -- make copying likely. The probability
is a Bayesian posterior over the facts both documents state, given each
document's accuracy (the share of its values chosen) and whether each shared value is the
chosen one. Truth discovery then discounts a copier's vote (truth.py)."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

PRIOR = 0.1  # alpha: share of document pairs that copy, before any evidence
COPY_RATE = 0.8  # c: the share of its values a copier takes from its source
FALSE_VALUES = 10  # n: how many false values a fact could take (a shared false value is ~1/n likely)
MIN_COMMON = 2  # pairs sharing fewer facts are not published (no evidence either way)
ACCURACY_BOUNDS = (0.05, 0.95)
CHUNK_ROWS = 2_000_000  # (pair, fact) rows summed at a time


@dataclass
class Dependence:
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
        return self.__dict__.copy()


def estimate(stated: dict[str, dict[str, tuple]], true_values: dict[str, tuple], accuracy: dict[str, float],
             popularity: dict[tuple[str, tuple], int], sources: dict[str, str]) -> list[Dependence]:
    """stated: doc -> {fact key -> value}; true_values: fact key -> the chosen
    value; popularity: (fact key, value) -> how many documents state it.
    Only documents that state a fact in common are compared: the evidence is
    gathered fact by fact over arrays (one row per pair of documents stating
    the fact), then summed per pair."""
    docs = sorted(stated)
    acc = np.array([min(max(accuracy.get(d, 0.7), ACCURACY_BOUNDS[0]), ACCURACY_BOUNDS[1]) for d in docs])
    totals = _pair_totals(_observations(stated, docs, true_values, popularity), acc)
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


def _observations(stated, docs, true_values, popularity) -> dict[str, list[tuple[int, int, bool, bool]]]:
    """Per fact: (document, value id, the chosen value?, a rare value?) for each document stating it, in doc order."""
    by_fact: dict[str, list[tuple[int, int, bool, bool]]] = defaultdict(list)
    value_ids: dict[tuple, int] = {}
    for i, doc in enumerate(docs):
        for key, value in stated[doc].items():
            vid = value_ids.setdefault((key, value), len(value_ids))
            by_fact[key].append((i, vid, true_values.get(key) == value, popularity.get((key, value), 0) <= 2))
    return by_fact


def _pair_rows(by_fact: dict, acc: np.ndarray):
    """Every pair of documents stating one fact, with that fact's evidence for copying."""
    for key in sorted(by_fact):
        rows = np.array(by_fact[key], dtype=np.int64)
        if len(rows) < 2:
            continue
        i, j = np.triu_indices(len(rows), 1)
        a, b = rows[i, 0], rows[j, 0]
        same = rows[i, 1] == rows[j, 1]
        true, rare = rows[i, 2].astype(bool), rows[i, 3].astype(bool)
        acc_a, acc_b = acc[a], acc[b]
        indep = np.where(true, acc_a * acc_b, (1 - acc_a) * (1 - acc_b) / FALSE_VALUES)
        copy = np.where(true, acc_a * COPY_RATE, (1 - acc_a) * COPY_RATE) + indep * (1 - COPY_RATE)
        indep = np.where(rare, indep * 0.5, indep)  # only these two state it: as telling as a false value, by half
        log_ratio = np.where(same, np.log(copy) - np.log(indep), math.log(1 - COPY_RATE))
        yield a, b, same, same & ~true, same & rare, log_ratio


def _pair_totals(by_fact: dict, acc: np.ndarray) -> tuple:
    """Sums each pair's evidence over the facts both documents state, ordered
    by pair; rows are summed in chunks, so memory holds the pairs, not every
    (pair, fact) row."""
    n = len(acc)
    partials, buffered, size = [], [], 0
    for a, b, same, same_false, rare, log_ratio in _pair_rows(by_fact, acc):
        buffered.append(np.stack([a * n + b, np.ones(len(a)), same, same_false, rare, log_ratio]))
        size += len(a)
        if size >= CHUNK_ROWS:  # one running total: memory holds the pairs once, not once per chunk
            partials, buffered, size = [_sum_by_pair(partials + buffered)], [], 0
    if not partials and not buffered:
        return ((),) * 7
    key, common, same, same_false, rare, log_ratio = _sum_by_pair(partials + buffered)
    key = key.astype(np.int64)
    return (key // n, key % n, *(x.round().astype(int) for x in (common, same, same_false, rare)), log_ratio)


def _sum_by_pair(blocks: list[np.ndarray]) -> np.ndarray:
    rows = np.concatenate(blocks, axis=1)
    keys, inverse = np.unique(rows[0], return_inverse=True)
    return np.stack([keys] + [np.bincount(inverse, weights=col, minlength=len(keys)) for col in rows[1:]])


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
