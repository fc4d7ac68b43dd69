"""Sentence-level cases of the claim grammar: units, directions, tiers and
qualifiers, and the things that look like claims but are not. Each row is
one rule a reviewer can read."""
import pytest

from pipeline.extract import extract_claims


def _claims(text):
    return [(c.model, c.metric, c.value, c.value_high) for c in extract_claims(text, "t.md")]


def _one(text):
    (claim,) = extract_claims(text, "t.md")
    return claim


@pytest.mark.parametrize("text, expected", [
    ("GPT-4o costs $5 per million input tokens.", [("gpt-4o", "price_input", 5.0, None)]),
    ("GPT-4o: $0.005/1K input tokens", [("gpt-4o", "price_input", 5.0, None)]),
    ("GPT-4o 输出：$0.015/1K tokens", [("gpt-4o", "price_output", 15.0, None)]),
    ("GPT-4o 的价格是 $0.005/token", [("gpt-4o", "price", 5000.0, None)]),
    ("Claude 3.5 Sonnet 每百万输入令牌 $3，每百万输出令牌 $15。",
     [("claude-3.5-sonnet", "price_input", 3.0, None), ("claude-3.5-sonnet", "price_output", 15.0, None)]),
    ("GPT-4o mini 的输入价格为每百万 tokens 0.15 美元。", [("gpt-4o-mini", "price_input", 0.15, None)]),
    ("Claude 3.5 Sonnet has a 200K context window.", [("claude-3.5-sonnet", "context_window", 200000.0, None)]),
    ("GPT-4o 提供了一个 128,000 个令牌的上下文窗口。", [("gpt-4o", "context_window", 128000.0, None)]),
    ("GPT-4o mini 的最大输出为 16,384 tokens。", [("gpt-4o-mini", "max_output", 16384.0, None)]),
    ("GPT-4 Turbo：~50-100 tokens/秒", [("gpt-4-turbo", "throughput", 50.0, 100.0)]),
    ("GPT-4o 每秒生成约 109 个标记。", [("gpt-4o", "throughput", 109.0, None)]),
    ("GPT-4o 的平均响应时间为 320 毫秒。", [("gpt-4o", "latency", 320.0, None)]),
    ("o1 的延迟约为 2-3 秒。", [("o1", "latency", 2000.0, 3000.0)]),
    ("GPT-4o scores 88.7% on MMLU.", [("gpt-4o", "score:mmlu", 88.7, None)]),
    ("DeepSeek-V3 reports 88.5 on MMLU.", [("deepseek-v3", "score:mmlu", 88.5, None)]),
    ("GPT-4o 于 2024 年 5 月发布。", [("gpt-4o", "release_date", "2024-05", None)]),
    ("GPT-4o's knowledge cutoff is October 2023.", [("gpt-4o", "knowledge_cutoff", "2023-10", None)]),
    ("DeepSeek-V3 总参数量为 6710 亿。", [("deepseek-v3", "parameters", 6.71e11, None)]),
    ("o1 pricing: $15 input / $60 output per million tokens.",
     [("o1", "price_input", 15.0, None), ("o1", "price_output", 60.0, None)]),
    ("Claude 3.5 Sonnet costs $3 / $15 per million tokens (input / output).",
     [("claude-3.5-sonnet", "price_input", 3.0, None), ("claude-3.5-sonnet", "price_output", 15.0, None)]),
    ("GPT-4o 价格：输入 5 美元/百万 tokens，输出 15 美元/百万 tokens。",
     [("gpt-4o", "price_input", 5.0, None), ("gpt-4o", "price_output", 15.0, None)]),
    ("Claude 3.5 Sonnet 每百万 token 收费 3 美元。", [("claude-3.5-sonnet", "price", 3.0, None)]),
    ("GPT-4o 的上下文窗口为 12.8 万 tokens。", [("gpt-4o", "context_window", 128000.0, None)]),
    ("GPT-4o supports a 128k-token context window and can produce up to 16,384 output tokens.",
     [("gpt-4o", "context_window", 128000.0, None), ("gpt-4o", "max_output", 16384.0, None)]),
    ("GPT-4o mini has a TTFT of 0.45s.", [("gpt-4o-mini", "latency", 450.0, None)]),
    ("GPT-4o 的 MMLU 得分 88.7。", [("gpt-4o", "score:mmlu", 88.7, None)]),
    ("Llama 3.1 405B is a 405-billion-parameter model.", [("llama-3.1-405b", "parameters", 405e9, None)]),
    ("Gemini 1.5 Pro offers a 2M-token context window.", [("gemini-1.5-pro", "context_window", 2e6, None)]),
    ("双子座 1.5 闪存每秒生成约 160 个代币。", [("gemini-1.5-flash", "throughput", 160.0, None)]),
    ("Llama 3 70B 在 MMLU 上得分 82.0。", [("llama-3-70b", "score:mmlu", 82.0, None)]),
    ("GPT-4o mini is priced at 15 cents per million input tokens and 60 cents per million output tokens.",
     [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None)]),
    ("With an MMLU score of 86.4%, GPT-4 remains strong.", [("gpt-4", "score:mmlu", 86.4, None)]),
    ("GPT-4o: $5 / 1M input tokens; $15 / 1M output tokens",
     [("gpt-4o", "price_input", 5.0, None), ("gpt-4o", "price_output", 15.0, None)]),
    ("Gemini 1.5 Flash: at $0.075 per million input tokens, it undercuts GPT-4o mini.",
     [("gemini-1.5-flash", "price_input", 0.075, None)]),
    ("GPT-4o 比 GPT-4 Turbo 快 2 倍，价格便宜 50%。", []),
    ("GPT-4o improves coding performance by 20% over GPT-4 Turbo.", []),
    ("Claude 3.5 Sonnet 在编码方面比 GPT-4o 高出 10%。", []),
    ("GPT-4o mini is 60% cheaper than GPT-3.5 Turbo.", []),
    ("ChatGPT Plus costs $20 per month and gives access to GPT-4o.", []),
    ("OpenAI was founded in December 2015 and released GPT-4o in May 2024.",
     [("gpt-4o", "release_date", "2024-05", None)]),
    ("GPT-4o scored over 90% on HumanEval.", [("gpt-4o", "score:humaneval", 90.0, None)]),
    ("GPT-4o 和 Claude 3.5 Sonnet 的上下文窗口分别为 128K 和 200K。",
     [("gpt-4o", "context_window", 128000.0, None), ("claude-3.5-sonnet", "context_window", 200000.0, None)]),
    ("GPT-4o and Claude 3.5 Sonnet have context windows of 128K and 200K tokens respectively.",
     [("gpt-4o", "context_window", 128000.0, None), ("claude-3.5-sonnet", "context_window", 200000.0, None)]),
    ("Llama 3.1 405B 的价格约为每百万令牌 $5，而 GPT-4o 的输入价格为每百万令牌 $5，输出价格为每百万令牌 $15。",
     [("llama-3.1-405b", "price", 5.0, None), ("gpt-4o", "price_input", 5.0, None),
      ("gpt-4o", "price_output", 15.0, None)]),
    ("We measured about 60 tokens/sec for Gemini 1.5 Pro and 25 tokens/sec for Claude 3 Opus.",
     [("gemini-1.5-pro", "throughput", 60.0, None), ("claude-3-opus", "throughput", 25.0, None)]),
    ("Llama 3.1 70B 在 Groq 上每秒可以生成超过 250 个令牌。", [("llama-3.1-70b", "throughput", 250.0, None)]),
    ("GPT-4o 的首个令牌时间约为 0.5 秒。", [("gpt-4o", "latency", 500.0, None)]),
    ("**Pricing.** Gemini 1.5 Pro costs $3.50 per million input tokens.",
     [("gemini-1.5-pro", "price_input", 3.5, None)]),
    ("Claude 3 family: Opus costs $15/$75, Sonnet $3/$15 and Haiku $0.25/$1.25 per million tokens.",
     [("claude-3-opus", "price_input", 15.0, None), ("claude-3-opus", "price_output", 75.0, None),
      ("claude-3-sonnet", "price_input", 3.0, None), ("claude-3-sonnet", "price_output", 15.0, None),
      ("claude-3-haiku", "price_input", 0.25, None), ("claude-3-haiku", "price_output", 1.25, None)]),
    ("Llama 3.1 405B was trained on 15T tokens.", []),
    ("GPT-4o is used by 92% of the Fortune 500.", []),
    ("GPT-4o is twice as fast as Claude 3 Opus.", []),
    ("假设 GPT-4o 的上下文为 128K tokens。", []),
    ("GPT-4o: 10000 份 × $0.005 = $50", []),
    ("图表理解：98% 准确率（vs 竞品 85%）", []),  # no model anywhere: nothing to attribute
    ("See https://example.com/gpt-4o-128k-context for more.", []),
])
def test_sentences(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, field, value", [
    ("GPT-4o：~120 tokens/秒", "approx", True),
    ("GPT-4o 每秒生成约 23 个标记", "approx", True),
    ("GPT-4o 的参数推测为 1.8T", "hedged", True),
    ("GPT-4o is rumored to have 1.8T parameters", "hedged", True),
    ("GPT-4o 的语音延迟在 300ms 内", "bound", "lte"),
    ("GPT-4o responds within 300 ms", "bound", "lte"),
    ("GPT-4o Batch API: $1.25 per million input tokens", "tier", "batch"),
    ("GPT-4o cached input costs $1.25 per million tokens", "tier", "cached"),
    ("GPT-4o 音频的平均响应时间为 320 毫秒", "modality", "audio"),
    ("GPT-4o scores 88.7% on MMLU (5-shot)", "setting", "5-shot"),
    ("GPT-4o outputs 100+ tokens per second", "bound", "gte"),
    ("GPT-4o has a time\nto first token of about 0.4 seconds", "approx", True),
])
def test_qualifiers(text, field, value):
    assert getattr(_one(text).qualifiers, field) == value


def test_headings_give_context_and_families_resolve():
    text = ("# Claude 3.5 Sonnet vs GPT-4o\n\n## Claude 3.5 Sonnet\n\nClaude 3.5 has a 200K context window.\n\n"
            "## GPT-4o\n\nIts price is $2.50 per million input tokens.\n")
    assert _claims(text) == [("claude-3.5-sonnet", "context_window", 200000.0, None),
                             ("gpt-4o", "price_input", 2.5, None)]


def test_tables_with_models_as_columns_and_as_rows():
    columns = "| | GPT-4o | Claude 3.5 Sonnet |\n|---|---|---|\n| Context | 128K | 200K |\n"
    rows = "| Model | MMLU | Price ($/1M input) |\n|---|---|---|\n| GPT-4o | 88.7 | $2.50 |\n"
    assert _claims(columns) == [("gpt-4o", "context_window", 128000.0, None),
                                ("claude-3.5-sonnet", "context_window", 200000.0, None)]
    assert _claims(rows) == [("gpt-4o", "score:mmlu", 88.7, None), ("gpt-4o", "price_input", 2.5, None)]


def test_every_quote_is_the_text_at_its_span():
    text = "---\ncontext: 128K tokens\nmodel: GPT-4o\n---\n\n- GPT-4o 的价格是 $5 每百万输入 tokens\n"
    for claim in extract_claims(text, "t.md"):
        assert text[claim.span[0]:claim.span[1]] == claim.quote


def test_table_headers_carry_units_and_metrics():
    text = ("| 模型 | 输出速度 (tokens/s) | 首字延迟 (ms) |\n|---|---|---|\n| GPT-4o | 105 | 450 |\n"
            "| Model | Release date | Knowledge cutoff | Parameters |\n")
    assert _claims(text)[:2] == [("gpt-4o", "throughput", 105.0, None), ("gpt-4o", "latency", 450.0, None)]
    rows = ("| Model | Release date | Context | Knowledge cutoff | Parameters |\n|---|---|---|---|---|\n"
            "| Llama 3.1 405B | 2024-07-23 | 128K | Dec 2023 | 405B |\n")
    assert _claims(rows) == [("llama-3.1-405b", "release_date", "2024-07-23", None),
                             ("llama-3.1-405b", "context_window", 128000.0, None),
                             ("llama-3.1-405b", "knowledge_cutoff", "2023-12", None),
                             ("llama-3.1-405b", "parameters", 405e9, None)]


def test_list_items_under_a_model_heading():
    text = ("## GPT-4o pricing\n\n- Input: $2.50 / 1M tokens\n- Output: $10.00 / 1M tokens\n"
            "- Cached input: $1.25 / 1M tokens\n")
    claims = extract_claims(text, "t.md")
    assert [(c.model, c.metric, c.value, c.qualifiers.tier) for c in claims] == [
        ("gpt-4o", "price_input", 2.5, "standard"), ("gpt-4o", "price_output", 10.0, "standard"),
        ("gpt-4o", "price_input", 1.25, "cached")]


def test_both_models_of_a_comparison_get_the_claim():
    text = "# GPT-4o vs Claude 3.5 Sonnet\n\n两个模型都支持 128,000 个令牌的上下文窗口。\n"
    assert _claims(text) == [("gpt-4o", "context_window", 128000.0, None),
                             ("claude-3.5-sonnet", "context_window", 128000.0, None)]


def test_a_family_name_stands_for_the_member_a_document_is_about():
    text = ("# Llama 3.1 405B review\n\nLlama 3.1 405B is big. Llama 3.1 405B is open. The Llama 3.1 70B is smaller.\n\n"
            "Llama 3.1 has a 128K context window.\n")
    assert ("llama-3.1-405b", "context_window", 128000.0, None) in _claims(text)


def test_a_line_naming_only_a_model_introduces_the_list_below():
    text = "**GPT-4o**\n\n- Context: 128K\n- Price: $2.50 in / $10 out (per 1M tokens)\n- Released: May 2024\n"
    assert _claims(text) == [("gpt-4o", "context_window", 128000.0, None), ("gpt-4o", "price_input", 2.5, None),
                             ("gpt-4o", "price_output", 10.0, None), ("gpt-4o", "release_date", "2024-05", None)]


@pytest.mark.parametrize("text, expected", [
    ("Claude 3.5 Sonnet gives you 200,000 tokens of context; GPT-4o gives you 128,000.",
     [("claude-3.5-sonnet", "context_window", 200000.0, None), ("gpt-4o", "context_window", 128000.0, None)]),
    ("GPT-4o outputs roughly 80-100 tokens per second compared to Claude 3.5 Sonnet's 60.",
     [("gpt-4o", "throughput", 80.0, 100.0), ("claude-3.5-sonnet", "throughput", 60.0, None)]),
    ("Claude 3.5 Sonnet has a 200K context window, and GPT-4o has 2 modes.",
     [("claude-3.5-sonnet", "context_window", 200000.0, None)]),
])
def test_a_bare_figure_repeats_the_previous_metric_for_another_model(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("GPT-4o scored 88.7 on MMLU; Anthropic reports 88.7 for Claude 3.5 Sonnet too.",
     [("gpt-4o", "score:mmlu", 88.7, None), ("claude-3.5-sonnet", "score:mmlu", 88.7, None)]),
    ("Gemini 1.5 Pro has a 2 million token context window. Claude 3 Opus tops out at 200K tokens.",
     [("gemini-1.5-pro", "context_window", 2e6, None), ("claude-3-opus", "context_window", 200000.0, None)]),
    ("GPT-4o has a 128K context window. In practice I rarely needed more than 50K tokens.",
     [("gpt-4o", "context_window", 128000.0, None)]),
])
def test_a_figure_after_the_metric_named_before_it(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("GPT-4o mini costs $0.15 per 1M input tokens and $0.60 per 1M output tokens, versus $10 and $30 on GPT-4 Turbo.",
     [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None),
      ("gpt-4-turbo", "price_input", 10.0, None), ("gpt-4-turbo", "price_output", 30.0, None)]),
    ("GPT-4o 输入 2.5 美元/百万 tokens、输出 10 美元/百万 tokens，Claude 3.5 Sonnet 则是 3 美元和 15 美元。",
     [("gpt-4o", "price_input", 2.5, None), ("gpt-4o", "price_output", 10.0, None),
      ("claude-3.5-sonnet", "price_input", 3.0, None), ("claude-3.5-sonnet", "price_output", 15.0, None)]),
    ("GPT-4o costs $2.50 per million input tokens and $10 per million output tokens.\n"
     "Claude 3 Opus is far pricier at $15 and $75 respectively.",
     [("gpt-4o", "price_input", 2.5, None), ("gpt-4o", "price_output", 10.0, None),
      ("claude-3-opus", "price_input", 15.0, None), ("claude-3-opus", "price_output", 75.0, None)]),
    ("DeepSeek-V3 定价为每百万输入 tokens 0.27 美元（缓存命中时 0.07 美元），每百万输出 tokens 1.10 美元。",
     [("deepseek-v3", "price_input", 0.27, None), ("deepseek-v3", "price_input", 0.07, None),
      ("deepseek-v3", "price_output", 1.1, None)]),
])
def test_a_price_without_its_own_direction_word(text, expected):
    assert _claims(text) == expected


def test_a_tier_in_brackets_is_only_the_bracketed_price():
    text = "DeepSeek-V3 定价为每百万输入 tokens 0.27 美元（缓存命中时 0.07 美元），每百万输出 tokens 1.10 美元。"
    assert [c.qualifiers.tier for c in extract_claims(text, "t.md")] == ["standard", "cached", "standard"]


@pytest.mark.parametrize("text, expected", [
    ("o1-preview 和 o1-mini 均于 2024 年 9 月 12 日发布。",
     [("o1-preview", "release_date", "2024-09-12", None), ("o1-mini", "release_date", "2024-09-12", None)]),
    ("Both GPT-4o and GPT-4o mini have a 128K context window.",
     [("gpt-4o", "context_window", 128000.0, None), ("gpt-4o-mini", "context_window", 128000.0, None)]),
    ("We measured 60 tokens/sec for Gemini 1.5 Pro and 25 tokens/sec for Claude 3 Opus, "
     "with first-token latencies of 1.1s and 2.3s.",
     [("gemini-1.5-pro", "throughput", 60.0, None), ("claude-3-opus", "throughput", 25.0, None),
      ("gemini-1.5-pro", "latency", 1100.0, None), ("claude-3-opus", "latency", 2300.0, None)]),
    ("# Claude 3.5 Haiku\n\nIt was announced on October 22, 2024 alongside Claude 3.5 Sonnet.",
     [("claude-3.5-haiku", "release_date", "2024-10-22", None)]),
    ("# Llama 3.1 405B\n\nThe model has a context window of 128K tokens, up from 8K in Llama 3.",
     [("llama-3.1-405b", "context_window", 128000.0, None), ("llama-3", "context_window", 8000.0, None)]),
    ("o1-mini 的上下文窗口为 128,000 个令牌，最大输出令牌为 65,536 个。",
     [("o1-mini", "context_window", 128000.0, None), ("o1-mini", "max_output", 65536.0, None)]),
])
def test_who_a_shared_or_pronoun_subject_figure_belongs_to(text, expected):
    assert _claims(text) == expected


def test_a_plain_text_title_line_gives_the_document_its_subject():
    text = "OpenAI 发布 o1-mini：更便宜的推理模型\n\n定价方面，每百万输入令牌收费 3 美元。\n"
    assert _claims(text) == [("o1-mini", "price_input", 3.0, None)]


def test_a_relative_clause_belongs_to_the_model_just_before_it():
    text = "o3-mini is expected to undercut o1-mini, which still lists at $3 per million input tokens."
    assert _claims(text) == [("o1-mini", "price_input", 3.0, None)]


def test_keys_in_code_name_the_metric_of_a_bare_number():
    text = '```python\nLIMITS = {\n    "gpt-4o": {"context": 128000, "max_output": 16384, "max_tokens": 4096},\n}\n```\n'
    assert _claims(text) == [("gpt-4o", "context_window", 128000.0, None), ("gpt-4o", "max_output", 16384.0, None)]


def test_training_data_up_to_a_date_is_a_cutoff_not_an_as_of_date():
    assert _claims("Claude 3.5 Haiku 的训练数据截止到 2024 年 7 月。") == [
        ("claude-3.5-haiku", "knowledge_cutoff", "2024-07", None)]


def test_dollar_cells_under_direction_headers_take_the_rate_the_page_states():
    text = ("Prices are in USD per million tokens.\n\n| Model | Input | Output |\n|---|---|---|\n"
            "| GPT-4o mini | $0.15 | $0.60 |\n")
    assert _claims(text) == [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None)]


def test_respectively_after_two_benchmarks_gives_each_score_its_benchmark():
    text = ("Claude 3.5 Sonnet scores 92.0% on HumanEval and 59.4% on GPQA, "
            "while GPT-4o reaches 90.2% and 53.6% respectively.")
    assert _claims(text) == [("claude-3.5-sonnet", "score:humaneval", 92.0, None),
                             ("claude-3.5-sonnet", "score:gpqa", 59.4, None),
                             ("gpt-4o", "score:humaneval", 90.2, None), ("gpt-4o", "score:gpqa", 53.6, None)]


def test_the_two_respectively_are_the_models_of_the_sentence_before():
    text = "在 MMLU 上，Llama 3.1 405B 获得了 88.6% 的分数，而 Claude 3 Opus 为 86.8%。在 HumanEval 上，两者分别为 89.0% 和 84.9%。"
    assert _claims(text)[2:] == [("llama-3.1-405b", "score:humaneval", 89.0, None),
                                 ("claude-3-opus", "score:humaneval", 84.9, None)]


def test_a_launch_price_dates_the_prices_and_is_no_release_date():
    claims = extract_claims("GPT-4o: $5 per 1M input tokens (the May 2024 launch price).", "t.md")
    assert [(c.metric, c.value, c.qualifiers.as_of) for c in claims] == [("price_input", 5.0, "2024-05")]


def test_a_pair_with_chinese_directions_in_brackets():
    text = "与 GPT-4o mini（$0.15 输入 / $0.60 输出，每百万 tokens）相比，它更便宜。"
    assert _claims(text) == [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None)]


def test_output_tokens_after_a_context_window_are_the_maximum_output():
    text = "Released o1 with a 200,000-token context window and up to 100,000 output tokens."
    assert _claims(text)[-2:] == [("o1", "context_window", 200000.0, None), ("o1", "max_output", 100000.0, None)]


@pytest.mark.parametrize("text", [
    "A single 100K-token prompt to Claude 3.5 Sonnet costs about $0.30.",
    "GPT-4o's benchmark scores did not predict our 71% task success rate.",
    "ChatGPT Plus costs $20 per month and GPT-4o is included.",
    "Moving from GPT-4 to GPT-4o cut our bill by 50% and latency by 40%.",
    "GPT-4o is 2x faster than GPT-4 Turbo in our traces.",
])
def test_figures_that_are_not_claims(text):
    assert _claims(text) == []


@pytest.mark.parametrize("text, expected", [
    ("---\ndate: 2024-11-20\n---\n\nOpenAI shipped GPT-4o in May and o1 in December.\n",
     [("gpt-4o", "release_date", "2024-05", None), ("o1", "release_date", "2023-12", None)]),
    ("# Frontier models, December 2024\n\nOpenAI shipped GPT-4o in May and o1 in December.\n",
     [("gpt-4o", "release_date", "2024-05", None), ("o1", "release_date", "2024-12", None)]),
    ("---\ndate: 2024-11-20\n---\n\nGPT-4o 于 5 月发布。\n", [("gpt-4o", "release_date", "2024-05", None)]),
    ("OpenAI shipped GPT-4o in May.\n", []),  # no year anywhere: no date
])
def test_a_month_without_a_year_takes_the_documents_year(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("As for context windows, GPT-4o and o1-mini sit at 128K, Claude 3.5 Sonnet at 200K.",
     [("gpt-4o", "context_window", 128000.0, None), ("o1-mini", "context_window", 128000.0, None),
      ("claude-3.5-sonnet", "context_window", 200000.0, None)]),
    ("Claude 3.5 Sonnet beats GPT-4o and Gemini 1.5 Pro with 92.0% on HumanEval.",
     [("claude-3.5-sonnet", "score:humaneval", 92.0, None)]),
    ("Measurements put GPT-4o at roughly 100 output tokens per second and Claude 3.5 Sonnet at about 55. "
     "Time to first token is around 0.5 seconds for both.",
     [("gpt-4o", "throughput", 100.0, None), ("claude-3.5-sonnet", "throughput", 55.0, None),
      ("gpt-4o", "latency", 500.0, None), ("claude-3.5-sonnet", "latency", 500.0, None)]),
    ("GPT-4o costs $2.50 per 1M input tokens. With the Batch API, OpenAI discounts GPT-4o to $1.25 input and $5.00 output.",
     [("gpt-4o", "price_input", 2.5, None), ("gpt-4o", "price_input", 1.25, None),
      ("gpt-4o", "price_output", 5.0, None)]),
    ("GPT-4o mini 支持 128K 个令牌的上下文窗口，每个请求最多可输出 16K 个令牌。",
     [("gpt-4o-mini", "context_window", 128000.0, None), ("gpt-4o-mini", "max_output", 16000.0, None)]),
])
def test_shared_subjects_and_elided_units(text, expected):
    assert _claims(text) == expected


def test_money_headers_with_in_and_out_are_price_columns():
    text = "| Model | $/M in | $/M out |\n|---|---:|---:|\n| GPT-4o mini | 0.15 | 0.60 |\n"
    assert _claims(text) == [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None)]


def test_a_member_named_once_does_not_take_over_its_family():
    text = ("**Llama 3.2**：Meta 在 2024 年 9 月 25 日发布了 1B、3B 两个轻量模型，全部支持 128K 上下文。"
            "其中 Llama 3.2 3B 的 MMLU 成绩为 63.4%。")
    assert _claims(text) == [("llama-3.2", "release_date", "2024-09-25", None),
                             ("llama-3.2", "context_window", 128000.0, None),
                             ("llama-3.2-3b", "score:mmlu", 63.4, None)]


def test_latency_percentiles_are_settings():
    text = "| Model | TTFT p50 | TTFT p95 | Output TPS |\n|---|---|---|---|\n| GPT-4o | 0.42 s | 0.95 s | 104 |\n"
    claims = extract_claims(text, "t.md")
    assert [(c.metric, c.value, c.qualifiers.setting) for c in claims] == [
        ("latency", 420.0, "p50"), ("latency", 950.0, "p95"), ("throughput", 104.0, None)]


def test_a_cell_of_two_values_under_a_header_naming_two_metrics():
    text = "| 模型 | 上下文/最大输出 |\n|---|---|\n| GPT-4o | 128K / 16K |\n"
    assert _claims(text) == [("gpt-4o", "context_window", 128000.0, None), ("gpt-4o", "max_output", 16000.0, None)]


def test_a_note_in_brackets_after_a_price_is_its_tier():
    text = "- **DeepSeek-R1**\n  - Input: $0.55/M tokens (cache miss), $0.14/M (cache hit)\n"
    claims = extract_claims(text, "t.md")
    assert [(c.metric, c.value, c.qualifiers.tier) for c in claims] == [
        ("price_input", 0.55, "standard"), ("price_input", 0.14, "cached")]


def test_a_versus_pair_in_a_comparison_article_maps_to_its_two_models():
    text = ("# GPT-4o or Claude 3.5 Sonnet?\n\nWe compare GPT-4o and Claude 3.5 Sonnet for a support bot.\n\n"
            "GPT-4o wins on cost: input is cheaper ($2.50 vs $3.00 per 1 million tokens) and so is output "
            "($10.00 vs $15.00 per 1 million tokens).\n")
    assert _claims(text) == [("gpt-4o", "price_input", 2.5, None), ("claude-3.5-sonnet", "price_input", 3.0, None),
                             ("gpt-4o", "price_output", 10.0, None), ("claude-3.5-sonnet", "price_output", 15.0, None)]


@pytest.mark.parametrize("text, expected", [
    ("Claude 3.5 Sonnet has a 200K-token context window, 56% larger than GPT-4o.",
     [("claude-3.5-sonnet", "context_window", 200000.0, None)]),
    ("| Metric | Claude 3.5 Sonnet | GPT-4o |\n|---|---|---|\n| GPQA | 0.6 | 0.5 |\n",
     [("claude-3.5-sonnet", "score:gpqa", 60.0, None), ("gpt-4o", "score:gpqa", 50.0, None)]),
    ("| Price | Claude 3.5 Sonnet | GPT-4o |\n|---|---|---|\n| Input / 1M tokens | $3.00 1.2x | $2.50 |\n"
     "| Cache hit / 1M tokens | $0.30 | $1.25 |\n| Medium job (5K in / 1K out) | $0.0300 | $0.0225 |\n",
     [("claude-3.5-sonnet", "price_input", 3.0, None), ("gpt-4o", "price_input", 2.5, None),
      ("claude-3.5-sonnet", "price_input", 0.3, None), ("gpt-4o", "price_input", 1.25, None)]),
    ("Rates below are per-1M-token list prices.\n\n| Rate | GPT-4o |\n|---|---|\n| Cache read | $1.25 |\n",
     [("gpt-4o", "price_input", 1.25, None)]),
])
def test_what_web_comparison_pages_write(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("| 模型 | Claude 3.5 Haiku | Claude 3.5 Sonnet |\n|---|---|---|\n| 上下文 | 200K | 200K |\n\n响应速度\n\n"
     "- Claude Haiku: ~0.9s\n- Claude Sonnet: ~1.5s\n",
     [("claude-3.5-haiku", "context_window", 200000.0, None), ("claude-3.5-sonnet", "context_window", 200000.0, None),
      ("claude-3.5-haiku", "latency", 900.0, None), ("claude-3.5-sonnet", "latency", 1500.0, None)]),
    ("| 特性 | GPT-5 | 数据来源 | 更新时间 |\n|---|---|---|---|\n| 发布时间 | 2025-08 | 官方公告 | 2025-09 |\n",
     [("gpt-5", "release_date", "2025-08", None)]),
    ("GPT-5 强调推理能力，其 400k token 的上下文窗口是 Claude 的两倍。",
     [("gpt-5", "context_window", 400000.0, None)]),
    ("SWE-bench Verified 是编码能力的黄金标准。在这项测试中，GPT-5 达到了 74.9% 的通过率。"
     "Claude Sonnet 4 的通过率为 72.7%，略低于 GPT-5，但优化后可以达到 80.2%。",
     [("gpt-5", "score:swe-bench-verified", 74.9, None), ("claude-sonnet-4", "score:swe-bench-verified", 72.7, None),
      ("claude-sonnet-4", "score:swe-bench-verified", 80.2, None)]),
    ("GPT-5 价格更低，而 Claude Sonnet 4 在长文本上占优（100万 token vs 64K token 的上下文）。",
     [("claude-sonnet-4", "context_window", 1e6, None), ("gpt-5", "context_window", 64000.0, None)]),
])
def test_what_chinese_comparison_pages_write(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("GPT-4o mini is a small model introduced on July 18, 2024 as the successor to GPT-3.5 Turbo.",
     [("gpt-4o-mini", "release_date", "2024-07-18", None)]),
    ("GPT-4o mini posted 82.0% on MMLU, 87.0% on the MGSM math benchmark, and 87.2% on HumanEval.",
     [("gpt-4o-mini", "score:mmlu", 82.0, None), ("gpt-4o-mini", "score:mgsm", 87.0, None),
      ("gpt-4o-mini", "score:humaneval", 87.2, None)]),
    ("GPT-4o mini pricing per 1M tokens: input $0.15, output $0.60.",
     [("gpt-4o-mini", "price_input", 0.15, None), ("gpt-4o-mini", "price_output", 0.6, None)]),
])
def test_what_model_spec_pages_write(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("DeepSeek-V3 is a MoE model from the DeepSeek team with 671B total parameters and 37B activated per token.",
     [("deepseek-v3", "parameters", 6.71e11, None), ("deepseek-v3", "parameters", 3.7e10, None)]),
    ("About DeepSeek-V3.\n\n| Type | Price / 1M tokens |\n|---|---|\n| Input | $0.27 |\n",
     [("deepseek-v3", "price_input", 0.27, None)]),
    ("# DeepSeek-V3\n\nSpecs\n\n- Total params\n- 671B\n- Context window\n- 128K tokens\n- Experts\n- 256 total\n",
     [("deepseek-v3", "parameters", 6.71e11, None), ("deepseek-v3", "context_window", 128000.0, None)]),
])
def test_what_model_cards_on_the_web_write(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Meta Llama 3.1 405B has a 128K context window.", [("llama-3.1-405b", "context_window", 128000.0, None)]),
    ("# Llama 3.1 paper\n\nThe herd ships in three sizes (8B, 70B, and 405B parameters).",
     [("llama-3.1-8b", "parameters", 8e9, None), ("llama-3.1-70b", "parameters", 7e10, None),
      ("llama-3.1-405b", "parameters", 4.05e11, None)]),
    ("# Llama 3.1 paper\n\nThe post-trained 405B model scores 87.3 on MMLU (5-shot), 73.8 on MATH (0-shot, CoT), "
     "and 51.1 on GPQA (0-shot, CoT).",
     [("llama-3.1-405b", "score:mmlu", 87.3, None), ("llama-3.1-405b", "score:math", 73.8, None),
      ("llama-3.1-405b", "score:gpqa", 51.1, None)]),
    ("# Llama 3.1 405B\n\nRelease Date\n\n23 Jul 2024\n\nKnowledge Cutoff\n\nDec 2023\n",
     [("llama-3.1-405b", "release_date", "2024-07-23", None), ("llama-3.1-405b", "knowledge_cutoff", "2023-12", None)]),
    ("Llama 3.1 405B is a herd of models publicly released July 23, 2024, superseding Llama 2.",
     [("llama-3.1-405b", "release_date", "2024-07-23", None)]),
])
def test_what_model_papers_and_spec_sheets_write(text, expected):
    assert _claims(text) == expected


def test_a_price_quoted_for_a_count_of_tokens_is_a_rate():
    text = "GPT-4o mini 输出：表示输出 1000 token 的价格为 0.0006 美元。"
    assert _claims(text) == [("gpt-4o-mini", "price_output", 0.6, None)]


@pytest.mark.parametrize("text, expected", [
    ("# Claude 3 Sonnet\n\nClaude 3 Sonnet was released on March 4, 2024 alongside the more powerful Claude 3 Opus.",
     [("claude-3-sonnet", "release_date", "2024-03-04", None)]),
    ("# Claude 3.5 Sonnet: an analysis\n\nClaude 3.5 Sonnet beats Claude 3 Opus on most tasks.\n\n```yaml\nreasoning:\n  gpqa: \"59.4% vs 50.4%\"\n"
     "cost:\n  input: \"$3/1M tokens (vs $15 for Opus)\"\n```\n",
     [("claude-3.5-sonnet", "score:gpqa", 59.4, None), ("claude-3-opus", "score:gpqa", 50.4, None),
      ("claude-3.5-sonnet", "price_input", 3.0, None), ("claude-3-opus", "price_input", 15.0, None)]),
    ("Claude 3 Sonnet: 200K context · ~150K words · 4K max output",
     [("claude-3-sonnet", "context_window", 200000.0, None), ("claude-3-sonnet", "max_output", 4000.0, None)]),
    ("Claude 3 Sonnet\n\nContext window\n200,000 tokens (200K)\nMax output tokens\n4,096 tokens (4K)\n",
     [("claude-3-sonnet", "context_window", 200000.0, None), ("claude-3-sonnet", "max_output", 4096.0, None)]),
])
def test_what_encyclopedias_and_analyses_write(text, expected):
    assert _claims(text) == expected


def test_a_bare_version_in_a_vendor_article_and_a_from_base():
    text = ("# DeepSeek-V3 发布\n\n在 A100 集群上，V3 的首 token 生成延迟从 V2 的 120ms 压缩至 85ms，"
            "吞吐量提升至每秒 320 tokens。")
    assert _claims(text) == [("deepseek-v2", "latency", 120.0, None), ("deepseek-v3", "latency", 85.0, None),
                             ("deepseek-v3", "throughput", 320.0, None)]


@pytest.mark.parametrize("text, expected", [
    ("Gemini Pricing Guide\n\nOverview\n\nGemini 2.5 Pro: $1.25 input, $10 output per 1M tokens.",
     [("gemini-2.5-pro", "price_output", 10.0, None)]),
    ("Gemini 1.5 Pro pricing: $1.25 per 1M input tokens, $5.00 per 1M output tokens - a 1M input + 10k output "
     "costs ~$0.051.",
     [("gemini-1.5-pro", "price_input", 1.25, None), ("gemini-1.5-pro", "price_output", 5.0, None)]),
])
def test_worked_examples_and_overview_lines(text, expected):
    assert _claims(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("# o1 Mini\n\nLong context (128K vs 200K in o4-mini).\n\n128,000 context window\n65,536 max output tokens\n",
     [("o1-mini", "context_window", 128000.0, None), ("o4-mini", "context_window", 200000.0, None),
      ("o1-mini", "context_window", 128000.0, None), ("o1-mini", "max_output", 65536.0, None)]),
    ("# OpenAI o1-preview\n\nContext Length 128,000 tokens\nMax Completion Tokens 32,768 tokens\n",
     [("o1-preview", "context_window", 128000.0, None), ("o1-preview", "max_output", 32768.0, None)]),
])
def test_what_model_directories_write(text, expected):
    assert _claims(text) == expected


def test_traditional_chinese_is_read_and_quoted_as_written():
    text = "GPT-4o mini 的上下文視窗為 128K 個權杖，每百萬個輸入權杖的價格為 0.15 美元。"
    claims = extract_claims(text, "t.md")
    assert [(c.model, c.metric, c.value) for c in claims] == [
        ("gpt-4o-mini", "context_window", 128000.0), ("gpt-4o-mini", "price_input", 0.15)]
    assert all(c.quote == text[c.span[0]:c.span[1]] and "視窗" in c.quote for c in claims)


def test_a_table_in_traditional_chinese_with_its_rate_in_the_header():
    text = ("| 模型名稱 | 每 100 萬個輸入 token 費用 (美元) | 每 100 萬個輸出 token 費用 (美元) |\n|---|---|---|\n"
            "| GPT-4.1-nano | $0.10 | $0.40 |\n")
    assert _claims(text) == [("gpt-4.1-nano", "price_input", 0.1, None), ("gpt-4.1-nano", "price_output", 0.4, None)]


def test_an_arrow_leaves_only_the_new_figure():
    assert _claims("GPT-4.1 上下文容量提升约 8 倍（128K → 1M 上下文）。") == [("gpt-4.1", "context_window", 1e6, None)]


def test_a_comparison_title_has_no_one_subject_and_a_list_label_keeps_the_model_line():
    text = ("AI模型大比拼：Claude 3系列 vs GPT-4系列最新模型评测\n\nClaude 3.5 Sonnet\n\n优势\n\n"
            "1. 领先的性能表现\n    - 代码生成能力出众：HumanEval基准测试得分92.0%\n")
    assert _claims(text) == [("claude-3.5-sonnet", "score:humaneval", 92.0, None)]


def test_a_range_across_models_is_no_claim_of_a_bare_vendor():
    # the page is about a vendor's models; a spread measured across all of them is nobody's figure
    text = ("# Latency varies 9x across vendors\n\nWe timed nine models from Anthropic, Google and DeepSeek each hour. "
            "Median time to first token ranges from 410ms to 3,900ms. Logs attached.\n")
    assert _claims(text) == []


def test_weights_of_a_ranking_method_are_not_scores():
    # percentages of a scoring rubric, in a sentence naming no model and no benchmark
    text = ("# Gemini 1.5 Pro review\n\nEach model is graded on four weighted criteria: coding accuracy (35%), "
            "math reasoning (30%), latency (20%) and price (15%).\n")
    assert _claims(text) == []


def test_a_task_score_of_the_section_model_is_kept_when_a_benchmark_is_named():
    text = "# Gemini 1.5 Pro review\n\nOn the MATH benchmark it reaches 67.7%.\n"
    assert ("gemini-1.5-pro", "score:math", 67.7, None) in _claims(text)


def test_two_models_sharing_one_subject_each_get_every_figure():
    text = "两款新版本 qwen-max 与 qwen-plus 上下文长度统一为 128K、最大输出 16K，都支持函数调用。"
    got = _claims(text)
    for model in ("qwen-max", "qwen-plus"):
        assert (model, "context_window", 128000.0, None) in got
        assert (model, "max_output", 16000.0, None) in got
    assert len(got) == 4


def test_a_cue_opening_the_next_listed_item_belongs_to_the_next_figure():
    got = _claims("qwen-max 上下文长度为 128K、最大输出 16K。")
    assert got == [("qwen-max", "context_window", 128000.0, None), ("qwen-max", "max_output", 16000.0, None)]


def test_member_word_and_version_written_alone_in_an_article_naming_the_family():
    text = ("# Claude updates\n\nAnthropic shipped new Claude models this spring. "
            "Sonnet 4.5 costs $3 per million input tokens.\n")
    assert ("claude-sonnet-4.5", "price_input", 3.0, None) in _claims(text)


def test_version_and_variant_written_alone_after_the_family_was_named():
    text = ("# DeepSeek V3.2 is out\n\nThe DeepSeek V3.2 release has two variants. "
            "V3.2-Exp has a 128K context window.\n")
    assert ("deepseek-v3.2-exp", "context_window", 128000.0, None) in _claims(text)


def test_member_word_and_version_stay_unresolved_when_the_family_is_not_named():
    text = "# Price notes\n\nSonnet 4.5 costs $3 per million input tokens.\n"
    assert not any(c[0].startswith("claude") for c in _claims(text))


def test_cache_miss_price_is_input_and_respective_prices_keep_the_listed_tiers():
    text = ("价格方面，qwen-max 每百万 token 输入 0.05 元（缓存命中）/2 元（缓存未命中）、输出 6 元；"
            "qwen-plus 分别为 0.02 元、0.8 元、2 元，促销价为 0.01 元、0.4 元、1 元。")
    got = [(c.model, c.metric, c.value, c.qualifiers.tier) for c in extract_claims(text, "t.md")]
    assert ("qwen-max", "price_input", 0.05, "cached") in got
    assert ("qwen-max", "price_input", 2.0, "standard") in got
    assert ("qwen-max", "price_output", 6.0, "standard") in got
    for cached, standard, output in ((0.02, 0.8, 2.0), (0.01, 0.4, 1.0)):
        assert ("qwen-plus", "price_input", cached, "cached") in got
        assert ("qwen-plus", "price_input", standard, "standard") in got
        assert ("qwen-plus", "price_output", output, "standard") in got
    assert len(got) == 9


def test_a_list_of_ratings_in_one_clause_and_the_spread_between_them():
    text = ("The Chatbot Arena Elo ratings from May 2024 put Gemini 1.5 Pro at 1,260 Elo, "
            "Llama 3.1 405B at 1,266, and GPT-4o mini at 1,273 — a spread of just 13 points.")
    got = _claims(text)
    assert ("gemini-1.5-pro", "rating:lmarena", 1260.0, None) in got
    assert ("llama-3.1-405b", "rating:lmarena", 1266.0, None) in got
    assert ("gpt-4o-mini", "rating:lmarena", 1273.0, None) in got
    assert len(got) == 3
