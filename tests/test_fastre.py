"""A first-character lookahead changes no match: every pattern of the
extractor, led or not, finds the same spans and groups in the test articles,
searched whole and in windows (with pos and endpos, as the grammar does)."""
import random
import re
from pathlib import Path

import pytest

from pipeline.extract import context, extractor, grammar, lexicon, numbers, patterns, segments, tables
from pipeline.extract.cues import cue_sets
from pipeline.extract.fastre import led, original

FIXTURES = Path(__file__).parent / "fixtures"


def _texts() -> list[str]:
    files = sorted((FIXTURES / "articles").glob("*")) + sorted((FIXTURES / "seeds").glob("*"))
    texts = [f.read_text(encoding="utf-8") for f in files if f.is_file()]
    texts.append("Both models: GPT-4o costs $5 vs. $15, 截至 2024 年 6 月, as of May; 8B variant, 3x, 2 words, 5-shot CoT")
    return texts


def _patterns() -> dict[str, re.Pattern]:
    found = {}
    for module in (context, extractor, grammar, lexicon, numbers, patterns, segments, tables):
        found |= {f"{module.__name__}.{k}": v for k, v in vars(module).items() if isinstance(v, re.Pattern)}
    cues = cue_sets()
    found |= {f"cues.{k}": v for k, v in vars(cues).items() if isinstance(v, re.Pattern)}
    found |= {f"cues.metric.{k}": v for k, v in cues.metric.items()}
    found |= {f"lexicon().{k}": v for k, v in vars(lexicon.lexicon()).items() if isinstance(v, re.Pattern)}
    return found


def _outcome(match: re.Match | None):
    return None if match is None else (match.span(), match.groups())


def test_every_extractor_pattern_matches_alike_when_led():
    texts, rng = _texts(), random.Random(7)
    windows = [(t, s, s + rng.randint(1, 160)) for t in texts for s in rng.sample(range(len(t)), min(60, len(t)))]
    compared = 0
    for name, found in _patterns().items():
        pattern, fast = original(found), led(found)  # the modules hold some patterns led already
        if fast is pattern:
            continue
        compared += 1
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)], name
        for text, start, end in windows:
            for method in ("search", "match", "fullmatch"):
                assert _outcome(getattr(fast, method)(text, start, end)) == _outcome(
                    getattr(pattern, method)(text, start, end)), (name, method, text[start:end])
    assert compared >= 20  # the cue lists and the grammar's searched patterns are led


@pytest.mark.parametrize("source, flags, lead", [
    (r"\bthan|vs", re.IGNORECASE, "(?=[tv])"),  # a word boundary first: no first character for the engine
    (r"(?<![A-Za-z])batch|缓存", re.IGNORECASE, "(?=[b缓])"),
    (r"x*y", 0, "(?=(?i:[xy]))"),  # an optional first item: what follows may start the match
    (r"(?i)foo|bar", 0, "(?i)(?=[bf])"),  # global flags stay first
])
def test_a_lookahead_of_the_first_characters(source, flags, lead):
    fast = led(re.compile(source, flags))
    assert fast.pattern.startswith(lead)
    assert fast.flags == re.compile(source, flags).flags
    assert led(fast) is fast and original(fast).pattern == source


@pytest.mark.parametrize("source, flags", [
    (r"abc|abd", 0),  # a literal prefix: the engine scans for it itself
    (r"[ab]x", 0),  # a first-character set, the same
    (r"a*", 0),  # may match empty: any position may start a match
    (r"[^a]b", 0),  # a negated class: not worth a lookahead
    (r".b", 0),
])
def test_patterns_the_engine_scans_well_or_that_may_match_anywhere_stay(source, flags):
    pattern = re.compile(source, flags)
    assert led(pattern) is pattern


def test_a_verbose_pattern_keeps_its_trailing_comment_out_of_the_group():
    fast = led(re.compile(r"\bfoo | \bbar  # two words", re.VERBOSE))
    assert fast.search("a bar").group(0) == "bar"
