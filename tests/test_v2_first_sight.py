"""Extraction v2 on paraphrased cases of what it missed at first sight (leave
one article out) on the seeds and own articles: other models, numbers and
wording than the articles the causes were found in, the same structure."""
from __future__ import annotations

import pytest

from pipeline.extract.v2.candidates import annotate_candidates
from pipeline.extract.v2.pipeline import annotate, candidate_owners
from tests.v2_cases import facts as _facts
from tests.v2_cases import owners_of as _owners


@pytest.mark.parametrize("text, fact", [
    ("Mistral Large 的费用约为 $0.004/token，并不便宜。", ("mistral-large", "price", 4000.0)),
    ("Command R+ bills roughly $0.003/token on our invoices.", ("command-r-plus", "price", 3000.0)),
])
def test_a_price_written_per_token_is_taken_literally_however_large(text, fact):
    assert fact in _facts(text)


def test_a_price_with_no_rate_written_still_must_lie_in_range():
    assert not any(metric.startswith("price") for _, metric, _ in _facts("Command R+ once cost $5,000 in credits."))


def test_a_section_naming_no_model_leaves_the_subject_as_the_only_reading():
    text = ("# Yi-Large: field notes\n\nYi-Large is the model under test here.\n\n"
            "## Needle in a haystack\n\nWith the fact near the end, the accuracy was 61%.\n")
    feats = _owners(text, 61.0)["yi-large"]
    assert feats.get("section_silent") == 1.0 and not feats.get("section_only")


def test_a_section_that_named_only_this_model_before_the_figure():
    text = ("# Serving notes\n\n## Speed\n\nWe timed Yi-Large on a quiet day.\n\n"
            "Streaming held near 75 tokens/s throughout.\n")
    feats = _owners(text, 75.0)["yi-large"]
    assert feats.get("section_only") == 1.0 and not feats.get("section_silent")


def test_a_section_that_named_another_model_is_neither_silent_nor_only_the_subjects():
    text = ("# Yi-Large: field notes\n\n## Speed\n\nWe also timed Qwen-Max on a quiet day.\n\n"
            "Streaming held near 75 tokens/s throughout.\n")
    feats = _owners(text, 75.0).get("yi-large", {})
    assert not feats.get("section_silent") and not feats.get("section_only")


def test_a_model_named_beside_the_figure_gets_no_section_feature():
    text = "# Notes\n\n## Speed\n\nYi-Large streams near 75 tokens/s.\n"
    assert not any(f.get("section_silent") or f.get("section_only") for f in _owners(text, 75.0).values())


def test_the_headings_benchmark_with_a_score_word_beside_the_figure_types_it():
    text = "# Yi-Large: field notes\n\n### Needle in a haystack\n\n- Fact in the middle: accuracy 70%\n"
    ann = annotate(text, "case.md")
    assert [(c.metric, c.value, c.rule) for c in annotate_candidates(ann)] == [
        ("score:needle-in-a-haystack", 70.0, "score.benchmark.heading.cued")]


@pytest.mark.parametrize("text, facts", [
    ("如果按人民币计价，Qwen-Max 输入 3 元/百万 tokens，输出 9 元/百万 tokens。",
     {("qwen-max", "price_input", 3.0), ("qwen-max", "price_output", 9.0)}),
    ("If priced in euros, Mistral Large costs €1.80 per 1M input tokens.", {("mistral-large", "price_input", 1.8)}),
])
def test_a_figure_restated_in_another_currency_is_no_supposition(text, facts):
    assert _facts(text) == facts


@pytest.mark.parametrize("text", [
    "如果 Qwen-Max 的输入价格是每百万 token 3 元，它会更受欢迎。",
    "If Mistral Large cost €1.80 per 1M input tokens, it would sell.",
])
def test_a_supposed_price_stays_no_claim(text):
    assert _facts(text) == set()


def test_each_key_of_a_record_types_its_own_value_not_its_neighbours():
    text = ('## Limits in code\n\n```python\nLIMITS = {\n    "qwen-max": {"context": 32768, "max_output": 8192},\n'
            '    "yi-large": {"context": 32000, "max_output": 4096},\n}\n```\n')
    typed = {(c.metric, c.value) for c in annotate_candidates(annotate(text, "case.md"))}
    assert {("context_window", 32768.0), ("max_output", 8192.0), ("context_window", 32000.0)} <= typed
    assert ("max_output", 32768.0) not in typed and ("max_output", 32000.0) not in typed


@pytest.mark.parametrize("text, value, metric", [
    ("## Speed\n\nMistral Large streams 40 tokens/s and Qwen-Max about 35.\n\n"
     "### Latency\n\nTime to first token is near 0.7 seconds for both.\n", 700.0, "latency"),
    ("在 MMLU 上，Yi-Large 得分 83.8%，Qwen-Max 得分 84.1%。\n\n### 上下文\n\n两个模型都支持 32,000 个令牌的上下文窗口。\n",
     32000.0, "context_window"),
])
def test_a_figure_for_both_goes_to_the_two_models_named_last(text, value, metric):
    facts = {f for f in _facts(text) if f[2] == value}
    assert facts == {("qwen-max", metric, value), (("mistral-large" if metric == "latency" else "yi-large"), metric, value)}


def test_both_beside_a_named_model_is_no_back_reference():
    text = "Yi-Large and Qwen-Max were tested.\n\nBoth models trail Mistral Large, which streams 40 tokens/s.\n"
    assert not any(f.get("both_ref") for f in _owners(text, 40.0).values())


def test_figures_each_beside_its_own_model_are_no_plain_list():
    text = ("---\ntitle: 年度回顾\ndate: 2024-12-20\n---\n\n人工智能在 2024 年变化很大。Mistral 于 7 月推出了 "
            "Mistral Large 2，Meta 在 4 月发布了 Llama 3，而 Qwen2 则以开源取胜。\n")
    ann = annotate(text, "case.md")
    options = candidate_owners(ann, annotate_candidates(ann))
    assert {cand.value for cand, _ in options} == {"2024-07", "2024-04"}
    for cand, owners in options:
        assert not any(o.features.get("list_order") for o in owners), cand.value


@pytest.mark.parametrize("text, kept, counted", [
    ("We run Mixtral 8x7B on 4 GPUs; it streams about 60 tokens per second per user at batch size 32.", 60.0, 32.0),
    ("Mixtral 8x7B 在批大小为 8 时每秒输出约 70 个 token。", 70.0, 8.0),
])
def test_a_batch_size_is_a_count_not_the_metric_beside_it(text, kept, counted):
    values = {value for _, _, value in _facts(text)}
    assert kept in values and counted not in values


def test_every_cue_word_is_read_as_text():
    """YAML reads a bare on / no / yes as a boolean: such a cue word would match "true" or "false" instead."""
    from pipeline.extract.v2.data import cue_tables

    odd = [(kind, w) for table in cue_tables() for key in ("types", "header_types")
           for kind, words in (table.get(key) or {}).items() for w in words if not isinstance(w, str)]
    assert odd == []


@pytest.mark.parametrize("text, fact", [
    ("Qwen-Max bills $1.60 per 1M input tokens and $6.40 per 1M output tokens, against $3 and $15 on Yi-Large.",
     ("yi-large", "price_input", 3.0)),
    ("Qwen-Max bills $1.60 per 1M input tokens and $6.40 per 1M output tokens, against $3 and $15 on Yi-Large.",
     ("yi-large", "price_output", 15.0)),
])
def test_figures_followed_by_on_and_a_model_are_that_models(text, fact):
    assert fact in _facts(text)


def test_no_before_a_figure_negates_it():
    assert _facts("Yi-Large has no 1M context window; it reads 32K tokens.") == {("yi-large", "context_window", 32000.0)}


@pytest.mark.parametrize("text, value", [
    ("# Qwen-Max notes\n\n- Speed: ~50 tokens/s (2x faster than Qwen-Plus)\n- API: input $1.60/M tokens, output $6.40/M tokens\n",
     1.6),
    ("# Qwen-Max 笔记\n\n- 推理速度：~50 tokens/秒（比 Qwen-Plus 快 2 倍）\n- API 价格：输入 $1.60/M tokens，输出 $6.40/M tokens\n",
     1.6),
])
def test_a_model_named_only_as_what_another_is_compared_with_leads_nothing(text, value):
    owners = _owners(text, value)
    assert not any(f.get("lead") or f.get("carry") or f.get("section_only") for f in
                   [owners.get("qwen-plus", {})])
    assert owners["qwen-max"].get("lead") and owners["qwen-max"].get("section_only")


def test_an_earlier_figure_in_a_named_model_is_that_models():
    text = "Mistral Large 2 now has a context window of 128K tokens, up from 32K in Mistral Large."
    owners = _owners(text, 32000.0)
    assert owners["mistral-large"].get("for_owner") and not owners["mistral-large-2"].get("for_owner")
    assert ("mistral-large", "context_window", 32000.0) in _facts(text)
