"""Thousands of model names found in one pass: a name is looked up by its
key (rules.model_key), walking the text token by token from a word start
while the key read so far begins some known name, so the cost per word does
not grow with the catalogue. The longest known name wins; a name ends where
a word ends (`GPT-4` is not in `GPT-4o`, `GPT-4` is not in `GPT-4.5`)."""
from __future__ import annotations

import re

from pipeline.catalogue.rules import CJK, model_key

_STEP = re.compile(rf"[a-z]+|[0-9]+|[{CJK}]|\\?\.(?=\d)|[-_\\ \t\u00a0]{{1,3}}|\n|[^\s]", re.DOTALL)
_WINDOW = 64
_LETTERS_OR_DIGITS = re.compile(r"[a-z]+|[0-9]+")


class ModelMatcher:
    """Written names -> model ids; the first pair given for a key wins."""

    def __init__(self, names: list[tuple[str, str]], exact: list[tuple[str, str]] = ()):
        self.exact: dict[str, str] = {}  # names matched only as a whole (`named`), never in running text
        for written, model in exact:
            self.exact.setdefault(model_key(written), model)
        self.by_key: dict[str, str] = {}
        for written, model in names:
            key = model_key(written)
            if key:
                self.by_key.setdefault(key, model)
        self.prefixes: set[str] = set()
        self.first: set[str] = set()  # the first letter or digit run of every key
        self.cjk_first: set[str] = set()  # the leading CJK words of names (`通义千问`, `克劳德`)
        for key in self.by_key:
            for i in range(1, len(key) + 1):
                self.prefixes.add(key[:i])
            run = _LETTERS_OR_DIGITS.match(key)
            if run:
                self.first.add(run.group(0))
            else:
                cjk = re.match(rf"[{CJK}]+", key)
                if cjk:
                    self.cjk_first.add(cjk.group(0))
        for written, _ in names:  # `Command R+`: the key's first run is `commandr`, the word's `command`
            run = _LETTERS_OR_DIGITS.match(written.lower().lstrip("\\"))
            if run:
                self.first.add(run.group(0))

    def named(self, written: str) -> str | None:
        key = model_key(written)
        return self.by_key.get(key) or self.exact.get(key)

    def match(self, lowered: str, start: int) -> tuple[int, str] | None:
        """(end, model) of the longest known name starting at `start`."""
        key, best = "", None
        digit_before = separated = False
        limit = min(len(lowered), start + _WINDOW)
        pos = start
        while pos < limit:
            step = _STEP.match(lowered, pos, limit)
            if not step:
                break
            token = step.group(0)
            pos = step.end()
            first = token[0]
            if first in "-_\\ \t\u00a0" or token == "\n" or (token[-1] == "." and pos < limit
                                                                and lowered[pos].isdigit()):
                if token == "\n" and separated:
                    break
                separated = True
                continue
            if token == ".":  # a full stop, not a version's dot
                break
            is_digit = first.isdigit()
            key += ("." if is_digit and digit_before and separated else "") + token
            if key not in self.prefixes:
                break
            digit_before, separated = is_digit, False
            model = self.by_key.get(key)
            if model and _ends_word(lowered, pos):
                best = (pos, model)
        return best


_VERSION_GOES_ON = re.compile(r"\\?\.\d")


def _ends_word(lowered: str, pos: int) -> bool:
    if pos >= len(lowered):
        return True
    nxt = lowered[pos]
    if nxt.isascii() and nxt.isalnum():
        return False
    return (nxt != "." and nxt != "\\") or not _VERSION_GOES_ON.match(lowered, pos)
