"""TruthFinder's iteration (truth.py) over arrays: every vote, every pair of
agreeing values and every pair of dependent documents voting together is a
row built once, so one iteration costs time linear in those rows instead of
a scan of every claim for every document. The arithmetic is the one of
truth.py's docstring: scores from the voters' trust (discounted for copies),
confidences from scores and the support of agreeing values, trust as the mean
confidence of a document's claims."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterator

import numpy as np

from pipeline.reconcile import policy
from pipeline.reconcile.statements import agree


@dataclass
class Graph:
    """The fixed structure the iteration runs over (indices into docs and candidates)."""

    docs: list[str]  # in order of first appearance: the order of the trust dict returned
    name_rank: np.ndarray  # each document's place in sorted order (ties in trust are broken by id)
    candidates: list  # truth.Candidate, fact by fact
    vote_cand: np.ndarray  # one row per (candidate, document) vote by a claim not rejected
    vote_doc: np.ndarray
    ref_score: np.ndarray  # per candidate: the reference datasets' fixed votes
    support_to: np.ndarray  # candidate receiving support from an agreeing candidate of its fact
    support_from: np.ndarray
    claim_cand: np.ndarray  # one row per claim (rejected too): a document's trust is their mean confidence
    claim_doc: np.ndarray
    copy_a: np.ndarray  # rows of votes for one candidate by two dependent documents
    copy_b: np.ndarray
    copy_factor: np.ndarray  # 1 - COPY_RATE * P(copy): the later voter's discount
    independent: np.ndarray | None = None  # per vote: its copy discounts multiplied, when the voters' order is fixed


def build_graph(facts: list, dependence: dict[frozenset, float], rejected: frozenset[str]) -> Graph:
    docs = list(dict.fromkeys(c.doc_id for f in facts for c in f.claims))
    index = {d: i for i, d in enumerate(docs)}
    name_rank = np.empty(len(docs), dtype=np.int64)
    name_rank[np.argsort(np.array(docs, dtype=object), kind="stable")] = np.arange(len(docs))
    candidates = [cand for f in facts for cand in f.candidates]
    vote_cand, vote_doc, claim_cand, claim_doc, ref_score = [], [], [], [], []
    for k, cand in enumerate(candidates):  # votes: each (candidate, document) once, in order of first claim
        ids = [index[c.doc_id] for c in cand.claims]
        claim_doc += ids
        claim_cand += [k] * len(ids)
        voters = dict.fromkeys(i for c, i in zip(cand.claims, ids) if c.id not in rejected) if rejected else \
            dict.fromkeys(ids)
        vote_cand += [k] * len(voters)
        vote_doc += voters
        ref_score.append(sum(tau(policy.reference_trust(r.ref_source)) for r in one_per_source(cand.references)))
    to, frm = _support_pairs(facts)
    pairs = np.array([vote_cand, vote_doc], dtype=np.int64).T.reshape(-1, 2)
    copies = _copy_rows(pairs, dependence, index)
    return Graph(docs, name_rank, candidates, pairs[:, 0], pairs[:, 1], np.array(ref_score, dtype=float),
                 to, frm, np.array(claim_cand, dtype=np.int64), np.array(claim_doc, dtype=np.int64), *copies)


def _support_pairs(facts: list) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of distinct values of one fact that agree (within a fact only:
    the cost is per fact, in its number of distinct values)."""
    to, frm, base = [], [], 0
    for f in facts:
        for i, cand in enumerate(f.candidates):
            for j, other in enumerate(f.candidates):
                if i != j and agree(other.value, cand.value):
                    to.append(base + i)
                    frm.append(base + j)
        base += len(f.candidates)
    return np.array(to, dtype=np.int64), np.array(frm, dtype=np.int64)


def _copy_rows(keys: np.ndarray, dependence: dict[frozenset, float],
               index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each candidate, the pairs of its voters that depend on each other:
    each dependent pair's votes looked up in the sorted (document, candidate)
    keys, so the cost is the dependent pairs times a document's votes, never
    the square of the documents or of a candidate's voters."""
    parts = list(_copy_chunks(keys, dependence, index))
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    return tuple(np.concatenate(column) for column in zip(*parts))


def _copy_chunks(keys: np.ndarray, dependence: dict[frozenset, float] | tuple, index: dict[str, int]) -> Iterator[tuple]:
    """_copy_rows' rows, about COPY_CHUNK_ROWS looked-up votes at a time, in _copy_rows' order. `dependence`: a
    dict, or _dependent_pairs' arrays already made (the partial and the batched runs)."""
    pa, pb, probability = dependence if isinstance(dependence, tuple) else _dependent_pairs(dependence, index)
    if not len(keys) or not len(pa):  # keys: (candidate, document) per vote, rows in vote-id order
        return
    n_cand = int(keys[:, 0].max()) + 1
    order = np.argsort(keys[:, 1] * n_cand + keys[:, 0])
    by_doc = keys[order, 1] * n_cand + keys[order, 0]  # ascending
    starts = np.searchsorted(by_doc, np.arange(len(index) + 1) * n_cand)
    fewer = np.diff(starts)[pa] <= np.diff(starts)[pb]  # look up the votes of the one with fewer
    pa, pb = np.where(fewer, pa, pb), np.where(fewer, pb, pa)
    rows = np.cumsum(starts[pa + 1] - starts[pa])  # a's votes, looked up pair after pair
    edges = np.unique(np.searchsorted(rows, np.arange(COPY_CHUNK_ROWS, rows[-1], COPY_CHUNK_ROWS), side="right"))
    for lo, hi in zip(np.r_[0, edges], np.r_[edges, len(pa)]):
        yield _common_votes(pa[lo:hi], pb[lo:hi], probability[lo:hi], order, by_doc, starts, keys[:, 0], n_cand)


def _common_votes(pa, pb, probability, order, by_doc, starts, vote_cand, n_cand) -> tuple:
    """For pairs (a, b): each candidate both vote for, as (lower vote id, higher vote id, a's discount)."""
    counts = starts[pa + 1] - starts[pa]
    pair = np.repeat(np.arange(len(pa)), counts)
    at_a = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(starts[pa], counts)
    wanted = pb[pair] * n_cand + vote_cand[order[at_a]]  # b's vote for the candidate a votes for
    at_b = np.minimum(np.searchsorted(by_doc, wanted), len(by_doc) - 1)
    both = by_doc[at_b] == wanted
    va, vb = order[at_a[both]], order[at_b[both]]
    return np.minimum(va, vb), np.maximum(va, vb), 1.0 - COPY_RATE * probability[pair[both]]


def _dependent_pairs(dependence: dict[frozenset, float], index: dict[str, int]) -> tuple:
    """The pairs of documents with P(copy) > 0, as index arrays (sparse: no n x n matrix)."""
    rows = [(index[a], index[b], p) for pair, p in dependence.items() if p > 0 and len(pair) == 2
            for a, b in [tuple(pair)] if a in index and b in index]
    table = np.array(rows, dtype=np.float64).reshape(-1, 3)
    return table[:, 0].astype(np.int64), table[:, 1].astype(np.int64), table[:, 2]


def with_dependence(g: Graph, dependence: dict[frozenset, float]) -> Graph:
    """The graph with the copy rows of `dependence` (the votes stay as they are)."""
    keys = np.stack([g.vote_cand, g.vote_doc], axis=1)
    copies = _copy_rows(keys, dependence, {d: i for i, d in enumerate(g.docs)})
    return replace(g, copy_a=copies[0], copy_b=copies[1], copy_factor=copies[2])


def with_discounts(g: Graph, dependence: dict[frozenset, float] | tuple, order: np.ndarray) -> Graph:
    """The graph with each vote's copy discounts when the voters are ranked by a fixed `order` (step's
    `order`): which of two dependent voters is discounted never changes, so the discounts are multiplied
    once, chunk by chunk in with_dependence's row order (the same products), and the copy rows are never
    held whole: they are the largest arrays of a run (tens of rows per dependent pair of documents).
    `dependence` may be given as _dependent_pairs' arrays already (document indices of the graph, P > 0,
    in the pairs' order): batched.py's pairs are never a dict of frozensets."""
    keys = np.stack([g.vote_cand, g.vote_doc], axis=1)
    independent = np.ones(len(g.vote_doc))
    for copy_a, copy_b, factor in _copy_chunks(keys, dependence, {d: i for i, d in enumerate(g.docs)}):
        np.multiply.at(independent, _later(g, order, copy_a, copy_b), factor)
    return replace(g, independent=independent)


def _later(g: Graph, order: np.ndarray, copy_a: np.ndarray, copy_b: np.ndarray) -> np.ndarray:
    """Of each row's two votes by dependent documents, the one counted second: ranked lower by
    `order`, then by document id."""
    doc_a, doc_b = g.vote_doc[copy_a], g.vote_doc[copy_b]
    ta, tb = order[doc_a], order[doc_b]
    a_first = (ta > tb) | ((ta == tb) & (g.name_rank[doc_a] < g.name_rank[doc_b]))
    return np.where(a_first, copy_b, copy_a)


COPY_RATE = 0.8  # c: how much of a copier's vote is the copied source's
COPY_CHUNK_ROWS = 500_000  # (dependent pair, vote) rows looked up at a time: bounds the memory of the lookup


def step(g: Graph, trust: np.ndarray, damping: float, similarity: float,
         order: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """One iteration: candidate confidences from trust, then trust from
    confidences. Of two dependent voters the one ranked later (less trusted
    by `order`, else by the current trust; then by id) is discounted."""
    voter_tau = tau_array(trust)[g.vote_doc]
    if g.independent is not None:  # with_discounts: the discounts of a fixed order
        voter_tau = voter_tau * g.independent
    elif len(g.copy_a):
        independent = np.ones(len(g.vote_doc))
        np.multiply.at(independent, _later(g, trust if order is None else order, g.copy_a, g.copy_b), g.copy_factor)
        voter_tau = voter_tau * independent
    score = np.bincount(g.vote_cand, weights=voter_tau, minlength=len(g.candidates)) + g.ref_score
    support = np.bincount(g.support_to, weights=score[g.support_from], minlength=len(g.candidates))
    confidence = 1.0 / (1.0 + np.exp(-damping * (score + similarity * support)))
    mean = np.bincount(g.claim_doc, weights=confidence[g.claim_cand], minlength=len(g.docs))
    counts = np.bincount(g.claim_doc, minlength=len(g.docs))
    return confidence, np.where(counts > 0, mean / np.maximum(counts, 1), trust)


def tau(trust: float) -> float:
    return -math.log(max(1e-9, 1.0 - min(trust, 0.999999)))


def tau_array(trust: np.ndarray) -> np.ndarray:
    return -np.log(np.maximum(1e-9, 1.0 - np.minimum(trust, 0.999999)))


def one_per_source(refs: list) -> list:
    seen = {}
    for r in refs:
        seen.setdefault(r.ref_source, r)
    return list(seen.values())
