"""Builds a tiny warehouse by hand: documents, claims and reference facts as
literal rows, then runs the real reconciliation (SQL rules + Python)."""
from __future__ import annotations

import itertools
from datetime import date, datetime

import duckdb

from pipeline.reconcile.run import Vocab, load_statements, run
from pipeline.store.schema import apply_schema
from pipeline.vocabulary import vocabulary

_ids = itertools.count()


def claim(doc, model, metric, value=None, *, high=None, text=None, tier="standard", bound="eq", approx=False,
          hedged=False, setting=None, as_of=None, quote=None, modality=None, currency=None):
    n = next(_ids)
    row = dict(claim_id=f"c{n}", doc_id=doc, source=f"{doc}.md", model=model, metric=metric,
               unit=vocabulary().unit_of(metric), value=value, value_high=high, value_text=text, tier=tier,
               bound=bound, modality=modality, setting=setting, approx=approx, hedged=hedged, as_of=as_of,
               quote=quote or f"quote {n}", span_start=0, span_end=7)
    if currency:
        row["currency"] = currency
    return row


def review(target, decision, value=None, *, note=None, review_id=None):
    n = next(_ids)
    return dict(review_id=review_id or f"rv{n}", target=target, decision=decision, value=value, note=note,
                reviewer="tester", decided_at=datetime(2025, 1, 1, 0, 0, n % 60))


def ref(model, metric, value=None, *, text=None, tier=None, setting=None, snapshot=None, valid_from=None,
        source="official"):
    n = next(_ids)
    return dict(ref_id=f"r{n}", ref_source=source, model=model, snapshot=snapshot, metric=metric,
                unit=vocabulary().unit_of(metric), tier=tier, setting=setting, value=value, value_text=text,
                valid_from=valid_from, valid_to=None, citation=f"https://example.com/{n}")


def build(tmp_path, claims, references=(), dates=None, reviews=()):
    """Returns an open connection to a warehouse holding the reconciliation's output."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_schema(con)
    for doc in sorted({c["doc_id"] for c in claims}):
        con.execute("insert into documents (doc_id, source, location, kind, content_type, title, author, published_at, "
                    "lang, sha256, n_chars, ingested_at) values (?, ?, ?, 'file', 'text/markdown', null, null, ?, 'en', "
                    "'x', 10, now())",
                    [doc, f"{doc}.md", f"{doc}.md", (dates or {}).get(doc)])
    for doc in sorted({c["doc_id"] for c in claims}):
        text = " ".join(c["quote"] for c in claims if c["doc_id"] == doc)
        con.execute("insert into document_texts by name select ? as doc_id, ? as text", [doc, text])
    for c in claims:
        con.execute(f"insert into claims by name select * from (select {', '.join('? as ' + k for k in c)})",
                    list(c.values()))
    for r in references:
        con.execute(f"insert into reference_facts by name select * from (select {', '.join('? as ' + k for k in r)})",
                    list(r.values()))
    for r in reviews:
        con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                    list(r.values()))
    run(con, Vocab.from_vocabulary(vocabulary()))
    return con


def rerun(con):
    """The reconciliation again over what the warehouse holds (a rebuild)."""
    run(con, Vocab.from_vocabulary(vocabulary()))
    return con


def conflicts(con):
    """(kind, metric, the values as shown, reference, explanation kind) per conflict."""
    return con.execute("""
        select c.kind, c.metric, list(v.shown order by v.value_rank), c.reference_text, c.explanation_kind
        from conflicts as c join conflict_values as v using (conflict_id)
        group by all order by 1, 2, 3""").fetchall()


def fact(con, model, metric, tier="standard"):
    return con.execute("select coalesce(cast(value as varchar), value_text), status from reconciled_facts "
                       "where model = ? and metric = ? and tier = ?", [model, metric, tier]).fetchone()


D = date.fromisoformat


def statements_of(con):
    """The claims and reference facts of a warehouse as reconciliation reads them."""
    return load_statements(con)
