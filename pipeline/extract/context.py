"""What a document establishes once and its claims lean on: the model it is
about, which member a bare family name stands for, which benchmark a task
word stands for, and the models its headings name."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.extract.lexicon import Lexicon, Mention
from pipeline.extract.segments import Unit

URL = re.compile(r"\]\([^)\s]*\)|https?://[^\s)\]>\"']+|www\.[^\s)\]>\"']+")


@dataclass
class DocumentContext:
    text: str
    units: list[Unit]
    lex: Lexicon
    mentions: list[list[Mention]] = field(default_factory=list)  # per unit
    masked: list[list[tuple[int, int]]] = field(default_factory=list)  # URL spans per unit
    family_member: dict[str, str] = field(default_factory=dict)
    task_benchmarks: dict[str, str] = field(default_factory=dict)
    subject: str | None = None
    heading_models: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, units: list[Unit], lex: Lexicon) -> "DocumentContext":
        doc = cls(text=text, units=units, lex=lex)
        for unit in units:
            masked = [(m.start(), m.end()) for m in URL.finditer(text, unit.start, unit.end)]
            found = [m for m in lex.mentions(text[unit.start:unit.end], unit.start)
                     if not any(s <= m.start < e for s, e in masked)]
            doc.mentions.append(found)
            doc.masked.append(masked)
        doc.family_member = doc._family_members()
        doc.task_benchmarks = doc._task_benchmarks()
        doc.subject = doc._subject()
        return doc

    def resolve(self, mention: Mention) -> str:
        """A family name stands for the one member the document names, if one."""
        if mention.snapshot:
            return mention.snapshot
        entry = self.lex.vocab.models[mention.model]
        if entry.is_family:
            return self.family_member.get(mention.model, mention.model)
        return mention.model

    def is_family(self, model: str) -> bool:
        entry = self.lex.vocab.models.get(model)
        return bool(entry and entry.is_family)

    def primary(self, mentions: list[Mention]) -> str | None:
        """The first specific model named (a vendor or family name yields to it)."""
        resolved = [self.resolve(m) for m in mentions]
        return next((r for r in resolved if not self.is_family(r)), resolved[0] if resolved else None)

    def only_model(self, mentions: list[Mention]) -> str | None:
        """The one model a heading or title names, ignoring family names beside it."""
        resolved = {self.resolve(m) for m in mentions}
        specific = {r for r in resolved if not self.is_family(r)}
        pool = specific or resolved
        return pool.pop() if len(pool) == 1 else None

    def sibling(self, model: str, size: str) -> str | None:
        """`the 8B variant` of llama-3.1-405b is llama-3.1-8b, when the vocabulary knows it."""
        family = self.lex.vocab.models[model].family if model in self.lex.vocab.models else None
        candidate = f"{family}-{size.lower()}" if family else None
        return candidate if candidate in self.lex.vocab.models else None

    def _descendants(self, family: str) -> set[str]:
        out, frontier = set(), {family}
        while frontier:
            children = {m.id for m in self.lex.vocab.models.values() if m.family in frontier}
            frontier = children - out
            out |= children
        return out

    def _family_members(self) -> dict[str, str]:
        named = {m.model for ms in self.mentions for m in ms}
        resolved = {}
        for model in named:
            if not self.lex.vocab.models[model].is_family:
                continue
            members = {n for n in named if n in self._descendants(model) and not self.lex.vocab.models[n].is_family}
            if len(members) == 1:
                resolved[model] = members.pop()
        return resolved

    def _task_benchmarks(self) -> dict[str, str]:
        """A unit naming one task and one benchmark ties the two for the document."""
        ties: dict[str, Counter] = {}
        for unit in self.units:
            piece = self.text[unit.start:unit.end]
            benches = {b for _, _, b in self.lex.benchmarks(piece)}
            tasks = {t for _, _, t in self.lex.tasks(piece)}
            if len(benches) == 1 and len(tasks) == 1:
                ties.setdefault(tasks.pop(), Counter())[benches.pop()] += 1
        return {task: counts.most_common(1)[0][0] for task, counts in ties.items()}

    def _subject(self) -> str | None:
        """The one model a document is about: its frontmatter `model`, else its title."""
        candidates = []
        for index, unit in enumerate(self.units):
            if unit.key in ("model", "model_name", "name"):
                candidates.append(self.mentions[index])
        if not candidates:
            for index, unit in enumerate(self.units):
                if unit.key in ("title",) or (unit.kind == "heading" and not unit.headings):
                    candidates.append(self.mentions[index])
                    break
        for mentions in candidates:
            model = self.only_model(mentions)
            if model:
                return model
        return None

    def heading_model(self, heading: str) -> str | None:
        if heading not in self.heading_models:
            self.heading_models[heading] = self.only_model(self.lex.mentions(heading))
        return self.heading_models[heading]

    def context_model(self, unit: Unit) -> str | None:
        """The innermost heading naming one model, else the document's subject."""
        for heading in reversed(unit.headings):
            model = self.heading_model(heading)
            if model:
                return model
        return self.subject
