"""A figure stated once for several models: "Gemma 2 and Phi-3 both cost $1",
"A、B 和 C 的上下文均为 128K". When the owner attribution chose is one of a
run of models joined only by coordination cues (cues.*.yaml `coordination`)
and punctuation, the run stands before the figure with no other model
between, and the unit holds no other figure of the same metric (that would
be a "respectively" list or a comparison), every model of the run owns it."""
from __future__ import annotations

from pipeline.extract.v2.candidates import Candidate
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.owner_cues import _same_metric
from pipeline.extract.v2.spans import Span


def shared_owners(ann: Annotated, cand: Candidate, owner: str, siblings: list[Candidate]) -> list[str]:
    """The other models that share the candidate's figure with `owner` (usually none)."""
    unit, q = cand.unit, cand.quantity
    if unit.type == "cell" or ann.layer("respectively").within(unit.start, unit.end):
        return []
    if any(c is not cand and c.value != cand.value for c in _same_metric(ann, siblings).get((id(unit), cand.metric), ())):
        return []  # (the unit's candidates of the metric, grouped once: not every candidate's, per candidate)
    run = _last_run(ann, ann.layer("model").within(unit.start, q.start))
    models = list(dict.fromkeys(m.get("model") for m in run))
    if len(models) < 2 or owner not in models or _compared(ann, unit, run[0]):
        return []
    return [m for m in models if m != owner]


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
