"""The benchmark catalogue (pipeline/benchmarks.yaml) and the reading of
scores and ratings in prose: names resolve however sources write them,
ratings are not percentages, and a score finds its benchmark."""
from __future__ import annotations

import re

import pytest

from pipeline.benchmarks import KINDS, load_benchmarks
from pipeline.extract import extract_claims
from pipeline.extract.lexicon import _HEAD, lexicon, name_key
from pipeline.vocabulary import vocabulary

SLUG = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")


def _claims(text: str) -> set[tuple]:
    return {(c.model, c.metric, c.value, c.unit) for c in extract_claims(text, "t.md")}


def _settings(text: str) -> dict[tuple, str | None]:
    return {(c.model, c.metric, c.value): c.qualifiers.setting for c in extract_claims(text, "t.md")}


# -- the catalogue -----------------------------------------------------------

def test_catalogue_holds_hundreds_of_benchmarks_with_unique_lower_case_slugs():
    catalogue = load_benchmarks()
    assert len(catalogue) >= 200
    assert all(SLUG.fullmatch(slug) for slug in catalogue), [s for s in catalogue if not SLUG.fullmatch(s)]
    assert all(b.kind in KINDS for b in catalogue.values())
    assert all(b.origin for b in catalogue.values())


def test_no_written_name_stands_for_two_benchmarks_or_a_model():
    owner: dict[str, str] = {}
    models = lexicon().models
    for slug, bench in load_benchmarks().items():
        for name in bench.written():
            assert _HEAD.match(name), f"{name!r} starts with a character the scanner cannot anchor on"
            key = name_key(name)
            assert owner.setdefault(key, slug) == slug, f"{name!r}: {owner[key]} and {slug}"
            assert key not in models.by_key, f"{name!r} is also a model name"


def test_the_vocabulary_serves_the_catalogue():
    vocab = vocabulary()
    assert set(vocab.benchmarks) == set(vocab.benchmark_catalogue)
    assert vocab.unit_of("rating:codeforces") == "rating"
    assert vocab.unit_of("score:mmlu-pro") == "percent"
    low, high = vocab.metrics["rating"].range
    assert low <= 1300 and 3000 <= high  # Elo and arena ratings fit


@pytest.mark.parametrize("written, slug", [
    # separators, case and markdown escapes
    ("SWE-bench Verified", "swe-bench-verified"), ("swe_bench_verified", "swe-bench-verified"),
    ("SWE Verified", "swe-bench-verified"), ("MMLU\\-Pro", "mmlu-pro"), ("mmlu_pro", "mmlu-pro"),
    ("Live Code Bench", "livecodebench"), ("IF-Eval", "ifeval"), ("ArenaHard", "arena-hard"),
    ("AlpacaEval2.0", "alpacaeval-2.0"), ("Taubench retail", "tau-bench-retail"),
    ("BIG-Bench Hard", "bbh"), ("Chatbot Arena", "lmarena"), ("LMSYS Arena", "lmarena"),
    ("CodeForces", "codeforces"), ("Chinese SimpleQA", "c-simpleqa"), ("CEval", "c-eval"),
    ("Humanity's Last Exam", "humanitys-last-exam"), ("OpenAI MRCR", "openai-mrcr"),
    # variants keep the benchmark's slug
    ("GPQA-Diamond", "gpqa"), ("AIME25", "aime"), ("AIME 2024", "aime"), ("CNMO 2024", "cnmo"),
    ("LiveCodeBench v6", "livecodebench"), ("BFCL v3", "bfcl"),
    # Chinese names
    ("大海捞针", "needle-in-a-haystack"), ("美国数学邀请赛", "aime"), ("中文SimpleQA", "c-simpleqa"),
    ("人类最后的考试", "humanitys-last-exam"), ("大模型竞技场", "lmarena"),
])
def test_written_names_resolve(written, slug):
    found = lexicon().benchmarks(f"results on {written} today")
    assert found and found[0][2] == slug, found


def test_capitals_only_names_stay_out_of_prose_words():
    assert lexicon().benchmarks("they drop the math homework") == []
    assert [b[2] for b in lexicon().benchmarks("MATH and DROP")] == ["math", "drop"]


def test_a_variant_name_carries_its_setting():
    settings = vocabulary().benchmark_settings
    assert settings[name_key("GPQA Diamond")] == "diamond"
    assert settings[name_key("AIME 2025")] == "2025"
    assert name_key("GPQA") not in settings


# -- scores and ratings in prose -----------------------------------------------

def test_elo_and_rating_words_make_a_rating_not_a_percentage():
    claims = _claims("Gemini 2.5 Pro reached 1,460 Elo on LMArena.")
    assert ("gemini-2.5-pro", "rating:lmarena", 1460.0, "rating") in claims
    claims = _claims("GPT-4o has a Codeforces rating of 1,891.")
    assert ("gpt-4o", "rating:codeforces", 1891.0, "rating") in claims


def test_a_codeforces_percentile_is_a_percentage_score():
    text = "DeepSeek-R1 ranked in the `93.4` percentile on Codeforces."
    assert ("deepseek-r1", "score:codeforces", 93.4, "percent") in _claims(text)
    assert _settings(text)[("deepseek-r1", "score:codeforces", 93.4)] == "percentile"


def test_mt_bench_is_a_rating_scale():
    assert ("qwen-max", "rating:mt-bench", 8.8, "rating") in _claims("Qwen-Max scores 8.8 on MT-Bench.")


def test_a_percentage_benchmark_refuses_a_rating_sized_number():
    assert not any(m.startswith("score:") for _, m, _, _ in _claims("o1 reached 1,350 on MMLU-Pro."))


def test_score_beside_benchmark_across_code_marks_and_percentile_words():
    claims = _claims("Llama 3.1 70B scored `83.6` on the MATH-500 test.")
    assert ("llama-3.1-70b", "score:math-500", 83.6, "percent") in claims
    claims = _claims("Claude 3.5 Sonnet gets **91.2%** on HumanEval.")
    assert ("claude-3.5-sonnet", "score:humaneval", 91.2, "percent") in claims


def test_a_score_phrase_after_the_benchmark():
    text = ("Mistral Large did well on MMLU-Redux, reaching a score of `80.4` there. "
            "It was solid in MMLU (Massive Multitask Language Understanding) with a best score of 84.0.")
    claims = _claims(text)
    assert ("mistral-large", "score:mmlu-redux", 80.4, "percent") in claims
    assert ("mistral-large", "score:mmlu", 84.0, "percent") in claims


def test_chinese_score_sentences():
    claims = _claims("DeepSeek-V3 在 CMMLU 上得分 88.8，在 C-Eval 基准测试中取得了 90.1% 的分数。")
    assert ("deepseek-v3", "score:cmmlu", 88.8, "percent") in claims
    assert ("deepseek-v3", "score:c-eval", 90.1, "percent") in claims


def test_a_heading_naming_one_benchmark_gives_it_to_the_percentages_below():
    text = "# Comparison\n\n## Results on LiveCodeBench\n\n- GPT-4o: 41.2%\n- Claude 3.5 Sonnet: 44.0%\n"
    claims = _claims(text)
    assert ("gpt-4o", "score:livecodebench", 41.2, "percent") in claims
    assert ("claude-3.5-sonnet", "score:livecodebench", 44.0, "percent") in claims


def test_a_heading_does_not_make_a_price_a_score():
    text = "# Notes\n\n## MMLU and pricing\n\n- GPT-4o: $2.50 per 1M input tokens\n"
    assert not any(m.startswith("score:") for _, m, _, _ in _claims(text))


def test_variant_and_sampling_settings_tell_two_scores_apart():
    text = ("| Model | AIME 2025 pass@1 | AIME 2025 cons@64 | GPQA Diamond |\n"
            "|---|---|---|---|\n"
            "| o3-mini | 61.0 | 76.7 | 70.2 |\n")
    settings = _settings(text)
    assert settings[("o3-mini", "score:aime", 61.0)] == "2025+pass@1"
    assert settings[("o3-mini", "score:aime", 76.7)] == "2025+cons@64"
    assert settings[("o3-mini", "score:gpqa", 70.2)] == "diamond"


def test_a_rating_column_in_a_table():
    text = ("| Model | MATH-500 | Codeforces rating |\n"
            "|---|---|---|\n"
            "| o1-mini | 88.1 | 1,702 |\n")
    claims = _claims(text)
    assert ("o1-mini", "rating:codeforces", 1702.0, "rating") in claims
    assert ("o1-mini", "score:math-500", 88.1, "percent") in claims


def test_a_list_takes_the_benchmark_its_lead_in_names():
    text = ("# Review\n\nIntro text.\n\n**LiveCodeBench (code generation, hard)**:\n\n"
            "* **DeepSeek-V3**: 37.6% (best).\n* Ahead of **GPT-4o (33.4%)** and the rest.\n\n"
            "These are the figures from\nthe BFCL leaderboard, for comparison.\n\n"
            "- 81% gpt-4o\n- 77% claude-3.5-sonnet\n")
    claims = _claims(text)
    assert ("deepseek-v3", "score:livecodebench", 37.6, "percent") in claims
    assert ("gpt-4o", "score:livecodebench", 33.4, "percent") in claims
    assert ("gpt-4o", "score:bfcl", 81.0, "percent") in claims
    assert ("claude-3.5-sonnet", "score:bfcl", 77.0, "percent") in claims


def test_the_benchmark_said_again_as_the_benchmark():
    text = "We ran SimpleQA on the new models. Grok 3 got 43% on the benchmark."
    assert ("grok-3", "score:simpleqa", 43.0, "percent") in _claims(text)


def test_benchmark_first_then_the_model_that_scores():
    text = "In the BFCL evaluation, Claude 3.5 Sonnet scores 90.2, well ahead."
    assert ("claude-3.5-sonnet", "score:bfcl", 90.2, "percent") in _claims(text)
    text = "Llama 3.3 70B scores 77.0 on the long-context retrieval benchmark RULER."
    assert ("llama-3.3-70b", "score:ruler", 77.0, "percent") in _claims(text)


def test_ranks_and_absolute_gains_are_not_scores():
    assert not any(m.startswith("score:") for _, m, _, _ in _claims("Llama 3.1 70B placed #4 on the MMLU-Pro leaderboard."))
    claims = _claims("On MultiChallenge, GPT-4.1 scores 38.3%, a 10.5%abs increase over GPT-4o.")
    assert ("gpt-4.1", "score:multichallenge", 38.3, "percent") in claims
    assert not any(v == 10.5 for _, _, v, _ in claims)


def test_a_task_named_earlier_in_a_scored_sentence():
    text = "On math benchmarks, Claude 3 Haiku leads with a score of 40.9%, while Gemini 1.5 Flash has 54.9%."
    claims = _claims(text)
    assert ("claude-3-haiku", "score:math-reasoning", 40.9, "percent") in claims


def test_more_ways_to_write_a_rating():
    assert ("o3-mini", "rating:codeforces", 2073.0, "rating") in _claims("o3-mini reached a 2073 Elo rating on Codeforces.")
    assert ("deepseek-r1", "rating:codeforces", 1980.0, "rating") in _claims("DeepSeek-R1 的 Codeforces 等级分 1980。")
    assert ("claude-3.5-sonnet", "rating:lmarena", 1268.0, "rating") in _claims("Claude 3.5 Sonnet: Chatbot Arena Elo 1268.")


def test_a_footnote_digit_after_a_benchmark_name_in_a_header():
    text = ("| Benchmark | GPT-4o | o1 |\n|---|---|---|\n"
            "| SWE-bench Verified3 | 31.0% | 44.5% |\n| GPQA Diamond1 | 52.1% | 76.0% |\n")
    claims = _claims(text)
    assert ("o1", "score:swe-bench-verified", 44.5, "percent") in claims
    assert ("gpt-4o", "score:gpqa", 52.1, "percent") in claims
    assert [b[2] for b in lexicon().benchmarks("MATH500 and GSM8K")] == ["math-500", "gsm8k"]


def test_setting_numbers_are_not_scores_and_each_score_keeps_its_own_setting():
    text = "Mistral Large 2 scores 84.0% on MMLU 5-shot and 81.2% on 0-shot MMLU, 92.0% Pass@1 on HumanEval."
    claims = _claims(text)
    assert {v for _, m, v, _ in claims if m.startswith("score:")} == {84.0, 81.2, 92.0}
    settings = _settings(text)
    # `Mistral Large 2` is its own model (contract v2), not mistral-large
    assert settings[("mistral-large-2", "score:mmlu", 84.0)] == "5-shot"
    assert settings[("mistral-large-2", "score:mmlu", 81.2)] == "0-shot"
    header = "| Benchmark <br/> (few-shot and 0-shot) | GPT-4o |\n|---|---|\n| MMLU (5-shot) | 88.7 |\n"
    assert {v for _, m, v, _ in _claims(header) if m.startswith("score:")} == {88.7}


def test_plain_english_and_chinese_prose_names_no_benchmark():
    prose = ("If you drop multiple frames from the common arc of a race, the open questions include "
             "which apps and facts stem from math, science and code contests at the frontier; "
             "the spider in the arena made a perception test of simple writing. "
             "我们在竞技场里做了数学和代码的测试。")
    assert lexicon().benchmarks(prose) == []


def test_bare_scores_listed_under_a_benchmark_heading():
    text = ("## Leaderboard (Terminal-Bench)\n\n* **Claude Opus 4 (2025-05-22)**: 43.20\n"
            "* **o3**: 30.2 ([Terminal-Bench][1])\n\n## Prices\n\n* **o3**: 10.00\n")
    claims = _claims(text)
    assert ("claude-opus-4", "score:terminal-bench", 43.2, "percent") in claims
    assert ("o3", "score:terminal-bench", 30.2, "percent") in claims
    assert not any(v == 10.0 and m.startswith("score:") for _, m, v, _ in claims)


def test_running_prose_under_a_benchmark_heading_needs_a_score_word():
    text = ("# Notes\n\n## MMLU\n\nGPT-4o has a long context and costs little; 70% of our users prefer it "
            "over the others we asked in the survey.\n\n- GPT-4o: 88.7%\n")
    claims = _claims(text)
    assert ("gpt-4o", "score:mmlu", 88.7, "percent") in claims
    assert not any(v == 70.0 for _, _, v, _ in claims)


def test_chinese_ratings_and_percentiles():
    claims = _claims("在 LMArena 排行榜上，Claude 3.7 Sonnet 以 1290 分位列前五。")
    assert ("claude-3.7-sonnet", "rating:lmarena", 1290.0, "rating") in claims
    claims = _claims("o1-mini 在 Codeforces 上达到 1650 分，超过 86.2% 的人类选手。")
    assert ("o1-mini", "rating:codeforces", 1650.0, "rating") in claims
    assert ("o1-mini", "score:codeforces", 86.2, "percent") in claims
