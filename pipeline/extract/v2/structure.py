"""Structure annotator: the blocks markdown-it finds (with source maps, via
v1's segments.py), cut into the units claims are quoted from. Table cells
keep their header semantics (v1's tables.py plans: the column header's and
row label's words, and the model the row or column gives). Only blocks with
a digit are cut, so text without numbers costs next to nothing."""
from __future__ import annotations

import re

from pipeline.extract.numbers import YEARLESS_MONTH
from pipeline.extract.segments import Block, blocks_of, units_of
from pipeline.extract.tables import clean_header, plan_table
from pipeline.extract.v2.data import config, cue_matcher, cue_type_pattern
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.labels import is_known_benchmark
from pipeline.extract.v2.spans import Span

_LIST_MARK = re.compile(r"[ \t>]*(?:[-*+\u2022\u00b7\u25aa\u25e6\u25cf\u25a0]|\d{1,3}[.)])[ \t]+")  # a list item's marker


def annotate_structure(ann: Annotated, blocks: list[Block] | None = None) -> None:
    blocks = blocks if blocks is not None else blocks_of(ann.text)
    tables = 0
    named: list[str] = []  # models the section named so far (a heading starts a new one)
    leads: list[str] = []  # the first model of each unit that named one (its likely subject)
    lead_in = None  # the paragraph a run of list items or tables follows (lead_in_of)
    lead_text: dict[tuple[int, int], str] = {}
    for block in blocks:
        if block.kind == "heading":
            named, leads = [], []
        lead_in = lead_in_of(ann.text, block, lead_in)
        start = len(ann.units)
        if block.kind in ("table", "records"):
            if ann.doc.has_number(block.start, block.end):
                ann.units.extend(_cells(ann, block, tables))
            tables += block.kind == "table"
        elif ann.doc.has_number(block.start, block.end) or ann.doc.mentions_in(block.start, block.end):
            ann.units.extend(_sentences(ann, block, named, leads))
        if lead_in is not None and _is_led(ann.text, block):
            text = lead_text.get(lead_in) or lead_text.setdefault(lead_in, ann.text[lead_in[0]:lead_in[1]])
            for unit in ann.units[start:]:
                unit.attrs["lead_in"] = text  # (one string per lead-in: its hash is computed once)


def lead_in_of(text: str, block: Block, lead_in: tuple[int, int] | None) -> tuple[int, int] | None:
    """The lead-in line of a list or table ("Here are the scores on MMLU:", "**MATH 500**:"):
    a paragraph of running text, kept over the list items and tables that follow it; a
    heading, code or another paragraph ends it. Rules with scope `lead_in` read it."""
    if _is_led(text, block):
        return lead_in
    if (block.kind == "prose" and block.key is None or block.kind == "heading" and block.key) and _short(
            text, block, "lead_in_lines"):  # (a heading with a key: a label line over a list)
        return (block.start, block.end)
    return None


def _short(text: str, block: Block, limit: str) -> bool:
    """A block of at most config `limit` lines: a paragraph or lead-in, not a text file read as one block."""
    return text.count("\n", block.start, block.end) < int(config().get(limit, 12))


def _is_led(text: str, block: Block) -> bool:
    """A list item or a table: what a lead-in line introduces."""
    if block.kind in ("table", "records"):
        return True
    line_start = text.rfind("\n", 0, block.start) + 1
    return block.kind == "prose" and bool(_LIST_MARK.fullmatch(text, line_start, block.start)
                                          or _LIST_MARK.match(text, block.start))


def _cells(ann: Annotated, block: Block, table_no: int) -> list[Span]:
    rows = units_of(ann.text, block, table_no)
    plans = plan_table(ann.doc, rows)
    out = []
    labels = {row.start: _model_column_label(ann, row, plans.get(row.start, [])) for row in rows}
    if not any(label and is_known_benchmark(label) for label in labels.values()):
        labels = {}  # not a score table: its row labels are no benchmarks
    for row in rows:
        words = _row_words(ann, row) if block.kind == "table" else ""  # (a record's keys each type their own value)
        for plan in plans.get(row.start, []):
            if plan.end > plan.start:
                bare = not any(map(str.isalpha, ann.text[plan.start:plan.end]))
                out.append(Span(plan.start, plan.end, "cell", {
                    "quote": (row.start, row.end), "headings": row.headings, "header": f"{plan.cues} {words}".strip(),
                    "owner": plan.model, "block": block.index, "setting": plan.setting,
                    "score_setting": plan.score_setting,
                    "label": labels.get(row.start) if bare else None}))
    return out


def _model_column_label(ann: Annotated, row, row_plans: list) -> str | None:
    """The row label of a table whose columns give the models: the text of the
    cells before the first cell read, when it names no model (labels.py)."""
    if not row_plans or not all(p.model for p in row_plans):
        return None
    first = min(p.start for p in row_plans)
    cells = [(s, e) for s, e in row.cells if e <= first]
    if not cells or any(ann.doc.mentions_in(s, e) for s, e in cells):
        return None
    text = " ".join(clean_header(ann.text[s:e]) for s, e in cells).strip()
    return text if any(map(str.isalpha, text)) else None


def _row_words(ann: Annotated, row) -> str:
    """The words of a row's cells that hold no figure (a label cell such as 'input' beside two prices) type its figures."""
    cells = [ann.text[s:e].strip(" *`").replace("_", " ") for s, e in row.cells]
    return " ".join(c for c in cells[1:] if c and not any(map(str.isdigit, c)))  # (map: no Python frame per character)


def _sentences(ann: Annotated, block: Block, named: list[str], leads: list[str]) -> list[Span]:
    """Units of a prose, list, quote, code or field block; each knows the models
    its section named in earlier units (`before`)."""
    out = []
    paragraph = (block.start, block.end) if block.kind == "prose" and _short(ann.text, block, "paragraph_lines") else None
    for unit in units_of(ann.text, block):
        header = (unit.key or "").replace("_", " ") if unit.kind == "field" else ""
        found = ann.doc.mentions_in(unit.start, unit.end)  # read once for the uses below
        if (ann.doc.has_number(unit.start, unit.end) or _today_with_model(ann, unit, found)
                or _month_with_model(ann, unit, found)):
            out.append(Span(unit.start, unit.end, "field" if unit.kind == "field" else "sentence", {"kind": unit.kind,
                "quote": (unit.start, unit.end), "headings": unit.headings, "header": header,
                "owner": None, "block": block.index, "before": tuple(named), "paragraph": paragraph,
                "lead": leads[-1] if leads else None}))
        mentioned = [ann.doc.resolve(m) for m in found if not _compared(ann.text, m.start)]
        named.extend(mentioned)
        leads.extend(mentioned[:1])
    return out


def _compared(text: str, start: int) -> bool:
    """A model named right after a comparison word ("3x faster than V2", "比 V2 快") is only what
    another is measured against: the text does not go on about it, so it is no section's model
    or lead for the units after it."""
    pattern = cue_type_pattern("comparison")
    window = text[max(0, start - 16):start].rstrip()
    return pattern is not None and bool(window) and any(m.end() == len(window) for m in pattern.finditer(window))


def _today_with_model(ann: Annotated, unit, mentions: list) -> bool:
    """A dated document's sentence that names a model (`mentions`: the unit's) and says "today"
    (a release on the date line)."""
    if not ann.published or not mentions:
        return False
    today = cue_type_pattern("date_today")  # the matcher below only where a "today" word may be
    if today is None or not today.search(ann.text, unit.start, unit.end):
        return False
    return any(kind == "date_today" for _, _, kind in cue_matcher().find(ann.text, unit.start, unit.end))


def _month_with_model(ann: Annotated, unit, mentions: list) -> bool:
    """A dated document's sentence that names a model (`mentions`: the unit's) and a month with no year
    ("shipped X in May")."""
    if not ann.doc.dated or not mentions:
        return False
    return YEARLESS_MONTH.search(ann.text, unit.start, unit.end) is not None
