"""Text in, validated claims out. Walks the document's blocks; a block with
a number in it is cut into units and each clause is read with the grammar;
every number gets its model (the clause's, the sentence's, the paragraph's,
the table's, the section's, the document's) and the unit it came from is
its quote."""
from __future__ import annotations

import bisect
import re
import threading
from collections import Counter

from pipeline.extract.context import DocumentContext
from pipeline.extract.currency import price_unit
from pipeline.extract.deadline import Deadline
from pipeline.extract.fastre import led
from pipeline.extract.grammar import ClauseReader, Context, Found, as_of_date, clauses
from pipeline.extract.lexicon import Mention, lexicon
from pipeline.extract.normalise import normalise
from pipeline.extract.numbers import DATE
from pipeline.extract.patterns import RATE_ANYWHERE
from pipeline.extract.script import as_simplified
from pipeline.extract.segments import LIST_LABEL, Block, Unit, blocks_of, is_label_line, units_of
from pipeline.extract.tables import plan_table
from pipeline.records import Claim, Qualifiers

# a figure measured over many models ("TTFT ranges from 0.3 s to 4 s across providers")
_ACROSS_MODELS = re.compile(r"\brang(?:e|es|ed|ing)\s+from\b|\bacross\b|\bbetween\b.{0,40}\band\b|不等|之间", re.IGNORECASE)
_PRICE_ITEM_WORD = re.compile(r"input|output|prompt|completion|cache|batch|输入|输出|缓存|批", re.IGNORECASE)
_SIZE_VARIANT = re.compile(r"(?<!\d)(\d+(?:\.\d+)?[BbMm])[ -]?(?:parameter )?(?:variant|version|model|size|版本|模型)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{3,}")
_BOTH = re.compile(r"两个模型都?|两款模型都?|两者都?|二者都?|两个都|both models|both of them|the two|\bboth\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"分别|respectively", re.IGNORECASE)
_FOR_MODEL = re.compile(r"[^\d$]{0,24}?\b(?:for|of|from|by)\s+(?:the\s+)?", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|，|、|和|与|及|以及|and|&)\s*(?:the\s+)?", re.IGNORECASE)
_SHARED_AFTER = re.compile(r"\s*(?:(?:were|are|have|had|will|can|each)\s+)?(?:both|all|均|都|皆|同时)", re.IGNORECASE)
# "A 与 B 上下文长度统一为 1M": the shared word further on, before the first figure
_SHARED_LATER = re.compile(r"(?:均|都|皆|统一|同为|一致)|\b(?:both|all)\b", re.IGNORECASE)
_SHARED_BEFORE = re.compile(r"(?:\bboth|无论是|不论是)\s*$", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"[\s*_]*(?:(?:and|but|while|whereas|the|而|但)\s*)?", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"\s*(?:it|its|it's|this model|the model|这款模型|该模型|此模型|它|其)(?![A-Za-z])", re.IGNORECASE)
_OF_MODEL = re.compile(r"[^\d$]{0,24}?\b(?:for|of|from|by|in|on|with)\s+(?:the\s+)?", re.IGNORECASE)
_JOINED_VALUES = re.compile(r"[^\d]{0,12}?(?:\s(?:and|&)\s|和|与|及|、)\s*(?:US\$|\$|＄)?", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*(?:which|who|whose)\b", re.IGNORECASE)
_OUTRANKS = re.compile(r"[^\d]{0,6}?\b(?:beats?|outperforms?|outscores?|surpass(?:es)?|overtakes?|edges? out|tops)\s+"
                       r"(?:both\s+)?(?:the\s+)?|[^\d]{0,6}?(?:超过|超越|优于|击败|胜过|领先于?)\s*", re.IGNORECASE)
_ATTACHED = re.compile(r"\s*(?:'s|’s|的)?\s*(?:[:：(（]|at|score of|scores?|得分为?|为|是)?\s*[$＄]?\s*", re.IGNORECASE)
_COMPARED = re.compile(r"(?:\bthan|\bvs\.?|\bversus|\bcompared (?:to|with)|\bover|\bsuccessor (?:to|of)|\breplac(?:es|ing|ement for)"
                       r"|\bsupersed(?:es|ing)|\bup from|\balongside|\balong with|\btogether with"
                       r"|\binstead of|比|相比|对比|低于|高于|不如|落后于|超过|优于|取代|接替|替代)(?![A-Za-z])"
                       r"(?:[^\S\n]*[^\s,，;；。.\d]+){0,3}?[^\S\n]*[\[(（]?[^\S\n]*$",  # "alongside the more powerful [X"
                       re.IGNORECASE)
_COMPARED_REACH = 40
_VERSUS_VALUES = re.compile(r"[^\d]{0,8}?\s(?:vs\.?|versus)\s*(?:US\$|\$|＄)?|[^\d]{0,8}?(?:对比|相比)\s*", re.IGNORECASE)
_TIMES_OF = re.compile(r"(?:'s|的)?\s*(?:两|二|三|四|五|几|十|\d+(?:\.\d+)?)\s*倍|的一半|'s\s+(?:double|twice|half)", re.IGNORECASE)
_VALUE_ONLY = re.compile(r"[~≈约]?\s*[$＄]?\s*\d[\d,.]*\s*(?:[KkMmBbTt]|万|亿)?\s*(?:tokens?|tok/s|tokens?/s|ms|s|%|USD)?\s*",
                         re.IGNORECASE)
_FROM_BASE = re.compile(r"(?:\bfrom|从|由)\s*$", re.IGNORECASE)
_VERSUS_BETWEEN = re.compile(r"(?:\bvs\.?|\bversus|对比|相比)\s*[$＄]?\s*\d", re.IGNORECASE)
_OPEN, _CLOSE = "(（[", ")）]"
LEAD_IN_REACH = 8  # blocks after "GPT-4o pricing:" that may lean on it

# searched through a first-character lookahead (fastre.py): the same matches, fewer tries
_SIZE_VARIANT, _BOTH, _COMPARED = led(_SIZE_VARIANT), led(_BOTH), led(_COMPARED)


# patterns the hot paths used to pass to re.* (whose cache lookups, and recompiles once more than
# 512 patterns were in use, cost ~2-3% of extraction)
_JOINING_LEAD = re.compile(r"[\s,，;；、]*(?:and\s+|but\s+|while\s+|the\s+|而|但)?", re.IGNORECASE)


def _enclosing_paren(text: str, start: int, pos: int) -> int | None:
    """Start of the innermost bracket still open at `pos`, within [start, pos)."""
    depth = 0
    for i in range(pos - 1, start - 1, -1):
        ch = text[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return i
            depth -= 1
    return None


def pick_mention(text: str, found: Found, clause: tuple[int, int], mentions: list[Mention]) -> Mention | None:
    """Inside brackets naming a model, that model; else the nearest model named
    before the number in its clause; else the first named after it."""
    inside = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    if not inside:
        return None
    paren = _enclosing_paren(text, clause[0], found.start)
    if paren is not None:
        in_paren = [m for m in inside if paren < m.start < found.start]
        if in_paren:
            return in_paren[-1]
    after = [m for m in inside if m.start >= found.end]
    if after and _FOR_MODEL.fullmatch(text[found.end:after[0].start]):
        return after[0]  # "25 tokens/sec for Claude 3 Opus"
    before = [m for m in inside if m.end <= found.start  # a model compared against owns only its own figure
              and (_ATTACHED.fullmatch(text, m.end, found.start) or not compared(text, m, clause[0]))]
    if len(before) >= 2 and _OUTRANKS.fullmatch(text, before[0].end, before[1].start) and not _ATTACHED.fullmatch(
            text, before[-1].end, found.start):
        return before[0]  # "Claude 3.5 Sonnet beats GPT-4o and Gemini 1.5 Pro with 92.0%": the subject's
    if before and _FROM_BASE.search(text, max(clause[0], before[-1].start - 4), before[-1].start) and not (
            _ATTACHED.fullmatch(text, before[-1].end, found.start)):
        before = before[:-1]  # "V3 的延迟从 V2 的 120ms 压缩至 85ms": 85ms is not V2's
        if not before:
            return None
    if before:
        return before[-1]
    owners = [m for m in after if not compared(text, m, clause[0]) and not _TIMES_OF.match(text, m.end)
              and _enclosing_paren(text, found.end, m.start) is None  # "$3/1M tokens (vs $15 for Opus)"
              and not _VERSUS_BETWEEN.search(text, found.end, m.start)]  # "(128K vs 200K in o4-mini)": not o4-mini's 128K
    return owners[0] if owners else None  # "…a 200K window -- 56% larger than GPT-4o": not GPT-4o's


def compared(text: str, mention: Mention, floor: int = 0) -> bool:
    """Named only as what another model is measured against ("superseding Llama 2",
    "larger than GPT-4o", "比 GPT-4o"), looking back no further than `floor`."""
    return _compared_before(text, max(floor, mention.start - _COMPARED_REACH), mention.start)


_COMPARED_MEMO = threading.local()  # per thread: the text last asked about and its answers


def _compared_before(text: str, start: int, end: int) -> bool:
    """The same mention is asked about once per figure near it: answered once per document."""
    memo = _COMPARED_MEMO
    if getattr(memo, "text", None) is not text:
        memo.text, memo.answers = text, {}
    key = (start, end)
    if key not in memo.answers:
        memo.answers[key] = bool(_COMPARED.search(text, start, end))
    return memo.answers[key]


class Extractor:
    def __init__(self, text: str, source: str, deadline: Deadline | None = None):
        self.deadline = deadline or Deadline(None)
        self.original = text  # quotes come from here; matching reads the reduced, simplified twin
        reading, self.offsets = normalise(text)  # spans of `self.text` -> spans of `text`
        self.text = as_simplified(reading)
        self.source = source
        self.lex = lexicon()
        self.deadline.check()
        self.blocks = blocks_of(self.text)
        self.deadline.check()
        self.doc = DocumentContext.build(self.text, self.blocks, self.lex)
        self.deadline.check()
        self.pending: list[tuple[Found, str, Unit]] = []
        self.previous_named: list[str] = []
        self.price_items: list[tuple[str, str]] = []
        self.body_start = next((b.start for b in self.blocks if b.kind != "field"), len(self.text))

    def run(self) -> list[Claim]:
        lead_in, lead_until = None, -1  # "GPT-4o pricing:" lends its model to what follows
        tables = 0
        label = None  # "- Total params" over "- 671B": a key and its value as two list items
        for block in self.blocks:
            self.deadline.check()
            if block.kind == "heading":
                if block.key != LIST_LABEL:  # "优势" over a list keeps the model a "Claude 3.5 Sonnet" line named
                    lead_in = None
                continue
            block, label = self._keyed_by_label(block, label)
            lead = lead_in if block.index <= lead_until else None
            if block.kind in ("table", "field", "code", "records") and self.doc.has_number(block.start, block.end) or (
                    self.doc.has_quantity(block.start, block.end)):
                if block.kind in ("table", "records"):
                    self._read_table(block, tables)
                else:
                    self._read_block(block, lead)
            tables += block.kind == "table"
            if block.kind in ("prose", "heading") and self._is_label(block):
                lead_in = self.doc.primary(self.doc.mentions_in(block.start, block.end))
                lead_until = block.index + LEAD_IN_REACH
        return self._finish()

    def _keyed_by_label(self, block: Block, label: str | None) -> tuple[Block, str | None]:
        """A block that is only a value takes the short label line above it as its
        key ("Context Length" over "128K", as list items or lines of their own)."""
        if block.kind != "prose":
            return block, None
        text = self.text[block.start:block.end]
        if label and len(text) <= 24 and (_VALUE_ONLY.fullmatch(text) or DATE.fullmatch(text.strip())):
            return Block("field", block.start, block.end, block.index, block.headings, key=label), None
        if is_label_line(text, 32):
            return block, text
        return block, None

    def _is_label(self, block: Block) -> bool:
        """"GPT-4o pricing:" or a line that is only a model's name ("**GPT-4o**")
        introduces what follows."""
        mentions = self.doc.mentions_in(block.start, block.end)
        if not mentions or block.kind == "heading":
            return False
        text = self.text[block.start:block.end]
        bare = text.strip("*_#:： \t")
        named = sum(m.end - m.start for m in mentions)
        return text.rstrip("*").endswith((":", "：")) or (len(mentions) == 1 and len(bare) <= named + 2)

    def _read_block(self, block: Block, lead: str | None) -> None:
        carry = None  # the model the block's latest unit named
        self.previous_named = []  # and every model it named, in order ("两者分别为 …")
        self.price_items = []  # the (direction, tier) of each price its latest priced unit listed
        echo = None  # the metric its latest figure was read as ("…200,000 tokens of context; GPT-4o …128,000")
        urls = self.doc.urls_in(block.start, block.end)
        carry_indent = -1  # in code, a model named on a line holds for the lines nested under it
        for unit in units_of(self.text, block):
            self.deadline.check()
            mentions = self.doc.mentions_in(unit.start, unit.end)
            if unit.kind == "code" and carry and self._indent(unit.start) <= carry_indent:
                carry = None
            if self.doc.has_quantity(unit.start, unit.end) or (
                    unit.kind in ("field", "code") and self.doc.has_number(unit.start, unit.end)) or (
                    echo and mentions and self.doc.has_number(unit.start, unit.end)):
                echo = self._read_unit(unit, mentions, urls, carry or lead, echo if unit.kind == "sentence" else None)
            else:
                echo = None
            if mentions:
                named = [m for m in mentions if not compared(self.text, m)]
                carry = self.doc.primary(named) if named else None  # not "vs_claude_3_opus:"
                carry_indent = self._indent(unit.start) if unit.kind == "code" else -1
                self.previous_named = self._named_models(mentions)

    def _read_unit(self, unit: Unit, mentions: list[Mention], urls, fallback: str | None,
                   echo: str | None = None) -> str | None:
        """Reads one unit; returns the metric its last figure was read as."""
        cues = unit.key.replace("_", " ") if unit.kind == "field" and unit.key else ""
        ctx = Context(cues=cues, headings=unit.headings, task_benchmarks=self.doc.task_benchmarks, echo=echo,
                      paragraph_start=self.blocks[unit.block].start if unit.kind == "sentence" else None)
        sentence = (unit.start, unit.end)
        front = unit.kind == "field" and not unit.headings and unit.start < self.body_start
        section = self.doc.subject if front else (fallback or self.doc.context_model(unit.headings))
        as_of = as_of_date(self.text, unit.start, unit.end)
        spans = clauses(self.text, unit.start, unit.end)
        read: list[tuple[Found, str]] = []
        both_of_section = self._both_models(unit, mentions)
        for clause in spans:
            echoing = ctx.echo and self.doc.has_number(*clause) and self.doc.mentions_in(*clause)
            if not (self.doc.has_quantity(*clause) or unit.kind in ("field", "code") and self.doc.has_number(*clause)
                    or echoing):
                continue
            self.deadline.check()
            reader = ClauseReader(self.text, *clause, sentence, ctx, mentions, urls, self.doc, self.lex)
            both = both_of_section or self._joint_subject(clause, mentions)
            for found in reader.read():
                found.as_of = as_of
                if both and not found.model_hint:  # "两个模型都支持 128K 上下文": one claim per model
                    read.extend((found, model) for model in both)
                    continue
                model = self._model_for(found, clause, mentions, section, spans)
                if model and not self._ownerless(found, model, unit, clause, mentions):
                    read.append((found, model))
        read = self._without_shares(unit, mentions, self._price_items_respectively(unit, spans, read))
        for found, model in self._family_sizes(self._respectively(unit, mentions, read)):
            self.pending.append((found, model, unit))
        return ctx.echo if read else None  # only a sentence that stated a figure lends it to the next

    def _ownerless(self, found: Found, model: str, unit: Unit, clause: tuple[int, int],
                   mentions: list[Mention]) -> bool:
        """Figures no model owns, though the context lends one: a range measured
        across many models given to a bare vendor or family word the sentence
        does not name."""
        if found.model_hint or any(clause[0] <= m.start < clause[1] for m in mentions):
            return False
        if self.doc.is_family(model) and _ACROSS_MODELS.search(self.text, unit.start, unit.end):
            return True
        return False

    def _price_items_respectively(self, unit: Unit, spans: list[tuple[int, int]], read: list[tuple[Found, str]]):
        """"A 输入 0.1 元（缓存命中）/2 元、输出 8 元；B 分别为 0.2 元、4 元、16 元": bare
        prices given "respectively" after a list of priced items take those items'
        directions and tiers in order, clause by clause, when the counts agree."""
        prices = [f for f, _ in read if f.metric.startswith("price")]
        items = self.price_items
        if len(items) >= 2 and _RESPECTIVELY.search(self.text, unit.start, unit.end):
            for clause in spans:
                inside = [f for f in prices if clause[0] <= f.start < clause[1]]
                if len(inside) == len(items) and not _PRICE_ITEM_WORD.search(self.text, inside[0].start, inside[-1].end):
                    for found, (metric, tier) in zip(inside, items):
                        found.metric, found.tier = metric, tier
        elif len(prices) >= 2 and len({(f.metric, f.tier) for f in prices}) >= 2:
            self.price_items = [(f.metric, f.tier) for f in sorted(prices, key=lambda f: f.start)]
        return read

    def _without_shares(self, unit: Unit, mentions: list[Mention], read: list[tuple[Found, str]]):
        """Percentages of a sentence naming no model and no benchmark that add up
        to a whole ("accuracy (40%), cost (35%), speed (25%)") are the weights or
        shares of something, not a model's scores."""
        scores = [f for f, _ in read if f.metric.startswith("score:") and not f.model_hint]
        if mentions or len(scores) < 2 or self.doc.benchmarks_in(unit.start, unit.end):
            return read
        if abs(sum(f.value for f in scores if isinstance(f.value, float)) - 100) > 1:
            return read
        dropped = {id(f) for f in scores}
        return [(f, m) for f, m in read if id(f) not in dropped]

    def _both_models(self, unit: Unit, mentions: list[Mention]) -> list[str]:
        """A sentence about "both models" that names none: the models its section
        (or the document's title) compares, when that is two or three of them."""
        if mentions or not _BOTH.search(self.text, unit.start, unit.end) or _RESPECTIVELY.search(
                self.text, unit.start, unit.end):
            return []
        for text in [*reversed(unit.headings), self.doc.title or ""]:
            models = []
            for m in self.lex.mentions(text):
                model = self.doc.resolve(m)
                if not self.doc.is_family(model) and model not in models:
                    models.append(model)
            if 2 <= len(models) <= 3:
                return models
        if 2 <= len(self.previous_named) <= 3:  # "…GPT-4o … Claude 3.5 Sonnet … . Around 0.5 s for both."
            return self.previous_named
        return []

    def _joint_subject(self, clause: tuple[int, int], mentions: list[Mention]) -> list[str]:
        """Models joined as one subject and said to share the figure: "o1-preview
        和 o1-mini 均于 2024 年 9 月 12 日发布", "Both GPT-4o and GPT-4o mini have ..."."""
        inside = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
        for first in range(len(inside) - 1):
            last = first
            while last + 1 < len(inside) and _JOINED.fullmatch(self.text, inside[last].end, inside[last + 1].start):
                last += 1
            if last == first:
                continue
            lead = self.text[clause[0]:inside[first].start]
            first_figure = self._first_figure(inside[last].end, clause[1])
            shared = _SHARED_AFTER.match(self.text, inside[last].end, clause[1]) or _SHARED_BEFORE.search(lead) or (
                _SHARED_LATER.search(self.text, inside[last].end, first_figure)) or (
                _CLAUSE_OPENING.fullmatch(lead) and self._figures_in(clause) == 1)  # "GPT-4o and o1-mini sit at 128K"
            if shared:
                models = list(dict.fromkeys(self.doc.resolve(m) for m in inside[first:last + 1]))
                return models if len(models) > 1 else []
        return []

    def _first_figure(self, start: int, end: int) -> int:
        """Where the first quantity in [start, end) begins (end when none)."""
        i = bisect.bisect_left(self.doc.quantities, start)
        return self.doc.quantities[i] if i < len(self.doc.quantities) and self.doc.quantities[i] < end else end

    def _indent(self, pos: int) -> int:
        line_start = self.text.rfind("\n", 0, pos) + 1
        return pos - line_start

    def _family_sizes(self, read: list[tuple[Found, str]]) -> list[tuple[Found, str]]:
        """"available in 8 billion, 70 billion, and 405 billion parameter sizes": several
        parameter counts given to one model are the sizes of its family's members."""
        counts = [(f, m) for f, m in read if f.metric == "parameters" and f.setting is None]
        families = {m if self.doc.is_family(m) else getattr(self.lex.vocab.models.get(m), "family", None)
                    for _, m in counts}
        if len(counts) < 2 or len(families) != 1:
            return read
        family = families.pop()
        out = []
        for found, owner in read:
            if found.metric == "parameters" and found.setting is None and family and isinstance(found.value, float):
                size = f"{found.value / 1e9:g}b" if found.value >= 1e9 else f"{found.value / 1e6:g}m"
                member = self.doc.sibling(family, size) if self.doc.is_family(family) else None
                if member is None:
                    continue  # a size the vocabulary does not know: no claim rather than a wrong one
                out.append((found, member))
            else:
                out.append((found, owner))
        return out

    def _figures_in(self, clause: tuple[int, int]) -> int:
        quantities = self.doc.quantities
        return bisect.bisect_left(quantities, clause[1]) - bisect.bisect_left(quantities, clause[0])

    def _respectively(self, unit: Unit, mentions: list[Mention], read: list[tuple[Found, str]]):
        """"GPT-4o 和 Claude 3.5 Sonnet 的上下文窗口分别为 128K 和 200K": with 分别 /
        respectively, as many values of one metric as models named before them, in order."""
        said = bool(_RESPECTIVELY.search(self.text, unit.start, unit.end))
        if said:
            self._respective_benchmarks(unit, read)
        by_metric: dict[str, list[tuple[Found, str]]] = {}
        for found, model in read:
            if found.model_hint is None:
                by_metric.setdefault(found.metric, []).append((found, model))
        assigned = {}
        for pairs in by_metric.values():
            pairs.sort(key=lambda p: p[0].start)
            values = [f for f, _ in pairs]
            versus = len(values) == 2 and bool(_VERSUS_VALUES.fullmatch(self.text, values[0].end, values[1].start))
            if not said and not versus and not self._parallel(values, {m for _, m in pairs}):
                continue
            named = self._named_models([m for m in mentions if m.end <= values[0].start])
            if not named and said and _BOTH.search(self.text, unit.start, unit.end):
                named = self.previous_named  # "…美洲驼 … 88.6%，而克劳德 3 作品为 86.8%。…两者分别为 89.0% 和 84.9%"
            if versus and not mentions:  # "lower input ($2.50 vs $3.00)" in an article comparing two models
                named = self.doc.compared_pair()
            elif versus:  # "…而 B 在长文本上占优（100万 vs 64K）": the first is B's, the second the other model's
                first = pairs[0][1]
                others = [m for m in self._named_models(mentions) if m != first] or [
                    m for m in self.doc.compared_pair() if m != first]
                named = [first, others[-1]] if others else []
            if len(values) >= 2 and len(values) == len(named):
                assigned.update({id(f): model for f, model in zip(values, named)})
        return [(found, assigned.get(id(found), model)) for found, model in read]

    def _named_models(self, mentions: list[Mention]) -> list[str]:
        return list(dict.fromkeys(self.doc.resolve(m) for m in mentions))

    def _respective_benchmarks(self, unit: Unit, read: list[tuple[Found, str]]) -> None:
        """"Sonnet scores 92.0% on HumanEval and 59.4% on GPQA, while GPT-4o reaches
        90.2% and 53.6% respectively": scores after the last benchmark named take
        the benchmarks in the order they were named."""
        benches = self.doc.benchmarks_in(unit.start, unit.end)
        slugs = list(dict.fromkeys(slug for _, _, slug in benches))
        if len(slugs) < 2:
            return
        trailing = sorted((f for f, _ in read if f.metric.startswith(("score:", "rating:")) and f.model_hint is None
                           and f.start >= benches[-1][1]), key=lambda f: f.start)
        if len(trailing) == len(slugs):
            for found, slug in zip(trailing, slugs):
                found.metric = f"{found.metric.split(':', 1)[0]}:{slug}"  # a rating stays a rating

    def _parallel(self, values: list[Found], models: set[str]) -> bool:
        """"…for Gemini 1.5 Pro and … for Claude 3 Opus, with latencies of 1.1s
        and 2.3s": figures of one metric joined by "and", all given to one model,
        read as "respectively" when as many models were named before them."""
        if len(values) < 2 or len(models) != 1:
            return False
        return all(_JOINED_VALUES.fullmatch(self.text, a.end, b.start) for a, b in zip(values, values[1:]))

    @staticmethod
    def _clause_of(mention: Mention, spans: list[tuple[int, int]]) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= mention.start < e), -1)

    def _model_for(self, found: Found, clause: tuple[int, int], mentions: list[Mention],
                   section: str | None, clauses_of_unit: list[tuple[int, int]]) -> str | None:
        """The clause's model; else the sentence's subject named before the
        number (a leading date may take the subject named after it); else the
        paragraph's, the section's or the document's model."""
        mention = found.model_hint or pick_mention(self.text, found, clause, mentions)
        if mention and section and not found.model_hint and self._pronoun_subject(found, mention, mentions,
                                                                                   clauses_of_unit[0][0]):
            return section
        if mention and not found.model_hint and clause[0] > clauses_of_unit[0][0] and self._pronoun_subject(
                found, mention, [m for m in mentions if m.start >= clause[0]], clause[0]):
            mention = None  # "GPT-5 …, 其 400k token 的上下文窗口是 Claude 的两倍": the earlier clause's subject
        if mention and self.doc.is_family(self.doc.resolve(mention)) and not found.model_hint:
            specific = [m for m in mentions if clause[0] <= m.start < clause[1] and m.end <= found.start
                        and not self.doc.is_family(self.doc.resolve(m))]
            mention = specific[-1] if specific else mention  # "DeepSeek-V3 is a model from the DeepSeek team with 671B"
        if mention:
            return self._member_named_in(self.doc.resolve(mention), clause, found.start)
        is_date = isinstance(found.value, str)
        if is_date and section and _PRONOUN_SUBJECT.match(self.text, clauses_of_unit[0][0]):
            return section  # "It offers …, an August 2023 knowledge cutoff, … Claude.ai"
        if is_date or any(self._opens_clause(m, clause) for m in mentions):
            earlier = [m for m in mentions if (is_date or m.end <= found.start or self._opens_clause(m, clause))
                       and not compared(self.text, m)]
        elif _RELATIVE.match(self.text, clause[0]):  # "…undercut o1-mini, which still lists at $3"
            earlier = [m for m in mentions if m.end <= clause[0]][-1:]
        else:  # the subject of the nearest earlier clause that names a model (not "…, 略低于 GPT-5,")
            named = [m for m in mentions if m.end <= clause[0]
                     and not compared(self.text, m)]
            nearest = max((self._clause_of(m, clauses_of_unit) for m in named), default=None)
            earlier = [m for m in named if self._clause_of(m, clauses_of_unit) == nearest]
        model = self.doc.primary(earlier) or section
        size = _SIZE_VARIANT.search(self.text, clause[0], clause[1]) or _SIZE_VARIANT.search(
            self.text, clauses_of_unit[0][0], clause[0])  # "The post-trained 405B model scores …, 73.8 on MATH"
        if model and size:
            return self.doc.sibling(model, size.group(1))
        return self._member_named_in(model, clause, found.start) if model else model

    def _pronoun_subject(self, found: Found, mention: Mention, mentions: list[Mention], unit_start: int) -> bool:
        """"It was announced on October 22, 2024 alongside Claude 3.5 Sonnet": a
        sentence whose subject is a pronoun is about the model before it, not one
        named after the number (unless the number is "for"/"of" that model)."""
        if mention.start < found.end or any(m.start < found.start for m in mentions):
            return False
        if _OF_MODEL.fullmatch(self.text[found.end:mention.start]):
            return False
        return bool(_PRONOUN_SUBJECT.match(self.text, unit_start))

    def _member_named_in(self, model: str, clause: tuple[int, int], pos: int) -> str:
        """A family and a bare member word before the number: "Claude 3 family:
        ..., Sonnet $3/$15 and Haiku $0.25/$1.25" gives claude-3-sonnet, claude-3-haiku."""
        if not self.doc.is_family(model):
            return model
        words = [w.group(0).lower() for w in _WORD.finditer(self.text, clause[0], pos)]
        members = [f"{model}-{w}" for w in words if f"{model}-{w}" in self.lex.vocab.models]
        if members:
            return members[-1]
        for word in reversed(words):  # "Claude Haiku: ~0.9s" in a page naming Claude 3.5 Haiku
            named = self.doc.named_members(model, word)
            if len(named) == 1:
                return named[0]
        return model

    def _opens_clause(self, mention: Mention, clause: tuple[int, int]) -> bool:
        """A model named first in a later clause is its subject: "With an MMLU
        score of 86.4%, GPT-4 remains strong" (but not "..., it undercuts GPT-4o")."""
        if mention.start < clause[1]:
            return False
        lead = self.text[clause[1]:mention.start]
        return bool(_JOINING_LEAD.fullmatch(lead))

    def _read_table(self, block: Block, table_no: int) -> None:
        rows = units_of(self.text, block, table_no)
        plans = plan_table(self.doc, rows)
        urls = self.doc.urls_in(block.start, block.end)
        self.deadline.check()
        for row in rows:
            self.deadline.check()
            for plan in plans.get(row.start, []):
                if not self.doc.has_number(plan.start, plan.end):
                    continue
                cell_mentions = self.doc.mentions_in(plan.start, plan.end)
                ctx = Context(cues=plan.cues, headings=row.headings, task_benchmarks=self.doc.task_benchmarks)
                default = plan.model or self.doc.context_model(row.headings)
                for clause in clauses(self.text, plan.start, plan.end):
                    reader = ClauseReader(self.text, *clause, (plan.start, plan.end), ctx, cell_mentions, urls,
                                          self.doc, self.lex)
                    for found in reader.read():
                        self._table_setting(found, plan)
                        mention = found.model_hint or pick_mention(self.text, found, clause, cell_mentions)
                        model = self.doc.resolve(mention) if mention else default
                        if model:
                            self.pending.append((found, model, row))

    @staticmethod
    def _table_setting(found: Found, plan) -> None:
        """A table's settings join the cell's own: its host and statistic for any
        figure, its shots ("5-shot", "pass@1") for a score."""
        own = found.setting  # the grammar's own reading ("p50") wins over the column's statistic
        parts = [own] if own else ([plan.score_setting] if plan.score_setting and found.metric.startswith("score:") else [])
        parts += [p for p in (plan.setting or "").split(",") if p and not (own and p.startswith("stat:"))]
        found.setting = ",".join(parts) or None

    def _price_convention(self) -> float | None:
        """The per-token rate the document states most often for prices."""
        rates = Counter(f.rate for f, _, _ in self.pending if f.metric.startswith("price") and f.rate)
        if not rates:  # "Prices are list prices in USD per million tokens."
            rates = Counter(1e3 if m.group("k") else 1.0 for m in RATE_ANYWHERE.finditer(self.text))
        return rates.most_common(1)[0][0] if rates else None

    def _finish(self) -> list[Claim]:
        convention = self._price_convention()
        claims, seen = [], set()
        vocab = self.lex.vocab
        for found, model, unit in self.pending:
            if found.needs_rate:
                if convention is None:
                    continue
                found.rate = convention
            value, high = found.value, found.value_high
            if found.rate:
                value, high = value * found.rate, (high * found.rate if high is not None else None)
            if isinstance(value, float):
                value = round(value, 6)
            high = round(high, 6) if high is not None else None
            key = (model, found.metric, unit.start, str(value), found.setting, found.tier, found.currency)
            if key in seen:
                continue
            seen.add(key)
            qualifiers = Qualifiers(
                tier=found.tier, approx=found.approx, hedged=found.hedged, bound=found.bound,
                modality=found.modality, as_of=found.as_of, setting=found.setting, currency=found.currency,
            )
            start, end = self.offsets.span(unit.start, unit.end)
            claims.append(Claim(
                source=self.source, model=model, metric=found.metric, value=value, value_high=high,
                unit=price_unit(vocab.unit_of(found.metric), found.currency), qualifiers=qualifiers,
                quote=self.original[start:end], span=(start, end), why=_why(found, model, unit),
            ))
        return claims


def _why(found: Found, model: str, unit: Unit) -> str:
    """v1's reading in brief (contract v2 `why`): where the number stood and whose it was taken to be."""
    if unit.kind in ("row", "record"):
        return f"v1: {found.metric} from a table {unit.kind} (column header and row label); model {model} from the table"
    named = "named with it" if found.model_hint else "of the clause or its context (nearest model, heading, subject)"
    return f"v1: {found.metric} from the words around the number in a {unit.kind}; model {model} {named}"


def extract_claims(text: str, source: str, deadline: Deadline | None = None) -> list[Claim]:
    """Every claim a document makes, in document order (raising `DeadlineExceeded`
    once past `deadline`, when one is given)."""
    return Extractor(text, source, deadline).run()
