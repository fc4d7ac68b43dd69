"""The vocabulary compiled into matchers: model names (loose about case,
spaces, hyphens and markdown escapes), benchmark and task names, and the
cue words of metrics and qualifiers. Built once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.vocabulary import Vocabulary, vocabulary

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[A-Za-z]+|\d+|[{_CJK}]+|[.]|[-_ ]|\S")
SNAPSHOT = re.compile(r"\\?-(20\d{2}-\d{2}-\d{2}|20\d{6}|0[1-9]\d{2})(?![\d])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    model: str  # canonical id as named (a family id stays a family id here)
    snapshot: str | None = None


def name_pattern(name: str) -> str:
    """A regex for one written name: `GPT-4o` also matches `GPT4o`, `gpt 4o`
    and `GPT\\-4o`; `3.5` matches `3\\.5` and `3-5` but never `35`."""
    parts = []
    previous = None
    for token in _TOKEN.findall(name):
        if token in "-_ ":
            previous = "sep"
            continue
        if token == ".":
            parts.append(r"(?:\\?\.|-|_)")
            previous = "dot"
            continue
        if parts and previous == "sep":
            parts.append(r"(?:\\?[-_]|\s)?\s*")
        elif parts and previous not in ("dot", None):
            parts.append(r"(?:\\?[-_]|\s)?" if not re.match(rf"[{_CJK}]", token) else r"\s*")
        parts.append(re.escape(token))
        previous = "word"
    return "".join(parts)


def _alternation(names: list[str]) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(name_pattern(n) for n in ordered)


_LEFT = r"(?<![A-Za-z0-9.\\])"
_RIGHT = r"(?![A-Za-z0-9])(?!\\?\.\d)"


@dataclass(frozen=True)
class Lexicon:
    model_re: re.Pattern
    model_by_group: dict[str, str]
    benchmark_re: re.Pattern
    benchmark_by_name: dict[str, str]
    task_re: re.Pattern
    task_by_name: dict[str, str]
    vocab: Vocabulary

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        found = []
        for match in self.model_re.finditer(text):
            model = self.model_by_group[match.lastgroup]
            end = match.end()
            snapshot = None
            tail = SNAPSHOT.match(text, end)
            if tail and not self.vocab.models[model].is_family:
                snapshot = f"{model}-{_iso(tail.group(1))}"
                end = tail.end()
            found.append(Mention(match.start() + offset, end + offset, model, snapshot))
        return found

    def benchmarks(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.benchmark_by_name[_key(m.group(0))])
                for m in self.benchmark_re.finditer(text)]

    def tasks(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.task_by_name[_key(m.group(0))])
                for m in self.task_re.finditer(text)]


def _iso(stamp: str) -> str:
    if len(stamp) == 8 and "-" not in stamp:
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"
    return stamp


def _key(name: str) -> str:
    return re.sub(r"[\s\\_-]+", " ", name.lower()).strip()


def _names_matcher(table: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, dict[str, str]]:
    """All-caps names (MMLU, MATH) match in capitals only, so 'math' in prose
    is not the MATH benchmark; other names match in any case."""
    by_name: dict[str, str] = {}
    names = []
    for slug, written in table.items():
        for name in written:
            by_name[_key(name)] = slug
            names.append(name)
    pieces = []
    for name in sorted(set(names), key=len, reverse=True):
        is_caps = name.upper() == name and re.search("[A-Z]", name)
        pieces.append(f"(?-i:{name_pattern(name)})" if is_caps else name_pattern(name))
    pattern = re.compile(rf"{_LEFT}(?:{'|'.join(pieces)}){_RIGHT}", re.IGNORECASE)
    return pattern, by_name


def words_re(words) -> re.Pattern:
    """Cue words: ASCII words need word boundaries, CJK words do not."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word)
        if re.match(r"[A-Za-z]", word):
            escaped = rf"(?<![A-Za-z]){escaped}"
        if re.search(r"[A-Za-z]$", word):
            escaped = rf"{escaped}(?![A-Za-z])"
        parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return build_lexicon(vocabulary())


def build_lexicon(vocab: Vocabulary) -> Lexicon:
    by_group: dict[str, str] = {}
    groups = []
    # one named group per written name, longest first, so `GPT-4 Turbo` is
    # never read as `GPT-4` followed by a word
    for index, (alias, model) in enumerate(sorted(set(vocab.aliases()), key=lambda am: -len(am[0]))):
        group = f"m{index}"
        by_group[group] = model
        groups.append((len(alias), f"(?P<{group}>{name_pattern(alias)})"))
    model_re = re.compile(rf"{_LEFT}(?:{'|'.join(g for _, g in groups)}){_RIGHT}", re.IGNORECASE)
    benchmark_re, benchmark_by_name = _names_matcher(vocab.benchmarks)
    task_re, task_by_name = _names_matcher(vocab.tasks)
    return Lexicon(model_re, by_group, benchmark_re, benchmark_by_name, task_re, task_by_name, vocab)
