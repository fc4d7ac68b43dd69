"""The reconciliation a batch of models at a time (pipeline/reconcile/batched.py)
writes the tables the whole-corpus computation (run.reconcile) writes: with
reviews applied, a shared quote across models, and batches of a few claims."""
from __future__ import annotations

from pipeline.reconcile import batched
from pipeline.reconcile.run import Vocab, load_reviews, load_statements, reconcile, write_outcome
from pipeline.vocabulary import vocabulary
from tests.reconcile_helpers import build, claim, ref, review

TABLES = ("conflicts", "conflict_values", "source_dependence", "reconciled_facts", "fact_timeline",
          "source_reliability", "reviews")


def _rows():
    shared = "Model A and model B both offer 128k tokens of context."
    rows = [claim("d1", "gpt-4o", "context_window", 128_000, quote=shared),
            claim("d1", "gpt-4o-mini", "context_window", 128_000, quote=shared),
            claim("d2", "gpt-4o-mini", "context_window", 128_000),
            claim("d3", "gpt-4o-mini", "context_window", 16_000)]
    for d in range(8):
        rows += [claim(f"e{d}", "gpt-4o", "price_input", 2.5 if d % 3 else 5.0),
                 claim(f"e{d}", "claude-3-5-sonnet", "price_input", 3.0 if d % 4 else 15.0),
                 claim(f"e{d}", "llama-3-70b", "context_window", 8_192 if d % 2 else 128_000),
                 claim(f"e{d}", "gpt-4o", "context_window", 128_000 if d % 5 else 32_000)]
    return rows


def _dump(con) -> dict[str, list]:
    return {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in TABLES}


def test_batches_of_models_write_what_the_whole_corpus_writes(tmp_path, monkeypatch):
    rows = _rows()
    con = build(tmp_path, rows, [ref("gpt-4o", "price_input", 2.5)], reviews=[
        review(rows[-1]["claim_id"], "reject_claim"), review(rows[4]["claim_id"], "accept_value", 5.0),
        review("no-such-target", "dismiss")])
    vocab = Vocab.from_vocabulary(vocabulary())
    claims, references = load_statements(con)
    write_outcome(con, reconcile(claims, references, vocab, load_reviews(con)), claims)
    whole = _dump(con)
    assert whole["conflicts"] and any("True" in r for r in whole["reviews"])  # a stale review among them
    monkeypatch.setattr(batched, "BATCH_CLAIMS", 3)
    assert len(list(batched.batches(con))) == 4  # one model a batch
    outcome, counts, _ = batched.run_batched(con, vocab)
    assert _dump(con) == whole
    assert counts["conflicts"] == len(whole["conflicts"]) and sum(outcome.by_explanation.values()) == counts["conflicts"]
