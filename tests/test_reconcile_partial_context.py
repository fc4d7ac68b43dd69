"""A partial reconciliation reads only the touched facts' claims as statements
and what their explanations consult through narrow SQL
(pipeline/reconcile/partial_context.py): its conflicts and explanations are
those a ConflictFinder over every claim gives, for explanations that look at
other claims (a quote shared with another model, the directed prices beside
an undirected one, a score under another setting, the versions a document
speaks of, the models a document discusses)."""
from __future__ import annotations

from datetime import date

from pipeline.reconcile import partial, partial_context
from pipeline.reconcile.batched import model_batches
from pipeline.reconcile.conflicts import ConflictFinder
from pipeline.reconcile.run import Vocab, load_statements, run_if_changed
from pipeline.reconcile.statements import read_statements
from pipeline.reconcile.truth import build_facts, decide
from pipeline.vocabulary import vocabulary
from tests.reconcile_helpers import build, claim, ref

DATES = {f"p{i:02d}": date(2024, 3 + i % 9, 1 + i % 28) for i in range(34)}


def _corpus() -> list[dict]:
    rows = []
    for i in range(30):  # most documents agree; a few state figures whose explanation needs other claims
        doc = f"p{i:02d}"
        rows += [claim(doc, "llama-3-70b", "price_input", 0.6), claim(doc, "llama-3-70b", "price_output", 0.8),
                 claim(doc, "llama-3-70b", "score:mmlu", 82.0), claim(doc, "llama-3-70b", "context_window", 8192),
                 claim(doc, "mistral-large", "context_window", 32_000)]
    row = "| Llama 3 70B / Llama 3 70B-instruct | 0.35 |"
    rows += [claim("p30", "llama-3-70b", "price_input", 0.35, quote=row),  # the same words give another model it
             claim("p30", "llama-3-70b-instruct", "price_input", 0.35, quote=row),
             claim("p31", "llama-3-70b", "price", 1.4),  # the sum of the same document's directed prices
             claim("p31", "llama-3-70b", "price_input", 0.6), claim("p31", "llama-3-70b", "price_output", 0.8),
             claim("p32", "llama-3-70b", "price", 5.0),  # fits no directed price
             claim("p32", "llama-3-70b", "score:mmlu", 79.5),  # the 0-shot score of another document
             claim("p33", "llama-3-70b", "score:mmlu", 79.5, setting="0-shot"),
             claim("p33", "llama-3-70b-20240418", "context_window", 8192),  # a dated snapshot named
             claim("p32", "llama-3-70b", "context_window", 131_072,
                   quote="the context was extended to 131072 tokens"),
             claim("p32", "llama-3-70b", "release_date", text="2024-07-23"),
             claim("p32", "mistral-large", "context_window", 131_072)]
    return rows


def _vocab() -> Vocab:
    return Vocab.from_vocabulary(vocabulary())


def _rows(conflicts) -> set[str]:
    return {repr((c.row(), c.value_rows())) for c in conflicts if " vs " not in c.metric}


def test_narrow_reads_explain_as_every_claim_does(tmp_path):
    con = build(tmp_path, _corpus(), [ref("llama-3-70b", "context_window", 8192, snapshot="llama-3-70b-20240418"),
                                      ref("mistral-large", "context_window", 131_072)], DATES)
    every, references = load_statements(con)
    keys = {c.fact_key for c in every}
    found_narrow, found_every = [], []
    for raw_models in model_batches(con):
        claims = read_statements(con, "reconcile/partial_claims", {"raw_models": raw_models, "keys": sorted(keys),
                                                                    "docs": []})
        verdicts = [decide(f, 3) for f in build_facts(claims, references)]
        found_narrow += partial_context.finder(con, claims, references, _vocab().task_slugs, raw_models).find(verdicts)
        found_every += ConflictFinder(every, references, _vocab().task_slugs).find(verdicts)
    kinds = {v["explanation_kind"] for c in found_every for v in c.value_rows() if not v["chosen"]}
    assert {"misattribution", "eval_setting"} <= kinds  # the explanations this corpus is for are reached
    assert len(_rows(found_every)) >= 4 and _rows(found_narrow) == _rows(found_every)


def test_a_partial_run_writes_the_explanations_every_claim_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(partial, "MAX_TOUCHED_SHARE", 1.0)  # this small corpus's facts all hold the changed document
    con = build(tmp_path, _corpus(), [ref("llama-3-70b", "context_window", 8192, snapshot="llama-3-70b-20240418")],
                DATES)
    con.execute("update claims set value = 0.9 where doc_id = 'p03' and metric = 'price_input'")
    outcome, counts = run_if_changed(con, _vocab())
    assert outcome is not None and not outcome.trust and counts["recomputed_reconciled_facts"] >= 1
    every, references = load_statements(con)
    facts = build_facts(every, references)
    trust = dict(con.execute("select doc_id, score from source_reliability").fetchall())
    partial.fixed_confidence(facts, trust, partial.held_pairs(con))
    iterations = con.execute("select iterations from bookkeeping.reconcile_basis").fetchone()[0]
    expected = ConflictFinder(every, references, _vocab().task_slugs).find([decide(f, iterations) for f in facts])
    stored = {r[0]: r[1:] for r in con.execute(
        "select conflict_id, explanation_kind, explanation from conflicts where metric not like '% vs %'").fetchall()}
    assert stored == {c.conflict_id: (c.explanation_kind, c.explanation) for c in expected if " vs " not in c.metric}


def test_the_sql_hint_finds_every_quote_that_says_a_figure_changed():
    """partial_epochs.sql keeps the quotes matching explain.CHANGE_HINTS (RE2): every quote CHANGE_WORDS matches
    must be kept, or a document's versions would be read wrong."""
    import duckdb

    from pipeline.reconcile.explain import CHANGE_HINTS, CHANGE_WORDS
    quotes = ["The NEW Version ships today", "it was Upgraded last week", "a New Model: Falcon", "Prices CUT to $2",
              "context expanded this spring to 64k", "Rates Raised to 3 per hour", "from $4 to $1.5 per call",
              "窗口扩展到 200k", "价格降至 1 元", "升级后的模型", "新版发布", "8k → 32k", "Boosted throughput to 90",
              "improved accuracy to 71%", "lowered latency to 20 ms", "dropped to 5", "reduced to 0.3",
              "increaſed to 9", "raıses the limit to 12", "no change here", "the same figure as before"]
    said = [q for q in quotes if CHANGE_WORDS.search(q)]
    assert len(said) >= 17  # the cases are the words CHANGE_WORDS reads, not quotes it misses
    kept = duckdb.connect().execute("select q from unnest($q) as t(q) where regexp_matches(q, $h)",
                                    {"q": said, "h": CHANGE_HINTS}).fetchall()
    assert sorted(q for (q,) in kept) == sorted(said)


def test_the_scope_read_once_is_what_the_batches_read(tmp_path):
    """partial_scope.sql repeats partial_claims.sql's filter for every batch at once: the (model, document,
    metric) it gives are those of the claims the batches read, and the context read for them gives each batch's
    claims the indexes and document models a read for that batch alone gives."""
    con = build(tmp_path, _corpus(), [ref("llama-3-70b", "context_window", 8192)], DATES)
    every, references = load_statements(con)
    keys, docs = sorted({c.fact_key for c in every if c.model != "gpt-4o"}), ["p03"]
    batches = model_batches(con)
    raw = [m for b in batches for m in b]
    scope = partial_context.scope(con, raw, keys, docs)
    read = [read_statements(con, "reconcile/partial_claims", {"raw_models": b, "keys": keys, "docs": docs})
            for b in batches]
    assert set(scope.itertuples(index=False, name=None)) == {(c.model, c.doc_id, c.metric) for b in read for c in b}
    kept = [read_statements(con, "reconcile/partial_batch", {"raw_models": b}) for b in batches]
    assert kept == read and sum(map(len, kept)) > 100  # the batches read from the table scope() kept, in order
    context = partial_context.Context.read(con, references, raw, scope)
    for claims in read:
        alone = partial_context.indexes(con, claims)
        shared = context.indexes(claims)
        assert alone.keys() == shared.keys() and context.document_models(claims) == \
            partial_context.document_models(con, claims)
        for model, index in alone.items():
            assert ({d: v for d, v in index.by_doc.items() if v}, dict(index.by_metric), index._epochs) == \
                ({d: v for d, v in shared[model].by_doc.items() if v}, dict(shared[model].by_metric),
                 shared[model]._epochs), model
