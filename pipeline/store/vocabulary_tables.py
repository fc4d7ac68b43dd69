"""Publishes the vocabulary file and the model catalogue as the tables
`models`, `model_aliases`, `metrics` and `benchmarks`, so SQL joins the same
words the extractor uses; each model and alias says where it came from
(`vocabulary`, `rule`, or the datasets: `litellm`, `models.dev`, ...)."""
from __future__ import annotations

import duckdb
import pandas as pd

from pipeline.store.sqlfiles import run_sql, run_sql_with_frames
from pipeline.vocabulary import Vocabulary


def vocabulary_frames(vocab: Vocabulary) -> dict[str, pd.DataFrame]:
    models = pd.DataFrame([
        {"model": m.id, "vendor": m.vendor, "family": m.family, "is_family": m.is_family, "origin": m.origin}
        for m in vocab.models.values()
    ])
    first: dict[tuple[str, str], str] = {}
    for alias, model, origin in [*vocab.alias_rows(), *vocab.exact_aliases]:
        first.setdefault((alias, model), origin)
    aliases = pd.DataFrame([{"alias": a, "model": m, "origin": o} for (a, m), o in sorted(first.items())])
    metrics = pd.DataFrame([
        {"metric": m.id, "unit": m.unit, "label": m.label,
         "range_min": m.range[0] if m.range else None, "range_max": m.range[1] if m.range else None}
        for m in vocab.metrics.values()
    ])
    benchmarks = pd.DataFrame([
        {"benchmark": slug, "name": name} for slug, names in vocab.benchmarks.items() for name in names
    ])
    return {"vocab_models": models, "vocab_aliases": aliases, "vocab_metrics": metrics,
            "vocab_benchmarks": benchmarks}


def publish_vocabulary(con: duckdb.DuckDBPyConnection, vocab: Vocabulary) -> dict[str, int]:
    """The tables rewritten only when they differ from the vocabulary: an unchanged
    vocabulary writes nothing (a no-change run must not grow the database file)."""
    frames = vocabulary_frames(vocab)
    if _differs(con, frames):
        run_sql_with_frames(con, "extract/replace_vocabulary", frames)
    return {name.removeprefix("vocab_"): len(frame) for name, frame in frames.items()}


def _differs(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> bool:
    for view, frame in frames.items():
        con.register(view, frame)
    try:
        return bool(run_sql(con, "extract/vocabulary_differs").fetchall()[0][0])
    finally:
        for view in frames:
            con.unregister(view)
