"""The acceptance scorer's matching (contract/claims.md, "How acceptance
measures extraction"), so training labels and leave-one-article-out scores
count a claim found exactly as the shared scorer does."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.v2.data import config

TOLERANCE = 0.01


@lru_cache(maxsize=1)
def _variant() -> re.Pattern:
    """A dated snapshot or serving-variant suffix (the words: config.yaml `scorer_variants`)."""
    words = "|".join(re.escape(w) for w in config()["scorer_variants"])
    return re.compile(rf"^-(\d{{4}}-?\d{{2}}-?\d{{2}}|\d{{4}}|{words})$")


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    a, b = float(a), float(b)
    return a == b or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def spelling(model_id) -> str:
    s = re.sub(r"^([a-z]+)-(?=\d)", r"\1", str(model_id or "").lower())
    return re.sub(r"-(\d{4})-(\d{2})-(\d{2})$", r"-\1\2\3", s)


def same_model(gold, got) -> bool:
    a, b = spelling(gold), spelling(got)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return bool(short) and long_.startswith(short) and bool(_variant().match(long_[len(short):]))


def _source(s) -> str:
    return str(s or "").rstrip("/").rsplit("/", 1)[-1]


def matches(gold: dict, got: dict) -> bool:
    if _source(gold.get("source")) != _source(got.get("source")):
        return False
    if not any(same_model(m, got.get("model")) for m in [gold.get("model")] + list(gold.get("alt_models") or [])):
        return False
    if got.get("metric") not in [gold.get("metric")] + list(gold.get("alt_metrics") or []):
        return False
    if not close(gold.get("value"), got.get("value")):
        return False
    if gold.get("value_high") is not None and not close(gold["value_high"], got.get("value_high")):
        return False
    gq, eq = gold.get("qualifiers") or {}, got.get("qualifiers") or {}
    if gq.get("tier") and eq.get("tier", "standard") != gq["tier"]:
        return False
    return (eq.get("currency") or "usd").lower() == (gq.get("currency") or "usd").lower()


def score(gold: list[dict], got: list[dict]) -> tuple[int, int, int, int]:
    """(required found, required, exported correct, exported): greedy one-to-one, as the scorer."""
    used, found = set(), 0
    required = [g for g in gold if g.get("required", True)]
    for g in required:
        hit = next((i for i, e in enumerate(got) if i not in used and matches(g, e)), None)
        if hit is not None:
            used.add(hit)
            found += 1
    correct = sum(1 for e in got if any(matches(g, e) for g in gold))
    return found, len(required), correct, len(got)
