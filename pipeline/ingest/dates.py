"""When a document was published, and where that was read. Bitemporal
reasoning (a price true then, a model upgraded since) needs the date a page
speaks from, so it is looked for where publishers put it, most explicit
first: frontmatter fields, HTML meta tags (`article:published_time`), JSON-LD
`datePublished`, then a dateline or byline at the top of the text
(`Published on May 13, 2024`, `发布于 2024-05-13`, a date alone under the
title). Dates inside the body (a model's release date) are never taken: a
byline must carry a publishing cue or stand alone next to the title, within
the first lines."""
from __future__ import annotations

import json
import re
from datetime import date, datetime

from lxml import html as lxml_html

FRONTMATTER_KEYS = ("date", "published", "published_at", "publishdate", "publish_date", "pubdate",
                    "date_published", "datepublished", "created", "created_at", "updated", "lastmod")
HTML_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
             "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
             "article:modified_time")

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_FORMS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE),
]
# words that say a line dates the page itself (not a model, not an event)
_CUE = re.compile(
    r"(?:\b(?:published|posted|updated|last\s+updated|last\s+modified|created|written|date[d]?)\b"
    r"|发布于|发布时间|发布日期|发表于|发表时间|更新于|更新时间|更新日期|日期|發佈於|發布於|發表於|更新時間|"
    r"(?<=[日号])\s*(?:发布|发表|更新|發佈|發布|發表))",
    re.IGNORECASE)
# a line about a model's release or launch is body text, whatever its position
_NOT_PAGE_DATE = re.compile(r"release|launch|cut-?off|knowledge|上线|推出|开源|截止|截至|deprecat|模型发布", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_TOP_LINES = 12  # a dateline or byline sits in the first lines of the page
_BYLINE_MAX = 100  # characters: longer lines are prose


def parse_date(text: str) -> date | None:
    """The first full calendar date written in `text` (ISO, 2024/05/13,
    2024年5月13日, May 13, 2024, 13 May 2024), or None."""
    found = []
    for form in _DATE_FORMS:
        match = form.search(text)
        if match:
            found.append(match)
    for match in sorted(found, key=lambda m: m.start()):
        parts = match.groupdict()
        month = _MONTHS[parts["mon"][:3].lower()] if parts.get("mon") else int(parts["m"])
        try:
            return date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            continue
    return None


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def from_frontmatter(meta: dict, text: str) -> date | None:
    """A date field of the parsed frontmatter, else of a YAML or TOML
    frontmatter block that follows leading HTML comments (which the YAML
    reader does not see)."""
    lowered = {str(k).lower(): v for k, v in (meta or {}).items()}
    for key in FRONTMATTER_KEYS:
        found = _as_date(lowered.get(key))
        if found:
            return found
    fields = _frontmatter_fields(text)
    for key in FRONTMATTER_KEYS:
        found = _as_date(fields.get(key))
        if found:
            return found
    return None


_LEADING_COMMENTS = re.compile(r"\A\ufeff?(?:\s*<!--.*?-->)*\s*", re.DOTALL)
_FIELD = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*[:=]\s*['\"]?(.+?)['\"]?\s*$")


def _frontmatter_fields(text: str) -> dict:
    rest = text[_LEADING_COMMENTS.match(text).end():]
    fence = rest[:3]
    if fence not in ("---", "+++"):
        return {}
    end = rest.find("\n" + fence, 3)
    if end < 0:
        return {}
    fields = {}
    for line in rest[3:end].splitlines():
        field = _FIELD.match(line)
        if field:
            fields.setdefault(field.group(1).lower(), field.group(2))
    return fields


def _without_frontmatter(text: str) -> str:
    """The text with its frontmatter block blanked (leading comments kept:
    a file header comment may carry `@Date:`)."""
    start = _LEADING_COMMENTS.match(text).end()
    fence = text[start:start + 3]
    end = text.find("\n" + fence, start + 3) if fence in ("---", "+++") else -1
    return text if end < 0 else text[:start] + text[end + 4:]


def _html_tree(raw_html: str):
    try:
        return lxml_html.fromstring(raw_html.encode("utf-8"))
    except (ValueError, lxml_html.etree.ParserError):
        return None


def from_html_meta(tree) -> date | None:
    """`<meta property="article:published_time">` and its kin, then `<time
    datetime>` marked as the publication date (itemprop or pubdate)."""
    found = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in HTML_META and key not in found:
            found[key] = _as_date(meta.get("content") or "")
    for key in HTML_META:
        if found.get(key):
            return found[key]
    for node in tree.iter("time"):
        if (node.get("itemprop") or "").lower() == "datepublished" or node.get("pubdate") is not None:
            value = _as_date(node.get("datetime") or node.text_content())
            if value:
                return value
    return None


def from_json_ld(tree) -> date | None:
    """`datePublished` of any JSON-LD object on the page (`@graph` included)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for node in _walk(data):
            value = _as_date(node.get("datePublished") or node.get("dateCreated") or "")
            if value:
                return value
    return None


def _walk(data):
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def from_byline(text: str) -> date | None:
    """A dateline or byline in the first lines of the text: a line with a
    publishing cue and a date (`Updated: 2025-01-02`, `2024年5月13日 发布`), or
    a short line right under the title whose only content is a date or an
    author-and-date byline. Lines about releases or launches never count."""
    raw = _without_frontmatter(text).splitlines()
    lines = [(i, line.strip(" \t*>_#-@")) for i, line in enumerate(raw)]
    lines = [(i, line) for i, line in lines if line][:_TOP_LINES]
    heading_at = next((n for n, (i, _) in enumerate(lines) if _HEADING.match(raw[i])), None)
    for n, (_, line) in enumerate(lines):
        if len(line) > _BYLINE_MAX or _NOT_PAGE_DATE.search(line):
            continue
        found = parse_date(line)
        if found is None:
            continue
        if _CUE.search(line):
            return found
        under_title = heading_at is not None and 0 < n - heading_at <= 2
        if under_title and _mostly_date(line):
            return found
    return None


def _mostly_date(line: str) -> bool:
    """The line is a date, or a byline: a few words around a date (`Jane Doe · 2024-05-13`)."""
    rest = line
    for form in _DATE_FORMS:
        rest = form.sub(" ", rest)
    words = re.findall(r"[^\s·|•,/()\[\]]+", rest)
    cjk = re.findall(r"[\u4e00-\u9fff]", rest)  # Chinese prose has no spaces to count words by
    return len(words) <= 4 and len(cjk) <= 4 and len(rest.strip()) <= 40


def find_published(text: str, meta: dict | None = None, raw_html: str | None = None) -> tuple[date | None, str | None]:
    """(published_at, where it came from): `frontmatter`, `html_meta`,
    `json_ld` or `byline`; (None, None) when the page does not say."""
    found = from_frontmatter(meta or {}, text)
    if found:
        return found, "frontmatter"
    tree = _html_tree(raw_html) if raw_html else None
    if tree is not None:
        found = from_html_meta(tree)
        if found:
            return found, "html_meta"
        found = from_json_ld(tree)
        if found:
            return found, "json_ld"
    found = from_byline(text)
    if found:
        return found, "byline"
    return None, None
