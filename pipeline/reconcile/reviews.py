"""A reviewer's decisions as reconciliation applies them: `accept_value` sets
a fact's value, `reject_claim` takes a claim out of support, `dismiss` marks a
conflict as no real conflict. A decision names a conflict id or a claim id;
one whose target no longer exists is stale: kept and shown, never applied."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.records import Review

DECISIONS = ("accept_value", "reject_claim", "dismiss")


@dataclass
class Applied:
    """The decisions sorted by what they act on."""

    accepted: dict[str, Review] = field(default_factory=dict)  # fact key -> decision
    rejected: frozenset[str] = frozenset()  # claim ids
    dismissed: dict[str, Review] = field(default_factory=dict)  # fact key -> decision
    by_target: dict[str, list[Review]] = field(default_factory=dict)
    stale: set[str] = field(default_factory=set)  # review ids


def resolve(reviews: list[Review], fact_of_claim: dict[str, str], fact_of_conflict: dict[str, str],
            claim_values: dict[str, float | None]) -> Applied:
    """Which fact or claim each decision acts on (later decisions win); the
    ones whose target is neither a current claim nor a current conflict are stale."""
    applied = Applied()
    rejected: set[str] = set()
    for r in reviews:
        fact = fact_of_conflict.get(r.target) or fact_of_claim.get(r.target)
        if fact is None or r.decision not in DECISIONS:
            applied.stale.add(r.review_id)
            continue
        applied.by_target.setdefault(r.target, []).append(r)
        if r.decision == "accept_value":
            value = r.value if r.value is not None else claim_values.get(r.target)
            if value is None:
                applied.stale.add(r.review_id)
                continue
            applied.accepted[fact] = r.model_copy(update={"value": value})
        elif r.decision == "reject_claim":
            if r.target in fact_of_claim:
                rejected.add(r.target)
            else:
                applied.stale.add(r.review_id)  # a conflict cannot be rejected, only dismissed
        else:
            applied.dismissed[fact] = r
    applied.rejected = frozenset(rejected)
    return applied
