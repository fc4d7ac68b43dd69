"""Candidates v2 offers (paraphrased cases: other models, numbers and wording
than the articles the causes were found in): a benchmark or context cue named
in another cell of the table row or only in the section heading, a month with
no year in a dated document, "N output tokens" as a max output, and the
blockers a versus word or a bracketed aside lifts. Checked at the candidate
stage (a metric and a value offered), so they hold whatever the learned
attribution weights are."""
from __future__ import annotations

from pipeline.extract.v2.candidates import annotate_candidates
from pipeline.extract.v2.pipeline import annotate
from pipeline.extract.v2.rules import all_rules
from tests.v2_cases import offered as _offered


ROW_TABLE = (
    "| Area | Grade | Verdict | Next best |\n|---|---|---|---|\n"
    "| **Coding** | A | strong (MBPP: 81%) | > Yi-Large (78%) |\n"
    "| **Maths** | B | solid (GSM8K: 90%) | < Qwen-Max (93%) |\n"
    "| **Long input** | B | 32K context, fine | < Mistral Large (128K) |\n"
)


def test_a_benchmark_named_in_another_cell_of_the_row_types_the_figure():
    offered = _offered(ROW_TABLE)
    assert {("score:mbpp", 78.0), ("score:gsm8k", 93.0), ("context_window", 128000.0)} <= offered


def test_a_row_with_no_benchmark_in_its_cells_types_no_score():
    table = "| Area | Grade | Verdict | Next best |\n|---|---|---|---|\n| **Tone** | A | warm | > Yi-Large (78%) |\n"
    assert not [m for m, _ in _offered(table) if m.startswith("score:")]


def test_the_row_scope_reads_only_table_rows():
    assert all(r.near[0].scope == "row" for r in all_rules() if r.id.endswith(".row"))
    sentence = "Yi-Large leads on MBPP, and Qwen-Max's share of traffic rose to 12% this year."
    # running text has no row: only the clause and sentence rules may read its figures
    found = annotate_candidates(annotate(sentence, "case.md"))
    assert not [c for c in found if c.rule.endswith(".row")]


def test_a_section_heading_names_the_benchmark_or_the_metric():
    text = ("## Needle-in-a-haystack\n\n- Needle at the start: Yi-Large finds it 91% of the time\n\n"
            "## Context windows\n\nMistral Large sits at 128K and Yi-Large at 32K.\n")
    assert {("score:needle-in-a-haystack", 91.0), ("context_window", 128000.0), ("context_window", 32000.0)} <= _offered(text)


def test_a_task_word_in_a_heading_types_no_score():
    text = "## Coding\n\nYi-Large got 40% more users this quarter.\n"
    assert not [m for m, _ in _offered(text) if m.startswith("score:")]


def test_a_month_without_its_year_takes_the_dated_documents_year():
    text = ("---\ntitle: Model notes\ndate: 2024-11-02\n---\n\n"
            "Mistral shipped Mistral Large 2 in July and Pixtral Large in November.\n")
    assert {("release_date", "2024-07"), ("release_date", "2024-11")} <= _offered(text)


def test_a_month_without_its_year_is_no_date_in_an_undated_document():
    assert not [m for m, _ in _offered("Mistral shipped Mistral Large 2 in July.") if m == "release_date"]


def test_output_tokens_counted_are_a_max_output_not_a_context_or_price():
    offered = _offered("Yi-Large has a 32K context window and can produce up to 4,096 output tokens.")
    assert ("max_output", 4096.0) in offered and ("context_window", 4096.0) not in offered
    assert ("max_output", 1000000.0) not in _offered("Yi-Large bills 1M output tokens at $3.")


def test_a_versus_word_after_a_figure_keeps_it_a_score():
    assert ("score:mmlu", 84.1) in _offered("On MMLU, Yi-Large scores 84.1% against Qwen-Max's 82.5%.")


def test_a_change_than_is_still_no_score():
    assert not [m for m, _ in _offered("Yi-Large scores 7% higher than Qwen-Max on MMLU.") if m.startswith("score:")]


def test_a_bracketed_comparison_after_a_figure_keeps_the_figure():
    assert ("throughput", 45.0) in _offered("Yi-Large 生成速度：约 45 tokens/秒（比 Yi-34B 快 2 倍）")
    assert ("throughput", 120.0) in _offered("Mixtral 8x22B runs at 120 tokens/s (3x faster than Llama 2 70B).")
