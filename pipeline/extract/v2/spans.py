"""The one shape every v2 annotator writes: a typed span over the reading
text, offset-exact, with a few attributes, kept in layers by type. Tokens
give the distances rules and features count (windows are in tokens, never
in characters)."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# a token: a word, a number (with its separators), one CJK character, or one other mark
TOKEN = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*|[\u3400-\u9fff\uf900-\ufaff]|\S")
_START = re.Match.start



@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    attrs: dict = field(default_factory=dict, compare=False, hash=False)

    def __init__(self, start: int, end: int, type: str, attrs: dict | None = None):  # noqa: A002 - the field's name
        """The dataclass's own fields in slots (no dict per span: the annotators make
        many spans, and each tracked object is more work for the garbage collector),
        set as the generated __init__ would, without its default-factory detour,
        through the slots' own setters (object.__setattr__ looks each name up first)."""
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TYPE(self, type)
        _SET_ATTRS(self, {} if attrs is None else attrs)

    def get(self, key: str, default=None):
        return self.attrs.get(key, default)


# the slot descriptors' setters: they write a frozen span's fields once, in __init__
_SET_START, _SET_END, _SET_TYPE, _SET_ATTRS = (Span.start.__set__, Span.end.__set__, Span.type.__set__,
                                               Span.attrs.__set__)


class Layer:
    """Spans of one type in text order, with range look-ups."""

    def __init__(self, spans: list[Span] | None = None):
        self.spans = sorted(spans or [], key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]

    def within(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s.end <= end]

    def covering(self, pos: int) -> Span | None:
        """The last span starting at or before `pos` that contains it."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0:
            span = self.spans[i]
            if span.start <= pos < span.end:
                return span
            i -= 1
            if i >= 0 and self.spans[i].end <= pos and span.start < pos:
                return None
        return None

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)


class Tokens:
    """Token starts of the reading text, found only inside the pieces read."""

    def __init__(self, text: str, pieces: list[tuple[int, int]]):
        starts: list[int] = []
        repeated = False  # a piece starting where the last token did may find it again
        for start, end in sorted(pieces):
            if starts and start <= starts[-1]:
                if start < starts[-1]:
                    start = starts[-1] + 1
                else:
                    repeated = True
            starts.extend(map(_START, TOKEN.finditer(text, start, end)))  # (no Python frame per token)
        # each piece's tokens start after the last one's: in order already, and repeated only as said
        self.starts = sorted(set(starts)) if repeated else starts

    def index(self, pos: int) -> int:
        """The token holding (or last before) character `pos`."""
        return bisect.bisect_right(self.starts, pos) - 1

    def between(self, a: Span, b: Span) -> int:
        """Tokens from the end of the earlier span to the start of the later one (0: adjacent)."""
        first, second = (a, b) if a.start <= b.start else (b, a)
        if second.start < first.end:
            return 0
        return max(0, self.index(second.start) - self.index(max(first.end - 1, first.start)) - 1)
