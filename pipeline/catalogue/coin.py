"""Ids coined for names that are clearly models though no list holds them
(contract v2): a family word of rules.yaml followed by a version, then
variant words (`Grok-1.5` -> grok-1.5, `Qwen2.5-Max` -> qwen2.5-max,
`Mistral Large 2` -> mistral-large-2). Conservative by construction: no
version, no model; a number after a space counts only right after the family
word or a variant word (so `GPT-4 3 times` stays gpt-4), and a size only
when joined by a hyphen (so `DeepSeek-V3 671B` keeps its parameter count)."""
from __future__ import annotations

import re

from pipeline.catalogue.rules import family_word, rules, spelling

_PART = re.compile(
    r"(?P<sep>\\?-|_| )?(?:(?P<size>\d{1,3}(?:\.\d)?[bm]|\d{1,2}x\d{1,3}b|a\d{1,3}b)"
    r"|(?P<version>v?\d{1,2}(?:\.\d{1,2})?)|(?P<word>[a-z]+))(?![a-z0-9])(?!\\?\.\d)")
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
        kind = next(k for k in ("size", "version", "word") if found.group(k))
        text = found.group(kind)
        if not _allowed(kind, text, sep, previous):
            break
        parts.append(("-" if sep else "") + text)
        versioned = versioned or kind == "version"
        pos, previous = found.end(), ("variant" if kind == "word" else kind)
        if versioned:
            best = (pos, "".join(parts))
    return best


def _allowed(kind: str, text: str, sep: str, previous: str) -> bool:
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
    if word not in rules().coin_families or not re.search(r"\d", model_id):
        return None
    spelled = spelling(model_id)
    families = [m for m in models.values() if m.is_family and spelled.startswith(spelling(m.id) + "-")]
    family = max(families, key=lambda m: len(m.id)).id if families else None
    if family is None and word in models and models[word].is_family:
        family = word
    entry = ModelEntry(model_id, rules().family_vendors.get(word, ""), family, False, (), "coined")
    _ENTRIES[model_id] = entry
    return entry
