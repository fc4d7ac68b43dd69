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
