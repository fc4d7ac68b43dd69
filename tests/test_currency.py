"""Prices keep the currency they are stated in (contract v2 `currency`):
each written form, in prose and in a table, read as its ISO code with the
unit CODE_per_mtok and the value as written (never converted); stored in
the claims table; never reconciled against a price in another currency.
Paraphrased examples, not text from any real page."""
import pytest

from pipeline.extract import extract_claims
from pipeline.extract.currency import currencies, price_unit
from pipeline.store.claims import claim_row
from tests.reconcile_helpers import build, claim, conflicts, ref


def prices(text: str) -> list[tuple[str, str, float, str, str | None]]:
    return sorted((c.model, c.metric, c.value, c.unit, c.qualifiers.currency)
                  for c in extract_claims(text, "t.md") if c.metric.startswith("price"))


@pytest.mark.parametrize("text, expected", [
    # yuan after the number, per million tokens
    ("GLM-4 的调用价格为 5元/百万tokens。", [("glm-4", "price", 5.0, "cny_per_mtok", "cny")]),
    # yuan per thousand tokens: scaled to a million, still yuan
    ("GPT-4o 的输入价格为 0.004元/千tokens。", [("gpt-4o", "price_input", 4.0, "cny_per_mtok", "cny")]),
    # the rate first, the yuan after
    ("DeepSeek-V3 每百万输出 tokens 3 元。", [("deepseek-v3", "price_output", 3.0, "cny_per_mtok", "cny")]),
    ("DeepSeek-V3 的价格是每百万tokens 1.5元。", [("deepseek-v3", "price", 1.5, "cny_per_mtok", "cny")]),
    # 人民币 before, 元 after
    ("Qwen2.5-72B 的输入价格为人民币 4 元/百万 tokens。", [("qwen-2.5-72b", "price_input", 4.0, "cny_per_mtok", "cny")]),
    # the yen sign, half- and full-width
    ("- DeepSeek-V3: ¥1.5/M input, ¥6/M output",
     [("deepseek-v3", "price_input", 1.5, "cny_per_mtok", "cny"), ("deepseek-v3", "price_output", 6.0, "cny_per_mtok", "cny")]),
    ("- DeepSeek-V3: ￥0.7/M 输入", [("deepseek-v3", "price_input", 0.7, "cny_per_mtok", "cny")]),
    # codes before the number
    ("Qwen2.5-72B costs RMB 3 per million input tokens.", [("qwen-2.5-72b", "price_input", 3.0, "cny_per_mtok", "cny")]),
    ("Qwen2.5-72B costs CNY 12 per 1M output tokens.", [("qwen-2.5-72b", "price_output", 12.0, "cny_per_mtok", "cny")]),
    # euros and pounds, by sign, code and word
    ("Mistral Large lists at €1.8 per 1M input tokens.", [("mistral-large", "price_input", 1.8, "eur_per_mtok", "eur")]),
    ("Mistral Large lists at EUR 5.4 per million output tokens.", [("mistral-large", "price_output", 5.4, "eur_per_mtok", "eur")]),
    ("Mistral Large costs 0.002 euros per 1K input tokens.", [("mistral-large", "price_input", 2.0, "eur_per_mtok", "eur")]),
    ("Claude 3 Haiku is sold at £0.2 per 1M input tokens.", [("claude-3-haiku", "price_input", 0.2, "gbp_per_mtok", "gbp")]),
    # a code glued to the number, a word after it, hundredths
    ("DeepSeek-V3 costs RMB3 per million output tokens.", [("deepseek-v3", "price_output", 3.0, "cny_per_mtok", "cny")]),
    ("DeepSeek-V3 costs 1.5 yuan per million input tokens.", [("deepseek-v3", "price_input", 1.5, "cny_per_mtok", "cny")]),
    ("DeepSeek-V3 输入价格为每百万 tokens 1元人民币。", [("deepseek-v3", "price_input", 1.0, "cny_per_mtok", "cny")]),
    ("Claude 3 Haiku costs 30 pence per million input tokens.", [("claude-3-haiku", "price_input", 0.3, "gbp_per_mtok", "gbp")]),
    # dollars stay the default: no currency qualifier, usd unit
    ("GPT-4o costs $2.5 per 1M input tokens.", [("gpt-4o", "price_input", 2.5, "usd_per_mtok", None)]),
    ("GPT-4o 的输入价格为每百万 tokens 2.5 美元。", [("gpt-4o", "price_input", 2.5, "usd_per_mtok", None)]),
])
def test_currency_in_prose(text, expected):
    assert prices(text) == expected


def test_a_price_cut_keeps_its_currency_on_both_figures():
    text = "GLM-4 的调用价格从 20元/百万tokens 降至 4元/百万tokens。"
    assert prices(text) == [("glm-4", "price", 4.0, "cny_per_mtok", "cny"), ("glm-4", "price", 20.0, "cny_per_mtok", "cny")]


@pytest.mark.parametrize("text", [
    "DeepSeek-V3 的会员套餐为 30元/月，每百万 tokens 另计。",  # a subscription
    "GLM-4 的单次调用成本约 ¥0.05/次。",  # a cost per call
    "| 方案 | 月成本 |\n|---|---|\n| GLM-4 | ¥30-60 |\n",  # a plan's monthly cost
    "| Model | Monthly cost |\n|---|---|\n| GPT-4o | €25 |\n",
])
def test_costs_per_period_or_call_are_not_token_prices(text):
    assert prices(text) == []


def test_a_worked_example_in_yuan_is_not_a_price():
    assert prices("输入: 3000 tokens × ¥2.0/M = ¥0.006") == []


def test_table_with_currency_in_the_header():
    text = ("| 模型 | 输入价格（元/百万 tokens） | 输出价格（元/百万 tokens） |\n"
            "|---|---|---|\n"
            "| DeepSeek-V3 | 1.5 | 6 |\n"
            "| GLM-4 | 10 | 10 |\n")
    assert prices(text) == [
        ("deepseek-v3", "price_input", 1.5, "cny_per_mtok", "cny"), ("deepseek-v3", "price_output", 6.0, "cny_per_mtok", "cny"),
        ("glm-4", "price_input", 10.0, "cny_per_mtok", "cny"), ("glm-4", "price_output", 10.0, "cny_per_mtok", "cny")]


def test_table_with_currency_in_the_cells():
    text = ("| Model | Input | Output |\n"
            "|---|---|---|\n"
            "| DeepSeek-V3 | ¥1.5/M | ¥6/M |\n"
            "| Mistral Large | €1.8/M | €5.4/M |\n"
            "| GPT-4o | $2.5/M | $10/M |\n")
    assert prices(text) == [
        ("deepseek-v3", "price_input", 1.5, "cny_per_mtok", "cny"), ("deepseek-v3", "price_output", 6.0, "cny_per_mtok", "cny"),
        ("gpt-4o", "price_input", 2.5, "usd_per_mtok", None), ("gpt-4o", "price_output", 10.0, "usd_per_mtok", None),
        ("mistral-large", "price_input", 1.8, "eur_per_mtok", "eur"), ("mistral-large", "price_output", 5.4, "eur_per_mtok", "eur")]


def test_export_and_storage_carry_the_currency():
    found = [c for c in extract_claims("GLM-4 的调用价格为 5元/百万tokens。", "t.md")]
    assert found[0].export()["qualifiers"]["currency"] == "cny" and found[0].export()["unit"] == "cny_per_mtok"
    assert claim_row(found[0], "d", "sha")["currency"] == "cny"
    dollars = extract_claims("GPT-4o costs $2.5 per 1M input tokens.", "t.md")[0]
    assert "currency" not in dollars.export()["qualifiers"] and claim_row(dollars, "d", "sha")["currency"] == "usd"
    window = extract_claims("GPT-4o has a 128K context window.", "t.md")[0]
    assert claim_row(window, "d", "sha")["currency"] == "usd"  # the contract's default


def test_the_words_are_data():
    money = currencies()
    assert money.code("元") == "cny" and money.code("RMB") == "cny" and money.code("€") == "eur"
    assert money.in_text("Input (€/1M tokens)") == "eur" and money.in_text("Input") is None
    assert price_unit("usd_per_mtok", "cny") == "cny_per_mtok" and price_unit("tokens", "cny") == "tokens"


def _cny(doc, model, metric, value):
    row = claim(doc, model, metric, value)
    return row | {"unit": "cny_per_mtok", "currency": "cny"}


def test_a_yuan_price_never_conflicts_with_a_dollar_price(tmp_path):
    rows = [_cny("a", "deepseek-v3", "price_input", 2.0), claim("b", "deepseek-v3", "price_input", 0.27) | {"currency": "usd"}]
    refs = [ref("deepseek-v3", "price_input", 0.27, tier="standard")]
    assert conflicts(build(tmp_path, rows, refs)) == []


def test_yuan_prices_are_still_compared_with_each_other(tmp_path):
    rows = [_cny("a", "deepseek-v3", "price_input", 2.0), _cny("b", "deepseek-v3", "price_input", 4.0)]
    found = conflicts(build(tmp_path, rows))
    assert [(kind, metric, texts) for kind, metric, texts, _, _ in found] == [
        ("cross_source", "price_input", ["2", "4"])]


def test_a_cut_price_keeps_the_direction_of_the_old_one():
    text = "GPT-4o 的输入价格从 0.02元/千tokens 降至 0.006元/千tokens。"
    assert prices(text) == [("gpt-4o", "price_input", 6.0, "cny_per_mtok", "cny"),
                            ("gpt-4o", "price_input", 20.0, "cny_per_mtok", "cny")]


def test_the_quality_frame_expects_a_yuan_price_in_yuan(tmp_path):
    from pipeline.store.sqlfiles import fetch_dicts
    from pipeline.store.vocabulary_tables import publish_vocabulary
    from pipeline.vocabulary import vocabulary

    con = build(tmp_path, [_cny("a", "deepseek-v3", "price_input", 2.0), claim("a", "deepseek-v3", "price_output", 1.1)])
    publish_vocabulary(con, vocabulary())
    rows = {r["metric"]: (r["unit"], r["metric_unit"]) for r in fetch_dicts(con, "quality/claims_frame")}
    assert rows == {"price_input": ("cny_per_mtok", "cny_per_mtok"), "price_output": ("usd_per_mtok", "usd_per_mtok")}


@pytest.mark.parametrize("text", [
    "GLM-4 每百万输入 tokens 0.4 元（缓存命中）/ 3 元（缓存未命中）。",
    "GLM-4 input per 1M tokens: ¥0.4 (cache hit) / ¥3 (cache miss).",
])
def test_a_cache_miss_price_is_the_standard_input_price(text):
    found = sorted((c.metric, c.value, c.qualifiers.tier, c.qualifiers.currency) for c in extract_claims(text, "t.md"))
    assert found == [("price_input", 0.4, "cached", "cny"), ("price_input", 3.0, "standard", "cny")]


def test_a_falling_range_is_a_price_change():
    text = "Claude 3 Haiku's input price was lowered from €0.5 to €0.25 per 1M tokens."
    assert prices(text) == [("claude-3-haiku", "price_input", 0.25, "eur_per_mtok", "eur"),
                            ("claude-3-haiku", "price_input", 0.5, "eur_per_mtok", "eur")]
