"""The model-id resolution every reference loader shares (through the same
vocabulary the extractor uses); the record they produce is
pipeline.records.ReferenceFact."""
from __future__ import annotations

import re

from pipeline.extract.lexicon import lexicon
from pipeline.vocabulary import vocabulary

_DATE_SUFFIX = re.compile(r"[-_@]((?:19|20)\d\d-?\d\d-?\d\d)$")


def resolve_model(name: str) -> tuple[str, str | None] | None:
    """A dataset's model name as (canonical id, snapshot). The name must be a
    known model, optionally with a date or variant suffix (`o3-high`); a
    dated id keeps its date as the vendor writes it (`claude-3-5-sonnet-20241022`
    is snapshot `claude-3.5-sonnet-20241022`, as contract/claims.md has it);
    another product of the same family (`gpt-4o-audio-preview`) is not it."""
    name = name.strip()
    mentions = lexicon().mentions(name)
    if not mentions or mentions[0].start != 0:
        return None
    first = mentions[0]
    rest = name[first.end:]
    if not rest:
        dated = _DATE_SUFFIX.search(name)  # the vendor's own date spelling: claude-3.5-sonnet-20241022
        return first.model, f"{first.model}-{dated.group(1)}" if dated else first.snapshot
    if rest.lower() in ("-high", "-low", "-medium", "-preview", "-latest", "-instruct", "-chat"):
        return first.model, name.lower()
    return None


_DATED = re.compile(r"\d{4}-?\d{2}-?\d{2}$")
_PROVIDER_VENDOR = {"x-ai": "xai", "moonshotai": "moonshot", "moonshot-ai": "moonshot", "zhipuai": "zhipu",
                    "meta-ai": "meta", "llama": "meta", "qwen": "alibaba"}


def _tokens(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+|\d+", name.lower()))  # qwen2-5 and qwen-2.5 alike


def resolve_dataset_model(dataset_id: str, provider: str | None = None) -> tuple[str, str | None] | None:
    """`resolve_model` for a catalogue's own id, refusing what would put one
    model's facts on another: a moving alias (`-latest`, or a serving name
    like `deepseek-chat` that the vendor has pointed at newer models since)
    and a reseller's copy of another vendor's model (Google's listing of a
    Claude model). A dated snapshot, or an id spelling the canonical name
    (`claude-3-5-sonnet`, `claude-4.5-haiku`), is kept."""
    resolved = resolve_model(dataset_id)
    if resolved is None or dataset_id.lower().endswith("-latest"):
        return None
    model, snapshot = resolved
    dated = snapshot is not None and _DATED.search(snapshot)
    if not dated and not _tokens(model) <= _tokens(dataset_id):
        return None
    if provider:
        vendor = getattr(vocabulary().models.get(model), "vendor", None)
        if vendor and _PROVIDER_VENDOR.get(provider, provider) != vendor:
            return None
    return model, snapshot
