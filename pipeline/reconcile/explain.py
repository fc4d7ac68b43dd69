"""Why one value of a fact differs from the chosen one, where the data can
tell. Each rule takes the statements behind the differing value and behind
the chosen value (claims or reference facts) and returns (kind, sentence) or
None; the first rule that applies wins, in the order of EXPLAINERS. The
sentences are short enough for a reviewer to check against the quotes and
citations beside them."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Iterable

from pipeline.reconcile import policy
from pipeline.reconcile.statements import agree
from pipeline.records import PRICE_METRICS, Statement

# words that name a statistic of a quantity, or the part of it measured: two figures with different ones are
# different facts (average vs minimum, time to first token vs whole response, total vs activated parameters)
STATISTICS = {
    "average": r"\baverage\b|\bavg\b|\bmean\b|平均",
    "median": r"\bmedian\b|\bp50\b|中位",
    "tail": r"\bp9[059]\b|\bp99\b|percentile|分位",
    "minimum": r"\bmin(?:imum)?\b|as (?:little|low|fast) as|最低|最少|最快|短至|低至",
    "maximum": r"\bmax(?:imum)?\b|\bpeak\b|最高|最多|峰值",
    "total": r"\btotal\b|总计|总参数",
    "first_token": r"first[- ]token|\bTTFT\b|首\s*token|首字|首个",
    "activated": r"\bactivated\b|\bactive\b|激活",
    "non_embedding": r"non-embedding|非嵌入",
}
STATISTIC_PATTERNS = {name: re.compile(p, re.IGNORECASE) for name, p in STATISTICS.items()}
# words that say a benchmark figure holds under an evaluation protocol
SETTING_WORDS = re.compile(r"\d+\s*-?\s*shot|zero-shot|few-shot|\bCoT\b|chain[- ]of[- ]thought|思维链|pass@\d",
                           re.IGNORECASE)
# words that say a figure is one provider's or one API's
PROVIDER_WORDS = re.compile(r"\bAPI\b|\bprovider\b|\bhosted\b|\bAzure\b|\bBedrock\b|\bVertex\b|\bGroq\b|"
                            r"\bTogether\b|\bFireworks\b|官方\s*API|平台", re.IGNORECASE)
# words that say a figure changed (a new version, an extension, an upgrade)
CHANGE_WORDS = re.compile(r"\bnew version\b|\bupgraded?\b|\bnew (?:and improved )?(?-i:[A-Z])|"
                          r"\b(?:increas|extend|expand|rais|improv|cut|reduc|lower|drop|boost)\w*\b[^.]{0,40}?\bto\s+\$?\d|"
                          r"\bfrom\s+\$?\d[^.]{0,30}?\bto\s+\$?\d|→|升级|新版|扩展到|提高到|提升到|增加到|降至|降到",
                          re.IGNORECASE)
# a superset of CHANGE_WORDS for SQL (RE2): a quote it misses cannot match CHANGE_WORDS (the literal each
# alternative needs; i also as Python's case-blind match reads it, dotless); partial.py reads only these quotes
CHANGE_HINTS = r"(?i)new|upgrad|increa[sſ]|extend|expand|ra[iı][sſ]|[iı]mprov|cut|reduc|lower|drop|boo[sſ]t|from|" \
               r"→|升级|新版|扩展到|提高到|提升到|增加到|降至|降到"
# a variant named beside the model in a row label or sentence: (32k), 16K, 70B
VARIANT_TAG = re.compile(r"\(\s*(\d+(?:\.\d+)?\s*[kKbBmM])\s*\)|(?<![\w.$])(\d+(?:\.\d+)?[kKbB])(?![\w])")
# metrics that are measurements of a moving quantity (rolling medians, one provider's run)
MEASURED_METRICS = ("throughput", "latency")


@dataclass
class Evidence:
    """What an explanation may consult: the reference facts of the model (all
    tiers and snapshots) and of other models for the same metric, the models
    the documents involved talk about, every claim about the model (other
    settings, release dates per document), the claims sharing a quote, and
    the dates at which the model got new versions."""

    own_references: list[Statement]
    other_references: list[Statement]
    models_in_documents: set[str]
    own_claims: list[Statement] = field(default_factory=list)
    claims_by_quote: dict[tuple, list[Statement]] = field(default_factory=dict)
    version_dates: list[tuple[date, str]] = field(default_factory=list)
    own_index: "ClaimIndex | None" = None  # own_claims by document and by metric, shared across a model's conflicts

    @property
    def index(self) -> "ClaimIndex":
        if self.own_index is None:
            self.own_index = ClaimIndex(self.own_claims)
        return self.own_index


class ClaimIndex:
    """A model's claims by document and by metric, built once per model, so
    an explanation looks at one document's or one metric's claims instead of
    scanning every claim about the model (which grows with the corpus)."""

    def __init__(self, claims: list[Statement]):
        self.by_doc: dict[str | None, list[Statement]] = defaultdict(list)
        self.by_metric: dict[str, list[Statement]] = defaultdict(list)
        for c in claims:
            self.by_doc[c.doc_id].append(c)
            self.by_metric[c.metric].append(c)
        self._epochs: dict[str | None, tuple[set[date], bool]] = {}

    @classmethod
    def narrow(cls, by_doc: dict, by_metric: dict, epochs: dict[str | None, tuple[set[date], bool]]) -> "ClaimIndex":
        """An index of what the explanations read only (partial.py): per document the directed prices and,
        worked out already, its versions (document_versions); per metric the claims under a setting."""
        index = cls([])
        index.by_doc.update(by_doc)
        index.by_metric.update(by_metric)
        index._epochs.update(epochs)
        return index

    @staticmethod
    def epoch_of(release_dates: Iterable[str | None], quotes: Iterable[str | None]) -> tuple[set[date], bool]:
        """document_versions from a document's release-date texts and quotes (about the model)."""
        return {_as_date(t) for t in release_dates if t}, any(q and _changes(q) for q in quotes)

    def document_versions(self, doc_id: str | None) -> tuple[set[date], bool]:
        """The release dates a document gives the model, and whether it speaks of a change."""
        if doc_id not in self._epochs:
            mine = self.by_doc.get(doc_id, [])
            self._epochs[doc_id] = self.epoch_of([c.value_text for c in mine if c.metric == "release_date"],
                                                 [c.quote for c in mine])
        return self._epochs[doc_id]


class Group(list):
    """The statements of one value, with what the rules derive from them kept:
    a conflict's chosen value is compared with each dissenting value, so its
    quotes, statistics, tags and epoch are worked out once per conflict, not
    once per dissenting value (the chosen value of a large fact has thousands
    of claims). A plain list works the same, recomputed each time."""

    memo: dict


def _once(group: list, name: str, compute):
    """compute(group), remembered on a Group (per rule input: `name`)."""
    memo = getattr(group, "memo", None)
    if memo is None:
        if not isinstance(group, Group):
            return compute(group)
        memo = group.memo = {}
    if name not in memo:
        memo[name] = compute(group)
    return memo[name]


def _label(ref: Statement) -> str:
    if not ref.is_reference:
        return f"{ref.source}'s"
    who = ref.snapshot or ref.model
    when = f" from {ref.valid_from.isoformat()}" if ref.valid_from else ""
    return f"{who}'s ({ref.ref_source}{when})"


def _who(group: list[Statement]) -> str:
    names = sorted({s.source or s.ref_source or "?" for s in group})
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _matching(s: Statement, references: list[Statement], same_tier: bool = True) -> list[Statement]:
    return [r for r in references
            if (r.tier == s.tier or not same_tier)
            and (r.metric == s.metric or (s.metric == "price" and r.metric in PRICE_METRICS))
            and agree(s, r)]


def unit_slip(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """The values are a unit factor apart AND the quote shows the unit that
    slipped (per token, per 1K, 亿): a ratio alone proves nothing."""
    x, y = a[0], b[0]
    if x.value is None or y.value is None or not x.value or not y.value:
        return None
    big, small = (a, b) if abs(x.value) > abs(y.value) else (b, a)
    for factor, metrics, which, pattern, reading in policy.UNIT_SLIPS:
        if x.metric not in metrics or not policy.close_ratio(big[0].value / factor, small[0].value):
            continue
        witness = _once(big if which == "larger" else small, f"witness:{pattern.pattern}",
                        lambda g: next((s for s in g if s.quote and pattern.search(s.quote)), None))
        if witness is not None:
            return "unit_slip", (f"{big[0].shown()} is {small[0].shown()} times {factor:,.0f}: {reading} "
                                 f"(the quote '{witness.quote[:70]}').")
    return None


def _epoch(group: list[Statement], ev: Evidence) -> set[date]:
    """Which version of the model the statements speak of: a reference's
    snapshot date or validity; for a claim, the release date its document
    gives the model (when it is a version's), else the newest version its
    document could know (by its date, or any version if it speaks of an
    upgrade)."""
    versions = sorted(d for d, _ in ev.version_dates)
    if len(versions) < 2:
        return set()
    out = set()
    for s in group:
        if s.is_reference:
            start = s.valid_from or _snapshot_date(s.snapshot)
            if start:
                out.add(max((v for v in versions if v <= start), default=versions[0]))
            continue
        stated, upgrade = ev.index.document_versions(s.doc_id)
        stated = {d for d in stated if d in versions}
        if stated:
            out.add(max(stated))
            continue
        when = s.asserted
        if when is not None:
            out.add(max((v for v in versions if v <= when), default=versions[0]))
        elif upgrade:
            out.add(versions[-1])
    return out


@lru_cache(maxsize=65536)
def _changes(quote: str) -> bool:
    return bool(CHANGE_WORDS.search(quote))


def _as_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def _snapshot_date(snapshot: str | None) -> date | None:
    m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})$", snapshot or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def version_change(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """The values are true of different snapshots or times: each matches
    reference data of a different snapshot or period, and no one snapshot
    or period holds both."""
    matched = []
    for group in (a, b):
        s = group[0]
        refs = [s] if s.is_reference and (s.snapshot or s.valid_from) else \
            [r for r in _matching(s, ev.own_references) if r.snapshot or r.valid_from]
        matched.append((s, refs, {r.snapshot or ("from", r.valid_from) for r in refs}))
    (x, refs_x, periods_x), (y, refs_y, periods_y) = matched
    if periods_x and periods_y and not periods_x & periods_y:  # no one snapshot or period holds both values
        def first(refs):
            return sorted(refs, key=lambda r: (r.valid_from is None, r.valid_from or 0, r.ref_source))[0]
        return "version_change", (f"{x.shown()} is {_label(first(refs_x))} value; {y.shown()} is "
                                  f"{_label(first(refs_y))} value: the figures held at different times.")
    return None


def stated_change(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """The differing value's own quote says the figure changed (an upgrade,
    an extension, 'from X to Y'): both held, at different times."""
    for s in a:  # a quote saying the figure changed

        if s.is_reference or not s.quote:
            continue
        cue = CHANGE_WORDS.search(s.quote)
        if cue:
            return "version_change", (f"{_who([s])} says the figure changed ('{cue.group(0).strip()}' in "
                                      f"'{s.quote[:70]}'): {a[0].shown()} and {b[0].shown()} held at different "
                                      f"times.")
    return None


def dated_upgrade(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """The documents speak of different versions of the model: a dated
    upgrade without a snapshot id ('the new Claude 3.5 Sonnet', an article
    dated after the upgrade, the release date it gives the model)."""
    ea, eb = _epoch(a, ev), _once(b, "epoch", lambda g: _epoch(g, ev))
    if ea and eb and not ea & eb:
        label = dict(ev.version_dates)
        return "version_change", (
            f"{a[0].shown()} ({_who(a)}) speaks of the {' / '.join(label[d] for d in sorted(ea))} version and "
            f"{b[0].shown()} ({_who(b)}) of the {' / '.join(label[d] for d in sorted(eb))} version of {a[0].model}.")
    return None


def tier_confusion(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """A value is the model's price in another tier (batch, cached, standard)."""
    for s in (a[0], b[0]):
        if s.is_reference or s.metric not in PRICE_METRICS or _matching(s, ev.own_references):
            continue
        other = [r for r in ev.own_references if r.tier != s.tier and r.metric in PRICE_METRICS
                 and (r.metric == s.metric or s.metric == "price") and agree(s, r)]
        if other:
            ref = other[0]
            return "tier_confusion", (f"{s.shown()} is {_label(ref)} {ref.tier} price, "
                                      f"stated as the {s.tier} price.")
    return None


def _statistics(s: Statement) -> set[str]:
    return set(_statistics_of(s.quote or ""))


@lru_cache(maxsize=65536)
def _statistics_of(quote: str) -> frozenset[str]:
    """Cached by quote: a corpus repeats its quotes across the values of a fact."""
    return frozenset(name for name, p in STATISTIC_PATTERNS.items() if p.search(quote))


def eval_setting(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """The figures are different statistics or settings of one quantity:
    another modality; different statistic words (average, minimum, median,
    time to first token, activated); scores matching the model's score
    under different settings (reference data or the model's other claims);
    a quote naming a protocol or a provider the other does not."""
    x, y = a[0], b[0]
    total = _price_total(x, ev)
    if total:
        return "eval_setting", total
    if (x.modality or "text") != (y.modality or "text"):
        return "eval_setting", (f"{x.shown()} is for {x.modality or 'text'} and {y.shown()} for "
                                f"{y.modality or 'text'}: different quantities, not a contradiction.")
    sx = set().union(*(_statistics(s) for s in a))
    sy = _once(b, "statistics", lambda g: set().union(*(_statistics(s) for s in g)))
    shared_quote = {s.quote for s in a if s.quote} & _once(b, "quotes", lambda g: {s.quote for s in g if s.quote})
    if (sx or sy) and (sx != sy or (shared_quote and len(sx) >= 2)):
        return "eval_setting", (f"{x.shown()} ({', '.join(sorted(sx)) or 'unstated statistic'}) and {y.shown()} "
                                f"({', '.join(sorted(sy)) or 'unstated statistic'}) are different statistics of "
                                f"{x.metric.replace('_', ' ')}.")
    if x.metric.startswith(("score:", "rating:")):  # ratings (Elo) differ by setting too
        found = _setting_evidence(a, b, ev)
        if found:
            return "eval_setting", found
    px = [s for s in a if s.quote and _names_provider(s.quote)]
    py = bool(_once(b, "provider_quotes", lambda g: {s.quote for s in g if s.quote and _names_provider(s.quote)})
              - shared_quote)
    if px and not py:
        return "eval_setting", (f"{x.shown()} is stated for one provider or API ('{px[0].quote[:60]}'), "
                                f"{y.shown()} for the model itself.")
    return None


def _setting_evidence(a: list[Statement], b: list[Statement], ev: Evidence) -> str | None:
    metric, model = a[0].metric, a[0].model
    values = [a[0], b[0]]
    by_setting = [r for r in ev.own_references if r.metric == metric and r.setting and r.value is not None]
    ma, mb = ({r.setting for r in by_setting if not s.is_reference and agree(s, r)} for s in values)
    settings = {r.setting for r in by_setting}
    spread = [r.value for r in by_setting]
    inside = spread and len(settings) >= 2 and all(
        min(spread) - policy.SCORE_SLACK <= s.value <= max(spread) + policy.SCORE_SLACK
        for s in values if s.value is not None)
    if (ma and mb and not ma & mb) or inside:  # each value is the score under another setting
        shown = ", ".join(sorted({f"{r.setting}: {r.shown()}" for r in by_setting})[:6])
        return (f"{metric.split(':', 1)[1]} scores for {model} differ by evaluation "
                f"setting ({shown}); the figures are from different settings.")
    for s, group in ((a[0], a), (b[0], b)):
        # the chosen value's (b: one model and metric per conflict, so one index) once per conflict
        twin = _once(group, "twin", lambda g: _setting_twin(g, ev.index.by_metric.get(metric, [])))
        if twin is not None:
            return (f"{s.shown()} is {model}'s {metric.split(':', 1)[1]} score under {twin.setting} "
                    f"({twin.source}), put on another setting's label.")
    worded = next((s for s in a if _setting_cue(s.quote, s.value)), None) or _once(
        b, "worded", lambda g: next((s for s in g if _setting_cue(s.quote, s.value)), None))
    if worded is not None:
        cue = _setting_cue(worded.quote, worded.value)
        return (f"{worded.source} names an evaluation protocol ('{cue}') for {worded.shown()}: scores under "
                f"different shots or prompting differ.")
    return None


def _setting_twin(group: list[Statement], scored: list[Statement]) -> Statement | None:
    """The first of the model's claims of the metric under another setting than group[0]'s stating its value
    (not one of the group's: a set of ids, not a scan of the group per claim)."""
    s, ids = group[0], {x.id for x in group}
    return next((c for c in scored if c.setting and c.setting != s.setting and c.id not in ids and agree(c, s)), None)


@lru_cache(maxsize=65536)
def _setting_cue(quote: str | None, value: float | None) -> str | None:
    """The protocol words around a figure (cached: a corpus repeats its quotes across a fact's values)."""
    found = SETTING_WORDS.search(_around_text(quote, value))
    return found.group(0) if found else None


def _price_total(s: Statement, ev: Evidence) -> str | None:
    """A price of unstated direction that is the sum of the same document's
    input and output prices (a 'total' column), or their 3:1 blend."""
    if s.metric != "price" or s.value is None:
        return None
    same = [c for c in ev.index.by_doc.get(s.doc_id, []) if c.tier == s.tier and c.value is not None]
    inputs = [c for c in same if c.metric == "price_input"]
    outputs = [c for c in same if c.metric == "price_output"]
    for i in inputs:
        for o in outputs:
            if policy.close_ratio(i.value + o.value, s.value):
                return (f"{s.shown()} is the sum of the input ({i.shown()}) and output ({o.shown()}) prices the same "
                        f"document gives: a total, not a price per direction.")
            if policy.close_ratio((3 * i.value + o.value) / 4, s.value):
                return (f"{s.shown()} is the 3:1 blend of the input ({i.shown()}) and output ({o.shown()}) prices: "
                        f"a blended price, not a price per direction.")
    return None


@lru_cache(maxsize=65536)
def _names_provider(quote: str) -> bool:
    """Cached: a chosen value's claims share few quotes but are compared with each dissenting value."""
    return PROVIDER_WORDS.search(quote) is not None


def _tags(group: list[Statement]) -> set[str]:
    out: set[str] = set()
    for s in group:
        out |= _quote_tags(s.quote or "")
    return out


@lru_cache(maxsize=65536)
def _quote_tags(quote: str) -> frozenset[str]:
    """The variant tags in a quote's row label (or the whole quote), cached per quote."""
    label = [c for c in quote.split("|") if c.strip()][:1] if "|" in quote else [quote]
    return frozenset((m.group(1) or m.group(2)).replace(" ", "").lower()
                     for m in VARIANT_TAG.finditer(label[0] if label else ""))


def _around_text(quote: str | None, value: float | None) -> str:
    """The words that qualify a figure: in a table row, the row's label and
    the figure's own cell; in prose, the sentence."""
    quote = quote or ""
    if "|" not in quote or value is None:
        return quote
    cells = [c for c in quote.split("|") if c.strip()]
    shown = {f"{value:g}", f"{value:.1f}", f"{value:.2f}"}
    mine = [c for c in cells[1:] if any(x in c for x in shown)]
    return " ".join(cells[:1] + mine[:1])


def misattribution(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """A value is another model's: the same quote gives it to a variant of the
    model (`gpt-4-32k` beside `gpt-4`);
    its row names another variant (`GPT-4 (32k)` read as GPT-4); or reference
    data gives it to another model the same document discusses."""
    ta = _tags([s for s in a if not s.is_reference])
    tb = _once(b, "tags", lambda g: _tags([s for s in g if not s.is_reference]))
    if ta and tb and not ta & tb:
        return "misattribution", (f"{a[0].shown()} is stated for the {'/'.join(sorted(ta))} variant and "
                                  f"{b[0].shown()} for the {'/'.join(sorted(tb))} one: another model's value "
                                  f"read as {a[0].model}'s.")
    for s in a:
        if s.is_reference:
            continue
        twins = [c for c in ev.claims_by_quote.get((s.doc_id, s.quote), [])
                 if c.model.startswith(s.model + "-") and c.metric == s.metric and c.value == s.value
                 and c.value_text == s.value_text]
        if twins:
            return "misattribution", (f"{s.shown()} is stated in a quote that also gives it to {twins[0].model} "
                                      f"('{(s.quote or '')[:60]}'), read as {s.model}'s too.")
    claims = [s for s in a if not s.is_reference]
    shared = [[c for c in ev.claims_by_quote.get((s.doc_id, s.quote), []) if c.model != s.model
               and c.metric == s.metric and c.value == s.value and c.value_text == s.value_text] for s in claims]
    if claims and all(shared):  # every statement of the value gives it to another model in the same words
        other = shared[0][0]
        return "misattribution", (f"{a[0].shown()} is given to {other.model} by the same quote "
                                  f"('{(claims[0].quote or '')[:60]}'), and nowhere else to {a[0].model}.")
    for s in (a[0], b[0]):
        if s.is_reference or _matching(s, ev.own_references):
            continue
        owners = {r.model: r for r in ev.other_references
                  if r.model in ev.models_in_documents and r.metric == s.metric and agree(s, r)}
        if len(owners) == 1:
            model, ref = next(iter(owners.items()))
            return "misattribution", (f"{s.shown()} is {_label(ref)} {s.metric.replace('_', ' ')}, "
                                      f"a model the same document discusses, not {s.model}'s.")
    return None


def one_quote(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """One quote (a table row, a list item) states both figures for the model:
    they belong to different columns or conditions of that quote."""
    shared = {(s.doc_id, s.quote) for s in a if s.quote} & _once(
        b, "doc_quotes", lambda g: {(s.doc_id, s.quote) for s in g if s.quote})
    if not shared:
        return None
    quote = min(shared)[1]  # the first by document and quote: not the hash seed's choice, so runs agree
    return "eval_setting", (f"One quote states both {a[0].shown()} and {b[0].shown()} ('{quote[:70]}'): different "
                            f"columns or conditions of one statement, not one figure twice.")


def measurement(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Speeds and latencies measured by different people, at different times
    or on different providers: moving quantities, not a contradiction."""
    if a[0].metric not in MEASURED_METRICS:
        return None
    docs_a = {s.doc_id or s.ref_source for s in a}
    docs_b = _once(b, "docs", lambda g: {s.doc_id or s.ref_source for s in g})
    if docs_a == docs_b:
        return None
    return "measurement", (f"{a[0].shown()} ({_who(a)}) and {b[0].shown()} ({_who(b)}) are separate measurements "
                           f"of a moving {a[0].metric}; they need not agree.")


def approximation(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str] | None:
    """Hedged or approximate figures that roughly agree."""
    numbers = [s for s in (a[0], b[0]) if s.value is not None]
    if len(numbers) < 2 or not any(s.approx or s.hedged or s.bound != "eq" for s in numbers):
        return None
    low, high = min(s.value for s in numbers), max(s.value for s in numbers)
    if high and (high - low) / high <= policy.APPROXIMATION_SHARE:
        return "approximation", (f"Approximate or hedged figures ({', '.join(s.shown() for s in numbers)}) "
                                 f"within {100 * (high - low) / high:.0f}% of each other.")
    return None


EXPLAINERS = (unit_slip, version_change, tier_confusion, eval_setting, misattribution, stated_change, approximation,
              measurement, dated_upgrade, one_quote)
KINDS = ("unit_slip", "eval_setting", "version_change", "tier_confusion", "misattribution", "measurement",
         "approximation", "unexplained")  # also the order that breaks ties between a conflict's values


def explain(a: list[Statement], b: list[Statement], ev: Evidence) -> tuple[str, str]:
    """Why the value stated by `a` differs from the value `b` (the chosen one)."""
    for rule in EXPLAINERS:
        found = rule(a, b, ev)
        if found:
            return found
    return "unexplained", (f"No snapshot, unit, tier, setting, statistic or other model accounts for "
                           f"{a[0].shown()} vs {b[0].shown()}.")


def version_dates(references: list[Statement], claims: list[Statement]) -> dict[str, list[tuple[date, str]]]:
    """The dates each model got a new version: its snapshots' release dates
    (reference data) and the dates in its dated snapshot ids."""
    return version_dates_of(references, ((s.model, s.snapshot) for s in claims))


def version_dates_of(references: list[Statement], snapshots: Iterable[tuple[str, str | None]]
                     ) -> dict[str, list[tuple[date, str]]]:
    """version_dates from the claims' (model, snapshot) pairs alone, in the claims' order (the first
    snapshot naming a date names it): a partial run reads these pairs, not every claim of the model."""
    out: dict[str, dict[date, str]] = defaultdict(dict)
    for r in references:
        if r.metric == "release_date" and r.snapshot and _as_date(r.value_text):
            out[r.model][_as_date(r.value_text)] = r.snapshot
    # each (model, snapshot) once, in order: a later repeat never adds a date (the first naming one wins)
    for model, snapshot in dict.fromkeys([(r.model, r.snapshot) for r in references] + list(snapshots)):
        d = _snapshot_date(snapshot)
        if d and d not in out[model]:
            out[model][d] = snapshot
    return {m: sorted(v.items()) for m, v in out.items()}
