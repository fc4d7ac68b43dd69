"""Quantity annotator: every number in the units read (v1's numbers.py reads
scales, ranges and dates), typed by the unit spans the cue annotator marked
next to it (data: `unit.*`, `rate.*` in cues.*.yaml) and the currencies of
the vocabulary. Digits inside model names, benchmark names and URLs are no
quantities. A quantity's class is what rules match on."""
from __future__ import annotations

from functools import lru_cache

from pipeline.extract.currency import currencies
from pipeline.extract.numbers import (DATE, QUANTITY, SCALES, YEARLESS_MONTH, date_value, parse_number, quantities, quantity_values,
                                      yearless_value)
from pipeline.extract.v2.data import config
from pipeline.extract.v2.rules import header_spans
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.spans import TOKEN, Layer, Span

BIG = SCALES["billion"]  # a scaled figure this large is a count of parameters, not of tokens
UNIT = "unit."  # a cue type `unit.X` after a number makes it a quantity of class X


@lru_cache(maxsize=1)
def _rates() -> dict[str, float]:
    return {k: float(v) for k, v in config()["rates"].items()}


def _unit_types(ann: Annotated) -> list[str]:
    return [t for t in ann.layers if t.startswith(UNIT)]


def annotate_quantities(ann: Annotated) -> None:
    spans = []
    for unit in ann.units:
        taken = [(s.start, s.end) for s in ann.in_unit("model", unit) + ann.in_unit("benchmark", unit)]
        taken += [(r.start, r.end) for r in ann.in_unit("rate", unit)]
        taken += ann.doc.urls_in(unit.start, unit.end)
        dates = [m for m in DATE.finditer(ann.text, unit.start, unit.end) if date_value(m)]
        for m in dates:
            spans.append(Span(m.start(), m.end(), "quantity", {"cls": "date", "value": date_value(m), "high": None}))
        taken += [m.span() for m in dates]
        spans += _yearless(ann, unit, taken)
        if ann.published:  # "today" in a dated document is its date
            spans += [Span(t.start, t.end, "quantity", {"cls": "date", "value": ann.published, "high": None, "today": True})
                      for t in ann.in_unit("date_today", unit)]
        for m in quantities(ann.text, unit.start, unit.end):
            if m is not None and _overlaps(taken, m.start(), m.end()):
                m = _past_name(ann.text, m, taken)
            if m is None or _overlaps(taken, m.start(), m.end()) or _glued(ann.text, m.start(), m.end()):
                continue
            if _settings_after(ann, unit, m.end()):
                continue  # "5-shot" is a setting, "20 steps" a count: neither is a figure
            spans.append(_typed(ann, unit, m))
    ann.add("quantity", spans)
    typed: dict[str, list[Span]] = {}  # typed copies, so rules can ask for a neighbouring quantity of a class ("$3/$15")
    for q in spans:
        typed.setdefault(f"q.{q.get('cls')}", []).append(Span(q.start, q.get("unit_end", q.end), f"q.{q.get('cls')}"))
    for kind, items in typed.items():
        ann.add(kind, items)


def _yearless(ann: Annotated, unit: Span, taken: list[tuple[int, int]]) -> list[Span]:
    """"shipped GPT-4o in May", "于 5 月发布": a month with no year is a date only in a
    document that dates itself (v1's reading: a month after the document's own is last year's)."""
    dated = ann.doc.dated if ann.doc is not None else None
    if not dated:
        return []
    out = []
    for m in YEARLESS_MONTH.finditer(ann.text, unit.start, unit.end):
        start, end = m.span("en") if m.group("en") else m.span()
        value = yearless_value(m, *dated)
        if value and not _overlaps(taken, start, end):
            out.append(Span(start, end, "quantity", {"cls": "date", "value": value, "high": None, "yearless": True}))
            taken.append((start, end))
    return out


def _past_name(text: str, m, taken: list[tuple[int, int]]):
    """"raised the limit for GPT-4.1 to 32,768 tokens": a range read from a digit inside a name
    is no range; its second figure, past the name, still is one."""
    if not m.group("n2") or _overlaps(taken, m.start("n2"), m.end()):
        return m
    return QUANTITY.match(text, m.start("n2"), m.end())


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    for s, e in taken:  # (a loop, not any() over a generator: called for every number)
        if s < end and start < e:
            return True
    return False


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a word or a code ("v2", "8x7B", "3rd", "pass@1") or a rank ("#7"), not a figure;
    a currency code glued to the number ("RMB3") is a price's sign."""
    before = text[start - 1] if start else " "
    after = text[end:end + 1]
    if before.isascii() and before.isalpha() and currencies().before.search(text, text.rfind("\n", 0, start) + 1, start):
        return after in ("x", "×")
    return before.isascii() and before.isalpha() or before in ("@", "#") or after in ("x", "×")


def _typed(ann: Annotated, unit: Span, m) -> Span:
    low, high = quantity_values(m)
    scale = (m.group("s1") or m.group("s2") or "").lower()
    end = m.end()
    if scale and _unit_at(ann, unit, m.start("s1") if m.group("s1") else m.start("s2")):
        end = m.start("s1") if m.group("s1") else m.start("s2")  # "276 t/s": a unit, not a scale
        low, high = parse_number(m.group("n1")), (parse_number(m.group("n2")) if m.group("n2") else None)
        scale = ""
    attrs = {"value": low, "high": high, "scale": scale, "cls": "plain", "unit_end": end}
    after = _adjacent(ann, unit, end)
    money = _money(ann.text, unit, m.start(), m.end())
    if money:
        attrs.update(cls="money", currency=money[0], factor=money[1], unit_end=money[2])
    elif after and after[0].type.startswith(UNIT):
        attrs.update(cls=after[0].type[len(UNIT):], unit_end=after[0].end)
    elif scale:
        attrs["cls"] = "big" if low >= BIG else "scaled"
    header_units(ann, unit, attrs)
    rates = _rates()
    rate = next((s for s in _adjacent(ann, unit, attrs["unit_end"]) if s.type in rates), None)
    if rate is not None:  # "$0.15/$0.60 per million tokens": the rate is shared; the unit ends before the next figure
        shared = any(map(str.isdigit, ann.text[attrs["unit_end"]:rate.start]))
        attrs.update(rate=rates[rate.type], unit_end=attrs["unit_end"] if shared else rate.end)
    elif attrs["cls"] == "money":
        attrs["rate"] = _rate_before(ann, unit, m.start()) or attrs.get("rate")
    return Span(m.start(), end, "quantity", attrs)


def _unit_at(ann: Annotated, unit: Span, pos: int) -> bool:
    return any(s.start == pos for s in _units_and_rates(ann).within(pos, unit.end))


def _units_and_rates(ann: Annotated) -> Layer:
    """One layer of every unit and rate span, built once."""
    if "unit+rate" not in ann.layers:
        ann.layers["unit+rate"] = Layer([x for k in _unit_types(ann) + list(_rates()) for x in ann.layer(k)])
    return ann.layers["unit+rate"]


def _rate_before(ann: Annotated, unit: Span, pos: int) -> float | None:
    """"每百万 tokens 输入 1 元": a per-token rate written before the price, in its clause."""
    clause = ann.layer("clause").covering(pos) or unit
    reach = int(config().get("rate_before_window", 8))
    rates = _rates()
    spans = [s for kind in rates for s in ann.layer(kind).within(clause.start, pos)]
    spans = [s for s in spans if ann.tokens.between(s, Span(pos, pos + 1, "q")) <= reach]
    return rates[max(spans, key=lambda s: s.start).type] if spans else None


def header_units(ann: Annotated, unit: Span, attrs: dict) -> None:
    """A number in a table cell or field takes the unit its header writes
    ("Input ($/1M)", "TTFT (s)", "Score (%)", "Price per 1K tokens")."""
    header = unit.get("header")
    if not header:
        return
    money, sole, rate = _header_typing(header)
    if attrs["cls"] == "plain":
        if money:
            attrs.update(cls="money", currency=money, factor=1.0)
        elif sole is not None:
            attrs["cls"] = sole  # one unit named, else none
    if rate and attrs["cls"] == "money":
        attrs["rate"] = rate


@lru_cache(maxsize=4096)
def _header_typing(header: str) -> tuple[str | None, str | None, float | None]:
    """(currency, the one unit class, per-token rate) a header writes; read once per header."""
    kinds = {s.type for s in header_spans(header)}
    priced = any(k.startswith("metric.price") for k in kinds) and any(k in _rates() for k in kinds)
    money = currencies().in_text(header) or ("usd" if priced else None)
    units = sorted(k[len(UNIT):] for k in kinds if k.startswith(UNIT))
    rate = next((v for k, v in _rates().items() if k in kinds), None)
    return money, (units[0] if len(units) == 1 else None), rate


def _adjacent(ann: Annotated, unit: Span, pos: int, reach: int = 0) -> list[Span]:
    """Unit and rate spans after `pos` with at most `reach` tokens between (0: only
    spaces or emphasis marks between)."""
    out = []
    for span in _units_and_rates(ann).within(pos, unit.end):  # in text order
        between = ann.text[pos:span.start]
        if not between.strip(" \t*_") or (reach and len(TOKEN.findall(between)) <= reach):
            out.append(span)
        elif not reach:
            break  # a later span has this text between too
    return out


def _settings_after(ann: Annotated, unit: Span, pos: int) -> list[Span]:
    spans = ann.layer("setting").within(pos, unit.end) + ann.layer("counter").within(pos, unit.end)
    return [s for s in spans if not ann.text[pos:s.start].strip()]


def _money(text: str, unit: Span, start: int, end: int) -> tuple[str, float, int] | None:
    """(currency, factor, end of the unit) when a currency sign is written before or a word after the number."""
    money = currencies()
    sign = money.before.search(text, unit.start, start)
    if sign:
        return money.code(sign.group("sign")), 1.0, end
    word = money.after.match(text[end:unit.end])
    if word:
        return money.of_after(word), (0.01 if word.group("cents") else 1.0), end + word.end()
    return None
