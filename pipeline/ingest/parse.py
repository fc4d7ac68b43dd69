"""Decoded text to a Document: frontmatter (title, author, date), language,
HTML reduced to markdown-like text. The decoded text is kept whole so that
claim quotes and spans point into it."""
from __future__ import annotations

import hashlib
import re

import yaml
# langdetect-rs: langdetect's model and seeded random walk in Rust, the same answers bit for bit
# (and 40-60x less CPU: langdetect was ~80% of parsing a changed markdown source)
from langdetect_rs import DetectorFactory, LangDetectException, detect

from pipeline.config import max_html_chars
from pipeline.ingest.dates import find_published
from pipeline.ingest.safe_frontmatter import FrontmatterBudgetError, parse_frontmatter
from pipeline.records import Document

DetectorFactory.seed = 0  # langdetect is random unless seeded

_FIRST_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[-.!#*_()\[\]{}+`|>~])")
_FRONTMATTER_BLOCK = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FIELD_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


class ParseError(ValueError):
    pass


def doc_id_for(kind: str, location: str) -> str:
    """Stable per source: the same path or URL always gets the same id."""
    return hashlib.sha256(f"{kind}:{location}".encode()).hexdigest()[:16]


def is_html(content_type: str, location: str) -> bool:
    return "html" in content_type or location.lower().endswith((".html", ".htm"))


def html_to_text(html: str) -> str:
    import trafilatura  # here, not at the top: half a second of start-up that a run parsing no HTML never needs

    limit = max_html_chars()
    if len(html) > limit:  # trafilatura's time grows faster than the page: 10 MB took 75 s
        raise ParseError(f"HTML page of {len(html)} characters exceeds the {limit}-character cap for "
                         "HTML (MAX_HTML_CHARS); save its main text as markdown instead")
    text = trafilatura.extract(
        html, output_format="markdown", include_tables=True, include_comments=False,
        favor_recall=True, include_formatting=True,
    )
    if not text or not text.strip():
        raise ParseError("HTML page has no extractable main text")
    return text


def read_frontmatter(text: str) -> dict:
    """The YAML frontmatter. Markdown escapes in quoted values (`title: "GPT\\-4o"`,
    common in exported posts) are not YAML escapes: they are read literally. Frontmatter
    that is no valid YAML mapping (an unescaped quote inside a quoted title) never costs
    the article: its simple `key: value` lines are read one by one instead. Frontmatter
    past its budget (size, aliases) is ignored: see read_frontmatter_checked."""
    return read_frontmatter_checked(text)[0]


def read_frontmatter_checked(text: str) -> tuple[dict, list[str]]:
    """The frontmatter and the warnings reading it gave (never an exception)."""
    try:
        try:
            metadata, _ = parse_frontmatter(text)
        except yaml.YAMLError:
            try:
                metadata, _ = parse_frontmatter(_MARKDOWN_ESCAPE.sub(r"\\\\", text))
            except yaml.YAMLError:
                return salvage_frontmatter(text), []
    except FrontmatterBudgetError as exc:
        return {}, [f"frontmatter ignored: {exc}"]
    return (metadata, []) if isinstance(metadata, dict) else (salvage_frontmatter(text), [])


def salvage_frontmatter(text: str) -> dict:
    """`key: value` lines of a frontmatter block YAML cannot read, values as
    written (outer quotes removed); nested or continued lines are skipped."""
    block = _FRONTMATTER_BLOCK.match(text)
    fields = {}
    for line in (block.group(1).splitlines() if block else []):
        field = _FIELD_LINE.match(line)
        if field and field.group(2):
            value = field.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields.setdefault(field.group(1).lower(), value)
    return fields


LANG_SAMPLE_CHARS = 2000  # langdetect's cost grows with its input; 2,000 characters of prose name the language


def detect_language(text: str) -> str | None:
    """'zh' when CJK characters make up a fifth of the letters (no model needed), else
    langdetect on the first LANG_SAMPLE_CHARS of the text after any frontmatter."""
    block = _FRONTMATTER_BLOCK.match(text)
    sample = text[block.end() if block else 0:][:20000].strip() or text[:20000]
    cjk = len(_CJK.findall(sample))
    letters = sum(map(str.isalpha, sample)) or 1
    if cjk / letters > 0.2:
        return "zh"
    try:
        lang = detect(sample[:LANG_SAMPLE_CHARS])
    except LangDetectException:
        return None
    return "zh" if lang.startswith("zh") else lang


def build_document(*, kind: str, location: str, source: str, data: bytes, text: str,
                   content_type: str) -> Document:
    raw_html = None
    meta = {}
    if is_html(content_type, location):
        raw_html, text = text, html_to_text(text)
        # title and author only; they are read before the page's date, whose extensive search
        # (dateparser over every locale) cost ~2 CPU-s per process and ~15 ms per page
        from trafilatura import extract_metadata  # imported by html_to_text already

        page = extract_metadata(raw_html, extensive=False)
        meta = {"title": page.title, "author": page.author} if page else {}
    front, warnings = read_frontmatter_checked(text)
    meta = front | {k: v for k, v in meta.items() if v}
    block = _FRONTMATTER_BLOCK.match(text)
    top = block.end() if block else 0  # a title is near the top: searched in a window, bounded on huge lines
    heading = _FIRST_HEADING.search(text, top, top + HEADING_WINDOW)
    title = _scalar_field(meta, "title", warnings) or (heading.group(1).strip()[:MAX_FIELD_CHARS] if heading else None)
    published, published_from = find_published(text, meta, raw_html)
    raw_date = meta.get("date") or meta.get("published") or meta.get("published_at")
    if raw_date and published_from != "frontmatter":
        warnings.append(f"date {str(raw_date)[:40]!r} is not a valid date; ignored")
    author = _scalar_field(meta, "author", warnings)
    return Document(
        doc_id=doc_id_for(kind, location),
        source=source,
        location=location,
        kind=kind,
        content_type=content_type,
        title=_MARKDOWN_ESCAPE.sub("", str(title)) if title else None,
        author=str(author) if author else None,
        published_at=published,
        published_at_from=published_from,
        lang=detect_language(text),
        sha256=hashlib.sha256(data).hexdigest(),
        n_chars=len(text),
        text=text,
        raw_text=raw_html,
        warnings=warnings,
    )


MAX_FIELD_CHARS = 500
HEADING_WINDOW = 64 * 1024


def _scalar_field(meta: dict, key: str, warnings: list[str]) -> str | None:
    """A title or author as text: lists and mappings are ignored (with a
    warning), long values cut, so no field's size depends on YAML nesting."""
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list, tuple, set)):
        warnings.append(f"frontmatter {key} is a {type(value).__name__}, not text; ignored")
        return None
    return str(value)[:MAX_FIELD_CHARS]
