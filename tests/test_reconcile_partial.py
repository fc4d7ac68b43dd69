"""Reconciliation of what changed (pipeline/reconcile/partial.py): one changed
document recomputes only the facts its claims touch, with the stored trust
held; those rows equal a recompute of every fact with the same trust; a
large change or a changed reference fact falls back to the full run."""
from __future__ import annotations

import random

from pipeline.reconcile import partial
from pipeline.reconcile.conflicts import ConflictFinder
from pipeline.reconcile.reviews import Applied
from pipeline.reconcile.run import Vocab, fact_rows, load_statements, run_if_changed, settle
from pipeline.reconcile.truth import build_facts, decide
from pipeline.vocabulary import vocabulary
from tests.reconcile_helpers import build, claim, ref, rerun

MODELS = {"gpt-4o": (128_000, 2.5), "claude-3-5-sonnet": (200_000, 3.0), "llama-3-70b": (8_192, 0.9),
          "gemini-1.5-pro": (1_000_000, 1.25), "mistral-large": (32_000, 2.0), "qwen-2-72b": (32_768, 0.4)}
FACTS = ("conflicts", "reconciled_facts", "fact_timeline")


def _corpus(n_docs: int = 24) -> list[dict]:
    """Documents on two models each, mostly agreeing on their context window and price, some with an older or
    wrong figure."""
    rng = random.Random(7)
    rows, models = [], list(MODELS)
    for d in range(n_docs):
        doc = f"d{d:02d}"
        for model in (models[d % 6], models[(d + 1 + d // 6) % 6]):
            window, price = MODELS[model]
            rows.append(claim(doc, model, "context_window", rng.choice([window] * 4 + [window // 2])))
            rows.append(claim(doc, model, "price_input", rng.choice([price] * 3 + [price * 2])))
    return rows


def _vocab() -> Vocab:
    return Vocab.from_vocabulary(vocabulary())


def _tables(con) -> dict[str, set]:
    return {t: set(map(repr, con.execute(f"select * from {t}").fetchall())) for t in
            FACTS + ("conflict_values", "source_reliability", "source_dependence")}


def _rows_of(con, table: str, keys: set[str]) -> set:
    return {repr(r) for r in con.execute(f"select * from {table} where list_contains($k, fact_key)",
                                         {"k": sorted(keys)}).fetchall()}


def _held_trust_recompute(con) -> dict[str, set]:
    """Every fact decided again from the warehouse's claims with the stored trust and dependence (the pure
    functions over every statement at once, not partial.py's reading): the reconciled_facts rows by fact."""
    claims, references = load_statements(con)
    facts = build_facts(claims, references)
    trust = dict(con.execute("select doc_id, score from source_reliability").fetchall())
    dependence = {frozenset((a, b)): p for a, b, p in
                  con.execute("select doc_a, doc_b, probability from source_dependence").fetchall()}
    partial.fixed_confidence(facts, trust, dependence)
    iterations = con.execute("select iterations from bookkeeping.reconcile_basis").fetchone()[0]
    verdicts = [decide(f, iterations) for f in facts]
    conflicts = ConflictFinder(claims, references, _vocab().task_slugs).find(verdicts)
    facts_rows, _ = fact_rows(conflicts, settle(conflicts, verdicts, Applied()))
    return {r["fact_key"]: r for r in facts_rows}


def test_one_changed_document_recomputes_only_the_facts_it_touches(tmp_path):
    con = build(tmp_path, _corpus(), [ref("gpt-4o", "context_window", 128_000)])
    before = _tables(con)
    touched = {k for (k,) in con.execute(
        "select distinct f.fact_key from reconciled_facts as f, unnest(f.supporting_claim_ids || "
        "f.dissenting_claim_ids) as u(id) join claims as c on c.claim_id = u.id where c.doc_id = 'd02'").fetchall()}
    assert len(touched) == 4  # two models' context window and price, of 12 facts
    con.execute("update claims set value = value * 4 where doc_id = 'd02' and model = 'llama-3-70b'")
    outcome, counts = run_if_changed(con, _vocab())
    assert outcome is not None and not outcome.trust  # partial: no trust learned
    assert counts["recomputed_reconciled_facts"] == 4  # only the touched facts were written
    after = _tables(con)
    untouched = {k for (k,) in con.execute("select fact_key from reconciled_facts").fetchall()} - touched
    for table in FACTS:  # (a) the untouched facts' rows are the rows they were
        assert {r for r in after[table] if any(k in r for k in untouched)} == \
            {r for r in before[table] if any(k in r for k in untouched)}, table
    assert after["reconciled_facts"] != before["reconciled_facts"]
    expected = _held_trust_recompute(con)  # (b) the touched rows are a held-trust recompute's
    got = {r[0]: r for r in con.execute("select * from reconciled_facts where list_contains($k, fact_key)",
                                        {"k": sorted(touched)}).fetchall()}
    columns = [d[0] for d in con.execute("select * from reconciled_facts limit 0").description]
    for key in touched:
        assert dict(zip(columns, got[key])) == {c: expected[key][c] for c in columns}, key
    assert after["source_dependence"] == before["source_dependence"]  # held
    assert run_if_changed(con, _vocab()) == (None, {})  # and then nothing is left to do


def test_the_partial_run_counts_the_changed_document_afresh(tmp_path):
    con = build(tmp_path, _corpus(), [ref("gpt-4o", "context_window", 128_000)])
    con.execute("delete from claims where doc_id = 'd05' and model = 'gpt-4o'")
    outcome, counts = run_if_changed(con, _vocab())
    assert not outcome.trust and counts["recomputed_source_reliability"] == 1  # partial: the changed document's row
    n_claims, agreeing, disagreeing = con.execute(
        "select n_claims, n_agreeing, n_disagreeing from source_reliability where doc_id = 'd05'").fetchone()
    assert n_claims == 2 and agreeing + disagreeing == 2
    total = con.execute("select sum(n_claims), sum(n_agreeing) + sum(n_disagreeing) from source_reliability").fetchone()
    assert total == (con.execute("select count(*) from claims").fetchone()[0],) * 2


def test_a_large_change_or_a_reference_change_runs_in_full(tmp_path):
    con = build(tmp_path, _corpus(), [ref("gpt-4o", "context_window", 128_000)])
    con.execute("update claims set value = value * 3 where doc_id in ('d01', 'd02', 'd03') and metric = 'price_input'")
    assert partial.plan(con, _vocab()) is None  # 3 of 24 documents: more than MAX_CHANGED_SHARE of the claims
    outcome, counts = run_if_changed(con, _vocab())
    assert counts["reconciled_facts"] == 12 and outcome.trust  # every fact, trust learned again
    con.execute("update claims set value = 1.0 where doc_id = 'd06' and model = 'gpt-4o' and metric = 'price_input'")
    assert partial.plan(con, _vocab()) is not None  # one document: partial
    con.execute("update reference_facts set value = 100000")
    assert partial.plan(con, _vocab()) is None  # and with a changed reference fact: full
    outcome, counts = run_if_changed(con, _vocab())
    assert counts["reconciled_facts"] == 12 and outcome.trust



def test_a_change_to_the_facts_holding_most_claims_runs_in_full(tmp_path):
    """One document of thirty changed, but its facts hold two thirds of the claims: the full run, which writes
    batch by batch, bounds memory better than the partial path's gathered rows."""
    rows = []
    for d in range(30):
        doc = f"e{d:02d}"
        rows += [claim(doc, "gpt-4o", "price_input", 2.5), claim(doc, "gpt-4o", "context_window", 128_000),
                 claim(doc, list(MODELS)[1 + d % 5], "context_window", 1000 * (d + 1))]
    con = build(tmp_path, rows, [])
    con.execute("update claims set value = 5.0 where doc_id = 'e00' and metric = 'price_input'")
    assert partial.plan(con, _vocab()) is None  # 1 of 30 documents, under MAX_CHANGED_SHARE: still full
    outcome, counts = run_if_changed(con, _vocab())
    assert outcome.trust and "recomputed_reconciled_facts" not in counts


def test_the_held_pairs_read_once_give_the_confidences_of_a_dict_of_pairs(tmp_path):
    """fixed_confidence over held_pairs' frame (read once per run, made indexes of each batch's voters) gives
    the confidences, bit for bit, of the same pairs as a dict (what truth_arrays makes of source_dependence)."""
    con = build(tmp_path, _corpus(), [ref("gpt-4o", "context_window", 128_000)])
    con.execute("update source_dependence set probability = 0.25 + (hash(doc_a || doc_b) % 50) / 100.0")
    claims, references = load_statements(con)
    trust = dict(con.execute("select doc_id, score from source_reliability").fetchall())
    facts_dict, facts_frame = build_facts(claims, references), build_facts(claims, references)
    pairs = partial.held_pairs(con)
    assert len(pairs) >= 10
    partial.fixed_confidence(facts_dict, trust, {frozenset((a, b)): p for a, b, p in pairs.itertuples(index=False)})
    partial.fixed_confidence(facts_frame, trust, pairs)
    assert [c.confidence for f in facts_frame for c in f.candidates] == \
        [c.confidence for f in facts_dict for c in f.candidates]
    coded = build_facts(claims, references)  # the frame's documents made codes once per run (HeldPairs)
    partial.fixed_confidence(coded, trust, partial.HeldPairs.of(pairs))
    assert [c.confidence for f in coded for c in f.candidates] == \
        [c.confidence for f in facts_dict for c in f.candidates]
    without = build_facts(claims, references)
    partial.fixed_confidence(without, trust, {})
    assert [c.confidence for f in without for c in f.candidates] != \
        [c.confidence for f in facts_frame for c in f.candidates]  # the pairs discount copies


def test_a_partial_run_records_the_changed_documents_basis_with_its_rows(tmp_path):
    con = build(tmp_path, _corpus(), [ref("gpt-4o", "context_window", 128_000)])
    con.execute("update claims set value = value * 4 where doc_id = 'd02' and model = 'llama-3-70b'")
    assert partial.plan(con, _vocab()).docs == ["d02"]
    outcome, counts = run_if_changed(con, _vocab())
    assert counts["recomputed_reconciled_facts"] == 4
    assert partial.plan(con, _vocab()) is None  # the basis now holds d02's new digest: nothing changed since


def test_a_partial_run_finds_the_related_task_conflicts_of_the_changed_documents_only(tmp_path, monkeypatch):
    """Scores one document gives for two tasks behind one word are a conflict of that document: a partial run
    looks for them in the changed documents' claims only, and the conflicts table is a full run's."""
    monkeypatch.setattr(partial, "MAX_TOUCHED_SHARE", 2.0)  # every document states the same scores
    rows = []
    for d in range(24):
        doc = f"t{d:02d}"
        rows += [claim(doc, "gpt-4o", "score:table-understanding", 97.0 if d % 3 else 95.0),
                 claim(doc, "gpt-4o", "score:table-recognition", 99.0), claim(doc, "gpt-4o", "context_window", 128_000)]
    con = build(tmp_path, rows, [])
    related = "select * from conflicts where metric like '% vs %' order by conflict_id"
    before = con.execute(related).fetchall()
    assert len(before) == 24  # one per document
    con.execute("update claims set value = 90.0 where doc_id = 't04' and metric = 'score:table-recognition'")
    outcome, counts = run_if_changed(con, _vocab())
    assert not outcome.trust and counts["recomputed_conflicts"] >= 1  # partial
    after = con.execute(related).fetchall()
    assert after != before and len(after) == 24
    rerun(con)
    assert con.execute(related).fetchall() == after  # a full run finds the same
