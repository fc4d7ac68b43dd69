"""What a document establishes once and its claims lean on: where models,
URLs, benchmarks and task words are named (one scan each over the whole
text), the model it is about, which member a bare family name stands for,
which benchmark a task word stands for, and the models its headings name."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.catalogue.coin import coin
from pipeline.catalogue.rules import rules
from pipeline.extract.lexicon import Lexicon, Mention
from pipeline.extract.numbers import DATE, YEARLESS_MONTH, date_value
from pipeline.extract.segments import Block

_DIGITS = re.compile(r"\d+")
_VARIANT_AFTER = re.compile(r"[ -]([A-Za-z]+)(?![A-Za-z0-9.\-])")  # "Gemini Flash": a word after a family name
_VERSUS = re.compile(r"\bvs\.?|\bversus\b|对比|比较|对决|PK", re.IGNORECASE)


class Spans:
    """Sorted spans with a fast 'which fall inside [start, end)'."""

    def __init__(self, items: list, start=lambda x: x[0]):
        self.items = items
        self.starts = [start(x) for x in items]

    def within(self, start: int, end: int) -> list:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.items[lo:hi]


@dataclass
class DocumentContext:
    text: str
    blocks: list[Block]
    lex: Lexicon
    mentions: Spans = None
    urls: Spans = None
    family_member: dict[str, str] = field(default_factory=dict)
    task_benchmarks: dict[str, str] = field(default_factory=dict)
    subject: str | None = None
    heading_models: dict[str, str | None] = field(default_factory=dict)
    title: str | None = None
    benchmarks: Spans = None
    tasks: Spans = None
    numbers: list[int] = field(default_factory=list)  # digit runs outside names and URLs
    quantities: list[int] = field(default_factory=list)  # the ones written as quantities
    _named: set | None = None
    dated: tuple[int, int | None] | None = None  # the year (and month) the document is written in

    @classmethod
    def build(cls, text: str, blocks: list[Block], lex: Lexicon, quantities: bool = True) -> "DocumentContext":
        """`quantities=False`: no quantity marks are read, `quantities` stays empty and
        is_quantity / has_quantity say no (extraction v2 finds its quantities itself)."""
        doc = cls(text=text, blocks=blocks, lex=lex)
        scan = lex.scan(text, marks=quantities)
        doc.urls = Spans(scan.urls)
        doc.mentions = Spans(doc._with_member_words(doc._with_variant_words(scan.mentions)), start=lambda m: m.start)
        doc.benchmarks = Spans(scan.benchmarks)
        doc.tasks = Spans(scan.tasks)
        doc.numbers = doc._free_numbers()
        doc.title = doc._title()
        doc.dated = doc._dated()
        doc.quantities = doc._quantities(scan.marks) if quantities else []
        doc.family_member = doc._family_members()
        doc.task_benchmarks = doc._task_benchmarks()
        doc.subject = doc._subject()
        return doc

    def _with_member_words(self, mentions: list[Mention]) -> list[Mention]:
        """"…(vs $15 for Opus)": a member word written alone is a mention of the one
        model the document names that carries it."""
        named = {m.model for m in mentions}
        families = {m for m in named if self.lex.vocab.models[m].is_family} | {
            self.lex.vocab.models[m].family for m in named if self.lex.vocab.models[m].family}
        starts = [m.start for m in mentions]
        extra = []
        for word in self.lex.member_words.finditer(self.text):
            i = bisect.bisect_right(starts, word.start()) - 1
            if i >= 0 and word.start() < mentions[i].end:
                continue  # part of a full name
            written = word.group(1).lower()
            key = re.sub(r"[ -]+", "-", written)
            owners = self._member_owners(key, written, named, families)
            end = word.end()
            if not owners and key != written.split()[0].split("-")[0]:  # "Sonnet 3 times": the word alone
                key = re.split(r"[ -]", written)[0]
                owners, end = self._member_owners(key, key, named, families), word.start() + len(key)
            if len(owners) == 1:
                extra.append(Mention(word.start(), end, owners[0], bare=True))
        return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions

    def _with_variant_words(self, mentions: list[Mention]) -> list[Mention]:
        """"Gemini Flash" in a page that names Gemini 1.5 Flash: a family name and a
        variant word with no version (catalogue rules coin_variants) stand for the
        one member of the family the document names whose id ends in that word."""
        models = self.lex.vocab.models
        named = {m.model for m in mentions if not models[m.model].is_family}
        out = []
        for m in mentions:
            word = _VARIANT_AFTER.match(self.text, m.end) if models[m.model].is_family else None
            if word and word.group(1).lower() in rules().coin_variants:
                members = [n for n in named if n in self.lex.descendants.get(m.model, ())
                           and n.endswith("-" + word.group(1).lower())]
                if len(members) == 1:
                    m = Mention(m.start, word.end(), members[0])
            out.append(m)
        return out

    def _member_owners(self, key: str, written: str, named: set[str], families: set[str]) -> list[str]:
        """The models a member word (and version) written alone may stand for: the
        named models whose id holds it ("opus" in claude-opus-4.6), else a named
        family's member of that id, known ("Opus 4.6" -> claude-opus-4.6, "Haiku 3.5" ->
        claude-3.5-haiku) or, for
        a "V" version, coined ("V4-Flash" after "DeepSeek V4" -> deepseek-v4-flash)."""
        owners = [m for m in named if f"-{key}-" in f"-{m}-"]
        if owners:
            return owners
        keys = [key] + ["-".join(reversed(key.split("-", 1)))] * ("-" in key)  # "Haiku 3.5" is claude-3.5-haiku
        owners = [f"{f}-{k}" for f in families for k in keys if f"{f}-{k}" in self.lex.vocab.models][:1]
        if owners or not key.startswith("v"):
            return owners
        spelled = [f"{f} {written}" for f in families if f.isalpha()]
        coined = {(coin(text, 0) or (0, ""), len(text)) for text in spelled}
        return sorted(found[1] for found, length in coined if found[0] == length)

    def _free_numbers(self) -> list[int]:
        """Digit runs that may be a quantity: not part of a model name or a URL."""
        taken = sorted([(m.start, m.end) for m in self.mentions.items] + self.urls.items)
        starts = [s for s, _ in taken]
        free = []
        self._run_ends = {}
        for match in _DIGITS.finditer(self.text):
            pos = match.start()
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < taken[i][1]:
                continue
            free.append(pos)
            self._run_ends[pos] = match.end()
        return free

    def _run_end(self, start: int) -> int:
        return self._run_ends[start]

    def _quantities(self, marks: list[int]) -> list[int]:
        """Free digit runs marked as quantities (the first digit run at or
        just after a mark), or beside a benchmark name."""
        numbers = self.numbers
        keep = set()
        for mark in marks:
            i = bisect.bisect_right(numbers, mark) - 1
            if i >= 0 and self._run_end(numbers[i]) > mark:
                keep.add(numbers[i])
            elif i + 1 < len(numbers) and numbers[i + 1] - mark <= 12:
                keep.add(numbers[i + 1])
        for start, end, _ in self.benchmarks.items:
            lo = bisect.bisect_left(numbers, start - 60)  # "93.1 on the long-context benchmark RULER"
            hi = bisect.bisect_left(numbers, end + 60)  # "MMLU (…) with a top score of 88.5"
            keep.update(numbers[lo:hi])
        if self.dated:  # "shipped GPT-4o in May": the month name marks the clause as one to read
            keep.update(m.start("en") for m in YEARLESS_MONTH.finditer(self.text) if m.group("en"))
        return sorted(keep)

    def _dated(self) -> tuple[int, int | None] | None:
        """When the document says it was written: its frontmatter date, else a
        date or year in its title."""
        for block in self.blocks[:60]:
            if block.kind == "field" and block.key in ("date", "published", "published_at", "updated"):
                found = DATE.search(self.text, block.start, block.end)
                if found and (value := date_value(found)):
                    return int(value[:4]), int(value[5:7])
        title = self.title or ""
        found = DATE.search(title)
        if found and (value := date_value(found)):
            return int(value[:4]), int(value[5:7])
        year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", title)
        return (int(year.group(0)), None) if year else None

    def has_number(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.numbers, start)
        return i < len(self.numbers) and self.numbers[i] < end

    def is_quantity(self, pos: int) -> bool:
        i = bisect.bisect_left(self.quantities, pos)
        return i < len(self.quantities) and self.quantities[i] == pos

    def has_quantity(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.quantities, start)
        return i < len(self.quantities) and self.quantities[i] < end

    def benchmarks_in(self, start: int, end: int) -> list:
        return [b for b in self.benchmarks.within(start, end) if b[1] <= end]

    def tasks_in(self, start: int, end: int) -> list:
        return [t for t in self.tasks.within(start, end) if t[1] <= end]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions.within(start, end) if m.end <= end]

    def urls_in(self, start: int, end: int) -> list[tuple[int, int]]:
        return [u for u in self.urls.items if u[0] < end and start < u[1]] if self.urls.items else []

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

    def named_members(self, family: str, word: str) -> list[str]:
        """The members of `family` this document names whose id ends in `word`
        ("haiku" -> claude-3.5-haiku when that is the only Haiku it names)."""
        if self._named is None:
            self._named = {self.resolve(m) for m in self.mentions.items}
        descendants = self.lex.descendants.get(family, frozenset())
        return sorted(m for m in self._named if m in descendants and m.endswith(f"-{word}"))

    def compared_pair(self) -> list[str]:
        """The two models a comparison article is about: the two specific models it
        names most (each at least twice), in the order it first names them."""
        counts = Counter(self.resolve(m) for m in self.mentions.items)
        top = [model for model, n in counts.most_common() if n >= 2 and not self.is_family(model)][:3]
        if len(top) < 2 or (len(top) == 3 and counts[top[2]] == counts[top[1]]):
            return []
        first = {}
        for m in self.mentions.items:
            first.setdefault(self.resolve(m), m.start)
        return sorted(top[:2], key=first.get)

    def sibling(self, model: str, size: str) -> str | None:
        """`the 8B variant` of llama-3.1-405b is llama-3.1-8b, when the vocabulary knows it."""
        models = self.lex.vocab.models
        if model in models and models[model].is_family and f"{model}-{size.lower()}" in models:
            return f"{model}-{size.lower()}"  # "the 405B model" of a Llama 3.1 paper
        family = models[model].family if model in models else None
        candidate = f"{family}-{size.lower()}" if family else None
        return candidate if candidate in models else None

    def _family_members(self) -> dict[str, str]:
        """A family stands for the member the document is about: the only one it
        names (at least twice), or one named at least twice as often as any other."""
        counts = Counter(m.model for m in self.mentions.items if not m.bare)
        resolved = {}
        for model in counts:
            if not self.lex.vocab.models[model].is_family:
                continue
            members = Counter({n: c for n, c in counts.items()
                               if n in self.lex.descendants[model] and not self.lex.vocab.models[n].is_family})
            ranked = members.most_common(2)
            if ranked and ranked[0][1] < 2:
                continue  # a member named once ("其中 Llama 3.2 3B …") does not make the document about it
            if len(ranked) == 1 or (len(ranked) == 2 and ranked[0][1] >= 2 * ranked[1][1]):
                resolved[model] = ranked[0][0]
        return resolved

    def _task_benchmarks(self) -> dict[str, str]:
        """A line naming one task and one benchmark ties the two for the document."""
        benches = self.benchmarks.items
        if not benches:
            return {}
        tasks = self.tasks
        bench_spans = self.benchmarks
        ties: dict[str, Counter] = {}
        lines: dict[int, tuple[set, set]] = {}  # names per line, gathered once however many a line holds
        breaks = [m.start() for m in re.finditer("\n", self.text)]  # no rescan of a megabyte line per name
        for start, _, bench in benches:
            i = bisect.bisect_left(breaks, start)
            line_start = breaks[i - 1] + 1 if i else 0
            if line_start not in lines:
                line_end = breaks[i] if i < len(breaks) else len(self.text)
                lines[line_start] = ({t for _, _, t in tasks.within(line_start, line_end)},
                                     {b for _, _, b in bench_spans.within(line_start, line_end)})
            line_tasks, line_benches = (set(names) for names in lines[line_start])
            if len(line_tasks) == 1 and len(line_benches) == 1:
                ties.setdefault(line_tasks.pop(), Counter())[bench] += 1
        return {task: counts.most_common(1)[0][0] for task, counts in ties.items()}

    def _subject(self) -> str | None:
        """The one model a document is about: its frontmatter `model`, else its title."""
        keyed = [b for b in self.blocks if b.key in ("model", "model_name", "name")]
        titled = [b for b in self.blocks if b.key == "title"] or [
            b for b in self.blocks[:50] if b.kind == "heading"][:1]
        for block in keyed or titled:
            mentions = self.mentions_in(block.start, block.end)
            if block in titled and _VERSUS.search(self.text, block.start, block.end) and len(
                    {self.resolve(m) for m in mentions}) > 1:
                continue  # "Claude 3 系列 vs GPT-4 系列": a comparison has no one subject
            model = self.only_model(mentions)
            if model:
                return model
        if not titled:  # an untitled page that names one model only is about it
            return self.only_model(self.mentions.items)
        return None

    def _title(self) -> str | None:
        """The frontmatter title, else the first heading."""
        for block in self.blocks[:60]:
            if block.key == "title" or (block.kind == "heading" and not block.headings):
                return self.text[block.start:block.end]
        return None

    def heading_model(self, heading: str) -> str | None:
        if heading not in self.heading_models:
            self.heading_models[heading] = self.only_model(self.lex.mentions(heading))
        return self.heading_models[heading]

    def context_model(self, headings: tuple[str, ...]) -> str | None:
        """The innermost heading naming one model, else the document's subject."""
        for heading in reversed(headings):
            model = self.heading_model(heading)
            if model:
                return model
        return self.subject
