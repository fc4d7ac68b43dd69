"""Candidates v2 offers where the benchmark or metric is named away from the
figure, and numbers that are no figure (paraphrased cases: other models,
numbers and wording than the articles the causes were found in): a lead-in
paragraph or label line over a list, a task word describing the one
benchmark its sentence names, a range read from a digit inside a model's
name, a rank ("#4"), output tokens per second. Checked at the candidate
stage, so they hold whatever the learned attribution weights are."""
from __future__ import annotations

from pipeline.extract.v2.candidates import annotate_candidates
from pipeline.extract.v2.pipeline import annotate
from tests.v2_cases import offered as _offered


def test_a_lead_in_paragraph_names_the_benchmark_of_the_list_under_it():
    text = ("## Results\n\nBelow are the pass rates on the HumanEval benchmark, with two older models for scale.\n\n"
            "- **88% Qwen-Max**\n- 81% Yi-Large\n- 64% Mistral Large\n")
    assert {("score:humaneval", 88.0), ("score:humaneval", 81.0), ("score:humaneval", 64.0)} <= _offered(text)


def test_a_bold_label_line_with_a_number_leads_its_list():
    text = "**GSM8K 2024 (小学数学)**：\n\n* **Qwen-Max**: 91.5%（最佳）。\n* 领先 **Yi-Large (87.0%)**。\n"
    assert {("score:gsm8k", 91.5), ("score:gsm8k", 87.0)} <= _offered(text)


def test_a_paragraph_between_ends_the_lead_in():
    text = ("Scores on the GPQA benchmark follow.\n\nMeanwhile traffic kept growing all year.\n\n"
            "- 61% Yi-Large\n- 58% Qwen-Max\n")
    assert not [m for m, _ in _offered(text) if m.startswith("score:")]


def test_a_lead_in_naming_two_benchmarks_names_none():
    text = "Scores on GPQA and MMLU, best first:\n\n- 61% Yi-Large\n- 58% Qwen-Max\n"
    assert not [m for m, _ in _offered(text) if m.startswith("score:")]


def test_a_label_line_over_a_list_types_release_dates():
    text = "## Models\n\nTwo models came out this spring.\n\n**Release dates:**\n\n* **Yi-Large: May 13, 2024**\n"
    assert ("release_date", "2024-05-13") in _offered(text)


def test_a_task_word_describes_the_one_benchmark_its_sentence_names():
    text = "Yi-Large did well on MATH (competition problems), showing sound reasoning, with a score of `61.2`."
    offered = _offered(text)
    assert ("score:math", 61.2) in offered and not [m for m, _ in offered if m == "score:reasoning"]


def test_a_range_from_a_digit_inside_a_name_keeps_its_second_figure():
    offered = _offered("We raised the output token limit for Llama 3.1 to 16,384 tokens.")
    assert ("max_output", 16384.0) in offered


def test_a_rank_is_no_figure():
    assert not _offered("Yi-Large only reached #4 on the MMLU leaderboard.")


def test_output_tokens_per_second_is_a_throughput():
    offered = _offered("Benchmarks put Yi-Large at roughly 90 output tokens per second and Qwen-Max at about 70.")
    assert {("throughput", 90.0), ("throughput", 70.0)} <= offered


def test_a_rivals_cell_in_the_row_does_not_block_the_other_cells():
    table = ("| Area | Grade | Verdict | Versus others |\n|---|---|---|---|\n"
             "| **Charts** | A | unbeaten (ChartQA 92%) | >> all competitors |\n")
    assert ("score:chartqa", 92.0) in _offered(table)
    assert not [m for m, _ in _offered("Competitors reach 85% on ChartQA.") if m.startswith("score:")]


def _tiers(text: str) -> set[tuple]:
    return {(c.metric, c.value, c.qualifiers.get("tier")) for c in annotate_candidates(annotate(text, "case.md"))}


def test_cached_input_tokens_set_the_cached_tier():
    tiers = _tiers("Pricing: $3.00 / 1M input tokens, $12.00 / 1M output tokens, $0.75 / 1M cached input tokens.")
    assert ("price_input", 0.75, "cached") in tiers and ("price_input", 3.0, None) in tiers
    assert ("price_input", 0.4, "cached") in _tiers("Cached input for Qwen-Max is billed at $0.40 per million tokens.")


def test_a_rate_per_1000_written_before_the_price_scales_it():
    offered = _offered("据称，Qwen-Max 的价格为每 1000 个输入 token 0.02 美元，每 1000 个输出 token 0.06 美元。")
    assert {("price_input", 20.0), ("price_output", 60.0)} <= offered


def test_a_direction_named_before_beats_a_bare_rate():
    offered = _offered("Qwen-Long 的 API 输出价格大幅下调，从0.04元/千tokens降至0.002元/千tokens。")
    assert ("price_output", 2.0) in offered and ("price", 2.0) not in offered


def test_two_prices_joined_by_and_after_input_and_output_prices_are_a_pair():
    offered = _offered("Yi-Large bills $1 per 1M input tokens and $4 per 1M output tokens, versus $5 and $20 on Qwen-Max.")
    assert {("price_input", 5.0), ("price_output", 20.0)} <= offered
    assert ("price_output", 5.0) not in offered
