"""Measures the reconciliation on the dev set's `0xx` articles (not shipped
with the project: pass the folder). Two modes:

    python -m pipeline.reconcile.devset gold DEVSET_DIR       # gold claims loaded beside the articles
    python -m pipeline.reconcile.devset extracted DEVSET_DIR  # claims from the current extractor

`gold` prints, for each conflict a careful reader lists (0xx-conflicts.md,
transcribed below as model, metric and the kinds that match the reader's
cause), whether it was found and with which kind, and whether any agreement
the reader lists was flagged. `extracted` prints conflicts per disputed fact
and the share `unexplained`. Both use the project's reference snapshots."""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import duckdb

from pipeline.config import PROJECT_ROOT
from pipeline.ingest.sources import read_all
from pipeline.reconcile.run import Vocab, run
from pipeline.reference.loaders import load_reference_dir
from pipeline.store.documents import sync_documents
from pipeline.store.reference import replace_reference
from pipeline.store.schema import apply_schema
from pipeline.vocabulary import vocabulary

REFERENCE = PROJECT_ROOT / "sources" / "reference"
ARTICLES = re.compile(r"^0\d\d_.*\.(md|txt|html)$")
# the reader's folding of API names into base ids (0xx-conflicts.md, preamble)
FOLD = {"deepseek-chat": "deepseek-v3", "deepseek-reasoner": "deepseek-r1", "qwq-32b": "qwq-32b-preview",
        "claude-3-5-sonnet-20241022": "claude-3.5-sonnet-20241022"}

# (model, metric): the explanation kinds that match the cause the reader gives
READER_CONFLICTS = {
    ("gpt-4o", "price_input"): {"version_change"},
    ("gpt-4o", "price_output"): {"version_change"},
    ("gpt-4o", "score:mmlu"): {"eval_setting"},
    ("gpt-4o", "latency"): {"eval_setting"},
    ("gpt-4", "latency"): {"eval_setting"},
    ("gpt-4o-mini", "throughput"): {"measurement"},
    ("claude-3.5-sonnet", "throughput"): {"measurement"},
    ("claude-3.5-sonnet", "release_date"): {"version_change"},
    ("claude-3.5-sonnet", "score:humaneval"): {"version_change"},
    ("claude-3.5-sonnet", "score:mmlu"): {"eval_setting"},
    ("claude-3.5-sonnet", "score:gpqa"): {"version_change", "eval_setting"},
    ("gemini-1.5-pro", "context_window"): {"version_change", "eval_setting"},
    ("deepseek-v3", "context_window"): {"eval_setting"},
    ("deepseek-v3", "parameters"): {"eval_setting"},
    ("deepseek-v2", "parameters"): {"eval_setting"},
    ("claude-3.5-sonnet", "score:swe-bench-verified"): {"version_change"},
    ("gpt-3.5-turbo", "price_input"): {"misattribution"},
    ("gpt-3.5-turbo", "price_output"): {"misattribution"},
    ("gpt-3.5-turbo", "context_window"): {"misattribution"},
    ("gpt-4", "price_input"): {"misattribution"},
    ("gpt-4", "price_output"): {"misattribution"},
    ("gpt-4", "context_window"): {"misattribution"},
    ("qwq-32b-preview", "parameters"): {"unit_slip"},
}
READER_AGREEMENTS = [
    ("claude-3.5-sonnet", "price_input"), ("claude-3.5-sonnet", "price_output"),
    ("claude-3.5-sonnet", "context_window"), ("claude-3.5-sonnet", "knowledge_cutoff"),
    ("claude-3.5-sonnet", "max_output"), ("claude-3.5-sonnet", "score:math"), ("claude-3.5-sonnet", "score:mmmu"),
    ("deepseek-v3", "price_input"), ("deepseek-v3", "price_output"),
    ("gpt-4o-mini", "price_input"), ("gpt-4o-mini", "price_output"), ("gpt-4o-mini", "context_window"),
    ("gpt-4o", "context_window"), ("o1", "price_input"), ("o1", "price_output"),
]


def _warehouse(devset: Path, work: Path) -> duckdb.DuckDBPyConnection:
    sources = work / "sources"
    sources.mkdir()
    for path in sorted(devset.iterdir()):
        if ARTICLES.match(path.name):
            shutil.copy(path, sources / path.name)
    con = duckdb.connect(str(work / "claims.duckdb"))
    apply_schema(con)
    refs, results = read_all(sources, exclude=work / "no-reference")
    sync_documents(con, refs, results)
    replace_reference(con, load_reference_dir(REFERENCE))
    return con


def load_gold(con: duckdb.DuckDBPyConnection, gold: Path) -> int:
    """Inserts the gold claims of the loaded documents as claims (spans found
    by searching the quote in the document text; -1 where it is not found)."""
    docs = dict(con.execute("select source, doc_id from documents").fetchall())
    texts = dict(con.execute("select doc_id, text from document_texts").fetchall())
    n = 0
    for i, line in enumerate(gold.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        doc = docs.get(row["source"])
        if doc is None:
            continue
        q = row.get("qualifiers") or {}
        value = row["value"]
        start = texts[doc].find(row["quote"])
        con.execute("""insert into claims (claim_id, doc_id, source, model, metric, unit, value, value_high, value_text,
                       tier, bound, modality, setting, approx, hedged, as_of, quote, span_start, span_end, currency)
                       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", [
            f"gold{i}", doc, row["source"], _fold(row["model"]), row["metric"], row["unit"],
            None if isinstance(value, str) else value, row.get("value_high"), value if isinstance(value, str) else None,
            q.get("tier", "standard"), q.get("bound", "eq"), q.get("modality"), q.get("setting"),
            bool(q.get("approx", False)), bool(q.get("hedged", False)), q.get("as_of"), row["quote"],
            start, start + len(row["quote"]) if start >= 0 else -1, q.get("currency", "usd")])
        n += 1
    return n


def _fold(model: str) -> str:
    model = FOLD.get(model, model).removeprefix("open-")
    for suffix in ("-instant", "-versatile"):
        model = model.removesuffix(suffix)
    return model


def measure_gold(con: duckdb.DuckDBPyConnection) -> dict:
    found, standard = {}, set()
    for model, metric, tier, kind, values in con.execute("""
            select model, metric, tier, c.explanation_kind, list(v.shown order by v.value_rank)
            from conflicts as c join conflict_values as v using (conflict_id) group by all""").fetchall():
        found.setdefault((_fold(model), metric), []).append((kind, values))
        if tier == "standard":
            standard.add((_fold(model), metric))
    print("reader's conflicts:")
    hits = right = 0
    for key, kinds in READER_CONFLICTS.items():
        got = found.get(key, [])
        ok = any(k in kinds for k, _ in got)
        hits += bool(got)
        right += ok
        print(f"  {'FOUND' if got else 'MISSED':6} {'right' if ok else 'WRONG' if got else '':5} {key[0]} {key[1]}: "
              f"{'; '.join(f'{k} {v}' for k, v in got) or '-'} (reader: {'/'.join(sorted(kinds))})")
    flagged = [key for key in READER_AGREEMENTS if key in standard]  # the reader's agreements are standard-tier
    print(f"found {hits}/{len(READER_CONFLICTS)}; reader's kind {right}/{len(READER_CONFLICTS)} "
          f"({100 * right / len(READER_CONFLICTS):.0f}%); agreements flagged {len(flagged)}/{len(READER_AGREEMENTS)}"
          f"{': ' + str(flagged) if flagged else ''}")
    others = {k: v for k, v in found.items() if k not in READER_CONFLICTS}
    print(f"other conflicts ({len(others)}): " + "; ".join(f"{k[0]} {k[1]} {v[0][0]}" for k, v in sorted(others.items())))
    return {"found": hits, "right": right, "total": len(READER_CONFLICTS), "flagged": len(flagged)}


def measure_extracted(con: duckdb.DuckDBPyConnection) -> dict:
    n, facts, unexplained = con.execute("""
        select count(*), count(distinct (model, metric, tier, coalesce(setting, ''), coalesce(currency, 'usd'))),
               count(*) filter (where explanation_kind = 'unexplained') from conflicts""").fetchone()
    kinds = Counter(dict(con.execute("select explanation_kind, count(*) from conflicts group by 1").fetchall()))
    print(f"conflicts {n}, disputed facts {facts}, ratio {n / max(facts, 1):.2f} (target <= 1.2); "
          f"unexplained {unexplained} ({100 * unexplained / max(n, 1):.0f}%, target < 30%)")
    print(f"by kind: {dict(kinds.most_common())}")
    return {"conflicts": n, "facts": facts, "unexplained": unexplained}


def _extract(con: duckdb.DuckDBPyConnection) -> int:
    from pipeline.extract import ExtractFailure, extract_isolated, extractor_version
    from pipeline.store.claims import pending_documents, replace_claims
    version = extractor_version()
    for doc in pending_documents(con, version):
        found = extract_isolated(doc["text"], doc["source"])
        if not isinstance(found, ExtractFailure):
            replace_claims(con, doc["doc_id"], doc["sha256"], version, found)
    return con.execute("select count(*) from claims").fetchone()[0]


def measure(devset: Path, mode: str, show: bool = False) -> dict:
    """Builds a warehouse of the 0xx articles in a temporary folder, loads
    gold or extracted claims, reconciles, and returns the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        con = _warehouse(devset, Path(tmp))
        dated = con.execute("select count(*) filter (where published_at is not null), count(*) from documents").fetchone()
        n = load_gold(con, devset / "gold-part0.claims.jsonl") if mode == "gold" else _extract(con)
        print(f"{dated[1]} documents ({dated[0]} dated), {n} claims ({mode})", file=sys.stderr)
        run(con, Vocab.from_vocabulary(vocabulary()))
        if show:
            _show(con)
        figures = measure_gold(con) if mode == "gold" else measure_extracted(con)
        con.close()
    return figures


def _show(con: duckdb.DuckDBPyConnection) -> None:
    for row in con.execute("""select c.model, c.metric, c.kind, c.explanation_kind,
            list(v.shown || ' [' || array_to_string(v.doc_ids, ',') || ']' || if(v.chosen, '*', '')
                 || coalesce(' ' || v.explanation_kind, '') order by v.value_rank)
            from conflicts c join conflict_values v using (conflict_id) group by all order by 1, 2""").fetchall():
        print(" ", *row)
    for row in con.execute("select c.model, c.metric, v.shown, v.explanation from conflicts c "
                           "join conflict_values v using (conflict_id) where not v.chosen order by 1, 2").fetchall():
        print("   ", *row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["gold", "extracted"])
    parser.add_argument("devset", type=Path)
    parser.add_argument("--show", action="store_true", help="print every conflict with its values")
    args = parser.parse_args(argv)
    measure(args.devset, args.mode, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
