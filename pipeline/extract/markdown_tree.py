"""The markdown block tree segments.py reads, from one of two parsers:
markdown-it-pyrs (Rust, fast, source maps in UTF-8 bytes) where it has a
wheel (CPython < 3.13), else markdown-it-py (pure Python, same CommonMark
rules, line maps only). For markdown-it-py the block rules are wrapped to
note where each line of a block starts inside its containers (after `> `
and list markers), and the tree is rebuilt with the spans markdown-it-pyrs
gives, in str offsets. MARKDOWN_PARSER=python forces the fallback."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

RULES = ["blockquote", "code", "fence", "heading", "lheading", "list", "paragraph", "table", "html_block", "hr"]
_LEAVES = ("table", "code", "fence", "html_block", "heading", "lheading", "paragraph", "hr")
_PIPE = re.compile(r"(?<!\\)\|")
_NAMES = {"tr": "trow", "th": "tcell", "td": "tcell", "code_block": "code_block", "inline": "text"}


@dataclass
class Node:
    """What segments.py reads of a markdown-it-pyrs node: name, srcmap, children, meta."""

    name: str
    srcmap: tuple[int, int] | None = None
    children: list[Node] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _rust_parser():
    if os.environ.get("MARKDOWN_PARSER", "").lower() == "python":
        return None
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError:  # no wheel for this Python: the pure Python parser
        return None
    return MarkdownIt("zero").enable_many(RULES)


def _noting_lines(rule):
    """A block rule that also notes, on its opening token, each line's (start, end) inside its containers."""
    def noted(state, start_line, end_line, silent):
        first = len(state.tokens)
        found = rule(state, start_line, end_line, silent)
        if found and not silent and len(state.tokens) > first:
            token = state.tokens[first]
            token.meta["lines"] = [(state.bMarks[n] + state.tShift[n], state.eMarks[n])
                                   for n in range(start_line, max(state.line, start_line + 1))]
        return found
    return noted


def _python_parser():
    from markdown_it import MarkdownIt

    parser = MarkdownIt("zero", {"html": True}).enable(RULES)  # markdown-it-pyrs reads html blocks too
    for name in _LEAVES:
        rule = next(r for r in parser.block.ruler.__rules__ if r.name == name)
        parser.block.ruler.at(name, _noting_lines(rule.fn), {"alt": rule.alt})
    parser.core.ruler.disable(["inline", "text_join"])  # only block structure is read
    return parser


_RUST = _rust_parser()
_PYTHON = None if _RUST is not None else _python_parser()


def parse(body: str) -> tuple[Node, bool]:
    """The block tree of `body`, and whether its srcmaps are UTF-8 byte offsets (else str offsets)."""
    if _RUST is not None:
        return _RUST.tree(body), True
    # CRLF as " \n" keeps every offset (markdown-it-py would make it one "\n"); a lone CR stays a line end
    tokens = _PYTHON.parse(body.replace("\r\n", " \n"))
    return _tree(tokens, body), False


def _span(lines: list[tuple[int, int]]) -> tuple[int, int]:
    filled = [line for line in lines if line[1] > line[0]] or lines
    return filled[0][0], filled[-1][1]


def _tree(tokens, text: str) -> Node:
    root = Node("root", (0, len(text)))
    stack = [root]
    table_lines: list[tuple[int, int]] = []
    table_first = 0
    for token in tokens:
        if token.nesting == -1:
            _close(stack.pop(), text)
            continue
        base = token.type.removesuffix("_open")
        name = _NAMES.get(base, base)
        if name == "heading" and token.markup in ("=", "-"):
            name = "lheading"
        node = Node(name, meta=_meta(token))
        lines = [(s, e - 1 if e > s and text[e - 1] == "\r" else e) for s, e in token.meta.get("lines", ())]
        if lines:  # a CRLF line ends before its CR, as in markdown-it-pyrs
            node.srcmap = _span(lines)
        if name == "table":
            table_lines, table_first = lines, token.map[0]
        elif name == "trow":
            node.srcmap = table_lines[token.map[0] - table_first]
        elif name == "text" and stack[-1].name in ("heading", "lheading"):
            _heading_text(stack[-1], node, token.content, text)
            continue
        stack[-1].children.append(node)
        if token.nesting == 1:
            stack.append(node)
    return root


def _meta(token) -> dict:
    if token.type == "heading_open":
        return {"level": int(token.tag[1])}
    return {}


def _heading_text(heading: Node, node: Node, content: str, text: str) -> None:
    """The heading's text child: its content where it stands in the source (none when empty)."""
    content = content.strip()
    if not content or heading.srcmap is None:
        return
    start, end = heading.srcmap
    if heading.name == "heading":
        at = text.find(content, start + heading.meta["level"], end)
        node.srcmap = (at, at + len(content)) if at >= 0 else heading.srcmap
    else:  # the lines above the underline
        underline = text.rfind("\n", start, end)
        node.srcmap = (start, underline if underline > start else end)
    heading.children.append(node)


def _close(node: Node, text: str) -> None:
    if node.name == "trow":
        _cells(node, text)


def _cells(row: Node, text: str) -> None:
    """A row's cells where they stand between its pipes; a missing cell is empty at the end of the line."""
    start, end = row.srcmap
    line = text[start:end].rstrip(" \t\r")
    bounds = [-1] + [m.start() for m in _PIPE.finditer(line)] + [len(line)]
    pieces = [(a + 1, b) for a, b in zip(bounds, bounds[1:])]
    if line.startswith("|"):
        pieces = pieces[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        pieces = pieces[:-1]
    for i, cell in enumerate(row.children):
        if i < len(pieces):
            cell.srcmap = _trimmed(text, start + pieces[i][0], start + pieces[i][1])
        else:
            cell.srcmap = (end, end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end
