"""The one shape of a claim or a reference fact inside reconciliation: a
statement of a fact (model, metric, tier, setting, currency) with the interval
of values it allows (policy.interval). Claims and reference facts are read
into it by sql/reconcile/*.sql and run.load_statements."""
from __future__ import annotations

from dataclasses import MISSING, fields, make_dataclass
from itertools import chain
from operator import itemgetter
from typing import Iterable, Sequence

from pipeline.reconcile import policy
from pipeline.records import PRICE_METRICS, Statement
from pipeline.store.sqlfiles import run_sql

_DEFAULTS = {f.name: f.default for f in fields(Statement) if f.default is not MISSING}
_RENAMED = {"claim_id": "id", "as_of": "asserted"}
FETCH_ROWS = 20_000
_FIELDS = [f.name for f in fields(Statement)]
_Filling = make_dataclass("_Filling", [(f.name, f.type) if f.default is MISSING else (f.name, f.type, f.default)
                                       for f in fields(Statement)], slots=True)
"""Statement, mutable: claim_statements fills one, then makes it a Statement (same slots, same layout)."""


def with_interval(s: Statement) -> Statement:
    """The statement with lo/hi set by the tolerance rules (policy.interval)."""
    from dataclasses import replace
    lo, hi = policy.interval(s.metric, s.value, s.value_high, s.bound, s.approx)
    return replace(s, lo=lo, hi=hi)


def statement(**fields) -> Statement:
    """A statement with its interval, built once (dataclasses.replace costs as much again per claim)."""
    lo, hi = policy.interval(fields["metric"], fields["value"], fields.get("value_high"), fields.get("bound", "eq"),
                             fields.get("approx", False))
    return Statement(**fields, lo=lo, hi=hi)


def read_statements(con, name: str, params: dict) -> list[Statement]:
    """The rows of sql/NAME.sql (statements.sql's columns, narrowed by `params`) as statements."""
    cursor = run_sql(con, name, params)
    chunks = iter(lambda: cursor.fetchmany(FETCH_ROWS), [])  # rows die chunk by chunk as statements are made
    return claim_statements([d[0] for d in cursor.description], chain.from_iterable(chunks))


def claim_statements(columns: Sequence[str], rows: Iterable[tuple]) -> list[Statement]:
    """Rows of sql/reconcile/statements.sql (its column names) as statements
    (asserted: the claim's as_of, else its document's date). Filled as a mutable twin of the frozen class
    (_Filling: the same slots, so the instance can then become a Statement): the frozen dataclass's
    per-field __setattr__ was a third of the cost of reading a batch, and the batched reconciliation
    reads every claim three times. Strings repeated across rows (documents, models, quotes) are kept
    once per call: the database returns a new string for every row; so is each figure's interval."""
    names = [_RENAMED.get(c, c) for c in columns]
    missing = [f for f in _FIELDS if f not in names]
    at = {n: i for i, n in enumerate(names + missing)}
    pick, pad = itemgetter(*(at[f] for f in _FIELDS)), tuple(_DEFAULTS.get(f) for f in missing)
    interval, out, seen, bounds = policy.interval, [], {}, {}
    get, known = seen.setdefault, bounds.get
    for values in rows:
        s = _Filling(*pick(values + pad))
        s.doc_id, s.source, s.quote = get(s.doc_id, s.doc_id), get(s.source, s.source), get(s.quote, s.quote)
        s.model, s.metric, s.unit = get(s.model, s.model), get(s.metric, s.metric), get(s.unit, s.unit)
        s.asserted = s.asserted or s.published_at
        figure = (s.metric, s.value, s.value_high, s.bound, s.approx)  # a corpus repeats few figures per metric
        found = known(figure)
        if found is None:
            found = bounds[figure] = interval(*figure)
        s.lo, s.hi = found
        s.__class__ = Statement
        out.append(s)
    return out


def agree(a: Statement, b: Statement) -> bool:
    """The tolerance rules: dates agree when one starts with the other (they
    differ only in precision); numbers when their intervals overlap."""
    if a.value_text is not None or b.value_text is not None:
        if a.value_text is None or b.value_text is None:
            return False
        return policy.dates_agree(a.value_text, b.value_text)
    if a.lo is None or b.lo is None:
        return False
    return policy.intervals_overlap((a.lo, a.hi), (b.lo, b.hi), max(abs(a.value or 0), abs(b.value or 0)))


def comparable(a: Statement, b: Statement) -> bool:
    """Statements of the same fact: same model, metric and tier; a price of
    unstated direction is compared with input and output prices; claims with
    different settings are different facts."""
    if a.model != b.model or a.tier != b.tier or (a.currency or "usd") != (b.currency or "usd"):
        return False
    if a.metric != b.metric and not (a.metric in PRICE_METRICS and b.metric in PRICE_METRICS
                                     and "price" in (a.metric, b.metric)):
        return False
    if not (a.is_reference or b.is_reference) and (a.setting or None) != (b.setting or None):
        return False
    return True
