"""Attribution features read from how a sentence is built around the number,
beside attribution.py's distance and context features:

- a for-word after the number and its unit words ("$15 per 1M output tokens for B");
- the clause the number is in: the model nearest it there, or the only one;
- which side of a comparison the owner and the number stand on ("$0.27 ...,
  compared to $3 for Claude": the compared model owns the number after the
  cue, not the one before; "A is 80% cheaper than B, $3 per 1M": B is only
  compared);
- a model alone in brackets right after the number ("2.8 s (GPT-3.5)"), and a
  model inside some other bracket than the number's, which is an aside;
- the order of a plain list ("12B and 34B models, Foo-12B and Foo-34B";
  "both score 81.0 and 79.5" after a sentence naming two models): the k-th
  figure of a metric pairs with the k-th of as many models listed together.

Each is a named feature; train.py learns how much it counts."""
from __future__ import annotations

from pipeline.extract.lexicon import lexicon

from pipeline.extract.v2.data import config
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.spans import Span


def comparison_sides(ann: Annotated, unit: Span, q: Span, m: Span) -> dict[str, float]:
    """cmp_with_number: the model and the number both inside one comparison's scope (from its
    cue to the end of the cue's clause); cmp_apart: only one of them is (the other is the
    comparison's other side)."""
    out = {"cmp_with_number": 0.0, "cmp_apart": 0.0}
    for cue in ann.layer("comparison").within(unit.start, unit.end):
        if _bound(ann, cue, q):
            continue
        clause = ann.layer("clause").covering(cue.start)
        stop = clause.end if clause else unit.end
        m_in, q_in = cue.end <= m.start < stop, cue.end <= q.start < stop
        if m_in and q_in:
            out["cmp_with_number"] = 1.0
        elif m_in or q_in:
            out["cmp_apart"] = 1.0
    return out


def _bound(ann: Annotated, cue: Span, q: Span) -> bool:
    """"over 120 tok/s": a cue that is also a bound word, right before the number, bounds it."""
    if cue.end > q.start or ann.tokens.between(cue, q) > 0:
        return False
    return any(b.start <= cue.start and cue.end <= b.end
               for kind in ("bound_gte", "bound_lte") for b in ann.layer(kind).within(cue.start, cue.end + 1))


def bracket_features(ann: Annotated, q: Span, m: Span) -> dict[str, float]:
    """bracket_owner_after: "5.4 s (Model)", the model alone inside the bracket just after the number;
    other_bracket: the model sits in a bracket the number is not in."""
    brackets = ann.layer("bracket")
    around_m = brackets.covering(m.start)
    if around_m is None or around_m.start <= q.start < around_m.end:
        return {"bracket_owner_after": 0.0, "other_bracket": 0.0}
    alone = ann.tokens.between(Span(around_m.start, around_m.start + 1, "b"), m) + ann.tokens.between(
        m, Span(around_m.end - 1, around_m.end, "b")) == 0
    right_after = alone and around_m.start >= q.end and ann.tokens.between(q, around_m) <= 1
    return {"bracket_owner_after": float(right_after), "other_bracket": float(not right_after)}


def sentence_features(ann: Annotated, unit: Span, q: Span, m: Span, mentions: list[Span]) -> dict[str, float]:
    """The clause, comparison and bracket features of one mention."""
    number = Span(q.start, q.get("unit_end", q.end), "q")
    return {**clause_features(ann, number, m, mentions), **comparison_sides(ann, unit, number, m),
            **bracket_features(ann, number, m), "for_after_unit": for_after_unit(ann, number, m)}


def for_after_unit(ann: Annotated, q: Span, m: Span) -> float:
    """"$15 per 1M output tokens for Claude 3 Opus": a for-word after the number with only its
    unit, rate and metric words (and figures joined to it) between, the model right after it."""
    if m.start < q.end:
        return 0.0
    cues = ann.layer("for_owner").within(q.end, m.start)
    if not cues or ann.tokens.between(cues[0], m) > 2:
        return 0.0
    gap = Span(q.end, cues[0].start, "gap")
    covered = {i for kind in config()["for_owner_gap"] for c in ann.in_unit(kind, gap) for i in range(c.start, c.end)}
    return float(not any(ann.text[i].isalnum() for i in range(gap.start, gap.end) if i not in covered))


def clause_features(ann: Annotated, q: Span, m: Span, mentions: list[Span]) -> dict[str, float]:
    """clause_nearest: of the models named in the number's clause, this one is nearest to it
    (either side); clause_only: it is the only model that clause names."""
    clause = ann.layer("clause").covering(q.start)
    inside = [x for x in mentions if clause and clause.start <= x.start < clause.end]
    if m not in inside:
        return {"clause_nearest": 0.0, "clause_only": 0.0}
    nearest = min(inside, key=lambda x: ann.tokens.between(x, q))
    return {"clause_nearest": float(nearest is m),
            "clause_only": float(len({x.get("model") for x in inside}) == 1)}


def both_ref(ann: Annotated, unit: Span) -> list[str]:
    """"Time to first token is 0.5 s for both", "两个模型都支持 128K": a unit naming no model whose
    plural back-reference stands for the two models the text named last before it (any section:
    a sub-heading often sits between them). It decides the owners outright (config.yaml
    decisive_features): the words name exactly those two, leaving no other reading."""
    if unit.type == "cell" or not ann.layer("both_ref").within(unit.start, unit.end):
        return []
    if ann.layer("model").within(unit.start, unit.end):
        return []
    named = _distinct([m.get("model") for m in reversed(ann.layer("model").within(0, unit.start))])
    if len(named) < 2:  # "# A vs B" over "两个模型都支持 128K": the two the innermost heading names
        headings = unit.get("headings") or ()
        named = _distinct([m.model for m in lexicon().scan(headings[-1]).mentions]) if headings else []
    return named[:2] if len(named) >= 2 else []


def section_features(unit: Span, models: list[str], model: str) -> dict[str, float]:
    """For an owner the unit does not name (a heading's, the subject's, the model named before):
    section_silent: neither the unit nor its section before it names any model, so the figure
    has no other owner to read ("Needle test: accuracy 72%" under a section naming none);
    section_only: every model the section named before the unit is this one."""
    if models or unit.type == "cell":
        return {}
    before = set(unit.get("before") or ())
    return {"section_silent": float(not before), "section_only": float(before == {model})}


def list_order(ann: Annotated, cand, siblings: list, mentions: list[Span]) -> tuple[str, str] | None:
    """(feature, model): the model this figure pairs with when a unit lists k figures of one
    metric (different values joined by "and", not "vs" or "from") and, all before or all
    after them with no other figure or comparison between, k models joined the same way (`list_order`); with no model in the unit but
    a "respectively", the k models its section named last (`list_order_carry`)."""
    if not ann.layer("coordination").within(cand.unit.start, cand.unit.end):
        return None
    same = _same_metric(ann, siblings).get((id(cand.unit), cand.metric), [])
    if len(same) < 2 or len({str(c.value) for c in same}) < len(same) or not _listed(ann, same):
        return None
    k, first, last = len(same), same[0].quantity, same[-1].quantity
    if mentions:
        end = last.get("unit_end", last.end)
        before = _run([m for m in mentions if m.end <= first.start], ann, k, last=True)
        after = _run([m for m in mentions if m.start >= end], ann, k, last=False)
        before = before if before and not _apart(ann, before[-1].end, first.start) else []
        after = after if after and not _apart(ann, end, after[0].start) else []
        listed = [m.get("model") for m in (before if before and len(after) < 2 else after)]
    elif ann.layer("respectively").within(cand.unit.start, cand.unit.end):
        listed = _distinct(list(cand.unit.get("before") or ())[::-1])[:k][::-1]
    else:
        listed = []
    if len(listed) != k:
        return None
    return ("list_order" if mentions else "list_order_carry"), listed[same.index(cand)]


def _same_metric(ann: Annotated, siblings: list) -> dict[tuple[int, str], list]:
    """The document's candidates by (unit, metric), grouped once per candidate list (not once per candidate)."""
    key = ("same_metric", id(siblings))
    hit = ann._memo.get(key)
    if hit is None or hit[0] is not siblings:
        groups: dict[tuple[int, str], list] = {}
        for c in siblings:
            groups.setdefault((id(c.unit), c.metric), []).append(c)
        hit = ann._memo[key] = [siblings, groups]
    return hit[1]


def _apart(ann: Annotated, start: int, end: int) -> bool:
    """Another figure or a comparison stands between the figures and the models."""
    return bool(ann.layer("quantity").within(start, end) or ann.layer("comparison").within(start, end))


def _listed(ann: Annotated, same: list) -> bool:
    """Between each two figures, a coordination cue and no comparison or change cue, nor a model
    ("A shipped in May, B in June": each figure stands by its own model, no list)."""
    for a, b in zip(same, same[1:]):
        start, end = a.quantity.get("unit_end", a.quantity.end), b.quantity.start
        if not ann.layer("coordination").within(start, end) or any(
                ann.layer(kind).within(start, end) for kind in config()["list_breakers"]):
            return False
    return True


def _run(mentions: list[Span], ann: Annotated, k: int, last: bool) -> list[Span]:
    """The k distinct models at the end (or start) of `mentions`, each two joined by a coordination cue."""
    models = _distinct([m.get("model") for m in mentions])
    if len(models) < k:
        return []
    firsts = {m.get("model"): m for m in mentions}
    picked = [firsts[x] for x in (models[-k:] if last else models[:k])]
    joined = all(ann.layer("coordination").within(a.end, b.start) for a, b in zip(picked, picked[1:]))
    return picked if joined else []


def _distinct(models: list[str]) -> list[str]:
    return list(dict.fromkeys(m for m in models if m))
