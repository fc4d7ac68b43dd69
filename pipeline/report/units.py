"""Figures as a reviewer reads them: the unit and the bound beside every
number (`≤300 ms`, `$2.50 / 1M input tokens`, `128K tokens`, `¥2 / 1M`),
never a bare `300.0`. Plain functions over plain values."""
from __future__ import annotations

from functools import lru_cache

from pipeline.records import plain_number as number

_SYMBOLS = {"usd": "$", "cny": "¥", "eur": "€", "gbp": "£", "jpy": "¥"}
_BOUNDS = {"lte": "≤", "gte": "≥"}


def _tokens(value: float) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "K")):
        if value >= size and (value / size) == round(value / size, 1):
            return number(round(value / size, 1)) + suffix
    return number(value)


def _money(value: float) -> str:
    return f"{value:,.2f}" if value != int(value) else f"{int(value):,}"


def _one(value: float, unit: str | None, metric: str | None, currency: str | None) -> tuple[str, str]:
    """(number with any currency symbol, unit words after it)."""
    unit = unit or ""
    if unit.endswith("_per_mtok"):
        code = currency or unit.split("_", 1)[0]
        kind = {"price_input": "input ", "price_output": "output "}.get(metric or "", "")
        symbol = _SYMBOLS.get(code)
        text = f"{symbol}{_money(value)}" if symbol else f"{_money(value)} {code.upper()}"
        return text, f" / 1M {kind}tokens"
    if unit == "tokens":
        return _tokens(value), " tokens"
    if unit == "percent":
        return number(value), "%"
    if unit == "ms":
        return number(value), " ms"
    if unit == "tokens_per_s":
        return number(value), " tokens/s"
    if unit == "count":
        return _tokens(value), ""
    if unit == "rating":
        return number(value), " (rating)"
    return number(value), f" {unit}" if unit else ""


def figure(value=None, value_high=None, *, unit=None, metric=None, bound=None, approx=False, currency=None,
           value_text=None) -> str:
    """One figure with its unit and bound; a text value is shown as it is. Remembered: a report shows the
    same figures on thousands of rows (formatting each again was a tenth of a first report's time)."""
    try:
        return _figure(value, value_high, unit, metric, bound, approx, currency, value_text)
    except TypeError:  # an unhashable value: formatted without the cache
        return _figure.__wrapped__(value, value_high, unit, metric, bound, approx, currency, value_text)


@lru_cache(maxsize=65536, typed=True)
def _figure(value, value_high, unit, metric, bound, approx, currency, value_text) -> str:
    if value is None:
        return str(value_text) if value_text is not None else "?"
    low, tail = _one(float(value), unit, metric, currency)
    if value_high is not None and value_high != value:
        high, tail = _one(float(value_high), unit, metric, currency)
        low = f"{low}–{high}"
    prefix = _BOUNDS.get(bound or "", "~" if approx else "")
    return f"{prefix}{low}{tail}"
