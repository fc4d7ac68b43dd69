"""Extraction v2's structural readings and general mechanisms, on paraphrased
cases (other models, numbers, benchmark names and wording than the articles
they were learned from)."""
from __future__ import annotations

from pipeline.extract.v2 import extract_claims as v2
from tests.v2_cases import facts as _facts


SCORE_TABLE = """\
| Eval | Phi-3 Medium | Gemma 2 9B |
|---|---|---|
| GSM8K | 88.1 | 79.4 |
| Quokka-Reason (strict) | 41.5% | 33.0% |
| gsm8k_cot_instruct | 0.912 | 0.874 |
"""


def test_a_score_tables_row_labels_are_benchmarks_known_or_not():
    facts = _facts(SCORE_TABLE)
    assert ("phi-3-medium", "score:gsm8k", 88.1) in facts
    assert ("gemma-2-9b", "score:quokka-reason", 33.0) in facts  # a name the catalogue lacks: the label, slugged
    assert ("phi-3-medium", "score:gsm8k", 91.2) in facts  # a catalogue name in a snake_case label


def test_a_table_without_a_known_benchmark_row_is_no_score_table():
    text = ("| Verdict | Phi-3 Medium | Gemma 2 9B |\n|---|---|---|\n"
            "| Wins | 0.412 | 0.301 |\n| Draws | 0.120 | 0.150 |\n")
    assert not [f for f in _facts(text) if f[1].startswith("score:")]


def test_a_cue_word_inside_a_benchmark_name_is_part_of_the_name():
    text = "| Eval | Phi-3 Medium | Gemma 2 9B |\n|---|---|---|\n| MMLU | 78.0% | 71.3% |\n| Multi-IF | 52.4% | 47.9% |\n"
    assert ("gemma-2-9b", "score:multi-if", 47.9) in _facts(text)


def test_a_figure_stated_once_for_a_run_of_models_goes_to_each():
    facts = _facts("Mixtral 8x22B, Command R+ and Llama 3 70B all handle up to 64K tokens of context.")
    assert {f[0] for f in facts if f[1] == "context_window"} == {"mixtral-8x22b", "command-r-plus", "llama-3-70b"}
    zh = _facts("Qwen-Plus、GLM-4 和 Yi-Large 的上下文窗口都是 32K。")
    assert {f[0] for f in zh if f[1] == "context_window"} == {"qwen-plus", "glm-4", "yi-large"}


def test_two_figures_for_two_models_are_not_shared():
    facts = _facts("Gemma 2 and Phi-3 Mini cost $0.10 and $0.20 per 1M input tokens respectively.")
    assert facts == {("gemma-2", "price_input", 0.1), ("phi-3-mini", "price_input", 0.2)}


def test_the_old_figure_of_a_change_is_no_claim_unless_a_model_follows_it():
    assert _facts("Gemini 1.5 Pro now costs $3.5 per 1M input tokens, down from $7.") == {
        ("gemini-1.5-pro", "price_input", 3.5)}
    facts = _facts("On MMMU Gemini 1.5 Pro reaches 61.0%, up from 55.2% for Gemini 1.0 Ultra.")
    assert ("gemini-1.5-pro", "score:mmmu", 61.0) in facts and any(f[2] == 55.2 and f[0] != "gemini-1.5-pro" for f in facts)


def test_today_in_a_dated_launch_post_is_its_date():
    text = "---\ntitle: New models\ndate: 2024-06-11\n---\n\nToday, we are launching Mistral Large 2.\n"
    assert ("mistral-large-2", "release_date", "2024-06-11") in _facts(text)
    undated = "Today, we are launching Mistral Large 2.\n"
    assert not [f for f in _facts(undated) if f[1] == "release_date"]


def test_a_pronoun_subject_points_back_to_the_previous_sentences_subject():
    """The model named first before (the subject), not the one named last (an object), owns "It costs"."""
    text = "Mistral Large 2 launched this summer, well ahead of Llama 3.1 405B on code.\n\nIt costs $2 per 1M input tokens.\n"
    claims = v2(text, "case.md")
    assert [(c.model, c.metric, c.value) for c in claims] == [("mistral-large-2", "price_input", 2.0)]
    assert "lead" in claims[0].why


def test_a_price_under_a_per_token_header_is_read_by_the_rate_rule():
    text = ("Host | Gemma 2 9B (per 1M tokens) | Mixtral-8X22B (per 1M tokens)\n---- | ---- | ----\n"
            "Alpha Cloud | $0.11 | $0.90\nBeta AI | $0.09 | -\n")
    claims = v2(text, "case.md")
    assert {(c.model, c.metric, c.value) for c in claims} == {
        ("gemma-2-9b", "price", 0.11), ("mixtral-8x22b", "price", 0.9), ("gemma-2-9b", "price", 0.09)}
    assert all("rule price.rate" in c.why for c in claims)
