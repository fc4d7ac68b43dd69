"""Ids coined for names that are clearly models though no list holds them
(contract v2): a family word of rules.yaml followed by a version, then
variant words (`Grok-1.5` -> grok-1.5, `Qwen2.5-Max` -> qwen2.5-max,
`Mistral Large 2` -> mistral-large-2, `DeepSeek-R2` -> deepseek-r2: a
version may carry one leading letter). Conservative by construction: no
version, no model, except a tier word hyphen-joined to a family that names
models without versions (`Hunyuan-Lite`, rules.yaml versionless_families);
a number after a space counts only right after the family word or a variant
word (so `GPT-4 3 times` stays gpt-4), and a size only when joined by a
hyphen (a context length only after a versionless family's tier word) (so `DeepSeek-V3 671B` keeps its parameter count)."""
from __future__ import annotations

import re

from pipeline.catalogue.rules import family_word, rules, spelling

_PART = re.compile(
    r"(?P<sep>\\?-|_| )?(?:(?P<size>\d{1,3}(?:\.\d)?[bm]|\d{1,2}x\d{1,3}b|a\d{1,3}b)|(?P<context>\d{1,4}k)"
    r"|(?P<version>[a-z]?\d{1,2}(?:\.\d{1,2})?)|(?P<word>[a-z]+))(?![a-z0-9])(?!\\?\.\d)")
_FAMILY = re.compile(r"[a-z]+")
_MAX_PARTS = 5


def coin(lowered: str, start: int) -> tuple[int, str] | None:
    """(end, coined id) of a model name starting at `start` of lower-cased text."""
    family = _FAMILY.match(lowered, start)
    if not family or family.group(0) not in rules().coin_families:
        return None
    pos, previous, parts, versioned, best = family.end(), "family", [family.group(0)], False, None
    while len(parts) <= _MAX_PARTS:
        found = _PART.match(lowered, pos)
        if not found:
            break
        sep = (found.group("sep") or "").lstrip("\\")
        kind = next(k for k in ("size", "context", "version", "word") if found.group(k))
        text = found.group(kind)
        if not _allowed(kind, text, sep, previous, parts[0]) and not _tier(parts, kind, text, sep):
            break
        parts.append(("-" if sep else "") + text)
        versioned = versioned or kind == "version" or _tier(parts[:-1], kind, text, sep)
        pos, previous = found.end(), ("variant" if kind == "word" else kind)
        if versioned:
            best = (pos, "".join(parts))
    return best


def _tier(parts: list[str], kind: str, text: str, sep: str) -> bool:
    """`hunyuan-lite`: a tier word hyphen-joined right after a versionless family's word."""
    return (len(parts) == 1 and kind == "word" and sep == "-" and parts[0] in rules().versionless_families
            and (text in rules().coin_variants or text in rules().tier_words))


def _allowed(kind: str, text: str, sep: str, previous: str, family: str) -> bool:
    if kind == "context":  # `hunyuan-standard-256k`; `gemini-1.5-pro-128k` is a price tier, not a model
        return sep == "-" and previous == "variant" and family in rules().versionless_families
    if kind == "version":
        return previous in ("family", "variant") if sep == " " else (bool(sep) or previous == "family")
    if kind == "size":
        return sep == "-" and previous != "family"
    if not sep:
        return False
    return text in rules().coin_variants or (sep != " " and text in rules().coin_suffixes)


_ENTRIES: dict[str, object] = {}


def coined_entry(model_id: str, models: dict):
    """The model entry of a coined id: its family is the longest known family
    it extends, its vendor the family word's. None for ids that are not coined."""
    from pipeline.vocabulary import ModelEntry

    if model_id in _ENTRIES:
        return _ENTRIES[model_id]
    word = family_word(model_id)
    if word not in rules().coin_families or not (re.search(r"\d", model_id) or _is_tiered(model_id)):
        return None
    spelled = spelling(model_id)
    families = [m for m in models.values() if m.is_family and spelled.startswith(spelling(m.id) + "-")]
    family = max(families, key=lambda m: len(m.id)).id if families else None
    if family is None and word in models and models[word].is_family:
        family = word
    entry = ModelEntry(model_id, rules().family_vendors.get(word, ""), family, False, (), "coined")
    _ENTRIES[model_id] = entry
    return entry


def _is_tiered(model_id: str) -> bool:
    found = coin(model_id, 0)
    return bool(found) and found == (len(model_id), model_id)
