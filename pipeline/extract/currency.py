"""Currencies as prices are written: a symbol or code before the number
(`$`, `¥`, `€`, `RMB`), a word after it (`元`, `美元`, `euros`), or a word for
a hundredth (`cents`). The words are data (the vocabulary's `currencies`
section); here they become the patterns the grammar and the quantity scan use,
and the lookup from a written form to its ISO code. A price keeps the currency
it is stated in (contract v2): `2 元/百万tokens` is 2.0 cny_per_mtok."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline.vocabulary import VOCABULARY_FILE

DEFAULT = "usd"
PRICE_UNIT = "usd_per_mtok"  # the vocabulary's unit of price metrics, in the default currency


@dataclass(frozen=True)
class Currencies:
    codes: dict[str, str]  # a written form, lower case -> ISO code
    hundredths: frozenset[str]  # written forms that are a hundredth of their currency
    before: re.Pattern  # a symbol or code at the end of the text before a number
    after: re.Pattern  # a word at the start of the text after a number (group `cents`: a hundredth)
    anywhere: re.Pattern  # any written form (a table header's "价格（元/百万tokens）")
    signs: str  # regex alternation of the forms written before a number
    words: str  # regex alternation of the words written after a number
    symbols: str  # the one-character signs (a quantity's leading mark)
    marks_after: str  # the words after a number, lower case (the quantity scan reads lowered text)

    def code(self, written: str) -> str:
        return self.codes.get(written.strip().lower(), DEFAULT)

    def of_before(self, before: str) -> str | None:
        """The currency a sign at the end of `before` names, if any."""
        m = self.before.search(before)
        return self.code(m.group("sign")) if m else None

    def of_after(self, m: re.Match) -> str:
        return self.code(m.group("word") or m.group("cents"))

    def in_text(self, text: str) -> str | None:
        """The one currency a text (a header, a row label) names; None for none or several."""
        found = {self.code(m.group(0)) for m in self.anywhere.finditer(text)}
        return found.pop() if len(found) == 1 else None


def _alternation(forms, bounded: bool = True, any_case: bool = True) -> str:
    """One regex for the written forms, shaped to fail fast: multi-character
    forms longest first (an ASCII word may not run into a letter on either
    side), then the one-character signs as a class; a lookahead on the first
    characters lets most positions fail at once."""
    forms = sorted(set(forms), key=len, reverse=True)
    ascii_words = [f for f in forms if len(f) > 1 and re.match(r"[A-Za-z]", f)]
    others = [f for f in forms if len(f) > 1 and not re.match(r"[A-Za-z]", f)]
    singles = [f for f in forms if len(f) == 1]
    parts = []
    if ascii_words:
        words = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ascii_words)
        parts.append(rf"{'(?<![A-Za-z])' if bounded else ''}(?:{words})(?![A-Za-z])")
    parts += [re.escape(f) + ("(?![A-Za-z])" if re.search(r"[A-Za-z]$", f) else "") for f in others]
    if singles:
        parts.append("[" + re.escape("".join(singles)) + "]")
    firsts = {f[0] for f in forms} | ({f[0].lower() for f in forms} | {f[0].upper() for f in forms} if any_case else set())
    return rf"(?=[{re.escape(''.join(sorted(firsts)))}])(?:{'|'.join(parts)})"


def build_currencies(section: dict) -> Currencies:
    codes, hundredths, signs, words = {}, set(), [], []
    for code, forms in section.items():
        for kind in ("before", "after", "hundredths"):
            for form in forms.get(kind, []):
                codes.setdefault(form.lower(), code)
        signs += forms.get("before", [])
        words += forms.get("after", [])
        hundredths |= {f.lower() for f in forms.get("hundredths", [])}
    sign = f"(?-i:{_alternation(signs, any_case=False)})"  # as written ("USD 5", not "usd 5"), and fast to fail
    word = _alternation(words)
    cents = _alternation(sorted(hundredths))
    after = rf"^\s*(?:(?P<cents>{cents})|(?P<word>{word}))" if cents else rf"^\s*(?P<cents>(?!))?(?P<word>{word})"
    return Currencies(
        codes=codes, hundredths=frozenset(hundredths),
        before=re.compile(rf"(?P<sign>{sign})\s*$"),
        after=re.compile(after, re.IGNORECASE),
        anywhere=re.compile(_alternation(signs + words + sorted(hundredths)), re.IGNORECASE),
        signs=sign, words=word,
        symbols="".join(sorted({f for f in signs if len(f) == 1})),
        marks_after=_alternation({w.lower() for w in words} | hundredths, bounded=False),  # after a digit
    )


@lru_cache(maxsize=1)
def currencies() -> Currencies:
    raw = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return build_currencies(raw["currencies"])


def price_unit(unit: str, currency: str | None) -> str:
    """`usd_per_mtok` in the price's own currency (`cny_per_mtok`)."""
    if currency and currency != DEFAULT and unit == PRICE_UNIT:
        return f"{currency}_per_mtok"
    return unit
