"""Conflicts, one per fact in dispute: a (model, metric, tier, setting,
currency) whose claims and reference values do not all agree. Its values are
the distinct values stated (claims agreeing within tolerance are one value),
each with its claims, documents, reference backing, whether it is the
reconciled one, and why it differs from that one (explain.py)."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.reconcile import policy
from pipeline.reconcile.explain import KINDS, ClaimIndex, Evidence, Group, explain, version_dates
from pipeline.reconcile.statements import agree, comparable
from pipeline.records import PRICE_METRICS, Statement
from pipeline.reconcile.truth import Verdict


def conflict_id(fact_key: str, claim_ids: list[str]) -> str:
    """Stable for the same fact and the same claims."""
    return hashlib.sha256("|".join([fact_key] + sorted(claim_ids)).encode()).hexdigest()[:20]


@dataclass
class Value:
    """One distinct value of a fact: the claims (or reference facts) stating it."""

    statements: list[Statement]
    references: list[Statement] = field(default_factory=list)
    chosen: bool = False
    explanation_kind: str | None = None
    explanation: str | None = None

    @property
    def first(self) -> Statement:
        return self.statements[0]

    _seen: tuple = field(default=(), init=False, repr=False, compare=False)

    @property
    def claims(self) -> list[Statement]:
        return self._derived()[0]

    @property
    def documents(self) -> list[str]:
        return self._derived()[1]

    def _derived(self) -> tuple:
        """(claims, documents), worked out again only when statements were added: sorting a large value's
        documents for every pair of values and every sort key cost more than the rest of a fact."""
        n = len(self.statements)
        if not self._seen or self._seen[0] != n:
            claims = [s for s in self.statements if not s.is_reference]
            self._seen = (n, claims, sorted({c.doc_id for c in claims}))
        return self._seen[1], self._seen[2]


@dataclass
class Conflict:
    fact_key: str
    model: str
    metric: str
    tier: str
    setting: str | None
    currency: str
    kind: str
    claims: list[Statement]
    values: list[Value]
    reference: Statement | None
    severity: str = "low"
    explanation_kind: str = "unexplained"
    explanation: str = ""
    review: str | None = None
    dismissed: bool = False
    rejected: frozenset[str] = frozenset()

    @property
    def conflict_id(self) -> str:
        return conflict_id(self.fact_key, [c.id for c in self.claims])

    def row(self) -> dict:
        return {
            "conflict_id": self.conflict_id, "fact_key": self.fact_key, "model": self.model, "metric": self.metric,
            "tier": self.tier, "setting": self.setting, "currency": self.currency, "kind": self.kind,
            "severity": self.severity, "n_values": len(self.values),
            "claim_ids": [c.id for c in self.claims], "claim_values": [c.value for c in self.claims],
            "claim_texts": shown_all(self.claims),
            "reference_value": self.reference.value if self.reference else None,
            "reference_text": self.reference.shown() if self.reference else None,
            "reference_ids": [self.reference.id] if self.reference else [],
            "explanation_kind": self.explanation_kind, "explanation": self.explanation,
            "review": self.review, "dismissed": self.dismissed,
        }

    def value_rows(self) -> list[dict]:
        cid = self.conflict_id  # a hash of every claim id: once, not once per value
        return [{
            "conflict_id": cid, "value_rank": rank, "value": v.first.value,
            "value_high": v.first.value_high, "value_text": v.first.value_text, "shown": v.first.shown(),
            "claim_ids": [c.id for c in v.claims], "doc_ids": v.documents, "n_sources": len(v.documents),
            "reference_backed": bool(v.references), "reference_ids": [r.id for r in v.references],
            "chosen": v.chosen, "rejected_claim_ids": [c.id for c in v.claims if c.id in self.rejected],
            "explanation_kind": v.explanation_kind, "explanation": v.explanation,
        } for rank, v in enumerate(self.values, start=1)]


def shown_all(statements: list[Statement]) -> list[str]:
    """Each statement's shown(), worked out once per distinct figure (a large fact repeats few figures)."""
    memo: dict[tuple, str] = {}
    out = []
    for c in statements:
        figure = (c.value, c.value_high, c.value_text, c.bound, c.approx)
        text = memo.get(figure)
        if text is None:
            text = memo[figure] = c.shown()
        out.append(text)
    return out


def group_values(statements: list[Statement]) -> list[Value]:
    """Claims agreeing within tolerance form one value: the most precise
    figure (exact, unbounded, no range) founds a value, the others join the
    first value they agree with."""
    def precision(s: Statement):
        return (s.approx, s.bound != "eq", s.value_high is not None, -len(s.value_text or ""), s.id)
    values: list[Value] = []
    homes: dict[tuple, Value] = {}  # by all agree() reads of a statement: a fact's claims repeat few figures
    for s in sorted(statements, key=precision):
        key = (s.value, s.value_text, s.lo, s.hi)
        home = homes.get(key)
        if home is None:
            home = next((v for v in values if agree(v.first, s)), None)
            if home is None:
                home = Value([s])
                values.append(home)
                if agree(s, s):  # a figure without an interval agrees with nothing, itself included
                    homes[key] = home
                continue
            homes[key] = home
        home.statements.append(s)
    return values


class ConflictFinder:
    """Finds the conflicts of every fact given the verdicts truth discovery
    reached. Pure: statements and verdicts in, conflicts out."""

    def __init__(self, claims: list[Statement], references: list[Statement], task_slugs: frozenset[str] = frozenset(),
                 claims_by_quote: dict | None = None, doc_models: dict | None = None, *,
                 versions: dict | None = None, indexes: dict[str, ClaimIndex] | None = None,
                 before_explaining=None):
        """claims_by_quote and doc_models, when given, replace the ones built
        from `claims`: a batch of models (batched.py) passes the whole corpus'.
        versions and indexes (explain.version_dates, a ClaimIndex per model), when given, too: a partial run
        (partial.py) holds only the touched facts' claims and reads the rest the explanations consult by SQL.
        before_explaining(finder, statements), when given, is called once the conflicts' values are known, with
        the dissenting values' statements (the only ones whose quotes the explanations look up)."""
        self.claims = claims
        self.task_slugs = task_slugs
        self.refs_by_model: dict[str, list[Statement]] = defaultdict(list)
        self.refs_by_metric: dict[str, list[Statement]] = defaultdict(list)
        for r in references:
            self.refs_by_model[r.model].append(r)
            self.refs_by_metric[r.metric].append(r)
        self.claims_by_model: dict[str, list[Statement]] = defaultdict(list)
        for c in claims:
            self.claims_by_model[c.model].append(c)
        self.claims_by_quote = by_document_quote(claims) if claims_by_quote is None else claims_by_quote
        self.doc_models = models_by_document(claims) if doc_models is None else doc_models
        self.versions = version_dates(references, claims) if versions is None else versions
        self.indexes: dict[str, ClaimIndex] = {} if indexes is None else indexes
        self.before_explaining = before_explaining
        self.related_docs: set[str] | None = None  # when set, related-task conflicts of these documents only

    def evidence(self, statements: list[Statement], talked_about: set[str] | None = None) -> Evidence:
        """`talked_about`: the models the statements' documents discuss, when the caller has it."""
        model, metric = statements[0].model, statements[0].metric
        metrics = PRICE_METRICS if metric in PRICE_METRICS else (metric,)
        if talked_about is None:
            talked_about = self._talked_about(statements)
        # misattribution reads other models' references only for models the documents discuss: no others
        others = [r for m in metrics for r in self.refs_by_metric[m] if r.model != model and r.model in talked_about]
        own = self.refs_by_model[model]
        if metric in PRICE_METRICS:  # a yuan price is explained by prices in yuan only
            currency = statements[0].currency or "usd"
            own = [r for r in own if (r.currency or "usd") == currency or r.metric not in PRICE_METRICS]
            others = [r for r in others if (r.currency or "usd") == currency]
        if model not in self.indexes:
            self.indexes[model] = ClaimIndex(self.claims_by_model[model])
        return Evidence(own, others, talked_about - {model}, self.claims_by_model[model],
                        self.claims_by_quote, self.versions.get(model, []), self.indexes[model])

    def _talked_about(self, statements: list[Statement]) -> set[str]:
        return set().union(*(self.doc_models.get(d, set()) for d in {s.doc_id for s in statements if s.doc_id}))

    def references_for(self, s: Statement) -> list[Statement]:
        return [r for r in self.refs_by_model[s.model] if comparable(s, r)
                and not (s.setting and r.setting and s.setting != r.setting)]

    def find(self, verdicts: list[Verdict], rejected: frozenset[str] = frozenset()) -> list[Conflict]:
        found = []
        for v in verdicts:
            conflict = (self._undirected_price(v) if v.fact.claims[0].metric == "price" else self._fact(v))
            if conflict is not None and len(conflict.values) >= 2:
                conflict.values.sort(key=lambda x: (not x.chosen, -len(x.documents), -len(x.claims), x.first.shown()))
                conflict.rejected = rejected & {c.id for c in conflict.claims}
                found.append(conflict)
        if self.before_explaining is not None:  # what explains the dissenting values, read for them only
            self.before_explaining(self, [s for c in found for x in c.values if not x.chosen for s in x.statements])
        for conflict in found:
            self._explain(conflict)
        found.extend(self._between_related_tasks())
        return found

    # -- one fact ---------------------------------------------------------
    def _fact(self, v: Verdict) -> Conflict | None:
        values = group_values(v.fact.claims)
        refs = v.fact.references
        for value in values:
            value.references = [r for r in refs if agree(value.first, r)]
        disagreeing = [(p, q) for i, p in enumerate(values) for q in values[i + 1:] if not agree(p.first, q.first)]
        against_reference = [p for p in values if not p.references and any(
            policy.reference_disputes(r.ref_source, bool(r.valid_from) or (r.snapshot is not None and r.snapshot == p.first.snapshot),
                                     len(p.documents))
            for r in self.references_for(p.first))]
        if not disagreeing and not against_reference:
            return None
        if any(set(p.documents) != set(q.documents) or len(p.documents) > 1 for p, q in disagreeing):
            kind = "cross_source"
        elif disagreeing:
            kind = "within_source"
        else:
            kind = "vs_reference"
        reference = v.reference or (self._reference_for(against_reference[0].first,
                                                         self.references_for(against_reference[0].first))
                                    if against_reference else None)
        self._mark_chosen(values, v.winner, reference)
        if reference is not None and not any(agree(x.first, reference) for x in values):
            values.append(Value([reference], [reference]))  # the reference the claims are checked against
        first = v.fact.claims[0]
        return Conflict(v.fact.key, first.model, first.metric, first.tier, first.setting, first.currency, kind,
                        list(v.fact.claims), values, reference)

    def _mark_chosen(self, values: list[Value], winner: Statement, reference: Statement | None) -> None:
        """The value agreeing with the verdict is chosen; a verdict no claim
        states (the reference, a reviewer's value) becomes a value of its own."""
        home = next((v for v in values if agree(v.first, winner)), None)
        if home is None:
            if winner.is_reference or reference is None or not agree(winner, reference):
                home = Value([winner], [winner] if winner.is_reference else [])
            else:
                home = Value([reference], [reference])
            values.append(home)
        home.chosen = True

    def _undirected_price(self, v: Verdict) -> Conflict | None:
        """A price of unstated direction is wrong only if it fits neither the
        input nor the output price (claimed or reference): its values that fit
        nothing, beside the nearest directed price (the same document's first)."""
        first = v.fact.claims[0]
        directed = [c for c in self.claims_by_model[first.model]
                    if c.metric in ("price_input", "price_output") and comparable(first, c)]
        refs = self.references_for(first)
        values = group_values(v.fact.claims)
        figures = list({(d.value, d.value_text, d.lo, d.hi): d for d in directed}.values())  # agree() reads these
        misfits = [p for p in values if not any(agree(p.first, d) for d in figures + refs)]
        if not misfits or not (directed or refs):
            return None
        docs = {c.doc_id for p in misfits for c in p.claims}
        pool = [c for c in directed if c.doc_id in docs] or directed
        comparators = group_values(pool) if pool else [Value([r]) for r in refs]
        slipped = [q for q in comparators if any(_unit_factor_apart(p.first, q.first) for p in misfits)]
        nearest = min(slipped or comparators, key=lambda q: abs(_log_gap(misfits[0].first, q.first)))
        nearest.references = [r for r in refs if agree(nearest.first, r)]
        nearest.chosen = True
        shown = misfits + [nearest]
        same_doc = {c.doc_id for c in nearest.claims} & docs
        kind = "within_source" if same_doc and all(set(p.documents) <= same_doc for p in misfits) else \
            "cross_source" if nearest.claims else "vs_reference"
        return Conflict(v.fact.key, first.model, "price", first.tier, first.setting, first.currency, kind,
                        list(v.fact.claims), shown, v.reference)

    def _explain(self, conflict: Conflict) -> None:
        """Each value against the chosen one; the conflict's kind is its main
        dissenting value's (most claims; ties in the order of KINDS); its
        severity from the largest gap to the chosen value."""
        chosen = next(v for v in conflict.values if v.chosen)
        worst = "low"
        chosen_talk = self._talked_about(chosen.statements)  # once, not per dissenting value
        compared = Group(chosen.statements)  # what the rules derive from it, worked out once per conflict
        for value in conflict.values:
            if value.chosen:
                continue
            # evidence() reads the first statement only: no copy of the chosen value's statements per value
            ev = self.evidence(value.statements[:1], chosen_talk | self._talked_about(value.statements))
            value.explanation_kind, value.explanation = explain(value.statements, compared, ev)
            gap = "high" if value.explanation_kind == "unit_slip" else severity(value.first, chosen.first)
            worst = max(worst, gap, key=policy.SEVERITY_ORDER.get)
        dissent = [v for v in conflict.values if not v.chosen]
        main = min(dissent, key=lambda v: (-len(v.claims), KINDS.index(v.explanation_kind)))
        conflict.explanation_kind = main.explanation_kind
        conflict.explanation = " ".join(f"{v.first.shown()}: {v.explanation}" for v in dissent)
        conflict.severity = worst

    def _between_related_tasks(self) -> list[Conflict]:
        """Scores one document gives a model for two tasks named by the same word
        (表格解读 97% vs 表格识别 99%: table-understanding vs table-recognition):
        a copy slip, or different tasks behind one word; a reviewer decides."""
        groups: dict[tuple, list[Statement]] = defaultdict(list)
        docs = self.related_docs
        for c in (self.claims if docs is None else [c for c in self.claims if c.doc_id in docs]):
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
                    metric = f"{a_metric} vs {b_metric}"
                    values = [Value([b], chosen=True), Value([a])]
                    values[1].explanation_kind, values[1].explanation = "eval_setting", text
                    out.append(Conflict(conflict_id(metric, [a.id, b.id]), model, metric, tier, setting, a.currency,
                                        "within_source", [a, b], values, None, severity(a, b), "eval_setting", text))
        return out

    @staticmethod
    def _reference_for(s: Statement, refs: list[Statement]) -> Statement:
        """The most authoritative reference, valid when the claim was made if known."""
        def rank(r: Statement):
            valid = r.valid_from is not None and s.asserted is not None and r.valid_from <= s.asserted
            return (policy.reference_rank(r.ref_source), r.metric != s.metric, not valid,
                    -(r.valid_from.toordinal() if r.valid_from else 0), r.snapshot is not None, r.id)
        return min(refs, key=rank)


def by_document_quote(claims: list[Statement]) -> dict[tuple, list[Statement]]:
    """The claims by (document, quote): what the misattribution explanation looks up."""
    out: dict[tuple, list[Statement]] = defaultdict(list)
    for c in claims:
        out[(c.doc_id, c.quote)].append(c)
    return out


def models_by_document(claims: list[Statement]) -> dict[str, set[str]]:
    """The models each document's claims name (the models a document discusses)."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        out[c.doc_id].add(c.model)
    return out


def severity(a: Statement, b: Statement) -> str:
    """From the relative gap; dates from the months between them."""
    if a.value_text or b.value_text:
        return policy.severity_of_months(abs(_months(a.value_text) - _months(b.value_text)))
    x, y = a.value or 0.0, b.value or 0.0
    return policy.severity_of_gap(abs(x - y) / max(abs(x), abs(y), 1e-12))


def _months(text: str | None) -> int:
    if not text:
        return 0
    parts = text.split("-")
    return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 else 6)


def _unit_factor_apart(a: Statement, b: Statement) -> bool:
    if not a.value or not b.value:
        return False
    ratio = abs(a.value / b.value)
    return any(policy.close_ratio(ratio, f) or policy.close_ratio(1 / ratio, f)
               for f, *_ in policy.UNIT_SLIPS)


def _log_gap(a: Statement, b: Statement) -> float:
    import math
    if not a.value or not b.value:
        return float("inf")
    return math.log10(abs(a.value) / abs(b.value))
