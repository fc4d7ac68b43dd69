"""Attribution: which model owns a candidate. The possible owners (models
named in its unit, the table row's or column's model, the heading's model,
the document's subject, the model the paragraph named before) each get named
features; a logistic regression trained on labelled articles
(train.py, weights in data/weights.json) scores them, and the best owner
above the threshold takes the claim. The same score says "no claim" when no
owner is likely enough."""
from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.extract.v2.candidates import Candidate
from pipeline.extract.v2.data import config
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.owner_cues import _same_metric, both_ref, list_order, section_features, sentence_features
from pipeline.extract.v2.spans import Span


@dataclass(slots=True)
class Owner:
    model: str
    features: dict[str, float]


def owners(ann: Annotated, cand: Candidate, siblings: list[Candidate]) -> list[Owner]:
    unit, q = cand.unit, cand.quantity
    mentions = ann.layer("model").within(unit.start, unit.end)
    models = list(dict.fromkeys(m.get("model") for m in mentions))
    found: dict[str, dict[str, float]] = {}
    for m in mentions:
        feats = found.setdefault(m.get("model"), {})
        _merge(feats, _mention_features(ann, unit, q, m, mentions))
        _merge(feats, sentence_features(ann, unit, q, m, mentions))
    for model, feats in found.items():
        feats["respectively"] = _respectively(ann, cand, siblings, models, model)
    paired = list_order(ann, cand, siblings, mentions)
    if paired:
        found.setdefault(paired[1], {})[paired[0]] = 1.0
    for model in both_ref(ann, unit):
        found.setdefault(model, {})["both_ref"] = 1.0
    for flag, model in _context_owners(ann, unit):
        if model:
            found.setdefault(model, {})[flag] = 1.0
    out = []
    shared = _candidate_features(ann, cand, models)  # the same for every owner: computed once
    for model, feats in found.items():
        feats.update(shared)
        feats.update(_owner_features(ann, models, model))
        feats.update(section_features(cand.unit, models, model))
        _pronoun_antecedent(feats)
        out.append(Owner(model, feats))
    return out


def _pronoun_antecedent(feats: dict[str, float]) -> None:
    """"It costs $5": which earlier model the pronoun subject points back to (context flag x pronoun)."""
    if feats.get("pronoun_unit"):
        for flag in config()["antecedent_flags"]:
            if feats.get(flag):
                feats[f"pronoun+{flag}"] = 1.0


def _merge(feats: dict[str, float], new: dict[str, float]) -> None:
    for key, value in new.items():
        feats[key] = max(feats.get(key, 0.0), value)


def _mention_features(ann: Annotated, unit: Span, q: Span, m: Span, mentions: list[Span]) -> dict[str, float]:
    end = q.get("unit_end", q.end)
    before = [x for x in mentions if x.end <= q.start]
    after = [x for x in mentions if x.start >= end]
    clause = ann.layer("clause").covering(q.start)
    gap = ann.tokens.between(m, Span(q.start, end, "q"))
    return {
        "same_clause": float(bool(clause) and clause.start <= m.start < clause.end),
        "same_unit": 1.0,
        "in_cell_text": float(unit.type == "cell"),
        "before": float(m.end <= q.start),
        "after": float(m.start >= end),
        "proximity": 1.0 / (1.0 + gap),
        "nearest_before": float(bool(before) and before[-1] is m),
        "nearest_after": float(bool(after) and after[0] is m),
        "first_in_unit": float(mentions[0] is m),
        "bracket_shared": _bracket_shared(ann, q, m),
        "bracket_after_owner": _bracket_after(ann, q, m),
        "for_owner": _for_owner(ann, end, m),
        "compared": _compared(ann, unit, m),
        "family": float(bool(m.get("family"))),
    }


def _bracket_shared(ann: Annotated, q: Span, m: Span) -> float:
    b = ann.layer("bracket").covering(q.start)
    return float(b is not None and b.start <= m.start and m.end <= b.end)


def _bracket_after(ann: Annotated, q: Span, m: Span) -> float:
    """"GPT-4o ($5)": the number in brackets right after the owner's name."""
    b = ann.layer("bracket").covering(q.start)
    return float(b is not None and m.end <= b.start and ann.tokens.between(m, b) <= 1)


def _for_owner(ann: Annotated, end: int, m: Span) -> float:
    """"$15 for Claude 3 Opus": a for-word right after the number, the model right after it."""
    if m.start < end:
        return 0.0
    cues = ann.layer("for_owner").within(end, m.start)
    if not cues:
        return 0.0
    first = Span(end, end, "q")
    return float(ann.tokens.between(first, cues[0]) <= 1 and ann.tokens.between(cues[0], m) <= 2)


def _compared(ann: Annotated, unit: Span, m: Span) -> float:
    for cue in ann.layer("comparison").within(unit.start, m.start):
        if ann.tokens.between(cue, m) <= 3:
            return 1.0
    return 0.0


def _respectively(ann: Annotated, cand: Candidate, siblings: list[Candidate], models: list[str], model: str) -> float:
    """With "respectively", the k-th figure of a metric goes to the k-th model named."""
    if not ann.layer("respectively").within(cand.unit.start, cand.unit.end):
        return 0.0
    same = _same_metric(ann, siblings).get((id(cand.unit), cand.metric), [])  # (grouped once per document)
    if len(same) != len(models) or len(models) < 2:
        return 0.0
    return float(same.index(cand) == models.index(model))


def _context_owners(ann: Annotated, unit: Span) -> list[tuple[str, str | None]]:
    doc = ann.doc
    heading = next((doc.heading_model(h) for h in reversed(unit.get("headings") or ()) if doc.heading_model(h)), None)
    before = unit.get("before") or ()
    return [("row_owner", unit.get("owner")), ("heading", heading), ("subject", doc.subject),
            ("carry", before[-1] if before else None), ("lead", unit.get("lead"))]


def _owner_features(ann: Annotated, models: list[str], model: str) -> dict[str, float]:
    return {"only_model": float(models == [model]), "family": float(ann.doc.is_family(model))}


def _candidate_features(ann: Annotated, cand: Candidate, models: list[str]) -> dict[str, float]:
    unit = cand.unit
    pronoun = ann.layer("pronoun").within(unit.start, unit.end)
    return {
        "pronoun_unit": float(bool(pronoun) and ann.tokens.between(Span(unit.start, unit.start, "u"), pronoun[0]) <= 1),
        "models_inv": 1.0 / (1 + len(models)),
        "is_cell": float(unit.type == "cell"),
        "is_table_owner_absent": float(unit.type == "cell" and not unit.get("owner")),
        "rule_price": float(cand.metric.startswith("price")),
        "rule_score": float(cand.metric.startswith(("score:", "rating:"))),
        "rule_date": float(isinstance(cand.value, str)),
        "evidence_header": float(any(e.where == "header" for e in cand.evidence)),
        f"rule={cand.rule}": 1.0,  # each rule's own prior of being a claim
        "price_by_convention": float(cand.metric.startswith("price") and not cand.quantity.get("rate")),
        "arithmetic_near": _near(ann, cand, "arithmetic", 4),
        "comparison_near": _near(ann, cand, "comparison", 3),
        "figures_inv": 1.0 / len(ann.layer("quantity").within(unit.start, unit.end) or [1]),
        "in_heading": float(unit.get("kind") == "heading"),
        "hedged": float(bool(cand.qualifiers.get("hedged"))),
        "date_today": float(bool(cand.quantity.get("today"))),
    }


def _near(ann: Annotated, cand: Candidate, kind: str, window: int) -> float:
    """A cue of `kind` within `window` tokens of the number, in its clause."""
    clause = ann.layer("clause").covering(cand.quantity.start) or cand.unit
    q = Span(cand.quantity.start, cand.quantity.get("unit_end", cand.quantity.end), "q")
    return float(any(ann.tokens.between(s, q) <= window for s in ann.layer(kind).within(clause.start, clause.end)))


def _coefficients(weights: dict) -> dict[str, tuple[int, float]]:
    """Each weighted feature's (position, coefficient), built once per weights dict."""
    hit = _COEF.get(id(weights))
    if hit is None or hit[0] is not weights:
        if len(_COEF) > 256:
            _COEF.clear()
        hit = (weights, {name: (i, w) for i, (name, w) in enumerate(zip(weights["features"], weights["coef"]))})
        _COEF[id(weights)] = hit
    return hit[1]


_COEF: dict[int, tuple[dict, dict[str, tuple[int, float]]]] = {}


def _terms(weights: dict, features: dict[str, float]) -> list[tuple[int, float, str]]:
    """The non-zero terms of the linear score in the weights' order (zero terms
    add nothing, so the sum is the same as over every weighted feature). The
    last few are remembered by the features dict (decide scores an owner and
    to_claim then asks what decided it)."""
    hit = _LAST_TERMS.get(id(features))
    if hit is not None and hit[0] is features and hit[1] is weights and hit[2] == len(features):
        return hit[3]
    coef = _coefficients(weights).get
    out = []
    for name, value in features.items():
        if value:
            found = coef(name)
            if found is not None:
                out.append((found[0], found[1] * value, name))
    out.sort()
    if len(_LAST_TERMS) > 64:
        _LAST_TERMS.clear()
    _LAST_TERMS[id(features)] = (features, weights, len(features), out)
    return out


_LAST_TERMS: dict[int, tuple[dict, dict, int, list]] = {}  # id(features) -> (features, weights, size, terms)


def probability(weights: dict, features: dict[str, float]) -> float:
    z = weights["intercept"] + sum(term for _, term, _ in _terms(weights, features))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def deciding(weights: dict, features: dict[str, float], n: int = 3) -> list[str]:
    """The features that pushed this owner up most."""
    parts = [(term, name) for _, term, name in _terms(weights, features)]
    decisive = [f for f in config().get("decisive_features") or [] if features.get(f)]
    return decisive + [name for value, name in sorted(parts, reverse=True)[:n] if value > 0 and name not in decisive]
