"""The one place for the shapes of what moves between stages: documents and
ingest errors, claims (the export format of contract/claims.md), reference
facts, the statements reconciliation reasons over (a claim or a reference
fact as an interval) and a reviewer's decisions. Policies live elsewhere
(pipeline/reconcile/policy.py); these are only the records."""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


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
    warnings: list[str] = Field(default_factory=list)  # what ingest ignored (bad date, oversized frontmatter)


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

    @field_validator("currency", mode="before")
    @classmethod
    def _one_spelling(cls, value):
        """`CNY` is `cny`, and US dollars are the default, written as no currency."""
        if isinstance(value, str):
            value = value.strip().lower()
            return None if value == "usd" else value
        return value

    def export(self) -> dict:
        """Defaults are written too, except the unset optional keys."""
        return self.model_dump(exclude_none=True)


class ClaimFields(BaseModel):
    """What every shape of a claim states: a source's figure for one model's metric, in its words."""

    source: str
    model: str
    metric: str
    value: float | str
    value_high: float | None = None
    unit: str
    quote: str


class Claim(ClaimFields):
    """One statement a source makes about one model (contract/claims.md)."""

    model_config = ConfigDict(frozen=True)

    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    span: tuple[int, int]
    why: str | None = None  # how the extractor read it (contract v2); reviewers see it, scoring ignores it

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
        } | ({"why": self.why} if self.why else {})

    def claim_id(self, doc_sha256: str) -> str:
        """Stable for the same document version, span, model and metric."""
        key = "|".join(
            [doc_sha256, str(self.span[0]), str(self.span[1]), self.model, self.metric,
             self.qualifiers.tier, self.qualifiers.setting or "", str(self.value)]
            + ([self.qualifiers.currency] if self.qualifiers.currency else [])  # usd claims keep their ids
        )
        return hashlib.sha256(key.encode()).hexdigest()[:20]

class ClaimLine(ClaimFields):
    """One line of a claims file (`NAME.claims.jsonl`, the export format, `span`
    optional); keys a scorer or labeller adds (`required`, `note`, `alt_metrics`)
    are ignored. Checked against its document, it becomes a Claim."""

    model_config = ConfigDict(extra="ignore")

    qualifiers: dict = {}
    span: tuple[int, int] | None = None
    currency: str | None = None
    why: str | None = None  # an exported line's `why` is kept: it says how its extractor read the claim


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


class Review(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str = Field(min_length=1)
    decision: Literal["accept_value", "reject_claim", "dismiss"]
    value: float | str | None = None
    note: str | None = None
    reviewer: str | None = None
    decided_at: datetime | None = None
    review_id: str | None = None

    @model_validator(mode="after")
    def _value_only_when_accepting(self) -> "Review":
        if self.decision == "accept_value" and self.value is None:
            raise ValueError("accept_value needs the accepted value")
        if self.decision != "accept_value" and self.value is not None:
            raise ValueError(f"{self.decision} takes no value")
        return self

    @property
    def id(self) -> str:
        """As written, else stable for the same target, decision and time."""
        if self.review_id:
            return self.review_id
        key = "|".join([self.target, self.decision, str(self.value), str(self.decided_at)])
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def row(self) -> dict:
        """A `reviews` row; `stale` is reconciliation's to set (pipeline/reconcile/reviews.py)."""
        numeric = isinstance(self.value, float)
        return {"review_id": self.id, "target": self.target, "decision": self.decision,
                "value": self.value if numeric else None,
                "value_text": self.value if isinstance(self.value, str) else None,
                "note": self.note, "reviewer": self.reviewer, "decided_at": self.decided_at, "stale": None}


PRICE_METRICS = ("price_input", "price_output", "price")


@dataclass(frozen=True, slots=True)
class Statement:
    """One claim, or one reference fact (`ref_source` set), as an interval. Slots, not a __dict__: a
    reconciliation batch holds a model's every claim as one (~0.25 KB each instead of ~1 KB)."""

    id: str
    model: str
    metric: str
    tier: str
    setting: str | None
    unit: str
    value: float | None
    value_high: float | None
    value_text: str | None
    lo: float | None
    hi: float | None
    doc_id: str | None = None
    source: str | None = None
    snapshot: str | None = None
    approx: bool = False
    hedged: bool = False
    bound: str = "eq"
    asserted: date | None = None  # as_of, else the document's date
    ref_source: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    citation: str | None = None
    quote: str | None = None
    currency: str = "usd"
    modality: str | None = None
    published_at: date | None = None  # the document's date

    @property
    def is_reference(self) -> bool:
        return self.ref_source is not None

    @property
    def fact_key(self) -> str:
        return fact_key(self.model, self.metric, self.tier, self.setting, self.currency)

    @property
    def fact(self) -> tuple:
        return (self.model, self.metric, self.tier, self.setting, self.currency)

    def shown(self) -> str:
        """The value as a reviewer reads it."""
        if self.value_text is not None:
            return self.value_text
        text = plain_number(self.value)
        if self.value_high is not None:
            text += f"-{plain_number(self.value_high)}"
        prefix = {"lte": "<=", "gte": ">="}.get(self.bound, "~" if self.approx else "")
        return prefix + text


def plain_number(value: float | None) -> str:
    """`300`, `2.5`, `1,000,000`: no trailing `.0` (`?` for no value); the report adds units to it."""
    if value is None:
        return "?"
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


@lru_cache(maxsize=65536)
def fact_key(model: str, metric: str, tier: str, setting: str | None, currency: str = "usd") -> str:
    """Stable id of a fact; a USD fact keeps the id it had before currencies were kept. Cached: reconciliation
    asks it of every claim in every pass, and a corpus has far fewer facts than claims."""
    tail = "" if currency in (None, "usd") else f"|{currency}"
    return hashlib.sha256(f"{model}|{metric}|{tier}|{setting or ''}{tail}".encode()).hexdigest()[:20]
