"""Extraction v2 end to end: the annotators in order over one document
(reading text -> structure -> models and benchmarks -> cue words -> clauses
and brackets -> quantities -> candidates), then attribution and validated
claims, each saying why."""
from __future__ import annotations

from pipeline.extract.context import DocumentContext
from pipeline.extract.currency import price_unit
from pipeline.extract.deadline import Deadline
from pipeline.extract.lexicon import lexicon
from pipeline.extract.normalise import normalise
from pipeline.extract.script import as_simplified
from pipeline.extract.segments import blocks_of
from pipeline.ingest.dates import find_published
from pipeline.extract.v2.annotators import (annotate_brackets, annotate_clauses, annotate_cues, annotate_mentions,
                                            annotate_settings, annotate_sizes)
from pipeline.extract.v2.attribution import Owner, deciding, owners, probability
from pipeline.extract.v2.candidates import Candidate, Switches, annotate_candidates
from pipeline.extract.v2.data import config, cue_type_pattern, weights
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.quantities import annotate_quantities
from pipeline.extract.v2.sharing import run_owners, shared_owners
from pipeline.extract.v2.spans import Tokens
from pipeline.extract.v2.structure import annotate_structure
from pipeline.records import Claim, Qualifiers


def annotate(text: str, source: str, deadline: Deadline | None = None) -> Annotated:
    deadline = deadline or Deadline(None)
    reading, offsets = normalise(text)
    ann = Annotated(original=text, text=as_simplified(reading), offsets=offsets, source=source)
    blocks = blocks_of(ann.text)
    ann.doc = DocumentContext.build(ann.text, blocks, lexicon(), quantities=False)  # (v1's quantity marks: unread)
    today = cue_type_pattern("date_today", bounded=False)  # the date is read only for a "today" to stand for
    published = find_published(text)[0] if today is not None and today.search(ann.text) else None
    ann.published = published.isoformat() if published else None
    deadline.check()
    annotate_structure(ann, blocks)
    ann.tokens = Tokens(ann.text, [(u.start, u.end) for u in ann.units])
    for step in (annotate_mentions, annotate_cues, annotate_sizes, annotate_clauses, annotate_brackets, annotate_settings,
                 annotate_quantities):
        deadline.check()
        step(ann)
    return ann


def candidate_owners(ann: Annotated, cands: list[Candidate]) -> list[tuple[Candidate, list[Owner]]]:
    return [(c, owners(ann, c, cands)) for c in cands]


def extract_claims(text: str, source: str, deadline: Deadline | None = None, switches: Switches | None = None,
                   model: dict | None = None) -> list[Claim]:
    """Every claim v2 finds in a document, in document order."""
    ann = annotate(text, source, deadline)
    cands = annotate_candidates(ann, switches)
    model = model or weights()
    if model is None:
        raise RuntimeError("extraction v2 has no attribution weights: run `python -m pipeline train-extractor`")
    claims, seen = [], set()
    for cand, options in candidate_owners(ann, cands):
        for claim in claims_of(ann, cand, options, cands, model):
            key = (claim.model, claim.metric, str(claim.value), claim.span, claim.qualifiers.tier)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims


def claims_of(ann: Annotated, cand: Candidate, options: list[Owner], cands: list[Candidate], model: dict) -> list[Claim]:
    """The candidate's claim for the owner decided, and for the models that share its figure (sharing.py)."""
    decided = decide(model, options)
    if decided is None:  # "launching A, B and C": a run of models may own it together (sharing.py)
        threshold = model.get("threshold", config().get("threshold", 0.5))
        return list(filter(None, (to_claim(ann, cand, o, p, model)
                                  for o, p in run_owners(ann, cand, options, cands, model, threshold))))
    claim = to_claim(ann, cand, *decided, model)
    if claim is None:
        return []
    out = [claim]
    for other in shared_owners(ann, cand, decided[0].model, cands):
        shared = Owner(other, {**decided[0].features, "shared": 1.0})
        out.append(to_claim(ann, cand, shared, decided[1], model))
    return out


def decide(model: dict, options: list[Owner]) -> tuple[Owner, float] | None:
    decisive = [o for o in options if any(o.features.get(f) for f in config().get("decisive_features") or [])]
    scored = sorted(((probability(model, o.features), o) for o in decisive or options), key=lambda p: -p[0])
    if not scored or not decisive and scored[0][0] < model.get("threshold", config().get("threshold", 0.5)):
        return None
    return scored[0][1], scored[0][0]


def valid(cand: Candidate) -> bool:
    """The value lies in its metric's range; a price written with its rate ("$0.005/token")
    is taken literally however large (contract: reconciliation judges it)."""
    metric, value = cand.metric, cand.value
    entry = lexicon().vocab.metrics.get(metric.split(":")[0])
    low_high = getattr(entry, "range", None)
    if isinstance(value, str) or not low_high or (metric.startswith("price") and cand.quantity.get("rate")):
        return True
    return low_high[0] <= value <= low_high[1]


def table_setting(cand: Candidate, own: str | None) -> str | None:
    """A table cell's settings join the figure's own (as v1 reads them): the shots or
    sampling its note, row label or header writes ("5-shot", "pass@1") for a score, and
    the row's host and column's statistic for any figure; a percentile said ("p95")
    replaces the column's statistic."""
    unit = cand.unit
    if unit.type != "cell":
        return own
    shots = unit.get("score_setting")
    parts = [own] if own else ([shots] if shots and cand.metric.startswith("score:") else [])
    parts += [p for p in (unit.get("setting") or "").split(",") if p and not (own and p.startswith("stat:"))]
    return ",".join(parts) or None


def to_claim(ann: Annotated, cand: Candidate, owner: Owner, p: float, model: dict) -> Claim | None:
    if not valid(cand):
        return None
    quals = dict(cand.qualifiers)
    quals["setting"] = table_setting(cand, quals.get("setting"))
    start, end = ann.offsets.span(*cand.unit.get("quote"))
    evidence = ", ".join(f"{e.where} cue '{e.word}'" + (f" {e.distance} tokens away" if e.where != "header" else "")
                         for e in cand.evidence)
    why = (f"rule {cand.rule}" + (f" ({evidence})" if evidence else "")
           + f"; owner {owner.model} p={p:.2f}: {', '.join(deciding(model, owner.features)) or 'prior'}")
    unit = price_unit(lexicon().vocab.unit_of(cand.metric), quals.get("currency"))
    return Claim(source=ann.source, model=owner.model, metric=cand.metric, value=cand.value, value_high=cand.high,
                 unit=unit, qualifiers=Qualifiers(**quals), quote=ann.original[start:end], span=(start, end), why=why)
