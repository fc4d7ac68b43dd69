"""The grammar of numbers as articles write them: thousands separators,
scale suffixes in English and Chinese
(`128K`, `1.5T`, `12.65 亿`), ranges (`50-100`, `1.5-2T`) and dates
(`2024年5月13日`, `2023.9`, `May 2024`). Markdown escapes (`2\\.50`) and
other marks are gone before this reads: see normalise.py."""
from __future__ import annotations

import re

from pipeline.extract.fastre import led

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

SCALES = {
    "k": 1e3, "thousand": 1e3, "千": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "百万": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "十亿": 1e9,
    "t": 1e12, "trillion": 1e12, "万亿": 1e12,
    "万": 1e4, "亿": 1e8,
}
# longest first, so 万亿 wins over 万 and million over m
SCALE = r"(?:万亿|十亿|百万|千|万|亿|thousand|million|billion|trillion|mn|bn|[KkMmBbTt](?![A-Za-z]))"
RANGE_SEP = r"(?:\s*(?:-|–|—|~|～|到|至|to)\s*)"

QUANTITY = re.compile(
    rf"(?P<n1>{NUM})(?:(?:\s?|-(?=[a-z]{{4}}))(?P<s1>{SCALE}))?"
    rf"(?:{RANGE_SEP}(?:US\$|\$)?(?P<n2>{NUM})(?:(?:\s?|-(?=[a-z]{{4}}))(?P<s2>{SCALE}))?)?"
)

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE = re.compile(
    r"(?P<zy>(?:19|20)\d{2})\s*年\s*(?P<zm>\d{1,2})\s*月(?:\s*(?P<zd>\d{1,2})\s*[日号])?"
    r"|(?<![\d.])(?P<iy>(?:19|20)\d{2})(?P<sep>[-./])(?P<im>\d{1,2})(?:(?P=sep)(?P<id>\d{1,2}))?(?![\d%])"
    rf"|\b{_MONTH}\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{{2}})\b"
    rf"|\b(?P<dd>\d{{1,2}})\s+{_MONTH.replace('mon', 'mon2')}\s+(?P<dy>(?:19|20)\d{{2}})\b"
    rf"|\b{_MONTH.replace('mon', 'mon3')}\s+(?P<y3>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)


def parse_number(text: str) -> float:
    return float(text.replace(",", ""))


def scale_of(suffix: str | None) -> float:
    if not suffix:
        return 1.0
    return SCALES.get(suffix.lower(), SCALES.get(suffix, 1.0))


def quantity_values(match: re.Match) -> tuple[float, float | None]:
    """(low, high) with a shared scale: `1.5-2T` scales both ends by T."""
    s1, s2 = match.group("s1"), match.group("s2")
    low = parse_number(match.group("n1"))
    high = parse_number(match.group("n2")) if match.group("n2") else None
    low_scale = scale_of(s1 or s2)
    high_scale = scale_of(s2 or s1)
    return low * low_scale, (high * high_scale if high is not None else None)


def quantities(text: str, start: int, end: int):
    """QUANTITY matches in text[start:end]; a "range" that falls ("cut from $5 to
    $2.50", "10-8") is no range but a change: two figures, each its own match."""
    for match in QUANTITY.finditer(text, start, end):
        if match.group("n2"):
            low, high = quantity_values(match)
            if high is not None and high < low:
                first_end = match.end("s1") if match.group("s1") else match.end("n1")
                yield QUANTITY.match(text, match.start(), first_end)
                yield QUANTITY.match(text, match.start("n2"), match.end())
                continue
        yield match


def date_value(match: re.Match) -> str | None:
    """YYYY-MM or YYYY-MM-DD; None for an impossible month or day."""
    g = match.groupdict()
    if g["zy"]:
        year, month, day = g["zy"], g["zm"], g["zd"]
    elif g["iy"]:
        year, month, day = g["iy"], g["im"], g["id"]
    elif g["my"]:
        year, month, day = g["my"], MONTHS[_month_key(g["mon"])], g["md"]
    elif g["dy"]:
        year, month, day = g["dy"], MONTHS[_month_key(g["mon2"])], g["dd"]
    else:
        year, month, day = g["y3"], MONTHS[_month_key(g["mon3"])], None
    month = int(month)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{int(year):04d}-{month:02d}"
    day = int(day)
    if not 1 <= day <= 31:
        return None
    return f"{int(year):04d}-{month:02d}-{day:02d}"


def _month_key(name: str) -> str:
    name = name.lower().rstrip(".")
    return name if name in MONTHS else name[:3]


# A month with no year ("shipped GPT-4o in May", "于 5 月发布"): a date only in a
# document that dates itself. English month names in capitals only ("may" is a verb).
YEARLESS_MONTH = re.compile(
    r"\b(?:in|since|on|from|until|through|early|late|mid-?)\s+(?P<en>January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b(?![ \t]*,?[ \t]*\d)"
    r"|(?:今年|于|在|同年)\s*(?P<zh>\d{1,2})\s*月份?(?!\s*\d)"
)
# searched through a first-character lookahead (fastre.py): the same matches, fewer tries
DATE, YEARLESS_MONTH = led(DATE), led(YEARLESS_MONTH)
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]


def yearless_value(match: re.Match, year: int, latest_month: int | None) -> str | None:
    """YYYY-MM for a month of the document's year; a month after the document's
    own month belongs to the year before."""
    month = _MONTH_NAMES.index(match.group("en").lower()) + 1 if match.group("en") else int(match.group("zh"))
    if not 1 <= month <= 12:
        return None
    if latest_month is not None and month > latest_month:
        year -= 1
    return f"{year:04d}-{month:02d}"

