"""The records that move between stages, validated: documents, ingest
errors and claims (the export format of contract/claims.md)."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Document(BaseModel):
    """One current version of a source: its decoded text and provenance."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    source: str
    location: str
    kind: Literal["file", "url"]
    content_type: str
    title: str | None = None
    author: str | None = None
    published_at: date | None = None
    published_at_from: str | None = None  # frontmatter | html_meta | json_ld | byline
    lang: str | None = None
    sha256: str
    n_chars: int
    text: str
    raw_text: str | None = None  # the HTML before reduction to text, for HTML sources


class IngestError(BaseModel):
    source: str
    location: str
    error: str
    occurred_at: datetime


class Qualifiers(BaseModel):
    model_config = ConfigDict(frozen=True)

    tier: Literal["standard", "batch", "cached"] = "standard"
    approx: bool = False
    hedged: bool = False
    bound: Literal["eq", "lte", "gte"] = "eq"
    modality: Literal["text", "audio", "image", "video"] | None = None
    as_of: str | None = None
    setting: str | None = None
    # a price stated in another currency than US dollars keeps it (ISO 4217, lower case; unset: usd)
    currency: str | None = Field(default=None, pattern=r"^[a-z]{3}$")

    def export(self) -> dict:
        """Defaults are written too, except the unset optional keys."""
        return self.model_dump(exclude_none=True)


class Claim(BaseModel):
    """One statement a source makes about one model (contract/claims.md)."""

    model_config = ConfigDict(frozen=True)

    source: str
    model: str
    metric: str
    value: float | str
    value_high: float | None = None
    unit: str
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    quote: str
    span: tuple[int, int]

    @model_validator(mode="after")
    def _span_fits_quote(self) -> "Claim":
        start, end = self.span
        if not 0 <= start <= end or end - start != len(self.quote):
            raise ValueError(f"span {self.span} does not fit a quote of {len(self.quote)} chars")
        return self

    def export(self) -> dict:
        return {
            "source": self.source,
            "model": self.model,
            "metric": self.metric,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "qualifiers": self.qualifiers.export(),
            "quote": self.quote,
            "span": list(self.span),
        }

    def claim_id(self, doc_sha256: str) -> str:
        """Stable for the same document version, span, model and metric."""
        key = "|".join(
            [doc_sha256, str(self.span[0]), str(self.span[1]), self.model, self.metric,
             self.qualifiers.tier, self.qualifiers.setting or "", str(self.value)]
            + ([self.qualifiers.currency] if self.qualifiers.currency else [])  # usd claims keep their ids
        )
        return hashlib.sha256(key.encode()).hexdigest()[:20]
