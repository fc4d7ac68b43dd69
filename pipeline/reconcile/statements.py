"""Claims and reference facts as statements of facts. The intervals come from
sql/reconcile/*.sql (the tolerance rules); here they are only compared."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

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

    @property
    def is_reference(self) -> bool:
        return self.ref_source is not None

    @property
    def fact_key(self) -> str:
        return fact_key(self.model, self.metric, self.tier, self.setting)

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


def fact_key(model: str, metric: str, tier: str, setting: str | None) -> str:
    return hashlib.sha256(f"{model}|{metric}|{tier}|{setting or ''}".encode()).hexdigest()[:20]


def agree(a: Statement, b: Statement) -> bool:
    """The tolerance rules: dates agree when one starts with the other (they
    differ only in precision); numbers when their intervals overlap."""
    if a.value_text is not None or b.value_text is not None:
        if a.value_text is None or b.value_text is None:
            return False
        return a.value_text.startswith(b.value_text) or b.value_text.startswith(a.value_text)
    if a.lo is None or b.lo is None:
        return False
    slack = 1e-9 * max(abs(a.value or 0), abs(b.value or 0), 1)
    return a.lo <= b.hi + slack and b.lo <= a.hi + slack


def comparable(a: Statement, b: Statement) -> bool:
    """Statements of the same fact: same model, metric and tier; a price of
    unstated direction is compared with input and output prices; claims with
    different settings are different facts, and so are prices in different
    currencies (their units differ: usd_per_mtok, cny_per_mtok)."""
    if a.model != b.model or a.tier != b.tier or a.unit != b.unit:
        return False
    if a.metric != b.metric and not (a.metric in PRICE_METRICS and b.metric in PRICE_METRICS
                                     and "price" in (a.metric, b.metric)):
        return False
    if not (a.is_reference or b.is_reference) and (a.setting or None) != (b.setting or None):
        return False
    return True
