"""The record every reference loader produces, and the model-id resolution
they share (through the same vocabulary the extractor uses)."""
from __future__ import annotations

import hashlib
from datetime import date

from pydantic import BaseModel, ConfigDict

from pipeline.extract.lexicon import lexicon


class ReferenceFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    ref_source: str
    model: str
    snapshot: str | None = None
    metric: str
    unit: str
    tier: str | None = None
    setting: str | None = None
    value: float | None = None
    value_text: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    citation: str

    @property
    def ref_id(self) -> str:
        key = "|".join(str(x) for x in (self.ref_source, self.model, self.snapshot, self.metric, self.tier,
                                        self.setting, self.value, self.value_text, self.valid_from, self.citation))
        return hashlib.sha256(key.encode()).hexdigest()[:20]


def resolve_model(name: str) -> tuple[str, str | None] | None:
    """A dataset's model name as (canonical id, snapshot). The name must be a
    known model, optionally with a date or variant suffix (`o3-high`);
    another product of the same family (`gpt-4o-audio-preview`) is not it."""
    name = name.strip()
    mentions = lexicon().mentions(name)
    if not mentions or mentions[0].start != 0:
        return None
    first = mentions[0]
    rest = name[first.end:]
    if first.snapshot and not rest:
        return first.model, first.snapshot
    if not rest:
        return first.model, None
    if rest.lower() in ("-high", "-low", "-medium", "-preview", "-latest", "-instruct", "-chat"):
        return first.model, name.lower()
    return None
