"""A document cut into the pieces claims are quoted from, each with its span
in the original text and the headings above it. markdown-it-py finds the
blocks (with line maps); frontmatter fields, sentences, list items, table
rows and code lines are cut from those blocks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

FRONTMATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?")
_FIELD = re.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
# sentence ends: CJK full stops always; ASCII ones before a space and a capital/CJK/quote
_SENTENCE_END = re.compile(r"[。！？](?:[”」』\"')）]*)|[!?](?=\s|$)|;\s|；|\.(?=\s+[A-Z\"'(\[\u4e00-\u9fff])|\.(?=\s*$)")
PROSE_FIELDS = {"title", "meta_title", "description", "summary", "excerpt", "subtitle", "abstract"}

_PARSER = MarkdownIt("commonmark").enable("table")


@dataclass
class Unit:
    """A quotable piece: kind is field | sentence | row | code | heading."""

    kind: str
    start: int
    end: int
    headings: tuple[str, ...] = ()
    block: int = 0  # units of one paragraph, list item, code block or table share it
    key: str | None = None  # frontmatter field name
    cells: list[tuple[int, int]] = field(default_factory=list)  # table rows
    table: int | None = None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.end()
        piece = _trim(text, cursor, stop)
        if piece[1] > piece[0]:
            pieces.append(piece)
        cursor = stop
    tail = _trim(text, cursor, end)
    if tail[1] > tail[0]:
        pieces.append(tail)
    return pieces


def _frontmatter_units(text: str, match: re.Match) -> list[Unit]:
    units = []
    body_start = match.start(1) if match.group(1) else match.end()
    body_end = match.end(1) if match.group(1) else match.end()
    for line in re.finditer(r"[^\n]*\n?", text[body_start:body_end]):
        line_start = body_start + line.start()
        raw = line.group(0).rstrip("\r\n")
        field_match = _FIELD.match(raw)
        if not raw.strip():
            continue
        key = field_match.group(1).lower() if field_match else None
        if key in PROSE_FIELDS and field_match.group(2):
            value_start = line_start + field_match.start(2)
            value_end = line_start + field_match.end(2)
            quote = text[value_start:value_end]
            if quote[:1] in "\"'" and quote[-1:] == quote[:1]:
                value_start, value_end = value_start + 1, value_end - 1
            for s, e in split_sentences(text, value_start, value_end):
                units.append(Unit("sentence", s, e, key=key, block=-1))
        else:
            s, e = _trim(text, line_start, line_start + len(raw))
            units.append(Unit("field", s, e, key=key, block=-1))
    return units


def _content_start(text: str, line_start: int, line_end: int) -> int:
    return line_start + _PREFIX.match(text, line_start, line_end).end() - line_start


def _row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cells, cursor = [], start
    line = text[start:end]
    inner_start = start + (1 if line.lstrip().startswith("|") else 0) + (len(line) - len(line.lstrip()))
    cursor = inner_start
    for i in range(inner_start, end):
        if text[i] == "|" and text[i - 1] != "\\":
            cells.append(_trim(text, cursor, i))
            cursor = i + 1
    if text[cursor:end].strip():
        cells.append(_trim(text, cursor, end))
    return cells


def segment(text: str) -> list[Unit]:
    """Every quotable unit of a markdown (or plain text) document, in order."""
    units: list[Unit] = []
    body = text
    front = FRONTMATTER.match(text)
    if front:
        units.extend(_frontmatter_units(text, front))
        # blank the frontmatter but keep its newlines so line numbers still match
        body = re.sub(r"[^\n]", " ", text[: front.end()]) + text[front.end():]
    starts = _line_starts(text)

    def line_span(line: int) -> tuple[int, int]:
        s = starts[line]
        e = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
        return s, e

    headings: dict[int, str] = {}
    tokens = _PARSER.parse(body)
    block = 0
    table_no = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.map is None:
            i += 1
            continue
        first, last = token.map
        context = tuple(headings[level] for level in sorted(headings))
        if token.type == "heading_open":
            level = int(token.tag[1])
            s, e = line_span(first)
            s = _content_start(text, s, e)
            s, e = _trim(text, s + len(token.markup), e)
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = text[s:e]
            units.append(Unit("heading", s, e, headings=context, block=block))
            block += 1
        elif token.type in ("paragraph_open", "html_block"):
            s, _ = line_span(first)
            _, e = line_span(last - 1)
            s = _content_start(text, s, e)
            for ps, pe in split_sentences(text, s, e):
                units.append(Unit("sentence", ps, pe, headings=context, block=block))
            block += 1
        elif token.type in ("fence", "code_block"):
            inner = range(first + 1, last - 1) if token.type == "fence" else range(first, last)
            for line in inner:
                s, e = line_span(line)
                s, e = _trim(text, _content_start(text, s, e), e)
                if e > s:
                    units.append(Unit("code", s, e, headings=context, block=block))
            block += 1
        elif token.type == "table_open":
            for line in range(first, last):
                if line == first + 1:
                    continue  # the |---|---| delimiter row
                s, e = _trim(text, *line_span(line))
                s = _content_start(text, s, e) if text[s] == ">" else s
                if e > s:
                    units.append(Unit("row", s, e, headings=context, block=block,
                                      cells=_row_cells(text, s, e), table=table_no))
            table_no += 1
            block += 1
            while i < len(tokens) and tokens[i].type != "table_close":
                i += 1
        i += 1
    return units
