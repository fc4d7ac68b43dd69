"""Rules as data: the rows of data/rules.yaml compiled, and the matcher that
finds a rule's evidence (a span type within a window of tokens, on a side,
inside a clause or sentence, or in a table cell's header)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.extract.lexicon import lexicon
from pipeline.extract.v2.data import config, header_cue_matcher, rules_data
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.labels import label_benchmark
from pipeline.extract.v2.annotators import inside_name
from pipeline.extract.v2.spans import Layer, Span


@dataclass(frozen=True)
class Condition:
    type: str
    within: int
    side: str = "either"
    scope: str = "clause"
    metrics: tuple[str, ...] = ()
    id: str = ""
    sets: tuple = ()
    unless: tuple = ()  # conditions that lift a blocker ("up from 55% for <model>": the old figure is that model's)
    header: bool = True  # a blocker read in a table cell's header too (false: only in the cell's own text)


@dataclass(frozen=True)
class Rule:
    id: str
    lang: str
    quantity: tuple[str, ...]
    near: tuple[Condition, ...]
    unless: tuple[Condition, ...] = ()
    priority: int = 0
    emits: dict = field(default_factory=dict, hash=False, compare=False)
    examples: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    distance: int
    word: str
    where: str  # "clause" | "sentence" | "header"
    span: Span | None = None


def _condition(row: dict) -> Condition:
    return Condition(type=row["type"], within=int(row["within"]), side=row.get("side", "either"),
                     scope=row.get("scope", "clause"), metrics=tuple(row.get("metrics", ())), id=row.get("id", ""),
                     sets=tuple(sorted((row.get("sets") or {}).items())),
                     unless=tuple(_condition(c) for c in row.get("unless", ())), header=bool(row.get("header", True)))


def load_rules(rows: list[dict]) -> list[Rule]:
    rules, seen = [], set()
    for row in rows:
        if row["id"] in seen:
            raise ValueError(f"rules.yaml: duplicate rule id {row['id']!r}")
        seen.add(row["id"])
        rules.append(Rule(id=row["id"], lang=row.get("lang", "any"), quantity=tuple(row["quantity"]),
                          near=tuple(_condition(c) for c in row.get("near", ())),
                          unless=tuple(_condition(c) for c in row.get("unless", ())),
                          priority=int(row.get("priority", 0)), emits=row["emits"], examples=row.get("examples", {})))
    return rules


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    return tuple(load_rules(rules_data()["rules"]))


@lru_cache(maxsize=1)
def blockers() -> tuple[Condition, ...]:
    return tuple(_condition(c) for c in rules_data().get("blockers", ()))


@lru_cache(maxsize=1)
def qualifier_rules() -> tuple[Condition, ...]:
    return tuple(_condition(c) for c in rules_data().get("qualifiers", ()))


def enabled(items, disabled: set[str] | None = None, only: set[str] | None = None) -> list:
    off = set(config().get("disabled") or []) if disabled is None else disabled
    return [x for x in items if x.id not in off and (only is None or x.id in only)]


@lru_cache(maxsize=4096)
def header_spans(header: str) -> tuple[Span, ...]:
    """A cell header's cue words and benchmark names, as spans over the header text
    (a cue word inside a benchmark's name is part of the name)."""
    scan = lexicon().scan(header)  # (one scan finds both: lex.benchmarks and lex.tasks would scan twice)
    names = [Span(s, e, "benchmark", {"slug": slug, "word": header[s:e]}) for s, e, slug in scan.benchmarks]
    names += [Span(s, e, "benchmark", {"slug": slug, "word": header[s:e], "task": True}) for s, e, slug in scan.tasks]
    layer = Layer(names)
    cues = [Span(s, e, kind, {"word": header[s:e]}) for s, e, kind in header_cue_matcher().find(header)
            if not inside_name(layer, s, e)]
    return tuple(cues + names)


def _side_ok(side: str, span: Span, start: int, end: int) -> bool:
    if side == "before":
        return span.end <= start
    if side == "after":
        return span.start >= end
    return span.end <= start or span.start >= end


def _clause_of(ann: Annotated, q: Span, unit: Span) -> Span:
    key = ("clause of", q.start, q.end)
    clause = ann._memo.get(key)
    if clause is None:  # (a span, never None: no list around it to allocate)
        clause = ann._memo[key] = ann.layer("clause").covering(q.start) or unit
    return clause


def find_evidence(ann: Annotated, unit: Span, q: Span, cond: Condition) -> Evidence | None:
    """The nearest span of the condition's type within its window, else its header's
    (scope `heading`: only the unit's innermost heading is read)."""
    scope, kind = cond.scope, cond.type  # (read once: this runs for every quantity and condition)
    if scope == "heading":
        return _heading_evidence(unit, kind)
    if scope == "lead_in":
        return _lead_evidence(unit, kind)
    if scope == "row" and unit.type != "cell":
        return None  # only a table cell has a row
    near = _nearest(ann, unit, q, kind, cond.side, scope)
    if near is not None and near[0] <= cond.within:
        return Evidence(near[0], near[1], scope, near[2])
    if scope == "row":
        return None  # the row's own cells only: its header is what the other scopes read
    attrs = unit.attrs
    header = attrs.get("header")
    if header:
        first = _header_first(header, kind)
        if first is not None:
            return Evidence(int(config().get("header_distance", 2)), first.get("word"), "header", first)
    if kind == "benchmark" and attrs.get("label"):
        return _label_evidence(attrs.get("label"))
    return None


def _heading_evidence(unit: Span, kind: str) -> Evidence | None:
    """The innermost heading above the unit names the cue or benchmark
    ("## Context windows", "### Needle-in-a-haystack recall"), at `heading_distance` tokens."""
    headings = unit.get("headings") or ()
    first = _heading_first(headings[-1], kind) if headings else None
    if first is None:
        return None
    return Evidence(int(config().get("heading_distance", 30)), first.get("word"), "heading", first)


@lru_cache(maxsize=4096)
def _heading_first(heading: str, kind: str) -> Span | None:
    """The heading's first span of `kind`; a task word ("Coding") is too broad to type a whole section."""
    return next((s for s in header_spans(heading) if (s.type == kind or s.type.startswith(kind + "."))
                 and not s.get("task")), None)


def _lead_evidence(unit: Span, kind: str) -> Evidence | None:
    """The lead-in line above the unit's list or table (structure.py) names the cue or
    benchmark ("Results on MMLU:" over "- Yi-Large: 84%"), at `heading_distance` tokens.
    A lead-in naming two different benchmarks names none."""
    lead = unit.get("lead_in")
    first = _lead_first(lead, kind) if lead else None
    if first is None:
        return None
    return Evidence(int(config().get("heading_distance", 30)), first.get("word"), "lead_in", first)


@lru_cache(maxsize=4096)
def _lead_first(lead: str, kind: str) -> Span | None:
    found = [s for s in header_spans(lead) if (s.type == kind or s.type.startswith(kind + ".")) and not s.get("task")]
    if kind == "benchmark" and len({s.get("slug") for s in found}) > 1:
        return None
    return found[0] if found else None


def _label_evidence(label: str) -> Evidence | None:
    """A score table's row label as the benchmark (labels.py), at the header's distance."""
    slug = label_benchmark(label)
    if slug is None:
        return None
    span = Span(0, len(label), "benchmark", {"slug": slug, "word": label, "label": True})
    return Evidence(int(config().get("header_distance", 2)), label, "header", span)


def _scope_span(ann: Annotated, q: Span, unit: Span, scope: str) -> Span:
    """The stretch a condition looks in: the quantity's clause, its unit,
    (scope `row`, a table cell) the whole table row it stands in, or (scope
    `paragraph`) the sentences of its paragraph or list item."""
    if scope == "clause":
        return _clause_of(ann, q, unit)
    if scope == "row":
        start, end = unit.get("quote")
        return Span(start, end, "row")
    if scope == "paragraph" and unit.get("paragraph"):
        return Span(*unit.get("paragraph"), "paragraph")
    return unit


def _nearest(ann: Annotated, unit: Span, q: Span, kind: str, side: str, scope: str) -> tuple | None:
    """(gap, word, span) of the first nearest span of `kind` on `side` of the
    quantity in its clause (or unit), whatever the window (the window only
    decides whether it counts)."""
    spans = ann.in_unit(kind, _clause_of(ann, q, unit) if scope == "clause" else _scope_span(ann, q, unit, scope))
    if not spans:
        return None
    start, end = q.start, q.attrs.get("unit_end", q.end)
    best, whole = None, None
    for span in spans:
        if span.start == start:
            continue  # the quantity itself
        enclosing = span.start <= start and end <= span.end or start <= span.start and span.end <= end  # a
        # bracket around the number, or a unit or rate that is part of it
        if not enclosing and (span.start < start < span.end or not _side_ok(side, span, start, end)):
            continue
        if not enclosing and whole is None:
            whole = Span(start, end, "q")
        gap = 0 if enclosing else ann.tokens.between(span, whole)
        if best is None or gap < best[0]:
            best = (gap, span)
            if gap == 0:
                break  # nothing comes nearer, and a later tie never wins
    return (best[0], best[1].get("word") or ann.text[best[1].start:best[1].end], best[1]) if best else None


@lru_cache(maxsize=8192)
def _header_first(header: str, kind: str) -> Span | None:
    """The header's first span of `kind` (or a subtype of it)."""
    return next((s for s in header_spans(header) if s.type == kind or s.type.startswith(kind + ".")), None)
