"""Text that is not plain, reduced for reading. Real pages write digits and
letters as Unicode mathematical bold (`𝟭𝟮𝟴𝗸`) or full-width forms (`１２８Ｋ`),
hide zero-width characters and odd spaces between them, escape markdown
(`GPT\\-4o`, `3\\.5`), leave inline HTML (`<span style=...>`, `<br/>`) and
entities (`&nbsp;`, `&#36;`). The extractor reads the reduced text, and an
offset map takes every span it finds back to the source's own characters,
so quotes stay as written. This generalises script.py's same-length
simplified twin to reductions that change the length.

Reductions of one character to one character (a translation table, NFKC for
the letters and digits it covers) keep offsets; the others (a tag or a
zero-width character removed, an entity decoded, an escape's backslash
dropped) are recorded as edits. Most documents need none: a cheap test skips
them."""
from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# removed for reading: zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# spaces that are not ASCII spaces: NBSP, en/em/thin/hair spaces, narrow NBSP, math space, ideographic
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_HYPHENS = "\u2010\u2011"  # hyphen, non-breaking hyphen (`GPT‑4o` as vendors' pages write it)
# full-width punctuation read as ASCII. The Chinese sentence marks (，：；（）！？) are
# left alone: the grammar reads them as they are, as clause and bracket marks.
_FULL_WIDTH_MARKS = "＄％．／＋－＝＿＃＆＊＠～＂＇"
_CURRENCY_FORMS = {"\uffe5": "¥", "\uffe1": "£", "\uffe0": "¢"}  # ￥ ￡ ￠
# inline HTML tags markdown leaves in text; block tags (table, div, p, ...) are left for the structure reader
_INLINE_TAGS = ("span|br|b|i|em|strong|sup|sub|u|s|small|big|mark|font|a|del|ins|wbr|abbr|kbd|tt|cite|q|nobr")
_BREAK_TAGS = {"br", "wbr"}
# ASCII punctuation a markdown backslash may escape; `\|` (a pipe inside a table cell),
# `\\`, `\<`, `\>` and `` \` `` keep their backslash, so no table, tag or code span appears
_ESCAPABLE = r"!\"#$%&'()*+,\-./:;=?@\[\]^_{}~"
_NO_DECODE = {"<", ">"}  # an entity that would make a tag stays as written

_REDUCIBLE = re.compile(  # the leading lookahead (and no global IGNORECASE) keeps the scan fast
    rf"(?=[\\&<{_ZERO_WIDTH}])(?:(?P<zero>[{_ZERO_WIDTH}]+)"
    r"|(?P<note><(?i:sup)>\s*(?:\[?\d{1,2}\]?|[*†‡§¶]{1,3}|[a-z])\s*</(?i:sup)>)"  # a footnote mark: `87.5<sup>1</sup>`
    rf"|(?P<tag></?(?P<name>(?i:{_INLINE_TAGS}))(?:\s[^<>\n]*)?/?>)"
    r"|(?P<entity>&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    rf"|(?<!\\)(?P<escape>\\)(?=[{_ESCAPABLE}]))",
)
_POWER_BASE = re.compile(r"(?<![\d.])10$")
_LINE_LEAD = re.compile(r"[ \t>]*")  # an escape first on its line (`\#`, `\-`) keeps markdown plain
_LIST_NUMBER = re.compile(r"[ \t>]*\d{1,9}")  # and so does `1\. ` (not a list item); `2\.50` is read


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One character -> one character: the mathematical alphanumerics and
    full-width letters and digits by NFKC, and the marks and spaces above."""
    table: dict[int, str] = {}
    ranges = [range(0x1D400, 0x1D800), range(0xFF10, 0xFF1A), range(0xFF21, 0xFF3B), range(0xFF41, 0xFF5B)]
    for block in ranges:
        for code in block:
            reduced = unicodedata.normalize("NFKC", chr(code))
            if len(reduced) == 1 and reduced.isascii() and reduced.isalnum():
                table[code] = reduced
    for mark in _FULL_WIDTH_MARKS:
        table[ord(mark)] = unicodedata.normalize("NFKC", mark)
    table.update({ord(k): v for k, v in _CURRENCY_FORMS.items()})
    table.update({ord(ch): " " for ch in _ODD_SPACES})
    table.update({ord(ch): "-" for ch in _HYPHENS})
    return table


@lru_cache(maxsize=1)
def _translatable() -> re.Pattern:
    """Any character the table reduces (a cheap test before translating)."""
    plain = "".join(chr(c) for c in _table() if c < 0x10000)
    return re.compile("[" + re.escape(plain) + "\U0001D400-\U0001D7FF]")


@dataclass(frozen=True)
class OffsetMap:
    """Reading offsets -> source offsets. `edits` are (reading start, reading
    length, source start, source length) of each length-changing reduction, in
    order; between them the two texts run in step. No edits: the identity."""

    edits: tuple[tuple[int, int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, edits: list[tuple[int, int, int, int]]) -> "OffsetMap":
        return cls(tuple(edits), tuple(e[0] for e in edits))

    def source_start(self, pos: int) -> int:
        """Where the reading character at `pos` starts in the source (a removed
        piece just before it is skipped)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return pos
        r_start, r_len, s_start, s_len = self.edits[i]
        if pos < r_start + r_len:
            return s_start
        return s_start + s_len + pos - r_start - r_len

    def source_end(self, pos: int) -> int:
        """Where the reading text up to `pos` (exclusive) ends in the source (a
        removed piece just after it is not taken)."""
        if pos <= 0:
            return 0
        last = pos - 1
        i = bisect.bisect_right(self._starts, last) - 1
        if i < 0:
            return pos
        r_start, r_len, s_start, s_len = self.edits[i]
        if last < r_start + r_len:
            return s_start + s_len
        return s_start + s_len + last - r_start - r_len + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A reading span [start, end) as the source span holding the same characters."""
        if not self.edits:
            return start, end
        first = self.source_start(start)
        return (first, first) if end <= start else (first, self.source_end(end))


IDENTITY = OffsetMap()


def _replacement(match: re.Match, text: str) -> str | None:
    """What a reducible piece reads as; None keeps it as written."""
    if match.group("zero"):
        return ""
    if match.group("note"):  # a footnote mark is dropped whole; `10<sup>6</sup>` is a power, kept apart
        if _POWER_BASE.search(text, max(0, match.start() - 4), match.start()):
            return " " + re.sub(r"<[^>]*>|\s", "", match.group("note"))
        return ""
    if match.group("tag"):
        if match.group("name").lower() in _BREAK_TAGS:
            return " "
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if before.isalnum() and after.isalnum() else ""  # `10<sup>6</sup>` is not 106
    if match.group("entity"):
        decoded = html.unescape(match.group(0))
        return None if decoded == match.group(0) or decoded in _NO_DECODE else decoded
    line = text.rfind("\n", 0, match.start()) + 1  # an escape's backslash
    if _LINE_LEAD.fullmatch(text, line, match.start()) or (
            text[match.end()] in ".)" and text[match.end() + 1:match.end() + 2] in ("", " ", "\t", "\n")
            and _LIST_NUMBER.fullmatch(text, line, match.start())):
        return None
    return ""


def _length_edits(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    pieces, edits = [], []
    cursor = reading = 0
    for match in _REDUCIBLE.finditer(text):
        replaced = _replacement(match, text)
        if replaced is None:
            continue
        s, e = match.span()
        pieces.append(text[cursor:s])
        reading += s - cursor
        edits.append((reading, len(replaced), s, e - s))
        pieces.append(replaced)
        reading += len(replaced)
        cursor = e
    if not edits:
        return text, edits
    pieces.append(text[cursor:])
    return "".join(pieces), edits


_ASCII_HINT = re.compile(r"[\\&<]")


def normalise(text: str) -> tuple[str, OffsetMap]:
    """(reading text, offset map back to `text`). Plain text comes back as
    itself with the identity map."""
    ascii_only = text.isascii()
    if ascii_only and not _ASCII_HINT.search(text):
        return text, IDENTITY
    reading, edits = _length_edits(text)
    if not reading.isascii() and _translatable().search(reading):
        reading = reading.translate(_table())
    return reading, (OffsetMap.of(edits) if edits else IDENTITY)
