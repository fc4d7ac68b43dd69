"""Text that is not plain is read as plain text, and every claim's quote is
still the source's own characters at its span. One paraphrased case per
kind of reduction: mathematical bold letters and digits, full-width forms,
zero-width characters, odd spaces, non-breaking hyphens, markdown escapes,
inline HTML and entities."""
import pytest

from pipeline.extract import extract_claims
from pipeline.extract.normalise import IDENTITY, normalise


def _bold(text: str) -> str:
    """ASCII letters and digits as Unicode mathematical sans-serif bold."""
    out = []
    for ch in text:
        if ch.isdigit():
            out.append(chr(0x1D7EC + int(ch)))
        elif "A" <= ch <= "Z":
            out.append(chr(0x1D5D4 + ord(ch) - ord("A")))
        elif "a" <= ch <= "z":
            out.append(chr(0x1D5EE + ord(ch) - ord("a")))
        else:
            out.append(ch)
    return "".join(out)


def _full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def read(text: str) -> list[tuple[str, str, object]]:
    """(model, metric, value) of every claim, checking each quote is the source at its span."""
    found = extract_claims(text, "t.md")
    for claim in found:
        start, end = claim.span
        assert claim.quote == text[start:end]
    return sorted((c.model, c.metric, c.value) for c in found)


@pytest.mark.parametrize("text, expected", [
    # mathematical bold digits and letters
    (f"Gemini 1.5 Pro now reads {_bold('256k tokens')} of context.", [("gemini-1.5-pro", "context_window", 256000.0)]),
    (f"{_bold('Llama 3.1 405B')} scores {_bold('85.2%')} on MMLU.", [("llama-3.1-405b", "score:mmlu", 85.2)]),
    # full-width digits, letters and signs
    (f"GPT-4o 的上下文窗口为 {_full_width('64K')} tokens。", [("gpt-4o", "context_window", 64000.0)]),
    (f"GPT-4o 输入价格为每百万 tokens {_full_width('$3.5')}。", [("gpt-4o", "price_input", 3.5)]),
    # zero-width characters inside a number and a name
    ("Claude 3 Opus has a 150\u200b,000-token context window.", [("claude-3-opus", "context_window", 150000.0)]),
    ("GPT\u200d-4o\u2060 scores 81.5% on MMLU.", [("gpt-4o", "score:mmlu", 81.5)]),
    ("\ufeffClaude 3 Haiku costs $0.3 per 1M in\u00adput tokens.", [("claude-3-haiku", "price_input", 0.3)]),
    # odd spaces: no-break, thin, ideographic
    ("GPT-4o mini answers in about 250\u00a0ms.", [("gpt-4o-mini", "latency", 250.0)]),
    ("Claude 3 Opus reaches 84.9\u2009% on HumanEval.", [("claude-3-opus", "score:humaneval", 84.9)]),
    ("GPT-4o 的上下文窗口为\u3000128K\u3000tokens。", [("gpt-4o", "context_window", 128000.0)]),
    # a vendor's non-breaking hyphen inside a model name
    ("GPT\u20114o mini has a 96K context window.", [("gpt-4o-mini", "context_window", 96000.0)]),
    # markdown escapes
    (r"GPT\-4o scores 86\.1% on MMLU\.", [("gpt-4o", "score:mmlu", 86.1)]),
    (r"Claude 3\.5 Sonnet costs \$2\.5 per 1M input tokens\.", [("claude-3.5-sonnet", "price_input", 2.5)]),
    # inline HTML left in markdown
    ("<span style={{color: '#0af'}}>Claude 3.5 Sonnet</span> costs <b>$4</b> per 1M input tokens.",
     [("claude-3.5-sonnet", "price_input", 4.0)]),
    ("| Model | Context |\n|---|---|\n| GPT-4o mini | 96K<br/>tokens |\n", [("gpt-4o-mini", "context_window", 96000.0)]),
    ('Read <a href="https://example.com/v2-300">the post</a>: GPT-4o scores 82.5% on MMLU.',
     [("gpt-4o", "score:mmlu", 82.5)]),
    # HTML entities
    ("GPT-4o costs &#36;2.5 per 1M input tokens.", [("gpt-4o", "price_input", 2.5)]),
    ("GPT-4o&nbsp;mini costs $0.2 per 1M input tokens &amp; $0.8 per 1M output tokens.",
     [("gpt-4o-mini", "price_input", 0.2), ("gpt-4o-mini", "price_output", 0.8)]),
])
def test_not_plain_text_is_read_and_quoted_as_written(text, expected):
    assert read(text) == expected


def test_plain_text_is_left_alone():
    text = "GPT-4o costs $5 per 1M input tokens."
    reading, offsets = normalise(text)
    assert reading is text and offsets is IDENTITY


def test_offsets_map_starts_and_ends_back_to_the_source():
    text = "x <b>GPT\\-4o</b>&amp;\u200bz"
    reading, offsets = normalise(text)
    assert reading == "x GPT-4o&z"
    start = reading.index("GPT")
    assert offsets.span(start, start + len("GPT-4o")) == (5, 12)  # "GPT\-4o", without the tags around it
    assert text[slice(*offsets.span(start, start + 7))] == "GPT\\-4o</b>&amp;"  # an entity is taken whole
    assert offsets.span(0, len(reading)) == (0, len(text))
    assert offsets.span(3, 3) == (6, 6)


def test_same_length_reductions_need_no_offsets():
    text = "\U0001D7F0\U0001D7EC\U0001D7F1\U0001D5D5 and \uff11\uff12\uff18\uff2b"
    reading, offsets = normalise(text)
    assert reading == "405B and 128K" and offsets is IDENTITY


def test_markdown_structure_escapes_are_kept():
    text = "\\# not a heading\n1\\. not a list\n| a \\| b | c |\n"
    assert normalise(text)[0] == text


def test_tags_between_digits_keep_the_numbers_apart():
    assert normalise("10<sup>6</sup> tokens")[0] == "10 6 tokens"


def test_a_footnote_mark_in_sup_is_dropped():
    assert normalise("| MMLU<sup>2</sup> | 86.4<sup>[1]</sup> | 71.2<sup>*</sup> |")[0] == "| MMLU | 86.4 | 71.2 |"
    assert read("| Model | MMLU<sup>1</sup> |\n|---|---|\n| GPT-4o | 87.1<sup>2</sup> |\n") == [("gpt-4o", "score:mmlu", 87.1)]


def test_an_entity_that_would_make_a_tag_stays():
    assert normalise("&lt;table&gt; &#36;1")[0] == "&lt;table&gt; $1"


def test_an_escaped_decimal_is_read_even_first_on_its_line():
    assert normalise("2\\.50 per 1M tokens\n3\\. third item")[0] == "2.50 per 1M tokens\n3\\. third item"
