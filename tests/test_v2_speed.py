"""The v2 speed-ups change no result: the cue scan grouped by first character
finds what one longest-first alternation of every form finds, and the sparse
attribution score equals the dense sum over every weighted feature."""
from __future__ import annotations

import math
import re

from pipeline.extract.v2.attribution import deciding, probability
from pipeline.extract.v2.data import _form, build_cue_matcher, cue_matcher

# made-up cue tables: prefixes of each other, spaced forms, signs, CJK, mixed case
TABLES = [{"types": {"metric.alpha": ["ctx", "ctx window", "context", "context window", "Tok/s"],
                     "unit.beta": ["/", "/s", "tok", "tokens", "每", "每秒"],
                     "rate.m": ["per million", "per  m", "$"]}},
          {"types": {"metric.alpha": ["上下文", "上下文窗口"], "unit.beta": ["ms", "ms/tok"]}}]
TEXT = ("The Context Window is 128k; ctxwindow, ctx  window and CTX. 90 tok/s or 90 Tok/S, "
        "12 ms/tok, $3 per million, per m, permillion, 上下文窗口 8k, 每秒 20 每 token, "
        "subcontext, tokens-per-s, 5ms, /s/")


def _single_alternation(tables: list[dict], flags: int) -> re.Pattern:
    """The scan before it was grouped: every form in one alternation, longest first."""
    forms = sorted({str(w).lower() for t in tables for ws in t["types"].values() for w in ws}, key=len, reverse=True)
    return re.compile("|".join(_form(f) for f in forms), flags)


def test_grouped_cue_scan_finds_what_one_alternation_finds():
    matcher = build_cue_matcher(TABLES)
    for text, compiled, naive in ((TEXT, matcher.pattern, _single_alternation(TABLES, re.IGNORECASE)),
                                  (TEXT.lower(), matcher.lower, _single_alternation(TABLES, 0))):
        got = [m.span() for m in compiled.finditer(text)]
        assert got == [m.span() for m in naive.finditer(text)]
        assert len(got) > 15
        for start, end in ((0, 40), (17, 61), (60, 140)):  # a unit's range: same matches inside it
            assert [m.span() for m in compiled.finditer(text, start, end)] == \
                   [m.span() for m in naive.finditer(text, start, end)]


def test_shipped_cue_words_scan_like_one_alternation():
    import yaml

    from pipeline.extract.v2.data import DATA

    tables = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("cues.*.yaml"))]
    naive = _single_alternation(tables, re.IGNORECASE)
    text = TEXT + " Input price per 1M tokens: $2.50; output $10. Context window of 128K tokens, 输入 每百万 tokens 1 元."
    assert [m.span() for m in cue_matcher().pattern.finditer(text)] == [m.span() for m in naive.finditer(text)]


def test_sparse_score_equals_dense_sum():
    weights = {"features": ["a", "b", "c", "d", "e"], "coef": [0.7, -1.3, 0.1 + 0.2, 2.5, -0.4], "intercept": -0.3}
    features = {"e": 1.0, "a": 0.5, "zzz": 9.0, "c": 1.0 / 3, "b": 0.0}
    z = weights["intercept"] + sum(w * features.get(n, 0.0) for n, w in zip(weights["features"], weights["coef"]))
    assert probability(weights, features) == 1.0 / (1.0 + math.exp(-z))
    assert deciding(weights, features) == ["a", "c"]
    weights["coef"][0] = -0.7  # another weights dict with the same features is read afresh
    assert deciding(dict(weights), features) == ["c"]


def test_cue_type_pattern_matches_wherever_the_matcher_yields_the_type():
    """The quick test before the whole matcher (structure's "today", the published date)
    never says no where the matcher would find the type, in a unit or in the whole text."""
    from pipeline.extract.v2.data import cue_tables, cue_type_pattern

    kinds = sorted({kind for table in cue_tables() for kind in table["types"]})
    words = [str(w) for table in cue_tables() for kind in kinds[::7] for w in table["types"].get(kind, ())]
    text = " x ".join(w.upper() if i % 3 == 0 else w for i, w in enumerate(words)) + " Today, 今天 yesterday"
    found = list(cue_matcher().find(text))
    assert len(found) > 20
    for start, end, kind in found:
        assert cue_type_pattern(kind).search(text, max(0, start - 3), end) is not None
        assert cue_type_pattern(kind, bounded=False).search(text) is not None
    assert cue_type_pattern("no such cue type") is None
    assert cue_type_pattern("date_today").search("nothing of the sort 8 days") is None


def test_brackets_pair_as_a_loop_over_every_character_would():
    from pipeline.extract.v2.pipeline import annotate

    text = "GPT-4o (the [flagship] model) costs $5 (per 1M tokens）) and (o1 (preview) costs $15.\n"
    ann = annotate(text, "brackets.md")
    expected = []
    for unit in ann.units:
        stack = []
        for i in range(unit.start, unit.end):
            if ann.text[i] in "(（[":
                stack.append(i)
            elif ann.text[i] in ")）]" and stack:
                expected.append((stack.pop(), i + 1))
    assert len(expected) >= 4
    assert sorted((s.start, s.end) for s in ann.layer("bracket")) == sorted(expected)


def test_spans_compare_and_hash_by_place_and_type_only():
    from pipeline.extract.v2.spans import Span

    a, b = Span(3, 9, "model", {"model": "gpt-4o"}), Span(3, 9, "model")
    assert a == b and hash(a) == hash(b) and b.attrs == {} and a.get("model") == "gpt-4o"
    assert Span(3, 9, "benchmark") != a and not hasattr(a, "__dict__")  # slots: no dict per span
