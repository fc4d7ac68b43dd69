"""Truth discovery and source dependence over arrays give what the plain
per-claim loops give (the loops are written out here as the reference), and
truth discovery with copy discounts reaches a fixed point instead of cycling
between orders of the dependent documents."""
import math
import random
from itertools import combinations

import numpy as np
import pytest

from pipeline.reconcile import dependence as dep
from pipeline.reconcile import policy, truth_arrays
from pipeline.reconcile.statements import agree, with_interval
from pipeline.reconcile.truth import (DAMPING, INITIAL_TRUST, MAX_ITERATIONS, SIMILARITY_WEIGHT, TOLERANCE,
                                      build_facts, decide, iterate, truth_finder)
from pipeline.records import Statement


def corpus(n_docs: int, n_facts: int, seed: int) -> list[Statement]:
    """Documents stating facts with a right value, a few wrong ones, and copiers repeating their source."""
    rng = random.Random(seed)
    right = {f: rng.choice([8192.0, 128000.0, 200000.0, 32768.0]) for f in range(n_facts)}
    stated: dict[int, dict[int, float]] = {}
    for d in range(n_docs):
        source = rng.randrange(d) if d > 3 and rng.random() < 0.4 else None
        facts = rng.sample(range(n_facts), rng.randint(2, min(8, n_facts)))
        stated[d] = {f: stated[source].get(f, right[f]) if source is not None
                     else right[f] * rng.choice([1, 1, 1, 0.5, 2]) for f in facts}
    return [with_interval(Statement(id=f"c{d}-{f}", model=f"m{f % 5}", metric="context_window", tier="standard",
                                    setting=f"s{f}", unit="tokens", value=v, value_high=None, value_text=None,
                                    lo=None, hi=None, doc_id=f"d{d:03d}", source=f"d{d}.md"))
            for d, facts in stated.items() for f, v in facts.items()]


def plain_truth_finder(facts, dependence, rejected=frozenset()):
    """The loops truth discovery ran before it ran over arrays."""
    trust = {c.doc_id: INITIAL_TRUST for f in facts for c in f.claims}
    tau = lambda t: -math.log(max(1e-9, 1.0 - min(t, 0.999999)))  # noqa: E731
    for iterations in range(1, MAX_ITERATIONS + 1):
        for fact in facts:
            scores = []
            for cand in fact.candidates:
                voters = sorted({c.doc_id for c in cand.claims if c.id not in rejected}, key=lambda d: (-trust[d], d))
                score = 0.0
                for i, doc in enumerate(voters):
                    independent = 1.0
                    for earlier in voters[:i]:
                        independent *= 1.0 - 0.8 * dependence.get(frozenset((doc, earlier)), 0.0)
                    score += tau(trust[doc]) * independent
                score += sum(tau(policy.reference_trust(r.ref_source)) for r in cand.references)
                scores.append(score)
            for cand, own in zip(fact.candidates, scores):
                support = sum(s for other, s in zip(fact.candidates, scores)
                              if other is not cand and agree(other.value, cand.value))
                cand.confidence = 1.0 / (1.0 + math.exp(-DAMPING * (own + SIMILARITY_WEIGHT * support)))
        updated = {doc: sum(m := [cand.confidence for f in facts for cand in f.candidates for c in cand.claims
                                  if c.doc_id == doc]) / len(m) for doc in trust}
        change = max(abs(updated[d] - trust[d]) for d in trust)
        trust = updated
        if change < TOLERANCE:
            break
    return trust, iterations


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_array_truth_discovery_equals_the_plain_loops(seed):
    claims = corpus(40, 12, seed)
    rejected = frozenset(c.id for c in claims[::17])
    facts = build_facts(claims, [])
    trust, iterations = truth_finder(facts, rejected=rejected)
    confidences = [c.confidence for f in facts for c in f.candidates]
    expected, expected_iterations = plain_truth_finder(build_facts(claims, []), {}, rejected)
    assert iterations == expected_iterations and list(trust) == list(expected)
    assert all(abs(trust[d] - expected[d]) < 1e-12 for d in trust)
    plain = build_facts(claims, [])
    plain_truth_finder(plain, {}, rejected)
    assert all(abs(a - c.confidence) < 1e-12 for a, c in zip(confidences, (c for f in plain for c in f.candidates)))


def telling(stated, true_values, popularity, a, b) -> bool:
    """The blocking rule written out: a and b share a value that is not the chosen one or is rare, held by few."""
    return any(stated[a][k] == stated[b].get(k) and popularity[(k, v)] <= dep.MAX_HOLDERS
               and (true_values.get(k) != v or popularity[(k, v)] <= dep.RARE) for k, v in stated[a].items())


def plain_estimate(stated, true_values, accuracy, popularity):
    """ACCU over every candidate pair of documents, one fact at a time."""
    out = {}
    for a, b in combinations(sorted(stated), 2):
        common = sorted(set(stated[a]) & set(stated[b]))
        if len(common) < dep.MIN_COMMON or not telling(stated, true_values, popularity, a, b):
            continue
        acc_a, acc_b = (min(max(accuracy.get(d, 0.7), 0.05), 0.95) for d in (a, b))
        log_ratio = 0.0
        for key in common:
            if stated[a][key] != stated[b][key]:
                log_ratio += math.log(1 - dep.COPY_RATE)
                continue
            if true_values.get(key) == stated[a][key]:
                indep = acc_a * acc_b
                copy = acc_a * dep.COPY_RATE + indep * (1 - dep.COPY_RATE)
            else:
                indep = (1 - acc_a) * (1 - acc_b) / dep.FALSE_VALUES
                copy = (1 - acc_a) * dep.COPY_RATE + indep * (1 - dep.COPY_RATE)
            if popularity.get((key, stated[a][key]), 0) <= 2:
                indep *= 0.5
            log_ratio += math.log(copy) - math.log(indep)
        odds = math.log(dep.PRIOR / (1 - dep.PRIOR)) + log_ratio
        out[(a, b)] = round(1 / (1 + math.exp(-max(min(odds, 50), -50))), 4)
    return out


@pytest.mark.parametrize("chunk,holders", [(dep.CHUNK_ROWS, dep.MAX_HOLDERS), (7, dep.MAX_HOLDERS), (7, 3)])
def test_array_source_dependence_equals_the_pairwise_loops(chunk, holders, monkeypatch):
    monkeypatch.setattr(dep, "CHUNK_ROWS", chunk)  # 7: summed in many small chunks, then merged
    monkeypatch.setattr(dep, "MAX_HOLDERS", holders)  # 3: most shared false values are too common to tell
    claims = corpus(60, 10, 5)
    facts = build_facts(claims, [])
    trust, iterations = truth_finder(facts)
    chosen = {f.key: dep.value_of(decide(f, iterations).winner) for f in facts}
    stated, popularity = dep.observations(claims)
    accuracy = dep.accuracy(stated, chosen)
    found = dep.estimate(stated, chosen, accuracy, popularity, {c.doc_id: c.source for c in claims})
    expected = plain_estimate(stated, chosen, accuracy, popularity)
    assert {(d.doc_a, d.doc_b): d.probability for d in found} == expected
    assert [(d.doc_a, d.doc_b) for d in found] == sorted(expected)
    if holders > 3:  # at 3, few pairs are left
        assert any(p > 0.9 for p in expected.values()) and any(p < 0.1 for p in expected.values())
    everyone = sum(len(set(stated[a]) & set(stated[b])) >= dep.MIN_COMMON for a, b in combinations(stated, 2))
    assert len(expected) < everyone  # blocking leaves pairs out


def test_only_telling_values_make_candidate_pairs():
    """Documents agreeing on chosen, common values only are not compared; a
    false value many documents repeat is a disagreement, not a copy trail,
    while one a few documents share is."""
    right = {f"f{i}": (float(i), None, None) for i in range(4)}
    stated = {f"d{d:03d}": dict(right) for d in range(dep.MAX_HOLDERS + 5)}
    for doc in list(stated)[:dep.MAX_HOLDERS + 1]:
        stated[doc]["f0"] = (99.0, None, None)  # a false value repeated by too many documents
    stated["d100"], stated["d101"] = dict(right, f9=(7.0, None, None)), dict(right, f9=(7.0, None, None))
    stated["d102"] = dict(right, f9=(8.0, None, None))
    truth = dict(right, f9=(8.0, None, None))
    popularity = dep.observations([])[1] or {}
    for facts in stated.values():
        for key, value in facts.items():
            popularity[(key, value)] = popularity.get((key, value), 0) + 1
    found = dep.estimate(stated, truth, dep.accuracy(stated, truth), popularity, {})
    assert [(d.doc_a, d.doc_b, d.n_common, d.n_same_false) for d in found] == [("d100", "d101", 5, 1)]


def test_truth_discovery_with_copies_reaches_a_fixed_point():
    """Re-ranking dependent voters by the trust of each iteration can flip
    their order back and forth for ever; ranked by the trust learned without
    dependence, the iteration settles well before the cap."""
    claims = corpus(300, 30, 1)
    facts = build_facts(claims, [])
    trust, _ = truth_finder(facts)
    chosen = {f.key: dep.value_of(decide(f, 1).winner) for f in facts}
    stated, popularity = dep.observations(claims)
    found = dep.estimate(stated, chosen, dep.accuracy(stated, chosen), popularity, {})
    pairs = dep.pair_probabilities(found)
    assert sum(p > 0.5 for p in pairs.values()) >= 20
    assert truth_finder(facts, pairs)[1] == MAX_ITERATIONS  # re-ranked every iteration: never settles
    _, iterations = truth_finder(facts, pairs, order=trust)
    assert iterations < MAX_ITERATIONS * 2 // 3


@pytest.mark.parametrize("chunk", [truth_arrays.COPY_CHUNK_ROWS, 5])
def test_sparse_copy_discounts_equal_the_plain_loops(chunk, monkeypatch):
    """The copy discounts looked up pair by pair (no n x n matrix) give what
    discounting every earlier dependent voter of each value gives."""
    monkeypatch.setattr(truth_arrays, "COPY_CHUNK_ROWS", chunk)  # 5: looked up in many small chunks
    claims = corpus(40, 12, 2)
    facts = build_facts(claims, [])
    chosen = {f.key: dep.value_of(decide(f, 1).winner) for f in facts}
    stated, popularity = dep.observations(claims)
    pairs = dep.pair_probabilities(dep.estimate(stated, chosen, dep.accuracy(stated, chosen), popularity, {}))
    assert sum(p > 0.5 for p in pairs.values()) >= 3
    trust, iterations = truth_finder(facts, pairs)
    expected, expected_iterations = plain_truth_finder(build_facts(claims, []), pairs)
    assert iterations == expected_iterations
    assert all(abs(trust[d] - expected[d]) < 1e-9 for d in trust)
    assert max(abs(trust[d] - t) for d, t in truth_finder(build_facts(claims, []))[0].items()) > 1e-3  # discounted


@pytest.mark.parametrize("chunk", [truth_arrays.COPY_CHUNK_ROWS, 5])
def test_discounts_of_a_fixed_order_equal_the_copy_rows(chunk, monkeypatch):
    """With the voters' order fixed, the discounts multiplied once in chunks (no copy rows held) give
    bit for bit what discounting from the whole copy rows in every iteration gives."""
    monkeypatch.setattr(truth_arrays, "COPY_CHUNK_ROWS", chunk)
    claims = corpus(60, 12, 3)
    trust, _ = truth_finder(build_facts(claims, []))
    facts = build_facts(claims, [])
    chosen = {f.key: dep.value_of(decide(f, 1).winner) for f in facts}
    stated, popularity = dep.observations(claims)
    pairs = dep.pair_probabilities(dep.estimate(stated, chosen, dep.accuracy(stated, chosen), popularity, {}))
    graph = truth_arrays.build_graph(facts, {}, frozenset())
    order = np.array([trust[d] for d in graph.docs])
    rows = truth_arrays.with_dependence(graph, pairs)
    assert len(rows.copy_a) > 5  # several chunks when chunk is 5
    fixed = truth_arrays.with_discounts(graph, pairs, order)
    assert (fixed.independent < 1).sum() >= 5 and not len(fixed.copy_a)
    expected, got = iterate(rows, order), iterate(fixed, order)
    assert expected[2] == got[2] and expected[0].tobytes() == got[0].tobytes()
    assert expected[1].tobytes() == got[1].tobytes()
    assert iterate(graph, order)[0].tobytes() != got[0].tobytes()  # the discounts count
