"""Cue, mention and clause annotators. Cue words come from the per-language
data files (cue types: metric cues, units, rates, negation, hypothesis,
comparison, respectively, brackets are marks); models and benchmarks come from
the catalogue and benchmarks.yaml through v1's document scan; clauses are cut
at `clause_break` cues. Each adds typed spans; none decides anything."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.fastre import led
from pipeline.extract.lexicon import lexicon
from pipeline.extract.patterns import SHOTS
from pipeline.extract.tables import shots_setting
from pipeline.extract.v2.data import config, cue_matcher
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.spans import Layer, Span

_OPEN, _CLOSE = "(（[", ")）]"
_BRACKET_MARK = re.compile(f"[{re.escape(_OPEN + _CLOSE)}]")


def annotate_cues(ann: Annotated) -> None:
    """Every cue word inside the units read, as a span of its type(s); a cue
    word inside a longer model or benchmark name ("Multi-IF") is part of the name."""
    found: dict[str, list[Span]] = {}
    names = Layer(ann.layer("model").spans + ann.layer("benchmark").spans)
    matcher = cue_matcher()
    lowered = ann.text.lower()
    same = len(lowered) == len(ann.text)  # lower-casing kept every offset (nearly always)
    pattern, text = (matcher.lower, lowered) if same else (matcher.pattern, ann.text)
    kinds_of, original, named = matcher.kinds, ann.text, bool(names.spans)  # (looked up once: a pass per cue word)
    for region_start, region_end in regions(ann):
        for match in pattern.finditer(text, region_start, region_end):  # (matcher.find, without a generator)
            kinds = kinds_of(match.group(0))
            if not kinds:
                continue
            start, end = match.span()
            if named and inside_name(names, start, end):
                continue
            word = original[start:end]
            for kind in kinds:
                spans = found.get(kind)
                if spans is None:
                    spans = found[kind] = []
                spans.append(Span(start, end, kind, {"word": word}))
    for kind, spans in found.items():
        ann.add(kind, spans)


def regions(ann: Annotated) -> list[tuple[int, int]]:
    """The stretches cue words and benchmark names are read in: the units, widened to
    their whole paragraph (rules with scope `paragraph` read an earlier sentence that
    holds no figure: "On ChartQA, a test of plots. Yi-Large scores 71%"), merged."""
    spans = sorted(u.get("paragraph") or (u.start, u.end) for u in ann.units)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def inside_name(names: Layer, start: int, end: int) -> bool:
    """The span lies inside a longer name of the layer."""
    name = names.covering(start)
    return name is not None and name.end >= end and name.end - name.start > end - start


def annotate_mentions(ann: Annotated) -> None:
    """Model mentions (resolved ids) and benchmark / task names as spans."""
    doc = ann.doc
    models, benches = [], []
    for unit in ann.units:
        for m in doc.mentions_in(unit.start, unit.end):
            models.append(Span(m.start, m.end, "model", {"model": doc.resolve(m), "family": doc.is_family(doc.resolve(m))}))
    for start, end in regions(ann):
        for s, e, slug in doc.benchmarks_in(start, end):
            benches.append(Span(s, e, "benchmark", {"slug": slug, "word": ann.text[s:e]}))
        for s, e, slug in doc.tasks_in(start, end):
            slug = doc.task_benchmarks.get(slug, slug)
            benches.append(Span(s, e, "benchmark", {"slug": slug, "word": ann.text[s:e], "task": True}))
    ann.add("model", models)
    ann.add("benchmark", _described_tasks(ann, benches))


def _described_tasks(ann: Annotated, benches: list[Span]) -> list[Span]:
    """"the HumanEval coding benchmark", "在 MGSM 上，对于数学推理任务": a task word
    beside a named benchmark (config `task_beside_benchmark` tokens, no number
    between) describes that benchmark, so it stands for the benchmark's slug."""
    window = int(config().get("task_beside_benchmark", 0))
    named = [b for b in benches if not b.get("task")]
    if not window or not named:
        return benches
    out = []
    units = Layer(ann.units)
    for span in benches:
        beside = [b for b in named if _describes(ann, span, b, window)] if span.get("task") else []
        beside = beside or (_sole_named(ann, units, span, named) if span.get("task") else [])
        if beside:
            nearest = min(beside, key=lambda b: ann.tokens.between(span, b))
            span = Span(span.start, span.end, "benchmark", {**span.attrs, "slug": nearest.get("slug"), "task": False})
        out.append(span)
    return out


def _sole_named(ann: Annotated, units: Layer, task: Span, named: list[Span]) -> list[Span]:
    """"Its score on GPQA (a question-answering set) shows strong reasoning, at 59.1": a task
    word in a sentence that names one benchmark, no number between, describes it."""
    unit = units.covering(task.start)
    if unit is None or unit.type != "sentence":
        return []
    inside = [b for b in named if unit.start <= b.start < unit.end]
    if len({b.get("slug") for b in inside}) != 1:
        return []
    lo, hi = min(task.end, inside[0].end), max(task.start, inside[0].start)
    return [] if any(map(str.isdigit, ann.text[lo:hi])) else inside[:1]


def _describes(ann: Annotated, task: Span, bench: Span, window: int) -> bool:
    lo, hi = min(task.end, bench.end), max(task.start, bench.start)
    return ann.tokens.between(task, bench) <= window and not any(map(str.isdigit, ann.text[lo:hi]))


_VERSION_WORD = re.compile(r"(?<![A-Za-z0-9$.,\-])(\d{1,2}\.\d{1,2})[ \-]([A-Za-z]{2,})(?![A-Za-z0-9])")
_SIZE = re.compile(r"(?<![A-Za-z0-9_$.,])(\d{1,4}(?:\.\d)?)[Bb](?![A-Za-z0-9_]|\.\d)")
# searched through a first-character lookahead (fastre.py): the same matches, fewer tries
_VERSION_WORD, _SIZE = led(_VERSION_WORD), led(_SIZE)


def annotate_sizes(ann: Annotated) -> None:
    """"The 405B", "the 8B and 70B models": a size written alone names the
    sibling of the model the document names most that the vocabulary knows at
    that size (llama-3.1 -> llama-3.1-405b). A size the next token calls a
    parameter count or a token count (config `size_not_name`) stays a figure,
    as does a size that is a table cell's whole value (a "Params" column).
    "1.5 Pro", "2.5 Flash": a version and a member word written alone name the
    model of a family the document names, when the vocabulary knows it."""
    named = [m for m, _ in Counter(ann.doc.resolve(m) for m in ann.doc.mentions.items).most_common()]
    if not named:
        return
    roots = list(dict.fromkeys(m.split("-")[0] for m in named))
    taken = ann.layer("model")
    spans = []
    for unit in ann.units:
        for m in _SIZE.finditer(ann.text, unit.start, unit.end):
            if taken.covering(m.start()) is None and not _size_is_figure(ann, unit, m.start(), m.end()):
                model = next(filter(None, (ann.doc.sibling(x, m.group(0)) for x in named)), None)
                spans += [Span(m.start(), m.end(), "model", {"model": model, "family": False, "alone": True})] if model else []
        for m in _VERSION_WORD.finditer(ann.text, unit.start, unit.end):
            if taken.covering(m.start()) is None:
                model = _versioned(roots, m.group(1), m.group(2).lower())
                spans += [Span(m.start(), m.end(), "model", {"model": model, "family": False, "alone": True})] if model else []
    if spans:  # a member word inside the name ("Sonnet" of "3.5 Sonnet") yields to it
        ann.layers["model"] = Layer([t for t in taken if not any(x.start <= t.start and t.end <= x.end for x in spans)])
        ann.add("model", spans)


def _versioned(roots: list[str], version: str, word: str) -> str | None:
    models = lexicon().vocab.models
    return next((f"{r}-{version}-{word}" for r in roots if f"{r}-{version}-{word}" in models), None)


def _size_is_figure(ann: Annotated, unit: Span, start: int, end: int) -> bool:
    if unit.type == "cell" and not ann.text[unit.start:start].strip(" *|") and not ann.text[end:unit.end].strip(" *|"):
        return True
    after = Span(end, end, "q")
    return any(ann.tokens.between(after, c) == 0 for kind in config()["size_not_name"]
               for c in ann.in_unit(kind, Span(end, unit.end, "u"))[:1])


def annotate_clauses(ann: Annotated) -> None:
    """Clauses: a unit cut at its clause-break cues (cells and fields are one clause)."""
    spans = []
    breaks = ann.layer("clause_break")
    for unit in ann.units:
        cursor = unit.start
        if unit.type == "sentence":
            for mark in breaks.within(unit.start, unit.end):
                if _inside_number(ann.text, mark):
                    continue
                if mark.start > cursor:
                    spans.append(Span(cursor, mark.start, "clause"))
                cursor = max(cursor, mark.end)
        if unit.end > cursor:
            spans.append(Span(cursor, unit.end, "clause"))
    ann.add("clause", spans)


def _inside_number(text: str, mark: Span) -> bool:
    """"200,000": a separator between digits breaks no clause."""
    return 0 < mark.start and mark.end < len(text) and text[mark.start - 1].isdigit() and text[mark.end].isdigit()


def annotate_brackets(ann: Annotated) -> None:
    """Bracketed asides inside the units, innermost pairs first."""
    spans = []
    for unit in ann.units:
        stack = []
        for mark in _BRACKET_MARK.finditer(ann.text, unit.start, unit.end):  # only the bracket characters
            i = mark.start()
            if mark.group(0) in _OPEN:
                stack.append(i)
            elif stack:
                spans.append(Span(stack.pop(), i + 1, "bracket"))
    ann.add("bracket", spans)


def annotate_settings(ann: Annotated) -> None:
    """The evaluation settings written in the units ("5-shot", "0-shot CoT", "pass@1"),
    each a `shots` span holding its normalised form (v1's SHOTS reading), for the
    qualifier row that gives a score the setting said nearest to it."""
    spans = []
    for start, end in regions(ann):
        for m in SHOTS.finditer(ann.text, start, end):
            setting = shots_setting(m.group(0))
            if setting:
                spans.append(Span(m.start(), m.end(), "shots", {"setting": setting, "word": m.group(0)}))
    ann.add("shots", spans)
