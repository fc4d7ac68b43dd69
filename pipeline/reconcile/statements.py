"""The one shape of a claim or a reference fact inside reconciliation: a
statement of a fact (model, metric, tier, setting, currency) with the interval
of values it allows (policy.interval). Claims and reference facts are read
into it by sql/reconcile/*.sql and run.load_statements."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from pipeline.reconcile import policy

PRICE_METRICS = ("price_input", "price_output", "price")


@dataclass(frozen=True)
class Statement:
    """One claim, or one reference fact (`ref_source` set), as an interval."""

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
        text = _number(self.value)
        if self.value_high is not None:
            text += f"-{_number(self.value_high)}"
        prefix = {"lte": "<=", "gte": ">="}.get(self.bound, "~" if self.approx else "")
        return prefix + text


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def fact_key(model: str, metric: str, tier: str, setting: str | None, currency: str = "usd") -> str:
    """Stable id of a fact; a USD fact keeps the id it had before currencies were kept."""
    tail = "" if currency in (None, "usd") else f"|{currency}"
    return hashlib.sha256(f"{model}|{metric}|{tier}|{setting or ''}{tail}".encode()).hexdigest()[:20]


def with_interval(s: Statement) -> Statement:
    """The statement with lo/hi set by the tolerance rules (policy.interval)."""
    from dataclasses import replace
    lo, hi = policy.interval(s.metric, s.value, s.value_high, s.bound, s.approx)
    return replace(s, lo=lo, hi=hi)


def agree(a: Statement, b: Statement) -> bool:
    """The tolerance rules: dates agree when one starts with the other (they
    differ only in precision); numbers when their intervals overlap."""
    if a.value_text is not None or b.value_text is not None:
        if a.value_text is None or b.value_text is None:
            return False
        return policy.dates_agree(a.value_text, b.value_text)
    if a.lo is None or b.lo is None:
        return False
    return policy.intervals_overlap((a.lo, a.hi), (b.lo, b.hi), max(abs(a.value or 0), abs(b.value or 0)))


def comparable(a: Statement, b: Statement) -> bool:
    """Statements of the same fact: same model, metric and tier; a price of
    unstated direction is compared with input and output prices; claims with
    different settings are different facts."""
    if a.model != b.model or a.tier != b.tier or (a.currency or "usd") != (b.currency or "usd"):
        return False
    if a.metric != b.metric and not (a.metric in PRICE_METRICS and b.metric in PRICE_METRICS
                                     and "price" in (a.metric, b.metric)):
        return False
    if not (a.is_reference or b.is_reference) and (a.setting or None) != (b.setting or None):
        return False
    return True
