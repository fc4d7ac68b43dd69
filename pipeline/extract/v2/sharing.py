"""A figure stated once for several models: "Gemma 2 and Phi-3 both cost $1",
"A、B 和 C 的上下文均为 128K". When the owner attribution chose is one of a
run of models joined only by coordination cues (cues.*.yaml `coordination`)
and punctuation, the run stands before the figure with no other model
between (or, when no model stands before it, the run is every model after
it), and the unit holds no other figure of the same metric (that would be a
"respectively" list or a comparison), every model of the run owns it.

When no one owner is likely enough but the unit's only models form such a
run ("launching A, B and C today"), the run owns the figure if one of its
members likely does: 1 - prod(1 - p) over them reaches the threshold."""
from __future__ import annotations

import math

from pipeline.extract.v2.attribution import Owner, probability
from pipeline.extract.v2.candidates import Candidate
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.owner_cues import _same_metric, both_ref
from pipeline.extract.v2.spans import Span


def shared_owners(ann: Annotated, cand: Candidate, owner: str, siblings: list[Candidate]) -> list[str]:
    """The other models that share the candidate's figure with `owner` (usually none)."""
    unit, q = cand.unit, cand.quantity
    both = both_ref(ann, unit)  # "0.5 s for both": the two models named last
    if owner in both:
        return [m for m in both if m != owner]
    if unit.type == "cell" or ann.layer("respectively").within(unit.start, unit.end):
        return []
    if _differs(ann, cand, siblings):
        return []
    before = _last_run(ann, ann.layer("model").within(unit.start, q.start))
    after = ann.layer("model").within(q.end, unit.end)  # "launching today: A, B and C", when it is all the unit names
    for run in (before, after if before == [] and _last_run(ann, after) == after else []):
        models = list(dict.fromkeys(m.get("model") for m in run))
        if len(models) >= 2 and owner in models and not _compared(ann, unit, run[0]):
            return [m for m in models if m != owner]
    return []


def _differs(ann: Annotated, cand: Candidate, siblings: list[Candidate]) -> bool:
    """The unit holds another figure of the same metric (a "respectively" list or a
    comparison); the unit's candidates of a metric are grouped once, not per candidate."""
    same = _same_metric(ann, siblings).get((id(cand.unit), cand.metric), ())
    return any(c is not cand and c.value != cand.value for c in same)


def run_owners(ann: Annotated, cand: Candidate, options: list[Owner], siblings: list[Candidate], model: dict,
               threshold: float) -> list[tuple[Owner, float]]:
    """Every member of the unit's one run of models, with the run's probability, when
    no single owner was decided but the run as a whole is likely the figure's."""
    unit = cand.unit
    if unit.type == "cell" or ann.layer("respectively").within(unit.start, unit.end):
        return []
    if _differs(ann, cand, siblings):
        return []
    mentions = ann.layer("model").within(unit.start, unit.end)
    run = _last_run(ann, mentions)
    models = list(dict.fromkeys(m.get("model") for m in run))
    by_model = {o.model: o for o in options}
    if len(models) < 2 or len(run) != len(mentions) or _compared(ann, unit, run[0]) or not all(
            m in by_model for m in models):
        return []
    p = 1.0 - math.prod(1.0 - probability(model, by_model[m].features) for m in models)
    return [(Owner(m, {**by_model[m].features, "shared": 1.0}), p) for m in models] if p >= threshold else []


def _last_run(ann: Annotated, mentions: list[Span]) -> list[Span]:
    """The last mentions joined to each other by coordination cues and punctuation only."""
    if not mentions:
        return []
    run = [mentions[-1]]
    for m in reversed(mentions[:-1]):
        if not _joined(ann, m, run[0]):
            break
        run.insert(0, m)
    return run


def _joined(ann: Annotated, a: Span, b: Span) -> bool:
    """Only coordination cues (and spaces or marks) stand between the two mentions, and at least one does."""
    if b.start <= a.end:
        return False
    cues = ann.layer("coordination").within(a.end, b.start)
    covered = {i for cue in cues for i in range(cue.start, cue.end)}
    return bool(cues) and not any(ann.text[i].isalnum() for i in range(a.end, b.start) if i not in covered)


def _compared(ann: Annotated, unit: Span, first: Span) -> bool:
    """The run is what something is compared with ("ahead of A and B"): not the figure's owners."""
    return any(ann.tokens.between(cue, first) <= 1 for cue in ann.layer("comparison").within(unit.start, first.start))
