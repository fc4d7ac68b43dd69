"""The full run's cheaper pieces give what they replace: source dependence
over arrays built batch by batch (dependence.Observing, estimate_observed)
gives estimate()'s pairs, counts and probabilities, its rows written by SQL
carry the same evidence, and the first verdicts decided from candidates
kept without their claims (truth.Summary) choose the same values."""
import random
from datetime import date

import duckdb
import numpy as np
import pytest

from pipeline.reconcile import dependence as dep
from pipeline.reconcile.statements import with_interval
from pipeline.reconcile.truth import build_facts, decide, truth_finder
from pipeline.records import Statement
from pipeline.store.sqlfiles import sql_text


def statements(n_docs: int, seed: int) -> list[Statement]:
    """Documents stating context windows and release dates of a few models, copiers repeating a source's
    values (wrong ones too), some documents stating a fact twice, some claims dated."""
    rng = random.Random(seed)
    facts = [(f"m{i % 4}", "context_window" if i % 3 else "release_date", f"s{i}") for i in range(12)]
    right = {f: 8192.0 * (1 + i % 5) for i, f in enumerate(facts)}
    out, said = [], {}
    for d in range(n_docs):
        copied = said.get(rng.randrange(d)) if d > 2 and rng.random() < 0.4 else None
        mine = {}
        for f in rng.sample(facts, rng.randint(2, 8)):
            mine[f] = copied[f] if copied and f in copied else right[f] * rng.choice([1, 1, 1, 0.5, 2])
            repeats = 2 if rng.random() < 0.1 else 1
            for k in range(repeats):
                value = mine[f] * (1 + k)  # the second statement of a fact by a document differs
                text = None if f[1] == "context_window" else f"2024-0{1 + int(value) % 9}"
                out.append(with_interval(Statement(
                    id=f"c{d}-{f[2]}-{k}", model=f[0], metric=f[1], tier="standard", setting=f[2], unit="tokens",
                    value=None if text else value, value_high=None, value_text=text, lo=None, hi=None,
                    doc_id=f"d{d:03d}", source=f"d{d}.md", approx=rng.random() < 0.2,
                    asserted=None if rng.random() < 0.5 else date(2024, 1 + d % 12, 1))))
        said[d] = mine
    return out


def observed_in_batches(claims: list[Statement], n_batches: int) -> dep.Observed:
    """As batched.py builds it: whole models a batch, each in statements.sql's order."""
    ordered = sorted(claims, key=lambda c: (c.model, c.metric, c.id))
    models = sorted({c.model for c in claims})
    observing = dep.Observing()
    for part in np.array_split(np.array(models, dtype=object), n_batches):
        observing.add([c for c in ordered if c.model in set(part)])
    return observing.done()


@pytest.mark.parametrize("seed,n_batches", [(1, 1), (2, 3), (3, 4)])
def test_source_dependence_over_arrays_equals_estimate(seed, n_batches):
    claims = statements(80, seed)
    facts = build_facts(claims, [])
    trust, iterations = truth_finder(facts)
    chosen = {f.key: dep.value_of(decide(f, iterations).winner) for f in facts}
    ordered = sorted(claims, key=lambda c: (c.model, c.metric, c.id))
    stated, popularity = dep.observations(ordered)
    sources = {c.doc_id: c.source for c in claims}
    expected = dep.estimate(stated, chosen, dep.accuracy(stated, chosen), popularity, sources)
    observed = observed_in_batches(claims, n_batches)
    pairs = dep.estimate_observed(observed, chosen)
    assert len(expected) > 20 and any(d.probability > 0.5 for d in expected)
    frame = dep.pairs_frame(observed, pairs, sources)
    con = duckdb.connect()
    con.execute("create table source_dependence (doc_a varchar, doc_b varchar, source_a varchar, source_b varchar, "
                "n_common integer, n_same integer, n_same_false integer, n_different integer, "
                "probability double, evidence varchar)")
    con.execute("create table source_reliability (doc_id varchar)")
    con.execute("create table reviews (review_id varchar, stale boolean)")
    for name, table in {"new_source_dependence": frame, "new_source_reliability": frame.iloc[:0, :1].rename(
            columns={"doc_a": "doc_id"}), "stale_reviews": frame.iloc[:0, :1].rename(columns={"doc_a": "review_id"})
                        }.items():
        con.register(name, table)
    con.execute(sql_text("reconcile/insert_sources"))
    written = con.execute("select * from source_dependence").fetchall()
    assert written == [tuple(d.row().values()) for d in expected]


@pytest.mark.parametrize("seed", [4, 5])
def test_first_verdicts_from_summaries_choose_the_same_values(seed):
    claims = statements(60, seed)
    rejected = frozenset(c.id for c in claims[::17])
    facts = build_facts(claims, [])
    trust, iterations = truth_finder(facts, rejected=rejected)
    summaries = [f.summary(rejected) for f in facts]
    for f, s in zip(facts, summaries):
        for cand, kept in zip(f.candidates, s.candidates):
            kept.confidence = cand.confidence
            assert (kept.period_start, kept.is_live(rejected), kept.n_documents()) == \
                (cand.period_start, cand.is_live(rejected), cand.n_documents())
        assert dep.value_of(decide(s, iterations, rejected=rejected).winner) == \
            dep.value_of(decide(f, iterations, rejected=rejected).winner)
