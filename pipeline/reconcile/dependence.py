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
from itertools import combinations

PRIOR = 0.1  # alpha: share of document pairs that copy, before any evidence
COPY_RATE = 0.8  # c: the share of its values a copier takes from its source
FALSE_VALUES = 10  # n: how many false values a fact could take (a shared false value is ~1/n likely)
MIN_COMMON = 2  # pairs sharing fewer facts are not published (no evidence either way)
ACCURACY_BOUNDS = (0.05, 0.95)


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
    value; popularity: (fact key, value) -> how many documents state it."""
    by_fact: dict[str, list[str]] = defaultdict(list)
    for doc in sorted(stated):
        for key in stated[doc]:
            by_fact[key].append(doc)
    pairs = sorted({pair for docs in by_fact.values() for pair in combinations(docs, 2)})
    out = []
    for a, b in pairs:  # only documents that state a fact in common
        common = sorted(set(stated[a]) & set(stated[b]))
        if len(common) < MIN_COMMON:
            continue
        acc_a, acc_b = (min(max(accuracy.get(d, 0.7), ACCURACY_BOUNDS[0]), ACCURACY_BOUNDS[1]) for d in (a, b))
        log_ratio = 0.0  # log P(observations | copying) - log P(observations | independent)
        same = same_false = different = rare = 0
        for key in common:
            va, vb = stated[a][key], stated[b][key]
            if va != vb:
                different += 1
                log_ratio += math.log(1 - COPY_RATE)
                continue
            same += 1
            n = FALSE_VALUES
            if true_values.get(key) == va:
                indep = acc_a * acc_b
                copy = acc_a * COPY_RATE + indep * (1 - COPY_RATE)
            else:
                same_false += 1
                indep = (1 - acc_a) * (1 - acc_b) / n
                copy = (1 - acc_a) * COPY_RATE + indep * (1 - COPY_RATE)
            if popularity.get((key, va), 0) <= 2:
                rare += 1  # only these two state it: as telling as a false value, by half
                indep *= 0.5
            log_ratio += math.log(copy) - math.log(indep)
        odds = math.log(PRIOR / (1 - PRIOR)) + log_ratio
        probability = 1 / (1 + math.exp(-max(min(odds, 50), -50)))
        evidence = (f"{len(common)} facts in common: {same} same value ({same_false} not the chosen value, "
                    f"{rare} stated by no other document), {different} different")
        out.append(Dependence(a, b, sources.get(a, a), sources.get(b, b), len(common), same, same_false, different,
                              round(probability, 4), evidence))
    return out


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
