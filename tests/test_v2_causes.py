"""Extraction v2 on paraphrased cases of the miss causes grouped from the
leave-one-article-out runs (other models, numbers and wording than the
articles they were found in; the same structure)."""
from __future__ import annotations

import pytest

from pipeline.extract.v2 import extract_claims as v2
from tests.v2_cases import facts as _facts


@pytest.mark.parametrize("text, expected", [
    ("在 LiveCodeBench 编程基准上，Phi-4 达到 61.2%，Qwen2.5-72B 为 55.3%。",
     {("phi-4", "score:livecodebench", 61.2), ("qwen-2.5-72b", "score:livecodebench", 55.3)}),
    ("在 GSM8K 上，对于数学推理任务，Phi-4 得分为 91.0%，而 Gemma 2 27B 为 74.5%。",
     {("phi-4", "score:gsm8k", 91.0), ("gemma-2-27b", "score:gsm8k", 74.5)}),
    ("On the MBPP coding benchmark, Phi-4 reaches 74.1% while Gemma 2 27B gets 62.5%.",
     {("phi-4", "score:mbpp", 74.1), ("gemma-2-27b", "score:mbpp", 62.5)}),
])
def test_a_task_word_beside_a_named_benchmark_describes_it(text, expected):
    assert expected <= _facts(text)


def test_a_task_word_with_a_number_between_it_and_the_benchmark_stays_a_task():
    for text in ("在 GPQA 上，Phi-4 得分 56.1%，在 MMLU 上得分 80.2%。Phi-4 的编程能力得分 70.2%。",
                 "Phi-4 scores 56.1% on GPQA and 80.2% on MMLU, and 70.2% in coding tasks."):
        facts = _facts(text)
        assert {("phi-4", "score:gpqa", 56.1), ("phi-4", "score:coding", 70.2)} <= facts


def test_an_abbreviated_direction_in_a_price_header_types_the_column():
    table = ("| Model | USD/1M in | USD/1M out | Context |\n|---|---:|---:|---:|\n"
             "| Mistral Small | 0.20 | 0.60 | 32K |\n| Claude 3 Haiku | 0.25 | 1.25 | 200K |\n")
    assert {("mistral-small", "price_input", 0.2), ("mistral-small", "price_output", 0.6),
            ("claude-3-haiku", "price_input", 0.25), ("claude-3-haiku", "price_output", 1.25)} <= _facts(table)


def test_in_is_no_direction_in_running_text_or_a_currency_header():
    table = "| Model | Price in USD ($/1M) | In ($/1M) |\n|---|---|---|\n| Mistral Small | 0.30 | 0.20 |\n"
    facts = _facts(table)
    assert ("mistral-small", "price_input", 0.2) in facts
    assert ("mistral-small", "price_input", 0.3) not in facts
    assert not any(metric == "price_input" for _, metric, _ in _facts("Mistral Small costs $0.20/M in Europe."))


@pytest.mark.parametrize("text, compared", [
    ("Gemini 1.5 Flash 的速度是其前身 Gemini 1.0 Pro 的三倍，每秒生成约 160 个标记。", "gemini-1.0-pro"),
    ("Claude 3 Haiku is three times as fast as its predecessor Claude 2, streaming 120 tokens per second.", "claude-2"),
])
def test_a_predecessor_named_after_the_subject_is_a_comparison_object(text, compared):
    from pipeline.extract.v2.candidates import annotate_candidates
    from pipeline.extract.v2.pipeline import annotate, candidate_owners

    ann = annotate(text, "case.md")
    (cand, owners), = candidate_owners(ann, annotate_candidates(ann))
    assert [o.model for o in owners if o.features.get("compared")] == [compared]


@pytest.mark.parametrize("text", [
    "平时 Qwen-Max 的输入为每百万个$1.60，输出为每百万个$6.40，但使用Batch API时，这些费用降低到输入令牌每百万个$0.80，输出令牌每百万个$3.20。",
    "Qwen-Max normally costs $1.60 input and $6.40 output per million tokens, but through the Batch API those prices "
    "fall, for teams that can wait a day, to $0.80 per million input tokens and $3.20 per million output tokens.",
])
def test_a_batch_tier_named_early_in_a_long_sentence_covers_each_price_after_it(text):
    tiers = {(c.metric, c.value): c.qualifiers.tier for c in v2(text, "case.md")}
    assert tiers.get(("price_input", 0.8)) == "batch" and tiers.get(("price_output", 3.2)) == "batch"
    assert tiers.get(("price_input", 1.6)) in (None, "standard")


def test_a_size_written_alone_names_the_sibling_of_the_model_the_document_is_about():
    text = ("Qwen 2.5 arrives in several sizes. The 72B scores 86.1% on MMLU. "
            "The 7B and 32B models read up to 128K tokens of context.")
    facts = _facts(text)
    assert ("qwen-2.5-72b", "score:mmlu", 86.1) in facts
    assert {("qwen-2.5-7b", "context_window", 128000), ("qwen-2.5-32b", "context_window", 128000)} <= facts


@pytest.mark.parametrize("text, expected", [
    ("Qwen 2.5 ships a 72B parameters flagship.", ("qwen-2.5", "parameters", 72e9)),
    ("Qwen 2.5 is here.\n\n| Model | Params | Context |\n|---|---|---|\n| Qwen 2.5 | 32B | 128K |\n",
     ("qwen-2.5", "parameters", 32e9)),
])
def test_a_size_that_is_a_parameter_count_stays_a_figure(text, expected):
    assert expected in _facts(text)


@pytest.mark.parametrize("text, expected", [
    ("Claude 3 Haiku 很便宜。几周之后我们推出了3.5 Sonnet，它的上下文窗口为20万个令牌。",
     ("claude-3.5-sonnet", "context_window", 200000)),
    ("Gemini 2.0 Flash costs $0.10 per 1M input tokens; the 2.5 Pro costs $1.25 per 1M input tokens.",
     ("gemini-2.5-pro", "price_input", 1.25)),
    ("Llama 3.1 来了，最大的405B在 MMLU 上得分 88.6%。", ("llama-3.1-405b", "score:mmlu", 88.6)),
])
def test_a_version_and_member_word_written_alone_name_the_documents_family(text, expected):
    assert expected in _facts(text)


def test_a_version_before_an_ordinary_word_is_no_name():
    assert {m for m, _, _ in _facts("GPT-4o prices fell 2.5 times last year to $2.50 per 1M input tokens.")} == {"gpt-4o"}


@pytest.mark.parametrize("text", [
    "对于 MBPP，我们报告的是 pass@1 分数，Phi-4 在 MBPP 上为 74.1%。",
    "For MATH we show maj@1 results; Phi-4 gets 80.4% on MATH.",
])
def test_the_number_of_pass_at_k_is_a_setting_not_a_score(text):
    values = {value for _, _, value in _facts(text)}
    assert 1 not in values and values & {74.1, 80.4}


@pytest.mark.parametrize("text", [
    "在性能上，Phi-4 的 MMLU 得分为 84.8%，比上一代 Phi-3 提升了约 5 个百分点。",
    "On MMLU, Phi-4 scores 84.8%, up about 5 percentage points on Phi-3.",
])
def test_a_change_in_percentage_points_is_no_score(text):
    from pipeline.extract.v2.candidates import Switches

    def values(switches=None):
        return {c.value for c in v2(text, "case.md", switches=switches)}

    assert 84.8 in values() and 5 not in values()
    assert 5 in values(Switches(disabled={"block.delta_unit"}))  # the blocker is what keeps it out
