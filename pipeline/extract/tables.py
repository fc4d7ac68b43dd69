"""Markdown tables read as claims. A header naming models makes each column
a model and each row's first cell the metric; a header naming metrics with a
model column makes each row a model; any other table is rows of attributes
of the section's model. Each cell is then read like a clause, with the row
label and column header as its cue words."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.context import DocumentContext
from pipeline.extract.patterns import BRACKETED, DIGIT
from pipeline.extract.segments import Unit

_SLASH = re.compile(r"\s*/\s*")
_MODEL_HEADER = re.compile(r"^\W*(?:model|models|model name|模型|名称|模型名称|型号|具体型号|模型版本|name|llm)\W*$",
                           re.IGNORECASE)


@dataclass(frozen=True)
class CellPlan:
    """One cell to read: its span, the cue words around it, and the model the
    table's layout gives it (None: fall back to the section's model)."""

    start: int
    end: int
    cues: str
    model: str | None


def _cell_text(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


def _cell_models(doc: DocumentContext, span: tuple[int, int]) -> list[str]:
    return sorted({doc.resolve(m) for m in doc.mentions_in(*span)})


def _split_cell(text: str, span: tuple[int, int], cues: str, model: str | None) -> list[CellPlan]:
    """`128K / 16K` under `上下文/最大输出`: as many slash-separated values as the
    header (or row label) names things, each read with its own name."""
    names = [n.strip() for n in _SLASH.split(BRACKETED.sub(" ", cues)) if n.strip()]
    parts = list(_SLASH.finditer(text, span[0], span[1]))
    if len(names) < 2 or len(parts) + 1 != len(names):
        return [CellPlan(span[0], span[1], cues, model)]
    bounds = [span[0], *[p.start() for p in parts], span[1]]
    starts = [span[0], *[p.end() for p in parts]]
    pieces = [(starts[i], bounds[i + 1]) for i in range(len(names))]
    if not all(DIGIT.search(text, a, b) for a, b in pieces):
        return [CellPlan(span[0], span[1], cues, model)]
    return [CellPlan(a, b, name, model) for (a, b), name in zip(pieces, names)]


def plan_table(doc: DocumentContext, rows: list[Unit]) -> dict[int, list[CellPlan]]:
    """Cell plans per row unit (keyed by the row's start offset)."""
    if len(rows) < 2:
        return {}
    header, body = rows[0], rows[1:]
    header_texts = [_cell_text(doc.text, c) for c in header.cells]
    column_models = {}
    for index, span in enumerate(header.cells):
        models = _cell_models(doc, span)
        if index > 0 and len(models) == 1:
            column_models[index] = models[0]
    model_column = next((i for i, t in enumerate(header_texts) if _MODEL_HEADER.match(t)), None)
    if model_column is None and not column_models:  # the column that names one model in most rows
        width = max((len(r.cells) for r in body), default=0)
        named = [sum(1 for r in body if i < len(r.cells) and len(_cell_models(doc, r.cells[i])) == 1)
                 for i in range(min(width, 3))]
        if named and max(named) >= max(1, len(body) // 2):
            model_column = named.index(max(named))
    plans: dict[int, list[CellPlan]] = {}
    for row in body:
        cells = row.cells
        if not cells:
            continue
        label = _cell_text(doc.text, cells[0])
        row_plans = []
        if column_models:
            for index, span in enumerate(cells[1:], start=1):
                if index in column_models:  # "数据来源 | 更新时间" columns hold no model's figures
                    row_plans.extend(_split_cell(doc.text, span, label, column_models[index]))
        elif model_column is not None and model_column < len(cells):
            models = _cell_models(doc, cells[model_column])
            row_model = models[0] if len(models) == 1 else None
            if row_model is None:
                continue
            for index, span in enumerate(cells):
                if index == model_column:
                    continue
                head = header_texts[index] if index < len(header_texts) else ""
                row_plans.extend(_split_cell(doc.text, span, head, row_model))
        else:
            for index, span in enumerate(cells[1:], start=1):
                head = header_texts[index] if index < len(header_texts) else ""
                row_plans.append(CellPlan(span[0], span[1], f"{label} {head}".strip(), None))
        plans[row.start] = row_plans
    return plans
