"""A synthetic warehouse of 500+ conflicts for the report's scale tests and
benchmark: real reconciliation over literal claims (tests/reconcile_helpers),
some quoted from a markdown table row and some in Chinese, and GX results."""
from __future__ import annotations

from datetime import date, datetime

from tests.reconcile_helpers import build, claim, ref

MODELS = ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "gemini-1.5-pro", "qwen2.5-72b", "deepseek-v3",
          "llama-3.1-405b", "mistral-large"]
TABLE = "| model | input $/1M | output $/1M |\n|---|---|---|\n"


def scale_claims(n_settings: int = 22) -> tuple[list[dict], list[dict]]:
    """Three disagreeing sources per fact: models × metrics × settings facts, each a conflict."""
    claims, refs = [], []
    for m, model in enumerate(MODELS):
        for s in range(n_settings):
            setting = f"setup {s}"
            claims += [
                claim(f"doc{m}a", model, "latency", 300.0 + s, bound="lte", setting=setting,
                      quote=f"{model} answers within {300 + s} ms in setup {s}"),
                claim(f"doc{m}b", model, "latency", 900.0 + s, setting=setting,
                      quote=f"{model} took {900 + s} ms in setup {s}"),
                claim(f"doc{m}c", model, "throughput", 50.0 + s, setting=setting,
                      quote=f"{model} 在测试 {s} 中每秒输出 {50 + s} 个词元"),
                claim(f"doc{m}d", model, "throughput", 150.0 + s, setting=setting,
                      quote=f"{model} streams {150 + s} tokens per second (run {s})"),
                claim(f"doc{m}a", model, "context_window", 128000.0, setting=setting,
                      quote=f"{model} setup {s}: a 128K window"),
                claim(f"doc{m}e", model, "context_window", 32000.0 + 1000 * s, setting=setting,
                      quote=f"{model} setup {s}: window {32 + s}K"),
            ]
        claims += [claim(f"doc{m}t", model, "price_input", 2.5, quote=f"| {model} | $2.50 | $10 |"),
                   claim(f"doc{m}b", model, "price_input", 5.0, quote=f"{model} input costs $5 per million tokens")]
        refs.append(ref(model, "price_input", 2.5, valid_from=date(2024, 5, 1)))
    return claims, refs


def build_scale_warehouse(tmp_path, n_settings: int = 22):
    """Returns an open connection to a warehouse with 8 × (3 × n_settings + 1) conflicts."""
    claims, refs = scale_claims(n_settings)
    con = build(tmp_path, claims, references=refs)
    for doc in sorted({c["doc_id"] for c in claims if c["doc_id"].endswith("t")}):
        rows = [c for c in claims if c["doc_id"] == doc]
        text = TABLE + "\n".join(c["quote"] for c in rows) + "\n"
        con.execute("update document_texts set text = ? where doc_id = ?", [text, doc])
        for c in rows:
            start = text.index(c["quote"])
            con.execute("update claims set span_start = ?, span_end = ? where claim_id = ?",
                        [start, start + len(c["quote"]), c["claim_id"]])
    for doc in sorted({c["doc_id"] for c in claims if not c["doc_id"].endswith("t")}):
        rows = [c for c in claims if c["doc_id"] == doc]
        text = " ".join(c["quote"] for c in rows)
        position = 0
        for c in rows:
            start = text.index(c["quote"], position)
            position = start + len(c["quote"])
            con.execute("update claims set span_start = ?, span_end = ? where claim_id = ?",
                        [start, position, c["claim_id"]])
    for n, (expectation, success, unexpected) in enumerate([("expect_column_values_to_not_be_null", True, 0),
                                                           ("expect_column_values_to_be_between", False, 3)]):
        con.execute("insert into validation_results values ('run-1', 'claims', ?, 'claims', ?, ?, null, ?)",
                    [expectation, success, unexpected, datetime(2025, 1, 1, 0, 0, n)])
    return con
