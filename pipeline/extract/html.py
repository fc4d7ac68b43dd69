"""HTML read in place: a whole page, or a `<table>` left in markdown, cut into
the same blocks as markdown (headings, prose, tables, code) with spans into
the source itself, so every quote is the page's own text. Tags are found by
one scan; a table's rows and cells keep their source offsets (colspan and
rowspan repeat a cell's span so columns line up). Scripts are code (a price
list kept as a JavaScript object is a table in disguise: see records)."""
from __future__ import annotations

import re

_TAG = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(/?)([A-Za-z][A-Za-z0-9]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_DOCTYPE = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.S)
_SPAN_ATTR = re.compile(r"\b(colspan|rowspan)\s*=\s*[\"']?(\d{1,2})", re.IGNORECASE)
_TEXT = re.compile(r"[^\s]")
SKIPPED = {"style", "noscript", "svg", "template", "nav", "footer", "aside", "select", "option", "button", "iframe",
           "canvas", "head", "math"}
BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "main", "header", "aside", "blockquote",
         "pre", "br", "hr", "form", "fieldset", "figure", "figcaption", "details", "summary", "body", "html", "label",
         "input", "textarea", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "title", "table", "script"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "title": 1}


def is_html_document(text: str) -> bool:
    """A whole HTML page (a doctype or an <html> tag first), not markdown with tags in it."""
    return bool(_DOCTYPE.match(text[:4000]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _closing(text: str, name: str, pos: int, end: int) -> tuple[int, int]:
    """Where the element named `name` opened before `pos` closes: (inner end, outer end)."""
    depth = 1
    for tag in _TAG.finditer(text, pos, end):
        if (tag.group(2) or "").lower() != name:
            continue
        if tag.group(1):
            depth -= 1
            if depth == 0:
                return tag.start(), tag.end()
        elif not tag.group(3).rstrip().endswith("/"):
            depth += 1
    return end, end


def table_rows(text: str, start: int, end: int) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The rows of one `<table>` (start..end spans the table): each row's span
    and its cells' inner spans, in column order."""
    rows: list[tuple[int, int, list[tuple[int, int]]]] = []
    pending: dict[int, tuple[tuple[int, int], int]] = {}  # column -> (span, rows still to fill)
    row_start = None
    cells: list[tuple[int, int]] = []
    cell_open = None  # (inner start, colspan, rowspan)
    nested = 0

    def close_cell(at: int) -> None:
        nonlocal cell_open
        if cell_open is None:
            return
        inner, colspan, rowspan = cell_open
        span = _trim(text, inner, at)
        for _ in range(colspan):
            while len(cells) in pending:
                cells.append(_fill(len(cells)))
            if rowspan > 1:
                pending[len(cells)] = (span, rowspan - 1)
            cells.append(span)
        cell_open = None

    def _fill(column: int) -> tuple[int, int]:
        span, left = pending.pop(column)
        if left > 1:
            pending[column] = (span, left - 1)
        return span

    def close_row(at: int) -> None:
        nonlocal row_start, cells
        close_cell(at)
        if row_start is not None:
            while len(cells) in pending:
                cells.append(_fill(len(cells)))
            s, e = _trim(text, row_start, at)
            if cells:
                rows.append((s, e, cells))
        row_start, cells = None, []

    for tag in _TAG.finditer(text, start, end):
        name = (tag.group(2) or "").lower()
        closing = bool(tag.group(1))
        if name == "table":
            if tag.start() == start:
                continue
            nested += -1 if closing else 1
            continue
        if nested > 0:
            continue
        if name == "tr":
            if closing:
                close_row(tag.end())
            else:
                close_row(tag.start())
                row_start = tag.start()
        elif name in ("td", "th"):
            close_cell(tag.start())
            if not closing:
                if row_start is None:
                    row_start = tag.start()
                spans = {k.lower(): int(v) for k, v in _SPAN_ATTR.findall(tag.group(3))}
                cell_open = (tag.end(), max(1, spans.get("colspan", 1)), max(1, spans.get("rowspan", 1)))
        elif name in ("thead", "tbody", "tfoot") :
            close_row(tag.start())
    close_row(end if row_start is None else _last_close(text, start, end))
    return rows


def _last_close(text: str, start: int, end: int) -> int:
    """The end of the table's last row: just before `</table>` when it is there."""
    closing = text.rfind("</table", start, end)
    return closing if closing != -1 else end


def html_blocks(text: str, start: int, end: int, make_block, headings: dict[int, str] | None = None) -> list:
    """Blocks of an HTML region: `make_block(kind, start, end, headings, rows=None)`
    builds each (segments.Block), so this module needs no import of it."""
    blocks = []
    headings = {} if headings is None else headings
    heading_level = None
    cursor = start

    def context() -> tuple[str, ...]:
        return tuple(headings[level] for level in sorted(headings))

    def flush(at: int) -> None:
        nonlocal heading_level
        s, e = _trim(text, cursor, at)
        if e > s and _has_text(text, s, e):
            if heading_level is not None:
                inner = _inner_text_span(text, s, e)
                blocks.append(make_block("heading", inner[0], inner[1], context()))
                for level in [k for k in headings if k >= heading_level]:
                    del headings[level]
                headings[heading_level] = text[inner[0]:inner[1]]
            else:
                blocks.append(make_block("prose", s, e, context()))

    pos = start
    while True:
        tag = _TAG.search(text, pos, end)
        if tag is None:
            break
        name = (tag.group(2) or "").lower()
        if not name:  # a comment
            flush(tag.start())
            cursor = pos = tag.end()
            continue
        closing = bool(tag.group(1))
        if not closing and name not in ("html", "body", "table", "script") and _furniture(tag.group(3)):
            flush(tag.start())
            _, outer_end = _closing(text, name, tag.end(), end)
            cursor = pos = outer_end
            continue
        if name in SKIPPED and not closing:
            flush(tag.start())
            inner_end, outer_end = _closing(text, name, tag.end(), end)
            if name == "head":  # the page's title still names its subject
                title = re.search(r"<title\b[^>]*>(.*?)</title", text[tag.end():inner_end], re.S | re.I)
                if title:
                    s, e = _trim(text, tag.end() + title.start(1), tag.end() + title.end(1))
                    if e > s:
                        blocks.append(make_block("heading", s, e, context()))
                        headings[1] = text[s:e]
            cursor = pos = outer_end
            continue
        if name == "script" and not closing:
            flush(tag.start())
            inner_end, outer_end = _closing(text, name, tag.end(), end)
            if "src=" not in tag.group(3).lower() and _has_text(text, tag.end(), inner_end):
                blocks.append(make_block("code", tag.end(), inner_end, context()))
            cursor = pos = outer_end
            continue
        if name == "table" and not closing:
            flush(tag.start())
            inner_end, outer_end = _closing(text, name, tag.end(), end)
            rows = table_rows(text, tag.start(), outer_end)
            if rows:
                blocks.append(make_block("table", tag.start(), outer_end, context(), rows))
            cursor = pos = outer_end
            continue
        if name in BLOCK:
            flush(tag.start())
            heading_level = HEADINGS.get(name) if not closing else None
            cursor = tag.end()
        pos = tag.end()
    flush(end)
    return blocks


_CLASS_OR_ID = re.compile(r"\b(?:class|id)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|(\S+))", re.IGNORECASE)


def _furniture(attributes: str) -> bool:
    """An element whose class or id names page furniture (a sidebar, comments, a menu)."""
    if "=" not in attributes:
        return False
    from pipeline.extract.tables import header_rules

    for m in _CLASS_OR_ID.finditer(attributes):
        value = next(g for g in m.groups() if g is not None)
        if header_rules().html_boilerplate.search(value.replace("-", " ").replace("_", " ")):
            return True
    return False


def _has_text(text: str, start: int, end: int) -> bool:
    """Any character outside tags."""
    pos = start
    for tag in _TAG.finditer(text, start, end):
        if _TEXT.search(text, pos, tag.start()):
            return True
        pos = tag.end()
    return bool(_TEXT.search(text, pos, end))


def _inner_text_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A heading's span without the inline tags that open or close it."""
    while True:
        tag = _TAG.match(text, start, end)
        if not tag:
            break
        start = tag.end()
        while start < end and text[start].isspace():
            start += 1
    while end > start and text[end - 1] == ">":
        opening = text.rfind("<", start, end)
        if opening == -1:
            break
        end = opening
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end
