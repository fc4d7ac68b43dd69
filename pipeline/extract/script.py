"""Traditional Chinese read as simplified, one character for one character, so
every offset into the converted text is an offset into the original (the
vocabulary, cues and grammar are written once, in simplified characters).
The character table is OpenCC's, from opencc-python-reimplemented."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc

_TABLE_FILE = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Traditional character -> its first simplified form (one-to-one pairs only)."""
    table = {}
    for line in _TABLE_FILE.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


@lru_cache(maxsize=1)
def _characters() -> tuple[frozenset[str], dict[str, str], frozenset[str]]:
    """The traditional characters, their simplified forms, and the ones whose
    simplified form is itself a traditional character (replaced one by one, it
    would be replaced again)."""
    table = {chr(k): v for k, v in _table().items()}
    return frozenset(table), table, frozenset(k for k, v in table.items() if v in table)


def as_simplified(text: str) -> str:
    """`text` with traditional characters replaced; same length, same offsets.
    The few distinct traditional characters a text holds are found in one set
    intersection and replaced each by str.replace (translate looks every
    character up in a dict: several times slower, and most texts hold none)."""
    if text.isascii():
        return text
    keys, table, chained = _characters()
    found = keys.intersection(text)
    if not found:
        return text
    if not found.isdisjoint(chained):
        return text.translate(_table())
    for char in found:
        text = text.replace(char, table[char])
    return text
