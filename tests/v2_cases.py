"""What the v2 case tests read of a paraphrased text: its (model, metric, value)
facts, and each possible owner's features for one candidate."""
from __future__ import annotations

from pipeline.extract.v2 import extract_claims as v2
from pipeline.extract.v2.candidates import annotate_candidates
from pipeline.extract.v2.pipeline import annotate, candidate_owners


def facts(text: str) -> set[tuple]:
    return {(c.model, c.metric, c.value) for c in v2(text, "case.md")}


def owners_of(text: str, value: float) -> dict[str, dict[str, float]]:
    """Each possible owner's features for the candidate with `value`."""
    ann = annotate(text, "case.md")
    for cand, owners in candidate_owners(ann, annotate_candidates(ann)):
        if cand.value == value:
            return {o.model: o.features for o in owners}
    raise AssertionError(f"no candidate with value {value} in {text!r}")


def offered(text: str) -> set[tuple]:
    """The (metric, value) candidates the rules offer, before attribution."""
    return {(c.metric, c.value) for c in annotate_candidates(annotate(text, "case.md"))}
