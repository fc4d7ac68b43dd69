"""A document cut into the pieces claims are quoted from, each with its span
in the original text and the headings above it. A real markdown parser
(markdown-it, through its Rust port markdown-it-pyrs for speed where it has
a wheel, else markdown-it-py: markdown_tree.py) finds the blocks: headings, paragraphs, list items, block quotes, code
blocks and tables. Sentences and code lines are cut from a block only when
it is read, so text without numbers costs next to nothing."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import accumulate

from pipeline.extract.html import html_blocks, is_html_document
from pipeline.extract.markdown_tree import parse as parse_markdown
from pipeline.extract.patterns import DIGIT

FRONTMATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+•·▪◦●■]|\d{1,3}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?")
_FIELD = re.compile(r"[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
# sentence ends: CJK full stops always; ASCII ones before a space and a capital/CJK/quote
_SENTENCE_END = re.compile(r"[。！？](?:[”」』\"')）]*)|[!?](?=\s|$)|;\s|；|\.(?=\s+[A-Z\"'(\[\u4e00-\u9fff])|\.(?=\s*$)")
_SENTENCE_MARK = re.compile(r"[。.!?！？;；,，]")
_LIST_ITEM = re.compile(r"[ \t>]*(?:[-*+•·▪◦●■]|\d{1,3}[.)])[ \t]+")
_BULLET_LINE = re.compile(r"^[ \t]*[•·▪◦●■][ \t]+", re.MULTILINE)  # bullets markdown does not know: one paragraph to it
_TITLE_END = re.compile(r"[。.!?！？;；:：,，]\s*$")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_ROW = re.compile(r"[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+(?:[ \t]*:?-{2,}:?[ \t]*)?[ \t]*")
_HTML_STRUCTURE = re.compile(r"<(?:table|script)\b", re.IGNORECASE)
# `key: 1.25` in code: a record's field ("input: 0.10, output: 0.40")
RECORD_PAIR = re.compile(r"(?<![\w\-:])[\"']?(?P<key>[A-Za-z_][A-Za-z0-9_ \-]{0,30}?)[\"']?[ \t]*[:=][ \t]*(?P<value>-?\d[\d_.,]*)(?![\w.])")
RECORD_LINES = 2  # a code block with this many lines of two or more fields holds records
LIST_LABEL = "list label"  # the key of a heading made from a short line over a list
PROSE_FIELDS = {"title", "meta_title", "description", "summary", "excerpt", "subtitle", "abstract"}

_CONTAINERS = {"root", "blockquote", "bullet_list", "ordered_list", "list_item"}


@dataclass
class Unit:
    """A quotable piece: kind is field | sentence | row | record | code | heading."""

    kind: str
    start: int
    end: int
    headings: tuple[str, ...] = ()
    block: int = 0  # units of one paragraph, list item, code block or table share it
    key: str | None = None  # frontmatter field name
    cells: list[tuple[int, int]] = field(default_factory=list)  # table rows
    table: int | None = None


@dataclass
class Block:
    """A block of the document: kind is field | prose | code | table | records | heading."""

    kind: str
    start: int
    end: int
    index: int
    headings: tuple[str, ...] = ()
    key: str | None = None
    rows: list[tuple[int, int, list[tuple[int, int]]]] = field(default_factory=list)


class CharOffsets:
    """Converts the parser's UTF-8 byte offsets into str offsets, through a
    table of line starts (ASCII lines need nothing more)."""

    def __init__(self, text: str):
        self.identity = text.isascii()
        if self.identity:
            return
        lines = text.split("\n")
        self.encoded = [line.encode("utf-8") for line in lines]
        # each line's start in bytes and in characters (a line and its "\n"), summed in C
        self.byte_starts = [0, *accumulate(len(data) + 1 for data in self.encoded)][:-1]
        self.char_starts = [0, *accumulate(len(line) + 1 for line in lines)][:-1]
        self.plain = [line.isascii() for line in lines]  # a byte is a character on this line

    def __call__(self, byte_offset: int) -> int:
        if self.identity:
            return byte_offset
        i = bisect.bisect_right(self.byte_starts, byte_offset) - 1
        within = byte_offset - self.byte_starts[i]
        if self.plain[i]:
            return self.char_starts[i] + within
        return self.char_starts[i] + len(self.encoded[i][:within].decode("utf-8", "ignore"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n":
        start += 1
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return start, end


MAX_UNIT = 3000  # characters; longer units (no real sentence is) are cut so work per figure stays bounded
_CUT_AT = (re.compile(r"[。！？!?;；.,，、]\s*"), re.compile(r"\s+"), re.compile(r"[^\w.,$]"))


def bounded(text: str, spans: list[tuple[int, int]], limit: int = MAX_UNIT) -> list[tuple[int, int]]:
    """Each span no longer than `limit`: a longer one is cut at the last sentence
    mark, else space, else non-word character inside each window (else anywhere),
    which keeps extraction linear on run-on lines and number-dense junk."""
    out = []
    for start, end in spans:
        while end - start > limit:
            cut = None
            for pattern in _CUT_AT:
                last = None
                for last in pattern.finditer(text, start + limit // 2, start + limit):
                    pass
                if last is not None and last.end() > start:
                    cut = last.end()
                    break
            cut = cut or start + limit
            out.append((start, cut))
            start = cut
        out.append((start, end))
    return out


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
    return [_trim(text, s, e) for s, e in bounded(text, pieces)]


def _frontmatter_blocks(text: str, match: re.Match) -> list[Block]:
    blocks = []
    body_start = match.start(1) if match.group(1) else match.end()
    body_end = match.end(1) if match.group(1) else match.end()
    for line in re.finditer(r"[^\n]*\n?", text[body_start:body_end]):
        line_start = body_start + line.start()
        raw = line.group(0).rstrip("\r\n")
        if not raw.strip():
            continue
        field_match = _FIELD.match(raw)
        key = field_match.group(1).lower() if field_match else None
        if key in PROSE_FIELDS and field_match.group(2):
            value_start = line_start + field_match.start(2)
            value_end = line_start + field_match.end(2)
            quote = text[value_start:value_end]
            if quote[:1] in "\"'" and quote[-1:] == quote[:1]:
                value_start, value_end = value_start + 1, value_end - 1
            blocks.append(Block("prose", value_start, value_end, len(blocks), key=key))
        else:
            s, e = _trim(text, line_start, line_start + len(raw))
            blocks.append(Block("field", s, e, len(blocks), key=key))
    return blocks


def _block_maker(blocks: list[Block]):
    def make(kind: str, start: int, end: int, headings: tuple[str, ...], rows=None) -> Block:
        return Block(kind, start, end, len(blocks), headings=headings, rows=rows or [])
    return make


def _html_region(text: str, start: int, end: int, headings: dict[int, str], blocks: list[Block]) -> None:
    """An HTML block holding a table or a script: its tables, code and text as blocks."""
    make = _block_maker(blocks)
    for block in html_blocks(text, start, end, make, headings):
        block.index = len(blocks)
        blocks.append(block)


def blocks_of(text: str) -> list[Block]:
    """Every block of a markdown (or plain text) document, in order; a whole
    HTML page is read in place (see html.py)."""
    if is_html_document(text):
        blocks: list[Block] = []
        _html_region(text, 0, len(text), {}, blocks)
        return with_records(text, blocks)
    blocks = []
    body = text
    front = FRONTMATTER.match(text)
    if front:
        blocks.extend(_frontmatter_blocks(text, front))
        # blank the frontmatter but keep its length, so offsets still match
        body = re.sub(r"[^\n]", " ", text[: front.end()]) + text[front.end():]
    tree, in_bytes = parse_markdown(body)
    to_char = CharOffsets(body) if in_bytes else int  # the parser saw `body`; its chars line up with `text`
    headings: dict[int, str] = {}
    context: tuple[str, ...] = ()  # the headings above, outermost first: rebuilt only when they change

    def visit(node) -> None:
        nonlocal headings, context
        name = node.name
        if name in _CONTAINERS:
            for child in node.children:
                visit(child)
            return
        srcmap = node.srcmap
        start, end = to_char(srcmap[0]), to_char(srcmap[1])
        if name in ("heading", "lheading"):
            inner = node.children[0].srcmap if node.children else srcmap
            s, e = _trim(text, to_char(inner[0]), to_char(inner[1]))
            level = node.meta.get("level", 1)
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = text[s:e]
            blocks.append(Block("heading", s, e, len(blocks), headings=context))
            context = _context(headings)
        elif name == "html_block" and _HTML_STRUCTURE.search(text, start, end):
            _html_region(text, start, end, headings, blocks)
            context = _context(headings)  # the region's headings go on
        elif name in ("paragraph", "text", "html_block"):
            s, e = _trim(text, start, end)
            if e > s:
                blocks.append(Block("prose", s, e, len(blocks), headings=context))
        elif name in ("fence", "code_block"):
            blocks.append(Block("code", start, end, len(blocks), headings=context))
        elif name == "table":
            rows = []
            for section in node.children:
                for row in section.children:
                    cells = [_trim(text, to_char(c.srcmap[0]), to_char(c.srcmap[1])) for c in row.children]
                    s, e = _trim(text, to_char(row.srcmap[0]), to_char(row.srcmap[1]))
                    rows.append((s, e, cells))
            blocks.append(Block("table", start, end, len(blocks), headings=context, rows=rows))

    visit(tree)
    blocks = _with_bullets(text, _with_pipe_tables(text, blocks))
    return with_records(text, _with_heading_keys(text, _with_list_labels(text, _with_plain_title(text, blocks))))


def _context(headings: dict[int, str]) -> tuple[str, ...]:
    return tuple(headings[level] for level in sorted(headings))


def pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cell spans of one pipe row; a pipe at either end of the line is a border."""
    s, e = _trim(text, start, end)
    pipes = [m.start() for m in _PIPE.finditer(text, s, e)]
    edges = [s - 1, *pipes, e]
    cells = [_trim(text, a + 1, b) for a, b in zip(edges, edges[1:])]
    if pipes and pipes[0] == s:
        cells = cells[1:]
    if pipes and pipes[-1] == e - 1:
        cells = cells[:-1]
    return cells


def _without_repeated_header(text: str, rows: list) -> list:
    """A header row repeated over each section of a table is not data: only the first is kept."""
    if len(rows) < 3:
        return rows
    head = [text[a:b] for a, b in rows[0][2]]
    return rows[:1] + [row for row in rows[1:] if [text[a:b] for a, b in row[2]] != head]


def _pipe_runs(text: str, start: int, end: int) -> list[tuple[int, int, list]]:
    """Runs of consecutive lines that each hold two or more pipes and about the
    same number of cells (one more or fewer): a table whose `|---|` row was lost
    or that follows a title line directly. Delimiter rows are skipped."""
    runs, rows, width, run_start, last_end = [], [], 0, 0, 0

    def close():
        if len(rows) >= 2:
            runs.append((run_start, last_end, rows))

    for line in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + line.start(), start + line.end()
        if len(_PIPE.findall(text, s, e)) < 2:
            close()
            rows, width = [], 0
            continue
        if _DELIMITER_ROW.fullmatch(text, s, e):
            if rows:
                last_end = e
            continue
        cells = pipe_cells(text, s, e)
        if rows and abs(len(cells) - width) > 1:
            close()
            rows = []
        if not rows:
            width, run_start = len(cells), _trim(text, s, e)[0]
        cells = (cells + [(e, e)] * width)[:width]
        rows.append((*_trim(text, s, e), cells))
        last_end = e
    close()
    return runs


def _with_pipe_tables(text: str, blocks: list[Block]) -> list[Block]:
    """Pipe tables the markdown parser missed (no delimiter row, or glued to the
    line above) are cut out of their paragraph as table blocks; a short title
    line right above one is its heading. Repeated header rows are dropped."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "table":
            block.rows = _without_repeated_header(text, block.rows)
        if block.kind != "prose" or block.key is not None or text.count("|", block.start, block.end) < 4:
            out.append(block)
            continue
        cursor, headings = block.start, block.headings
        for run_start, run_end, rows in _pipe_runs(text, block.start, block.end):
            s, e = _trim(text, cursor, run_start)
            title = headings
            if e > s:
                lead = _PREFIX.match(text, s, e).end()
                if is_label_line(text[lead:e], 80):
                    out.append(Block("heading", lead, e, 0, headings=headings))
                    title = (*headings, text[lead:e].strip("*_#:： \t"))
                else:
                    out.append(Block("prose", s, e, 0, headings=headings))
            out.append(Block("table", run_start, run_end, 0, headings=title,
                             rows=_without_repeated_header(text, rows)))
            cursor = run_end
        s, e = _trim(text, cursor, block.end)
        if cursor == block.start:
            out.append(block)
        elif e > s:
            out.append(Block("prose", s, e, 0, headings=headings))
    for i, block in enumerate(out):
        block.index = i
    return out


def _with_bullets(text: str, blocks: list[Block]) -> list[Block]:
    """A paragraph of `•` lines is a list: one block per bullet (with the lines
    that continue it), each quoted alone."""
    out: list[Block] = []
    for block in blocks:
        starts = [m.start() for m in _BULLET_LINE.finditer(text, block.start, block.end)]
        if block.kind != "prose" or block.key is not None or len(starts) < 2:
            out.append(block)
            continue
        bounds = ([block.start] if starts[0] > block.start else []) + starts + [block.end]
        for a, b in zip(bounds, bounds[1:]):
            s, e = _trim(text, a, b)
            if e > s:
                out.append(Block("prose", s, e, 0, headings=block.headings))
    for i, block in enumerate(out):
        block.index = i
    return out


def _heading_key(heading: str) -> str | None:
    """A heading that names one benchmark or one token or speed metric, and no
    model: the key of the list right under it ("### HumanEval" over "- GPT-4o: 90.2%")."""
    from pipeline.extract.cues import has_cue
    from pipeline.extract.lexicon import lexicon
    from pipeline.extract.tables import header_rules

    lex = lexicon()
    if len(heading) > 60 or lex.mentions(heading):
        return None
    slugs = {slug for _, _, slug in lex.benchmarks(heading)}
    metrics = [m for m in header_rules().heading_key_metrics if has_cue(m, heading)]
    if len(slugs) == 1 and not metrics or not slugs and len(metrics) == 1:
        return heading.strip("#*_: \t")
    return None


def _with_heading_keys(text: str, blocks: list[Block]) -> list[Block]:
    """List items that name a model, right under a heading that is their key
    (see _heading_key), are read as fields of that key."""
    from pipeline.extract.lexicon import lexicon

    keys: dict[str, str | None] = {}
    for i, block in enumerate(blocks):
        if block.kind != "prose" or block.key is not None or not block.headings or not _is_list_item(text, block):
            continue
        heading = block.headings[-1]
        if heading not in keys:
            keys[heading] = _heading_key(heading)
        if keys[heading] and DIGIT.search(text, block.start, block.end) and lexicon().mentions(text[block.start:block.end]):
            start = _PREFIX.match(text, block.start, block.end).end()
            blocks[i] = Block("field", start, block.end, block.index, headings=block.headings, key=keys[heading])
    return blocks


def record_fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The key and value spans of a code line's `key: number` fields, alternating."""
    cells = []
    for pair in RECORD_PAIR.finditer(text, start, end):
        cells.extend([pair.span("key"), pair.span("value")])
    return cells


def with_records(text: str, blocks: list[Block]) -> list[Block]:
    """A code block whose lines are records of numbered fields (a price list
    kept as a JavaScript object or a Python dict) is read like a table."""
    for i, block in enumerate(blocks):
        if block.kind != "code" or not DIGIT.search(text, block.start, block.end):
            continue
        lines = [(m.start() + block.start, m.end() + block.start) for m in re.finditer(r"[^\n]+", text[block.start:block.end])]
        if sum(len(record_fields(text, s, e)) >= 4 for s, e in lines) < RECORD_LINES:
            continue
        rows = []
        for s, e in lines:
            s, e = _trim(text, _PREFIX.match(text, s, e).end(), e)
            if e > s and not _FENCE.match(text, s, e):
                rows.append((s, e, record_fields(text, s, e)))
        blocks[i] = Block("records", block.start, block.end, block.index, headings=block.headings, rows=rows)
    return blocks


def is_label_line(line: str, longest: int) -> bool:
    """A short line with no number and no sentence mark: "Context Length", "响应速度"."""
    return len(line) <= longest and "\n" not in line and not DIGIT.search(line) and not _SENTENCE_MARK.search(line)


def _is_list_item(text: str, block: Block) -> bool:
    line_start = text.rfind("\n", 0, block.start) + 1
    return bool(_LIST_ITEM.fullmatch(text, line_start, block.start) or _LIST_ITEM.match(text, block.start))


def _with_list_labels(text: str, blocks: list[Block]) -> list[Block]:
    """A short line with no number right above a list ("响应速度", "Latency:") is
    that list's heading: its items get it as their innermost heading."""
    for i, block in enumerate(blocks[:-1]):
        line = text[block.start:block.end]
        if block.kind != "prose" or block.key or not is_label_line(line, 24):
            continue
        if _is_list_item(text, block) or not _is_list_item(text, blocks[i + 1]):
            continue
        blocks[i] = Block("heading", block.start, block.end, block.index, headings=block.headings, key=LIST_LABEL)
        label = line.strip("*_#:： \t")
        for item in blocks[i + 1:]:
            if item.kind != "prose" or not _is_list_item(text, item):
                break
            item.headings = (*item.headings, label)
    return blocks


def _with_plain_title(text: str, blocks: list[Block]) -> list[Block]:
    """A document with no headings whose first block is one short line with no
    sentence end (a plain-text article's title line) gets that line as its
    title heading, so it gives the rest of the document its subject."""
    first = next((i for i, b in enumerate(blocks) if b.kind != "field" or b.key in PROSE_FIELDS), None)
    if first is None or first + 1 >= len(blocks) or any(b.kind == "heading" for b in blocks):
        return blocks
    block = blocks[first]
    line = text[block.start:block.end]
    if block.kind != "prose" or block.key or "\n" in line or len(line) > 100 or _TITLE_END.search(line):
        return blocks
    blocks[first] = Block("heading", block.start, block.end, block.index, headings=block.headings)
    for later in blocks[first + 1:]:
        later.headings = (*later.headings, line)
    return blocks


def units_of(text: str, block: Block, table_no: int = 0) -> list[Unit]:
    """The quotable units of one block: its sentences, code lines or rows."""
    if block.kind == "field":
        return [Unit("field", block.start, block.end, block.headings, block.index, key=block.key)]
    if block.kind == "heading":
        return [Unit("heading", block.start, block.end, block.headings, block.index)]
    if block.kind in ("table", "records"):
        kind = "row" if block.kind == "table" else "record"
        return [Unit(kind, s, e, block.headings, block.index, cells=cells, table=table_no)
                for s, e, cells in block.rows]
    if block.kind == "code":
        units = []
        for line in re.finditer(r"[^\n]+", text[block.start:block.end]):
            s, e = block.start + line.start(), block.start + line.end()
            if _FENCE.match(text, s, e):
                continue
            s, e = _trim(text, _PREFIX.match(text, s, e).end(), e)
            for s, e in bounded(text, [(s, e)]):
                s, e = _trim(text, s, e)
                if e > s:
                    units.append(Unit("code", s, e, block.headings, block.index))
        return units
    start = block.start
    if block.key is None:
        start = _PREFIX.match(text, start, block.end).end()
    return [Unit("sentence", s, e, block.headings, block.index, key=block.key)
            for s, e in split_sentences(text, start, block.end)]


def segment(text: str) -> list[Unit]:
    """All units of a document (tests and tools; extraction reads blocks lazily)."""
    units = []
    tables = 0
    for block in blocks_of(text):
        units.extend(units_of(text, block, tables))
        tables += block.kind == "table"
    return units
