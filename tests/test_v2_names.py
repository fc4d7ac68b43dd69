"""Model names v2 reads on real pages, as paraphrased cases (other models,
numbers and wording than the articles they were learned from): tier names of
vendors that write no version (`ERNIE-Speed`, `豆包-lite`), a family word
written in Chinese, versions with a leading letter (`DeepSeek-R2`), and a
tier word after a known model (`Kimi-K2-Lite`)."""
from __future__ import annotations

import pytest

from pipeline.extract.lexicon import lexicon
from pipeline.extract.v2 import extract_claims as v2
from tests.v2_cases import facts as _facts


def _models(text: str) -> list[str]:
    return [m.snapshot or m.model for m in lexicon().mentions(text)]


@pytest.mark.parametrize("text, models", [
    ("ERNIE-Speed is priced lower", ["ernie-speed"]),
    ("豆包-lite 的价格下调", ["doubao-lite"]),  # the family word in Chinese (vocabulary name_variants)
    ("文心-standard-128k 支持长文本", ["ernie-standard-128k"]),  # a context length after the tier word
    ("DeepSeek-R7 arrives", ["deepseek-r7"]),  # a version with a leading letter
    ("DeepSeek-R1-Ultra 发布", ["deepseek-r1-ultra"]),  # a tier word after a known model
])
def test_names_without_a_plain_version_get_ids(text, models):
    assert _models(text) == models


@pytest.mark.parametrize("text, models", [
    ("Ernie pro and doubao max are words here", []),  # a tier word after a space is prose
    ("gemini-1.5-flash-128k", ["gemini-1.5-flash"]),  # a context tier of a versioned model is its price tier
    ("GPT-4 3 times faster", ["gpt-4"]),
])
def test_tier_words_do_not_coin_from_prose(text, models):
    assert _models(text) == models


def test_a_tier_model_written_in_chinese_owns_its_prices():
    text = "豆包-standard API 输入价格从0.02元/千tokens降至0.006元/千tokens，下降70%。"
    assert ("doubao-standard", "price_input", 6.0) in _facts(text)
    assert not {f for f in _facts(text) if f[0] != "doubao-standard"}


@pytest.mark.parametrize("text, models", [
    ("| **Mistral Pixtral 12B** |", ["pixtral-12b"]),  # a family name labelling another model's name
    ("Gemini and Llama", ["gemini", "llama"]),  # family names with words between stay mentions
    ("| **Gemma 4 Coder** |", ["gemma-4-coder"]),  # a variant word after a space
])
def test_labels_and_spaced_variants(text, models):
    assert _models(text) == models


def test_a_labelled_model_owns_its_column():
    text = ("| Parameter | **Mistral Pixtral 12B** | **Gemma 4 Coder** |\n|---|---|---|\n"
            "| Input price per 1M tokens | $0.15 | $0.35 |\n| Context window | 128k | 32k |\n")
    assert _facts(text) >= {("pixtral-12b", "price_input", 0.15), ("gemma-4-coder", "price_input", 0.35),
                            ("pixtral-12b", "context_window", 128000), ("gemma-4-coder", "context_window", 32000)}
    assert {f[0] for f in _facts(text)} == {"pixtral-12b", "gemma-4-coder"}


@pytest.mark.parametrize("text, models", [
    ("| bedrock | eu.anthropic.claude-3-haiku-20240307-v1:0 |", ["claude-3-haiku-2024-03-07"]),  # cloud routing
    ("| bedrock | mistral.mixtral-8x7b-instruct-v0:1 |", ["mixtral-8x7b-instruct"]),  # and Bedrock's own version
    ("| open-mixtral-8x7b | fast |", ["mixtral-8x7b"]),  # Mistral's API name of its open-weight model
])
def test_cloud_and_api_ids_name_the_vendors_model(text, models):
    assert _models(text) == models


def test_the_catalogue_reads_an_open_prefix_as_a_hosts_word():
    from pipeline.catalogue.rules import canonical_id

    assert canonical_id("open-mixtral-8x22b") == ("mixtral-8x22b", None)
    assert canonical_id("open-mistral-nemo-2407") == ("mistral-nemo", "2407")


def test_a_cloud_id_row_owns_its_figures():
    text = ("| provider | model | TTFT (s) |\n|---|---|---|\n"
            "| bedrock | meta.llama3-8b-instruct-v1:0 | 0.21 |\n| bedrock | eu.anthropic.claude-3-haiku-20240307-v1:0 | 0.48 |\n")
    owners = {c.model for c in v2(text, "case.md")}
    assert owners and all(o.startswith(("llama-3-8b", "claude-3-haiku")) for o in owners), owners


def test_a_member_word_before_its_version_names_the_member():
    text = ("Claude list prices.\n\n| Provider | Name | Input | Output |\n|---|---|---|---|\n"
            "| Anthropic | Sonnet 3.7 | $3.00 | $15.00 |\n| Anthropic | Opus 3 | $15.00 | $75.00 |\n")
    facts = _facts(text)
    assert ("claude-3.7-sonnet", "price_input", 3.0) in facts and ("claude-3-opus", "price_output", 75.0) in facts


def test_a_family_and_variant_word_stand_for_the_member_the_page_names():
    text = ("Gemini 2.0 Flash is compared with Claude 3 Haiku here.\n\n"
            "On MMLU, Gemini Flash reaches 76.4%, and Claude Haiku reaches 70.1%.\n")
    assert {("gemini-2.0-flash", "score:mmlu", 76.4), ("claude-3-haiku", "score:mmlu", 70.1)} <= _facts(text)


def test_a_family_and_variant_word_stay_the_family_when_the_page_names_two_such_members():
    from pipeline.extract.context import DocumentContext
    from pipeline.extract.segments import blocks_of

    text = "Gemini 1.5 Flash and Gemini 2.0 Flash differ. Gemini Flash is fast."
    doc = DocumentContext.build(text, blocks_of(text), lexicon())
    assert [m.model for m in doc.mentions.items][-1] == "gemini"


@pytest.mark.parametrize("text, models", [
    ("| gemma-2b-9b |", ["gemma-2-9b"]),  # two sizes: the first was the version with a stray letter
    ("| gemma-2b |", ["gemma-2b"]),  # one size is a size
])
def test_a_size_after_a_size_reads_the_first_as_the_version(text, models):
    assert _models(text) == models


@pytest.mark.parametrize("text, models", [
    ("| **Gemini 2.0/2.5 Flash** |", ["gemini-2.0-flash", "gemini-2.5-flash"]),  # two versions, one name
    ("Llama 3.1 8B/405B runs", ["llama-3.1-8b", "llama-3.1-405b"]),  # two sizes
    ("see meta-llama/Llama-3-8b", ["llama-3-8b"]),  # an organisation in a path names no model
])
def test_a_slash_between_versions_names_two_models(text, models):
    assert _models(text) == models


def test_a_row_naming_two_versions_gives_both_its_prices():
    text = ("| # | Model | Vendor | Input | Output |\n|---|---|---|---|---|\n"
            "| 4 | **Gemini 2.0/2.5 Flash** | Google | $0.30 | $2.50 |\n")
    facts = _facts(text)
    assert {("gemini-2.0-flash", "price_input", 0.3), ("gemini-2.5-flash", "price_output", 2.5)} <= facts


def test_a_launch_list_gives_the_date_to_every_model_launched():
    text = ('---\ntitle: "News"\ndate: "2025-02-26"\n---\n\n'
            "We are releasing two models today for every developer: Phi-4, and Gemma 3.\n")
    assert {(m, "release_date", "2025-02-26") for m in ("phi-4", "gemma-3")} <= _facts(text)


def test_models_a_figure_is_compared_with_do_not_share_it():
    text = "Qwen-Max is ahead of Gemma 3 and Phi-4 with an MMLU score of 88.1%."
    assert "gemma-3" not in {f[0] for f in _facts(text)}
