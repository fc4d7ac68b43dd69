"""The v2 data files, loaded once: per-language cue words (data/cues.*.yaml),
the quantity-typing rules with their blockers and qualifier rules
(data/rules.yaml), switches (data/config.yaml) and the learned attribution
weights (data/weights.json)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
WEIGHTS_FILE = DATA / "weights.json"


@dataclass(frozen=True)
class CueMatcher:
    """One pass over a text marks every cue word of every language: the words
    compiled into one alternation, each written form mapped to its types."""

    pattern: re.Pattern  # any case
    lower: re.Pattern  # the same words, for text already lower-cased (faster)
    types_of: dict[str, tuple[str, ...]]
    written: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # as matched -> types

    def find(self, text: str, start: int = 0, end: int | None = None, lowered: bool = False):
        pattern = self.lower if lowered else self.pattern
        for match in pattern.finditer(text, start, len(text) if end is None else end):
            for kind in self.kinds(match.group(0)):
                yield match.start(), match.end(), kind

    def kinds(self, matched: str) -> tuple[str, ...]:
        """The types of a cue word as the text writes it (remembered: the same words recur)."""
        found = self.written.get(matched)
        if found is None:
            found = self.written[matched] = self.types_of.get("".join(matched.lower().split()), ())
        return found


def _form(word: str, left: bool = True) -> str:
    body = r"\s*".join(re.escape(part) for part in word.split())
    left = left and re.match(r"[A-Za-z]", word)
    right = r"(?![A-Za-z])" if re.search(r"[A-Za-z]$", word) else ""
    return (r"(?<![A-Za-z])" if left else "") + body + right


def build_cue_matcher(tables: list[dict]) -> CueMatcher:
    types_of: dict[str, list[str]] = {}
    for table in tables:
        for kind, words in table["types"].items():
            for word in words:
                key = "".join(str(word).lower().split())
                types_of.setdefault(key, [])
                if kind not in types_of[key]:
                    types_of[key].append(kind)
    written = {"".join(str(w).lower().split()): str(w).lower() for t in tables for ws in t["types"].values() for w in ws}
    forms = sorted(set(written.values()), key=len, reverse=True)
    body = _by_first_char(forms)
    return CueMatcher(re.compile(body, re.IGNORECASE), re.compile(body), {k: tuple(v) for k, v in types_of.items()})


def _by_first_char(forms: list[str]) -> str:
    """One alternation per first character, longest form first inside each:
    at a position only the forms that can start there are tried (one
    alternation of every form tries them all, position by position). Forms
    that start a word share one boundary test and one class of first letters;
    the others (signs, CJK) have their own class. A position's character opens
    one group only, so the form that wins is the one the single longest-first
    alternation would pick."""
    words: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    for form in forms:
        (words if re.match(r"[A-Za-z]", form) else others).setdefault(form[0], []).append(form)
    out = []
    for groups, boundary in ((words, r"(?<![A-Za-z])"), (others, "")):
        if groups:
            alts = "|".join(_group(first, [_form(f, left=False) for f in group]) for first, group in groups.items())
            out.append(f"(?=[{re.escape(''.join(sorted(groups)))}]){boundary}(?:{alts})")
    return "|".join(out)


def _group(first: str, forms: list[str]) -> str:
    """The forms that start with `first`, that character written once in front
    of the alternation of their rests: the regex engine tests a branch's leading
    literal in C and skips the branch when it differs, where a leading lookahead
    per group is entered group by group. The same matches, the same
    longest-first order within the group."""
    lead = re.escape(first)
    if all(form.startswith(lead) for form in forms):
        return lead + "(?:" + "|".join(form[len(lead):] for form in forms) + ")"
    return f"(?={lead})(?:{'|'.join(forms)})"


@lru_cache(maxsize=1)
def cue_tables() -> tuple[dict, ...]:
    """The per-language cue files (data/cues.*.yaml), read once for both matchers."""
    return tuple(yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("cues.*.yaml")))


@lru_cache(maxsize=1)
def cue_matcher() -> CueMatcher:
    return build_cue_matcher(list(cue_tables()))


@lru_cache(maxsize=64)
def cue_type_pattern(kind: str, bounded: bool = True) -> re.Pattern | None:
    """The cue words of one type as one pattern (any case), or None when the type has none:
    a quick test that lets a caller skip the whole matcher where the type cannot occur
    (wherever the matcher yields the type, this pattern matches too; unbounded, also
    where a unit's end cuts a word the whole text goes on with)."""
    forms = {str(w).lower() for t in cue_tables() for w in t["types"].get(kind, ())}
    if not forms:
        return None
    words = sorted(forms, key=len, reverse=True)
    body = [_form(f) if bounded else r"\s*".join(re.escape(part) for part in f.split()) for f in words]
    return re.compile("|".join(body), re.IGNORECASE)


@lru_cache(maxsize=1)
def header_cue_matcher() -> CueMatcher:
    """Cue words read in a table's column header: every cue word, and the
    header-only forms (`header_types`: "$/M in" is an input price only where a
    header abbreviates it; "in" in running text is no direction)."""
    tables = list(cue_tables())
    return build_cue_matcher(tables + [{"types": t["header_types"]} for t in tables if t.get("header_types")])


@lru_cache(maxsize=1)
def rules_data() -> dict:
    return yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def config() -> dict:
    return yaml.safe_load((DATA / "config.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def weights() -> dict | None:
    """The shipped attribution model, or None before one was trained."""
    if not WEIGHTS_FILE.exists():
        return None
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
