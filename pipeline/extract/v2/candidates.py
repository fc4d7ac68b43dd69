"""Candidate annotator: each quantity typed by the best rule it matches
(highest priority, then nearest evidence), unless a blocker stands near it;
its value normalised to the metric's unit, its qualifiers set by the
qualifier rules. A candidate is a claim still waiting for its owner."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipeline.extract.lexicon import lexicon
from pipeline.extract.v2.data import config
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.rules import Condition, Evidence, Rule, all_rules, blockers, enabled, find_evidence, qualifier_rules
from pipeline.extract.v2.spans import Span



@dataclass(slots=True)
class Candidate:
    quantity: Span
    unit: Span
    metric: str
    value: float | str
    high: float | None
    rule: str
    evidence: list[Evidence]
    qualifiers: dict = field(default_factory=dict)


@dataclass
class Switches:
    """Which rules, blockers and qualifier rules run (all enabled in config.yaml by default)."""

    disabled: set[str] | None = None
    only: set[str] | None = None


def annotate_candidates(ann: Annotated, switches: Switches | None = None) -> list[Candidate]:
    """Typed figures; then, over the figures left bare, the rules that read an earlier
    figure's metric (a `figure` span: "A gives 200,000 tokens of context; B gives 128,000")."""
    switches = switches or Switches()
    only = switches.only
    rules = sorted(enabled(all_rules(), switches.disabled), key=lambda r: -r.priority)
    context = (enabled(blockers(), switches.disabled), enabled(qualifier_rules(), switches.disabled), _rate_convention(ann))
    repeats = [r for r in rules if _reads_figures(r) and (only is None or r.id in only)]
    # (a figure-reading rule tested alone still reads the figures the other rules type)
    out = _typed(ann, [r for r in rules if not _reads_figures(r) and (only is None or repeats or r.id in only)], context, set())
    if repeats and out:
        said = set(config().get("figure_evidence") or ())
        ann.add("figure", [Span(c.quantity.start, c.quantity.get("unit_end", c.quantity.end), "figure",
                                {"metric": c.metric, "word": c.metric}) for c in out
                           if all(e.where in said for e in c.evidence)])
        out = sorted(out + _typed(ann, repeats, context, {c.quantity.start for c in out}), key=lambda c: c.quantity.start)
    return [c for c in out if only is None or c.rule in only]


def _reads_figures(rule: Rule) -> bool:
    return any(c.type == "figure" for c in rule.near)


def _typed(ann: Annotated, rules: list[Rule], context: tuple, taken: set[int]) -> list[Candidate]:
    blocks, quals, convention = context
    out = []
    by_class: dict[str, list[Rule]] = {}  # each quantity class's rules, highest priority first
    for unit in ann.units:
        for q in ann.layer("quantity").within(unit.start, unit.end):
            cls = q.get("cls")
            if cls not in by_class:
                by_class[cls] = [r for r in rules if cls in r.quantity]
            chosen = _best_rule(ann, unit, q, by_class[cls]) if q.start not in taken else None
            if chosen is None:
                continue
            rule, evidence = chosen
            metric = _metric(ann, rule, q, evidence)
            if metric is None or _blocked(ann, unit, q, metric, blocks):
                continue
            value, high = _normalised(q, metric, convention, rule.emits.get("fraction_scale"))
            cand = Candidate(q, unit, metric, value, high, rule.id, evidence)
            cand.qualifiers = _qualifiers(ann, unit, q, metric, quals)
            _percentile_scale(cand)
            out.append(cand)
    return out


def _best_rule(ann: Annotated, unit: Span, q: Span, rules: list[Rule]) -> tuple[Rule, list[Evidence]] | None:
    best, best_key = None, None
    for rule in rules:  # highest priority first: a lower one cannot win once a rule matched
        if best_key is not None and rule.priority < best_key[0]:
            break
        evidence = _all_evidence(ann, unit, q, rule.near)
        if evidence is None:
            continue
        if rule.unless and any(find_evidence(ann, unit, q, c) for c in rule.unless):  # (most rules have none)
            continue
        key = (rule.priority, -sum(e.distance for e in evidence))
        if best_key is None or key > best_key:
            best, best_key = (rule, evidence), key
    return best


def _all_evidence(ann: Annotated, unit: Span, q: Span, conditions: tuple[Condition, ...]) -> list[Evidence] | None:
    """Evidence for every condition, or None as soon as one finds none."""
    out = []
    for cond in conditions:
        evidence = find_evidence(ann, unit, q, cond)
        if evidence is None:
            return None
        out.append(evidence)
    return out


def _metric(ann: Annotated, rule: Rule, q: Span, evidence: list[Evidence]) -> str | None:
    metric = rule.emits["metric"]
    if metric == "{figure}":  # the metric of the earlier figure the rule read
        return next((e.span.get("metric") for e in evidence if e.span is not None and e.span.type == "figure"), None)
    if "{benchmark}" not in metric:
        return metric
    bench = next((e.span for e in evidence if e.span is not None and e.span.type == "benchmark"), None)
    if bench is None:
        return None
    slug = ann.doc.task_benchmarks.get(bench.get("slug"), bench.get("slug")) if bench.get("task") else bench.get("slug")
    entry = lexicon().vocab.benchmark_catalogue.get(slug)
    kind = entry.kind if entry else "score"
    value = q.get("value")
    if kind == "rating" or (kind == "either" and q.get("cls") != "percent" and value > 100):
        return f"rating:{slug}"
    if q.get("cls") != "percent" and not 0 <= value <= 100:
        return None
    return f"score:{slug}"


def _applies(cond: Condition, metric: str) -> bool:
    return not cond.metrics or metric in cond.metrics or metric.split(":")[0] in cond.metrics


def _blocked(ann: Annotated, unit: Span, q: Span, metric: str, blocks: list[Condition]) -> bool:
    return any(_applies(b, metric) and _blocking(find_evidence(ann, unit, q, b), b)
               and not (b.unless and any(find_evidence(ann, unit, q, u) for u in b.unless)) for b in blocks)


def _blocking(evidence: Evidence | None, block: Condition) -> bool:
    """A blocker's cue in a column header ("Compared with rivals") counts only when
    the blocker's window reaches the header's distance: a cue that must stand
    right beside the figure ("from X", "higher than") cannot stand in the header, nor can
    one whose row says `header: false` (">> all rivals" in another cell of the row)."""
    return evidence is not None and (evidence.where != "header" or block.header and evidence.distance <= block.within)


def _qualifiers(ann: Annotated, unit: Span, q: Span, metric: str, quals: list[Condition]) -> dict:
    out = {}
    for cond in quals:
        evidence = find_evidence(ann, unit, q, cond) if _applies(cond, metric) else None
        if evidence and not _others_aside(ann, q, evidence):  # a value `=attr` copies that attribute of the evidence span ("5-shot" from a `shots` span)
            out.update({k: _evidence_value(v, evidence) for k, v in cond.sets})
    if q.get("currency") and q.get("currency") != "usd":
        out["currency"] = q.get("currency")
    return out


def _others_aside(ann: Annotated, q: Span, evidence: Evidence) -> bool:
    """The cue stands in a bracket that holds another figure but not this one: the aside
    qualifies its own figure ("$0.27 (cached: $0.07)": the cache word is the $0.07's)."""
    cue = evidence.span
    if cue is None or evidence.where in ("header", "heading"):
        return False
    b = ann.layer("bracket").covering(cue.start)
    if b is None or b.start <= q.start < b.end or cue.end > b.end:
        return False
    return any(o.start != q.start for o in ann.layer("quantity").within(b.start, b.end))


def _percentile_scale(cand: Candidate) -> None:
    """A score (not a rating) on a benchmark read on either scale (Codeforces: an Elo
    rating or a percentile) is its percentile, as v1 says in the setting."""
    slug = cand.metric.split(":", 1)[1] if cand.metric.startswith("score:") else None
    entry = lexicon().vocab.benchmark_catalogue.get(slug) if slug else None
    if entry and entry.kind == "either":
        own = cand.qualifiers.get("setting")
        cand.qualifiers["setting"] = f"{own}+percentile" if own else "percentile"


def _evidence_value(value, evidence: Evidence):
    if isinstance(value, str) and value.startswith("=") and evidence.span is not None:
        return evidence.span.get(value[1:])
    return value


def _rate_convention(ann: Annotated) -> float:
    """The per-token rate the document writes its prices in most often."""
    rates = Counter(q.get("rate") for q in ann.layer("quantity") if q.get("cls") == "money" and q.get("rate"))
    return rates.most_common(1)[0][0] if rates else float(config().get("default_rate", 1e6))


def _normalised(q: Span, metric: str, convention: float, fraction: float | None = None) -> tuple[float | str, float | None]:
    value, high = q.get("value"), q.get("high")
    if isinstance(value, str):
        return value, None
    factor = fraction if fraction and 0 < value < 1 and high is None else 1.0  # "0.853" under a benchmark: 85.3
    if q.get("cls") == "money":
        factor = q.get("factor", 1.0) * 1e6 / (q.get("rate") or convention)
    elif metric == "latency":
        factor = float(config()["time_factors"].get(q.get("cls"), 1.0))
    value = round(value * factor, 6)
    return value, (round(high * factor, 6) if high is not None else None)
