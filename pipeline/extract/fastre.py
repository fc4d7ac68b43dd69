"""Patterns the scan can skip through. Python's regex engine tries every
alternative of a pattern at every position when the pattern starts with a
lookaround, `\\b` or a case-insensitive letter (it finds no first character
to scan for): a cue list of forty words costs forty tries per character.
`led` puts in front a lookahead for the characters a match can start with,
read from the pattern itself, so a position no match starts at fails in one
test. The lookahead admits a superset of the possible first characters (it
folds case), so every match, span and group is the pattern's own."""
from __future__ import annotations

import re
from re import _constants as c  # noqa: PLC2701 - the parser's opcodes, read only
from re import _parser as sre_parse  # noqa: PLC2701

_CATEGORIES = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_SPACE: r"\s", c.CATEGORY_WORD: r"\w"}
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_ORIGINALS: dict[re.Pattern, tuple[str, int]] = {}  # each led pattern -> the source and flags it was made from


def led(pattern: re.Pattern) -> re.Pattern:
    """`pattern` with a first-character lookahead, or as it is when its first
    character cannot be told (it may match empty, or start with any character)."""
    if pattern in _ORIGINALS:
        return pattern
    fast = compile_led(pattern.pattern, pattern.flags)
    return pattern if fast.pattern == pattern.pattern else fast


def compile_led(source: str, flags: int = 0) -> re.Pattern:
    """`re.compile(source, flags)`, led when that helps: compiled once (a long word
    list takes a while to compile)."""
    try:
        parsed = sre_parse.parse(source, flags)
        firsts = None if _scannable(parsed, flags) else _first(list(parsed), 0)
    except (re.error, TypeError, AttributeError):  # AttributeError: another Python's parser
        firsts = None
    if not firsts:  # the engine scans for a first character already, or none can be told
        return re.compile(source, flags)
    lead = _GLOBAL_FLAGS.match(source)
    head = lead.group(0) if lead else ""
    body = source[len(head):] + ("\n" if flags & re.VERBOSE else "")  # a trailing comment
    chars = "".join(sorted(firsts))
    ahead = f"[{chars}]" if flags & re.IGNORECASE else f"(?i:[{chars}])"
    fast = re.compile(f"{head}(?={ahead})(?:{body})", flags)
    _ORIGINALS[fast] = (source, flags)
    return fast


def original(pattern: re.Pattern) -> re.Pattern:
    """The pattern a led one was made from (itself if it was not led)."""
    return re.compile(*_ORIGINALS[pattern]) if pattern in _ORIGINALS else pattern


def _scannable(parsed, flags: int) -> bool:
    """The compiler finds a literal prefix or a first-character set on its own."""
    from re import _compiler  # noqa: PLC2701

    prefix, _, _ = _compiler._get_literal_prefix(parsed, flags)
    return bool(prefix) or bool(_compiler._get_charset_prefix(parsed, flags))


def _first(items: list, i: int) -> set[str] | None:
    """The class items a match of items[i:] can start with; None when unknown or possibly empty."""
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is c.LITERAL:
        return {re.escape(chr(av))}
    if op is c.IN:
        return _class(av)
    if op is c.BRANCH:
        return _union(_first(list(branch), 0) for branch in av[1])
    if op is c.SUBPATTERN:
        inner = _first(list(av[3]), 0)
        return inner if inner is not None else None
    if op in _REPEATS:
        low, _, inner = av
        found = _first(list(inner), 0)
        return found if low >= 1 or found is None else _union([found, _first(items, i + 1)])
    return None


def _class(items) -> set[str] | None:
    out = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is c.RANGE:
            out.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in _CATEGORIES:
            out.add(_CATEGORIES[av])
        else:
            return None  # a negated class, or a category read otherwise
    return out


def _union(sets) -> set[str] | None:
    out = set()
    for found in sets:
        if found is None:
            return None
        out |= found
    return out
