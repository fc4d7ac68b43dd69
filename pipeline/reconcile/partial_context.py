"""What a partial reconciliation's explanations consult beyond the touched
facts' own claims, read by narrow SQL (sql/reconcile/partial_*.sql) instead
of making a statement of every claim of the touched models (at 10,000
articles ~260,000 for one article naming gpt-4o). The explanations
(explain.py) read of a model's other claims only: per document the release
dates it gives the model and whether a quote says a figure changed
(ClaimIndex.document_versions), the directed prices beside an undirected one
in its document, the scores under other settings of the same metric, the
dated snapshots named; of other models, the claims in the same words of the
same document and the models each document discusses. Each is read here
for the documents and metrics of the claims at hand only, so the conflicts
and explanations are those the whole model's claims give."""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pandas as pd

from pipeline.reconcile.batched import QuoteGroups
from pipeline.reconcile.conflicts import ConflictFinder
from pipeline.reconcile.explain import CHANGE_HINTS, ClaimIndex, version_dates_of
from pipeline.reconcile.statements import read_statements
from pipeline.records import Statement
from pipeline.store.sqlfiles import run_sql


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]):
    """The frames as views for the queries inside (unregistered after, even on an error)."""
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield con
    finally:
        for name in frames:
            con.unregister(name)


@dataclass
class Context:
    """What the explanations consult, read once per partial run for the claims of every batch (each query scans
    the claims table: read per batch, its cost was the batches times the corpus). A base model's claims are all
    in one batch, so what a batch's claims look up here is what a read for that batch alone gives."""

    doc_models: dict[str, set[str]]
    versions: dict
    epochs: dict[str, dict]
    prices: dict[str, dict]
    settings: dict[str, dict]

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection, references: list[Statement], raw_models: list[str],
             scope: pd.DataFrame) -> "Context":
        """`scope`: partial_scope.sql's (model, doc_id, metric) of the claims the batches of `raw_models` read."""
        rows = list(scope.itertuples(index=False))
        docs = {doc for _, doc, _ in rows}
        pairs = {(model, doc) for model, doc, _ in rows}
        prices = {(model, doc) for model, doc, metric in rows if metric == "price"}
        scores = {(model, metric) for model, _, metric in rows if metric.startswith(("score:", "rating:"))}
        return cls(_document_models(con, docs), versions(con, references, raw_models),
                   *_indexed(con, pairs, prices, scores))

    @classmethod
    def read_kept(cls, con: duckdb.DuckDBPyConnection, references: list[Statement],
                  raw_models: list[str]) -> "Context":
        """read() for the claims scope() kept in partial_rows, what they ask for selected in SQL
        (partial_wanted.sql) instead of made Python sets and frames: the same queries over the same rows."""
        run_sql(con, "reconcile/partial_wanted")
        rows = run_sql(con, "reconcile/partial_document_models").fetchall()
        return cls({doc: set(models) for doc, models in rows}, versions(con, references, raw_models),
                   *_indexed(con, None, None, None))

    def document_models(self, claims: list[Statement]) -> dict[str, set[str]]:
        return {d: self.doc_models[d] for d in {c.doc_id for c in claims} if d in self.doc_models}

    def indexes(self, claims: list[Statement]) -> dict[str, ClaimIndex]:
        return {m: ClaimIndex.narrow(self.prices[m], self.settings[m], self.epochs[m]) for m in {c.model for c in claims}}


def scope(con: duckdb.DuckDBPyConnection, raw_models: list[str], keys: list[str], docs: list[str]) -> pd.DataFrame:
    """Keeps the claims every batch of `raw_models` reads in the temporary table partial_rows (read by batch:
    partial_batch.sql) and the claims in the same words in partial_quote_pool (for quote_groups), and gives their
    (model, doc_id, metric)."""
    run_sql(con, "reconcile/partial_rows", {"raw_models": raw_models, "keys": keys, "docs": docs})
    run_sql(con, "reconcile/partial_quote_pool")
    return run_sql(con, "reconcile/partial_scope").fetchdf()


def finder(con: duckdb.DuckDBPyConnection, claims: list[Statement], references: list[Statement],
           task_slugs: frozenset[str], raw_models: list[str], context: Context | None = None) -> ConflictFinder:
    """A ConflictFinder over `claims` (the touched facts' claims, of the base models `raw_models` name) whose
    explanations see what they would see with every claim of those models (`context`: read for them already)."""
    def dissenting_quotes(found: ConflictFinder, dissenting: list[Statement]) -> None:
        found.claims_by_quote = quote_groups(con, [s for s in dissenting if not s.is_reference], context is not None)
    if context is None:
        return ConflictFinder(claims, references, task_slugs, QuoteGroups(), document_models(con, claims),
                              versions=versions(con, references, raw_models), indexes=indexes(con, claims),
                              before_explaining=dissenting_quotes)
    return ConflictFinder(claims, references, task_slugs, QuoteGroups(), context.document_models(claims),
                          versions=context.versions, indexes=context.indexes(claims),
                          before_explaining=dissenting_quotes)


def quote_groups(con: duckdb.DuckDBPyConnection, claims: list[Statement], pooled: bool = False) -> QuoteGroups:
    """The claims by (document, quote), with the other models' claims of the same metric in the same words
    (explain.misattribution looks up a dissenting value's claims' groups only: ConflictFinder.find passes them).
    `pooled`: read from the run's partial_quote_pool (scope() keeps it), not from every claim."""
    wanted = pd.DataFrame(sorted({(c.doc_id, c.quote, c.metric, c.model) for c in claims}),
                          columns=["doc_id", "quote", "metric", "model"], dtype="object")
    with registered(con, {"wanted_quotes": wanted}):
        others = read_statements(con, "reconcile/partial_pooled_quotes" if pooled else "reconcile/partial_quotes", {})
    ids = {c.id for c in claims}
    out = QuoteGroups()
    for c in claims + [o for o in others if o.id not in ids]:
        out.setdefault((c.doc_id, c.quote), []).append(c)
    return out


def document_models(con: duckdb.DuckDBPyConnection, claims: list[Statement]) -> dict[str, set[str]]:
    return _document_models(con, {c.doc_id for c in claims})


def _document_models(con: duckdb.DuckDBPyConnection, docs: set[str]) -> dict[str, set[str]]:
    wanted = pd.DataFrame({"doc_id": sorted(docs)}, dtype="object")
    with registered(con, {"wanted_docs": wanted}):
        rows = run_sql(con, "reconcile/partial_document_models").fetchall()
    return {doc: set(models) for doc, models in rows}


def versions(con: duckdb.DuckDBPyConnection, references: list[Statement], raw_models: list[str]) -> dict:
    snapshots = run_sql(con, "reconcile/partial_snapshots", {"raw_models": raw_models}).fetchall()
    return version_dates_of(references, snapshots)


def indexes(con: duckdb.DuckDBPyConnection, claims: list[Statement]) -> dict[str, ClaimIndex]:
    """Per model, a ClaimIndex of what the explanations read for these claims' documents and metrics."""
    epochs, by_doc, by_metric = _indexed(con, {(c.model, c.doc_id) for c in claims},
                                         {(c.model, c.doc_id) for c in claims if c.metric == "price"},
                                         {(c.model, c.metric) for c in claims if c.metric.startswith(("score:", "rating:"))})
    return {m: ClaimIndex.narrow(by_doc[m], by_metric[m], epochs[m]) for m in {c.model for c in claims}}


def _indexed(con: duckdb.DuckDBPyConnection, pairs: set[tuple] | None, undirected: set[tuple] | None,
             scores: set[tuple] | None) -> tuple:
    """Per model: each (model, document) pair's versions, the directed prices of the pairs with an undirected
    price, the claims under a setting of the (model, metric) scores. None for all three: partial_wanted.sql's
    views already say them (Context.read_kept)."""
    kept = pairs is None
    epochs: dict[str, dict] = defaultdict(dict)
    with _wanted(con, kept, "wanted_pairs", pairs, ["model", "doc_id"], "every_pair"):
        for model, doc, dates, quotes in run_sql(con, "reconcile/partial_epochs", {"hints": CHANGE_HINTS}).fetchall():
            epochs[model][doc] = ClaimIndex.epoch_of(dates, quotes)
    by_doc: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    with _wanted(con, kept, "wanted_pairs", undirected, ["model", "doc_id"], "price_pairs"):
        for s in read_statements(con, "reconcile/partial_prices", {}):
            by_doc[s.model][s.doc_id].append(s)
    by_metric: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    with _wanted(con, kept, "wanted_metrics", scores, ["model", "metric"], None):
        for s in read_statements(con, "reconcile/partial_settings", {}):
            by_metric[s.model][s.metric].append(s)
    return epochs, by_doc, by_metric


@contextmanager
def _wanted(con: duckdb.DuckDBPyConnection, kept: bool, name: str, rows: set[tuple] | None, columns: list[str],
            view: str | None):
    """The view `name` a context query reads: the rows as a frame, or (kept) partial_wanted.sql's `view`."""
    if not kept:
        with registered(con, {name: _frame(rows, columns)}):
            yield
        return
    if view is not None:
        run_sql(con, f"reconcile/partial_wanted_{view}")
    yield


def _frame(rows: set[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(sorted(rows), columns=columns, dtype="object")
