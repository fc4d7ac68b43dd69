"""The annotated document every v2 stage reads and adds to: the source text,
its reduced reading twin with the offset map back, the units read (sentences,
table cells, fields) and typed span layers."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from pipeline.extract.context import DocumentContext
from pipeline.extract.normalise import OffsetMap
from pipeline.extract.v2.spans import Layer, Span, Tokens


_EMPTY = Layer()


@dataclass
class Annotated:
    original: str
    text: str
    offsets: OffsetMap
    source: str
    doc: DocumentContext | None = None  # models, benchmarks and the document's subject (the catalogue annotator)
    units: list[Span] = field(default_factory=list)  # sentence | cell | field, attrs: quote, headings, header, owner
    layers: dict[str, Layer] = field(default_factory=dict)
    tokens: Tokens | None = None
    published: str | None = None  # the date the document says it was written (its "today")
    _like: dict[str, list[str]] = field(default_factory=dict)
    _memo: dict[tuple, object] = field(default_factory=dict)  # look-ups, cleared when a layer is added
    _merged: dict[str, tuple[list[Span], list[int]]] = field(default_factory=dict)  # in_unit's merged layers, likewise

    def layer(self, kind: str) -> Layer:
        layer = self.layers.get(kind)  # (not `or`: that would ask every layer its length)
        return _EMPTY if layer is None else layer

    def add(self, kind: str, spans: list[Span]) -> None:
        old = self.layers.get(kind)
        self.layers[kind] = Layer((old.spans if old else []) + spans)
        self._like.clear()
        self._memo.clear()
        self._merged.clear()

    def types_like(self, kind: str) -> list[str]:
        """Layer types equal to `kind` or under it (`rate` -> `rate.k`, `rate.m`), in
        the order the layers were added. Indexed once per set of layers: each type
        under each of its dotted prefixes (`a.b.c` under `a`, `a.b` and `a.b.c`)."""
        like = self._like
        if not like:
            for name in self.layers:
                parts = name.split(".")
                for n in range(1, len(parts) + 1):
                    like.setdefault(".".join(parts[:n]), []).append(name)
            like[""] = []  # (the index is built: never empty again until a layer is added)
        found = like.get(kind)
        return [] if found is None else found

    def in_unit(self, kind: str, unit: Span) -> list[Span]:
        """Spans of `kind` and its subtypes inside `unit`, by start (a subtype
        listed first wins a tie). The layers are merged once per kind (cleared
        when a layer is added), so a look-up is one bisection."""
        hit = self._merged.get(kind)
        if hit is None:
            merged = [s for name in self.types_like(kind) for s in self.layers[name].spans]
            merged.sort(key=lambda s: s.start)
            hit = self._merged[kind] = (merged, [s.start for s in merged])
        merged, starts = hit
        if not starts:  # most look-ups ask for a kind the document lacks, or one not in the unit
            return []
        lo = bisect.bisect_left(starts, unit.start)
        hi = bisect.bisect_left(starts, unit.end, lo)
        if lo == hi:
            return []
        end = unit.end
        return [s for s in merged[lo:hi] if s.end <= end]
