"""Extraction v2's structural readings and general mechanisms, on paraphrased
cases (other models, numbers, benchmark names and wording than the articles
they were learned from)."""
from __future__ import annotations

from pipeline.extract.v2 import extract_claims as v2


def _facts(text: str) -> set[tuple]:
    return {(c.model, c.metric, c.value) for c in v2(text, "case.md")}


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
