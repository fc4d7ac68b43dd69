"""The vocabulary's cue words compiled: which words say a number is a given
metric, and which set a qualifier (approx, hedged, bounds, tiers, modality)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.lexicon import Lexicon, lexicon, words_re


@dataclass(frozen=True)
class CueSets:
    metric: dict
    approx: re.Pattern
    hedged: re.Pattern
    lte_before: re.Pattern
    lte_after: re.Pattern
    gte_before: re.Pattern
    gte_after: re.Pattern
    batch: re.Pattern
    cached: re.Pattern
    uncached: re.Pattern | None
    hypothetical: re.Pattern
    competitor: re.Pattern
    relative_before: re.Pattern
    relative_after: re.Pattern
    modality: dict
    position: dict


_AFTER_BOUNDS = {"内", "以内", "以下", "以上"}


@lru_cache(maxsize=1)
def cue_sets() -> CueSets:
    lex = lexicon()
    q = lex.vocab.qualifiers
    metric = {name: words_re(entry.cues) for name, entry in lex.vocab.metrics.items() if entry.cues}
    return CueSets(
        metric=metric,
        approx=words_re(q["approx"]),
        hedged=words_re(q["hedged"]),
        lte_before=words_re([w for w in q["bound_lte"] if w not in _AFTER_BOUNDS]),
        lte_after=words_re([w for w in q["bound_lte"] if w in _AFTER_BOUNDS]),
        gte_before=words_re([w for w in q["bound_gte"] if w not in _AFTER_BOUNDS]),
        gte_after=words_re([w for w in q["bound_gte"] if w in _AFTER_BOUNDS] + ["+"]),
        batch=words_re(q["tier_batch"]),
        cached=words_re(q["tier_cached"]),
        uncached=words_re(q["tier_uncached"]) if q.get("tier_uncached") else None,
        hypothetical=words_re(q["hypothetical"]),
        competitor=words_re(q["competitor"]),
        relative_before=re.compile("(?:" + words_re(q["relative_before"]).pattern + r")\s*$", re.IGNORECASE),
        relative_after=words_re(q["relative_after"]),
        modality={k: words_re(v) for k, v in q["modality"].items()},
        position={k: words_re(v) for k, v in q["position"].items()},
    )


@lru_cache(maxsize=4096)
def _names_in(kind: str, text: str) -> tuple:
    return tuple(getattr(lexicon(), kind)(text))


def names_in(lex: Lexicon, kind: str, text: str) -> tuple:
    """Benchmark or task names in a short string (headers, headings), cached."""
    return _names_in(kind, text) if lex is lexicon() else tuple(getattr(lex, kind)(text))


def has_cue(metric: str, *texts: str) -> bool:
    pattern = cue_sets().metric.get(metric)
    return bool(pattern) and any(pattern.search(t) for t in texts if t)


def direction_cue(text: str) -> bool:
    """The text says input or output price (a table header "Input", "输出")."""
    return has_cue("price_input", text) or has_cue("price_output", text)
