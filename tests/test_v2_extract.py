"""Extraction v2 on paraphrased cases (other models, numbers and wording than
the articles they were learned from): negation and supposition, "respectively"
lists, comparison objects, topicalised Chinese, and the `why` every claim
carries; v1 and v2 behind the one `extract_claims` switch."""
from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.extract import extract_claims
from pipeline.extract.v2 import extract_claims as v2
from tests.v2_cases import facts as _facts


@pytest.mark.parametrize("text", [
    "Mistral Large does not cost $10 per 1M input tokens.",
    "If Gemini 1.5 Pro cost $1 per 1M input tokens, it would undercut everyone.",
    "如果 Qwen-Max 的输入价格是每百万 token 1 美元，它会更受欢迎。",
    "假设 Qwen-Max 的上下文窗口为 1M，那么一本书也能读完。",
])
def test_negated_or_supposed_figures_are_no_claims(text):
    assert _facts(text) == set()


def test_the_same_figure_stated_plainly_is_a_claim():
    assert _facts("Mistral Large costs $2 per 1M input tokens.") == {("mistral-large", "price_input", 2.0)}


@pytest.mark.parametrize("text", [
    "Gemma 2 and Phi-3 Mini have context windows of 8K and 128K respectively.",
    "Gemma 2 和 Phi-3 Mini 的上下文窗口分别为 8K 和 128K。",
])
def test_respectively_gives_figures_to_models_in_order(text):
    assert _facts(text) == {("gemma-2", "context_window", 8000.0), ("phi-3-mini", "context_window", 128000.0)}


def test_a_model_compared_against_does_not_take_the_subjects_figure():
    facts = _facts("Mistral Large 2 costs $3 per 1M input tokens, far cheaper than Claude 3 Opus.")
    assert facts == {("mistral-large-2", "price_input", 3.0)}


def test_a_figure_for_the_compared_model_is_its_own():
    facts = _facts("Mistral Large 2 is priced at $3 per 1M input tokens versus $15 for Claude 3 Opus.")
    assert ("mistral-large-2", "price_input", 3.0) in facts and ("claude-3-opus", "price_input", 15.0) in facts
    assert ("mistral-large-2", "price_input", 15.0) not in facts


@pytest.mark.parametrize("text,fact", [
    ("百万输入 token 的价格，Qwen-Max 是 2 美元。", ("qwen-max", "price_input", 2.0)),
    ("上下文长度方面，Gemma 2 是 8K。", ("gemma-2", "context_window", 8000.0)),
])
def test_topicalised_chinese_metric_before_its_subject(text, fact):
    assert _facts(text) == {fact}


def test_every_v2_claim_says_why_and_quotes_its_source():
    text = "# Notes\n\n| Model | Input ($/1M) | Output ($/1M) |\n|---|---|---|\n| Command R+ | 2.50 | 10.00 |\n"
    claims = v2(text, "t.md")
    assert {(c.model, c.metric, c.value) for c in claims} == {
        ("command-r-plus", "price_input", 2.5), ("command-r-plus", "price_output", 10.0)}
    for claim in claims:
        assert claim.why.startswith("rule price.") and "header cue" in claim.why and "owner command-r-plus" in claim.why
        assert text[claim.span[0]:claim.span[1]] == claim.quote
        assert claim.export()["why"] == claim.why


def test_engine_switch_and_cli_flag(tmp_path, capsys):
    text = "Mistral Large costs $2 per 1M input tokens."
    assert {c.model for c in extract_claims(text, "a.md", engine="v2")} == {"mistral-large"}
    assert {c.model for c in extract_claims(text, "a.md", engine="v1")} == {"mistral-large"}
    with pytest.raises(ValueError, match="unknown extraction engine"):
        extract_claims(text, "a.md", engine="v3")
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    assert main(["extract", "--engine", "v2", str(path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["model"], r["metric"], r["value"]) for r in rows] == [("mistral-large", "price_input", 2.0)]
    assert rows[0]["why"].startswith("rule price.input")


@pytest.mark.parametrize("text,facts", [
    ("Yi-Large 的输入价格从 20 元/百万 tokens 降至 5 元/百万 tokens。", {("yi-large", "price_input", 5.0)}),
    ("Phi-4 得分 84.8%（vs 竞品 80%）。", set()),
    ("Command R still costs $0.15/$0.60 per million tokens.",
     {("command-r", "price_input", 0.15), ("command-r", "price_output", 0.6)}),
    ("Phi-4 scores 84.8% on MMLU (5-shot).", {("phi-4", "score:mmlu", 84.8)}),
])
def test_changes_competitors_pairs_and_settings(text, facts):
    assert _facts(text) == facts


def test_a_batch_price_keeps_its_tier():
    claims = v2("使用批处理 API 时，Yi-Large 的输入价格降到每百万 token 1.5 美元。", "b.md")
    assert [(c.model, c.metric, c.value, c.qualifiers.tier) for c in claims] == [("yi-large", "price_input", 1.5, "batch")]
