"""Text from articles made inert where it is published. Quotes, titles,
authors and file names come from sources anyone can write, so:
- markdown: `&`, `<`, `>` become entities (no raw HTML, no autolink such as
  `<javascript:...>`), and the characters that open links, images and code
  (`[`, `]`, `!`, backtick) and table cells (`|`) are backslash-escaped, so no
  `[x](javascript:...)` link can form;
- JSON-LD: `<`, `>`, `&` and the line separators are written as \\u escapes,
  so the document cannot close a <script type="application/ld+json"> block."""
from __future__ import annotations

import json

_MD_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "\\[", "]": "\\]", "!": "\\!",
                             "`": "\\`", "|": "\\|", "\\": "\\\\"})
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def md_text(value) -> str:
    """Any value as literal markdown text on one line."""
    text = "" if value is None else str(value)
    return " ".join(text.translate(_MD_ESCAPES).split())


def jsonld_dumps(document, indent: int | None = 1) -> str:
    """JSON safe to paste inside a <script> element (and still the same JSON)."""
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text
