"""The sentence-structure attribution features (owner_cues.py) on paraphrased
cases: other models, numbers and wording than the articles the miss causes
were found in, the same structure. Each feature is checked where it must fire
and where it must not, and end to end where it decides the owner."""
from __future__ import annotations

import pytest

from tests.v2_cases import facts as _facts
from tests.v2_cases import owners_of as _owners


def _with(owners: dict[str, dict[str, float]], feature: str) -> set[str]:
    return {model for model, feats in owners.items() if feats.get(feature)}


@pytest.mark.parametrize("text, value, inside, outside", [
    ("Mistral Large charges $2 per 1M input tokens, compared to $10 per 1M input tokens for GPT-4 Turbo.",
     10.0, "gpt-4-turbo", "mistral-large"),
    ("Phi-4 scores 84.8 on MMLU, surpassing Gemma 2 27B's 75.2.", 75.2, "gemma-2-27b", "phi-4"),
])
def test_comparison_side_marks_the_compared_models_own_figure(text, value, inside, outside):
    owners = _owners(text, value)
    assert _with(owners, "cmp_with_number") == {inside}
    assert outside in _with(owners, "cmp_apart") and inside not in _with(owners, "cmp_apart")


def test_a_compared_model_before_a_later_clause_is_only_the_other_side():
    owners = _owners("Gemini 1.5 Flash 比 Gemini 1.5 Pro 便宜 90%，每百万输入令牌收费 0.35 美元。", 0.35)
    assert _with(owners, "cmp_apart") == {"gemini-1.5-pro"}
    assert not _with(owners, "cmp_with_number")


def test_a_bound_word_before_the_number_is_no_comparison():
    owners = _owners("Mistral Small, the cheaper model, streams at over 140 tok/s.", 140.0)
    assert not _with(owners, "cmp_apart") and not _with(owners, "cmp_with_number")


def test_the_nearest_model_in_the_numbers_own_clause():
    owners = _owners("Before Claude 3 Opus, users waited; latency averaged 3.1 s for Claude 2.", 3100.0)
    assert _with(owners, "clause_nearest") == {"claude-2"} and _with(owners, "clause_only") == {"claude-2"}


@pytest.mark.parametrize("text, expected", [
    ("在 Claude 3 Opus 之前，语音回复的平均延迟为 3.1 秒（Claude 2）和 4.6 秒（Claude Instant）。",
     {("claude-2", "latency", 3100.0), ("claude-instant", "latency", 4600.0)}),
    ("Before Gemini 1.5 Pro, latency averaged 1.9 s (Gemini 1.0 Pro) and 4.2 s (GPT-4).",
     {("gemini-1.0-pro", "latency", 1900.0), ("gpt-4", "latency", 4200.0)}),
])
def test_a_model_alone_in_brackets_after_the_figure_owns_it(text, expected):
    assert _facts(text) == expected


def test_a_model_in_an_aside_bracket_is_not_the_figures_bracket_owner():
    owners = _owners("Claude 3 Opus leads with 88.1% on MMLU (Gemini 1.5 Pro's figure is not public).", 88.1)
    assert not _with(owners, "bracket_owner_after") and _with(owners, "other_bracket") == {"gemini-1.5-pro"}


@pytest.mark.parametrize("text, expected", [
    ("此外，Llama 3 系列新增了 80 亿和 700 亿两种参数规模，即 Llama 3 8B 和 Llama 3 70B。",
     {("llama-3-8b", "parameters", 8e9), ("llama-3-70b", "parameters", 70e9)}),
    ("We timed about 40 tokens/sec for Mistral Large and 90 tokens/sec for Mixtral 8x7B, with first-token "
     "latencies of 0.6s and 0.3s.", {("mistral-large", "latency", 600.0), ("mixtral-8x7b", "latency", 300.0)}),
])
def test_a_plain_list_pairs_figures_with_models_in_order(text, expected):
    assert expected <= _facts(text)


def test_respectively_after_a_sentence_naming_the_models_pairs_them_in_order():
    text = ("Gemma 2 27B and Phi-3 Medium were both tested on math.\n\n"
            "在 GSM8K 数学测试中，两者分别为 74.0% 和 91.0%。")
    assert {("gemma-2-27b", "score:gsm8k", 74.0), ("phi-3-medium", "score:gsm8k", 91.0)} <= _facts(text)


@pytest.mark.parametrize("text, value", [
    ("Llama 3 8B and Llama 3 70B now read 128k vs 8k tokens of context.", 128000.0),   # a comparison, not a list
    ("Mixtral 8x7B costs $0.70 / 1M input tokens (or $0.0007 / 1K input tokens).", 0.7),  # one price twice
])
def test_figures_joined_by_a_comparison_or_repeated_are_no_list(text, value):
    assert not any(f.get("list_order") or f.get("list_order_carry") for f in _owners(text, value).values())


@pytest.mark.parametrize("text, expected", [
    ("Mistral Small runs $0.20 per million input tokens, compared to $2.50/million input tokens and "
     "$7.50/million output tokens for Mistral Large.", ("mistral-large", "price_output", 7.5)),
    ("Gemini 1.5 Pro scores 81.9% on MMLU, against 86.8 % for Claude 3 Opus.", ("claude-3-opus", "score:mmlu", 86.8)),
])
def test_a_for_word_after_the_figure_and_its_unit_words_names_the_owner(text, expected):
    model, metric, value = expected
    assert _with(_owners(text, value), "for_after_unit") == {model}
    assert expected in _facts(text)


def test_a_for_word_after_other_words_names_no_owner():
    owners = _owners("Gemini 1.5 Flash costs $0.35 per 1M input tokens, cheap enough for Claude users to switch.", 0.35)
    assert not _with(owners, "for_after_unit")


def test_figures_joined_before_the_for_word_all_go_to_its_model():
    text = ("Mistral Small charges $0.20 per million input tokens, compared to $2.00/million input tokens "
            "and $6.00/million output tokens for Mistral Large.")
    assert {("mistral-large", "price_input", 2.0), ("mistral-large", "price_output", 6.0)} <= _facts(text)
    assert _with(_owners(text, 2.0), "for_after_unit") == {"mistral-large"}
    assert not _with(_owners(text, 0.2), "for_after_unit")
