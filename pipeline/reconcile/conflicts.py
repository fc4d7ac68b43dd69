"""Conflicts: statements of one fact that disagree, across sources, within a
source, or with reference data. Claims stating the same value form one
position; a conflict is a pair of positions (or a position and the
reference) that disagree, explained where the data can tell."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from pipeline.reconcile.explain import Evidence, explain
from pipeline.reconcile.statements import PRICE_METRICS, Statement, agree, comparable

REFERENCE_PREFERENCE = {"official": 0, "simple-evals": 1, "litellm": 2}


@dataclass
class Conflict:
    model: str
    metric: str
    tier: str
    setting: str | None
    kind: str
    severity: str
    claims: list[Statement]
    reference: Statement | None
    explanation_kind: str
    explanation: str

    @property
    def conflict_id(self) -> str:
        key = "|".join([self.kind, self.model, self.metric, self.tier] + sorted(c.id for c in self.claims)
                       + ([self.reference.id] if self.reference else []))
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    def row(self) -> dict:
        return {
            "conflict_id": self.conflict_id, "model": self.model, "metric": self.metric, "tier": self.tier,
            "setting": self.setting, "kind": self.kind, "severity": self.severity,
            "claim_ids": [c.id for c in self.claims], "claim_values": [c.value for c in self.claims],
            "claim_texts": [c.shown() for c in self.claims],
            "reference_value": self.reference.value if self.reference else None,
            "reference_text": self.reference.shown() if self.reference else None,
            "reference_ids": [self.reference.id] if self.reference else [],
            "explanation_kind": self.explanation_kind, "explanation": self.explanation,
        }


def positions(claims: list[Statement]) -> list[list[Statement]]:
    """Claims of one fact stating the same value, grouped."""
    groups: dict[tuple, list[Statement]] = defaultdict(list)
    for c in claims:
        groups[(c.model, c.metric, c.tier, c.setting, c.value, c.value_high, c.value_text, c.bound, c.approx)].append(c)
    return list(groups.values())


def severity(a: Statement, b: Statement) -> str:
    """From the relative gap; dates from the months between them."""
    if a.value_text or b.value_text:
        months = abs(_months(a.value_text) - _months(b.value_text))
        return "low" if months <= 3 else "medium" if months <= 12 else "high"
    x, y = a.value or 0.0, b.value or 0.0
    gap = abs(x - y) / max(abs(x), abs(y), 1e-12)
    return "low" if gap < 0.10 else "medium" if gap < 0.50 else "high"


def _months(text: str | None) -> int:
    if not text:
        return 0
    parts = text.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 else 6)


def _fact_groups(claims: list[Statement]) -> dict[tuple, list[Statement]]:
    """Claims that may be compared: one model, tier and setting, and one
    metric (prices of every direction together)."""
    groups: dict[tuple, list[Statement]] = defaultdict(list)
    for c in claims:
        family = "price*" if c.metric in PRICE_METRICS else c.metric
        groups[(c.model, family, c.tier, c.setting)].append(c)
    return groups


class ConflictFinder:
    def __init__(self, claims: list[Statement], references: list[Statement], doc_models: dict[str, set[str]],
                 task_slugs: frozenset[str] = frozenset()):
        self.claims = claims
        self.task_slugs = task_slugs
        self.references = references
        self.refs_by_model: dict[str, list[Statement]] = defaultdict(list)
        self.refs_by_metric: dict[str, list[Statement]] = defaultdict(list)
        for r in references:
            self.refs_by_model[r.model].append(r)
            self.refs_by_metric[r.metric].append(r)
        self.doc_models = doc_models

    def evidence(self, statements: list[Statement]) -> Evidence:
        model, metric = statements[0].model, statements[0].metric
        metrics = PRICE_METRICS if metric in PRICE_METRICS else (metric,)
        others = [r for m in metrics for r in self.refs_by_metric[m] if r.model != model]
        talked_about = set().union(*(self.doc_models.get(s.doc_id, set()) for s in statements if s.doc_id))
        own = self.refs_by_model[model]
        if metric in PRICE_METRICS:  # a yuan price is explained by yuan prices only
            unit = statements[0].unit
            own = [r for r in own if r.unit == unit or r.metric not in PRICE_METRICS]
            others = [r for r in others if r.unit == unit]
        return Evidence(own, others, talked_about - {model})

    def references_for(self, s: Statement) -> list[Statement]:
        return [r for r in self.refs_by_model[s.model] if comparable(s, r)
                and not (s.setting and r.setting and s.setting != r.setting)]

    def find(self) -> list[Conflict]:
        found: list[Conflict] = []
        for group in _fact_groups(self.claims).values():
            found.extend(self._between_claims(positions(group)))
        for position in positions(self.claims):
            conflict = self._against_reference(position)
            if conflict:
                found.append(conflict)
        found.extend(self._between_related_tasks())
        return found

    def _between_related_tasks(self) -> list[Conflict]:
        """Scores one document gives a model for two tasks named by the same word
        (表格解读 97% vs 表格识别 99%: table-understanding vs table-recognition):
        a copy slip, or different tasks behind one word; a reviewer decides."""
        groups: dict[tuple, list[Statement]] = defaultdict(list)
        for c in self.claims:
            slug = c.metric.removeprefix("score:")
            if c.metric.startswith("score:") and slug in self.task_slugs and "-" in slug:
                groups[(c.doc_id, c.model, c.tier, c.setting, slug.split("-")[0])].append(c)
        out = []
        for (_, model, tier, setting, word), stated in groups.items():
            by_metric = {c.metric: c for c in stated}
            metrics = sorted(by_metric)
            for i, a_metric in enumerate(metrics):
                for b_metric in metrics[i + 1:]:
                    a, b = by_metric[a_metric], by_metric[b_metric]
                    if a.value is None or b.value is None or abs(a.value - b.value) <= 1.0:
                        continue
                    text = (f"{a_metric.removeprefix('score:')} ({a.shown()}) and {b_metric.removeprefix('score:')} "
                            f"({b.shown()}) are different tasks behind the word '{word}' in one document: either "
                            f"two evaluations or a copy slip; no benchmark is named, so neither can be checked.")
                    out.append(Conflict(model, f"{a_metric} vs {b_metric}", tier, setting, "within_source",
                                        severity(a, b), [a, b], None, "eval_setting", text))
        return out

    def _between_claims(self, groups: list[list[Statement]]) -> list[Conflict]:
        out = []
        undirected = [p for p in groups if p[0].metric == "price"]
        for i, p in enumerate(groups):
            for q in groups[i + 1:]:
                a, b = p[0], q[0]
                if "price" in (a.metric, b.metric) or not comparable(a, b) or agree(a, b):
                    continue
                out.append(self._conflict(p, q))
        for p in undirected:  # a price of unstated direction: wrong only if it fits neither direction
            a = p[0]
            others = [q for q in groups if q is not p]
            if not others or any(agree(a, q[0]) for q in others) or any(agree(a, r) for r in self.references_for(a)):
                continue
            same_doc = [q for q in others if {c.doc_id for c in q} & {c.doc_id for c in p}]
            slipped = [q for q in (same_doc or others) if _unit_slip_apart(a, q[0])]
            nearest = min(slipped or same_doc or others, key=lambda q: abs(_log_gap(a, q[0])))
            out.append(self._conflict(p, nearest))
        return out

    def _conflict(self, p: list[Statement], q: list[Statement]) -> Conflict:
        a, b = p[0], q[0]
        same_source = bool({c.doc_id for c in p} & {c.doc_id for c in q})
        kind, text = explain([a, b], self.evidence(p + q))
        metric = "price" if "price" in (a.metric, b.metric) else a.metric
        return Conflict(a.model, metric, a.tier, a.setting, "within_source" if same_source else "cross_source",
                        "high" if kind == "unit_slip" else severity(a, b), p + q, None, kind, text)

    def _against_reference(self, position: list[Statement]) -> Conflict | None:
        s = position[0]
        refs = self.references_for(s)
        if not refs or any(agree(s, r) for r in refs):
            return None
        slipped = [r for r in refs if _unit_slip_apart(s, r)]
        ref = self._reference_for(s, slipped or refs)
        kind, text = explain([s, ref], self.evidence(position))
        return Conflict(s.model, s.metric, s.tier, s.setting, "vs_reference",
                        "high" if kind == "unit_slip" else severity(s, ref), position, ref, kind, text)

    @staticmethod
    def _reference_for(s: Statement, refs: list[Statement]) -> Statement:
        """The most authoritative reference, valid when the claim was made if known."""
        def rank(r: Statement):
            valid = r.valid_from is not None and s.asserted is not None and r.valid_from <= s.asserted
            return (REFERENCE_PREFERENCE.get(r.ref_source, 9), r.metric != s.metric, not valid,
                    -(r.valid_from.toordinal() if r.valid_from else 0), r.snapshot is not None, r.id)
        return min(refs, key=rank)


def _unit_slip_apart(a: Statement, b: Statement) -> bool:
    if not a.value or not b.value:
        return False
    ratio = abs(a.value / b.value)
    return any(abs(ratio - f) <= 0.02 * f or abs(1 / ratio - f) <= 0.02 * f for f in (1e3, 1e6))


def _log_gap(a: Statement, b: Statement) -> float:
    import math
    if not a.value or not b.value:
        return float("inf")
    return math.log10(abs(a.value) / abs(b.value))
