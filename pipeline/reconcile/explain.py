"""Why two statements of one fact disagree, where the data can tell. Each
rule returns (kind, sentence) or None; the first rule that applies wins, in
the order of EXPLAINERS. The sentences are short enough for a reviewer to
check against the quotes and citations beside them."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.reconcile.statements import PRICE_METRICS, Statement, agree

SLIPS = ((1e3, "per 1K tokens"), (1e6, "per 1M tokens"))


@dataclass
class Evidence:
    """What an explanation may consult: the reference facts of the model
    (all tiers and snapshots), of other models for the same metric, and the
    models the documents involved talk about."""

    own_references: list[Statement]
    other_references: list[Statement]
    models_in_documents: set[str]


def _close(a: float | None, b: float | None, rel: float = 0.02) -> bool:
    return a is not None and b is not None and abs(a - b) <= rel * max(abs(a), abs(b))


def _label(ref: Statement) -> str:
    who = ref.snapshot or ref.model
    when = f" from {ref.valid_from.isoformat()}" if ref.valid_from else ""
    return f"{who}'s ({ref.ref_source}{when})"


def _matching(s: Statement, references: list[Statement], same_tier: bool = True) -> list[Statement]:
    return [r for r in references
            if (r.tier == s.tier or not same_tier)
            and (r.metric == s.metric or (s.metric == "price" and r.metric in PRICE_METRICS))
            and agree(s, r)]


def unit_slip(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Values 1,000 or 1,000,000 apart: a per-token figure read per 1K or per 1M."""
    numbers = [s for s in values if s.value is not None]
    for big in numbers:
        for small in numbers:
            if big is small:
                continue
            for factor, per in SLIPS:
                if _close(big.value / factor, small.value):
                    return "unit_slip", (
                        f"{big.shown()} is {small.shown()} multiplied by {factor:,.0f}: a price per token "
                        f"where {per} was meant (the quote '{(big.quote or '')[:60]}').")
        for ref in ev.own_references:
            if ref.metric in (big.metric, "price_input", "price_output") and ref.tier == big.tier:
                for factor, per in SLIPS:
                    if _close(big.value / factor, ref.value):
                        return "unit_slip", (
                            f"{big.shown()} is {_label(ref)} {ref.shown()} multiplied by {factor:,.0f}: "
                            f"a price per token where {per} was meant.")
    return None


def version_change(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Each value is true of a different snapshot or validity period."""
    matched = []
    for s in values:
        refs = [r for r in _matching(s, ev.own_references) if r.snapshot or r.valid_from]
        if not refs:
            return None
        matched.append((s, sorted(refs, key=lambda r: (r.valid_from is None, r.valid_from or 0, r.ref_source))[0]))
    periods = {(r.snapshot, r.valid_from) for _, r in matched}
    if len(periods) < 2:
        return None
    parts = [f"{s.shown()} is {_label(r)} value" for s, r in matched]
    return "version_change", "; ".join(parts) + ": the figures held at different times."


def tier_confusion(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """A value is the model's price in another tier (batch, cached, standard)."""
    for s in values:
        if s.metric not in PRICE_METRICS or _matching(s, ev.own_references):
            continue
        other = [r for r in ev.own_references if r.tier != s.tier and r.metric in PRICE_METRICS
                 and (r.metric == s.metric or s.metric == "price") and agree(s, r)]
        if other:
            ref = other[0]
            return "tier_confusion", (f"{s.shown()} is {_label(ref)} {ref.tier} price, "
                                      f"stated as the {s.tier} price.")
    return None


def eval_setting(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Scores that each match the model's score under a different evaluation
    setting, or that fall between the scores different settings give."""
    if not values[0].metric.startswith(("score:", "rating:")):  # ratings (Elo) differ by setting too
        return None
    metric = values[0].metric
    by_setting = [r for r in ev.own_references if r.metric == metric and r.setting and r.value is not None]
    matched = {r.setting for s in values for r in by_setting if not s.is_reference and agree(s, r)}
    settings = {r.setting for r in by_setting}
    spread = [r.value for r in by_setting]
    inside = spread and len(settings) >= 2 and all(
        min(spread) - 0.5 <= s.value <= max(spread) + 0.5 for s in values if s.value is not None)
    if len(matched) >= 2 or inside:
        shown = ", ".join(f"{r.setting}: {r.shown()}" for r in sorted(by_setting, key=lambda r: r.value)[:6])
        return "eval_setting", (f"{metric.split(':', 1)[1]} scores for {values[0].model} differ by evaluation "
                                f"setting ({shown}); the figures are from different settings.")
    return None


def misattribution(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """A value is another model's, one the same document also talks about."""
    for s in values:
        if s.is_reference or _matching(s, ev.own_references):
            continue
        owners = {r.model: r for r in ev.other_references
                  if r.model in ev.models_in_documents and r.metric == s.metric and agree(s, r)}
        if len(owners) == 1:
            model, ref = next(iter(owners.items()))
            return "misattribution", (f"{s.shown()} is {_label(ref)} {s.metric.replace('_', ' ')}, "
                                      f"a model the same document discusses, not {s.model}'s.")
    return None


def approximation(values: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Hedged or approximate figures that roughly agree (within 25%)."""
    numbers = [s for s in values if s.value is not None]
    if len(numbers) < 2 or not any(s.approx or s.hedged or s.bound != "eq" for s in numbers):
        return None
    low, high = min(s.value for s in numbers), max(s.value for s in numbers)
    if high and (high - low) / high <= 0.25:
        return "approximation", (f"Approximate or hedged figures ({', '.join(s.shown() for s in numbers)}) "
                                 f"within {100 * (high - low) / high:.0f}% of each other.")
    return None


EXPLAINERS = (unit_slip, version_change, tier_confusion, eval_setting, misattribution, approximation)


def explain(values: list[Statement], ev: Evidence) -> tuple[str, str]:
    for rule in EXPLAINERS:
        found = rule(values, ev)
        if found:
            return found
    return "unexplained", (f"No snapshot, unit, tier, setting or other model accounts for "
                           f"{' vs '.join(s.shown() for s in values)}.")
