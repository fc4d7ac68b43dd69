"""Text in, validated claims out. Cuts the document into units, reads each
clause with the grammar, gives every number its model (the clause's, the
sentence's, the paragraph's, the table's, the section's, the document's)
and quotes the unit it came from."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.context import DocumentContext
from pipeline.extract.grammar import ClauseReader, Context, Found, as_of_date, clauses
from pipeline.extract.lexicon import Mention, lexicon
from pipeline.extract.segments import Unit, segment
from pipeline.extract.tables import plan_table
from pipeline.schemas import Claim, Qualifiers

EXTRACTOR_VERSION = "rules-1"
_HAS_DIGIT = re.compile(r"\d")
_SIZE_VARIANT = re.compile(r"(\d+(?:\.\d+)?[BbMm])[ -]?(?:parameter )?(?:variant|version|model|size|版本|模型)", re.IGNORECASE)
_OPEN, _CLOSE = "(（[", ")）]"


def _enclosing_paren(text: str, start: int, pos: int) -> int | None:
    """Start of the innermost bracket still open at `pos`, within [start, pos)."""
    depth, opened = 0, []
    for i in range(pos - 1, start - 1, -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i
            depth -= 1
    return None


def pick_mention(text: str, found: Found, clause: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """Inside brackets naming a model, that model; else the nearest model named
    before the number in its clause; else the first named after it."""
    inside = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    if not inside:
        return None
    paren = _enclosing_paren(text, clause[0], found.start)
    if paren is not None:
        in_paren = [m for m in inside if paren < m.start < found.start]
        if in_paren:
            return in_paren[-1]
    before = [m for m in inside if m.end <= found.start]
    if before:
        return before[-1]
    return inside[0]


class Extractor:
    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source
        self.lex = lexicon()
        self.units = segment(text)
        self.doc = DocumentContext.build(text, self.units, self.lex)
        self.pending: list[tuple[Found, str, Unit]] = []

    def run(self) -> list[Claim]:
        table_plans = {}
        for table in {u.table for u in self.units if u.table is not None}:
            rows = [u for u in self.units if u.table == table]
            table_plans.update(plan_table(self.doc, rows))
        carry: dict[int, str] = {}  # block -> the model its latest unit named
        lead_in, lead_left = None, 0  # "GPT-4o pricing:" lends its model to what follows
        for index, unit in enumerate(self.units):
            mentions = self.doc.mentions[index]
            if unit.kind == "heading":
                lead_in, lead_left = None, 0
                continue
            fallback = carry.get(unit.block) or (lead_in if lead_left > 0 else None)
            lead_left -= 1
            if _HAS_DIGIT.search(self.text, unit.start, unit.end):
                if unit.kind == "row":
                    self._read_row(unit, index, table_plans.get(unit.start, []))
                else:
                    self._read_unit(unit, index, fallback)
            if mentions:
                carry[unit.block] = self.doc.primary(mentions)
                if self.text[unit.start:unit.end].rstrip("*").endswith((":", "：")):
                    lead_in, lead_left = carry[unit.block], 8
        return self._finish()

    def _cues(self, unit: Unit) -> str:
        return unit.key.replace("_", " ") if unit.kind == "field" and unit.key else ""

    def _read_unit(self, unit: Unit, index: int, fallback: str | None) -> None:
        mentions = self.doc.mentions[index]
        ctx = Context(cues=self._cues(unit), headings=unit.headings, task_benchmarks=self.doc.task_benchmarks)
        sentence = (unit.start, unit.end)
        section = self.doc.subject if unit.kind == "field" else (fallback or self.doc.context_model(unit))
        as_of = as_of_date(self.text, unit.start, unit.end)
        for clause in clauses(self.text, unit.start, unit.end):
            reader = ClauseReader(self.text, *clause, sentence, ctx, mentions, self.doc.masked[index], self.lex)
            for found in reader.read():
                model = self._model_for(found, clause, mentions, section)
                if model:
                    found.as_of = as_of
                    self.pending.append((found, model, unit))

    def _model_for(self, found: Found, clause: tuple[int, int], mentions: list[Mention],
                   section: str | None) -> str | None:
        """The clause's model; else the sentence's subject named before the
        number (a leading date may take the subject named after it); else the
        paragraph's, the section's or the document's model."""
        mention = found.model_hint or pick_mention(self.text, found, clause, mentions)
        if mention:
            return self.doc.resolve(mention)
        is_date = isinstance(found.value, str)
        earlier = [m for m in mentions if is_date or m.end <= found.start]
        model = self.doc.primary(earlier) or section
        size = _SIZE_VARIANT.search(self.text, clause[0], clause[1])
        if model and size:
            return self.doc.sibling(model, size.group(1))
        return model

    def _read_row(self, unit: Unit, index: int, plans) -> None:
        masked = self.doc.masked[index]
        for plan in plans:
            cell_mentions = [m for m in self.doc.mentions[index] if plan.start <= m.start < plan.end]
            ctx = Context(cues=plan.cues, headings=unit.headings, task_benchmarks=self.doc.task_benchmarks)
            default = plan.model or self.doc.context_model(unit)
            for clause in clauses(self.text, plan.start, plan.end):
                reader = ClauseReader(self.text, *clause, (plan.start, plan.end), ctx, cell_mentions, masked, self.lex)
                for found in reader.read():
                    mention = found.model_hint or pick_mention(self.text, found, clause, cell_mentions)
                    model = self.doc.resolve(mention) if mention else default
                    if model:
                        self.pending.append((found, model, unit))

    def _price_convention(self) -> float | None:
        """The per-token rate the document states most often for prices."""
        rates = Counter(f.rate for f, _, _ in self.pending if f.metric.startswith("price") and f.rate)
        return rates.most_common(1)[0][0] if rates else None

    def _finish(self) -> list[Claim]:
        convention = self._price_convention()
        claims, seen = [], set()
        vocab = self.lex.vocab
        for found, model, unit in self.pending:
            if found.needs_rate:
                if convention is None:
                    continue
                found.rate = convention
            value, high = found.value, found.value_high
            if found.rate:
                value, high = value * found.rate, (high * found.rate if high is not None else None)
            if isinstance(value, float):
                value = round(value, 6)
            high = round(high, 6) if high is not None else None
            key = (model, found.metric, unit.start, str(value), found.setting, found.tier)
            if key in seen:
                continue
            seen.add(key)
            qualifiers = Qualifiers(
                tier=found.tier, approx=found.approx, hedged=found.hedged, bound=found.bound,
                modality=found.modality, as_of=found.as_of, setting=found.setting,
            )
            claims.append(Claim(
                source=self.source, model=model, metric=found.metric, value=value, value_high=high,
                unit=vocab.unit_of(found.metric), qualifiers=qualifiers,
                quote=self.text[unit.start:unit.end], span=(unit.start, unit.end),
            ))
        return claims


def extract_claims(text: str, source: str) -> list[Claim]:
    """Every claim a document makes, in document order."""
    return Extractor(text, source).run()
