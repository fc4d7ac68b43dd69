"""The claim grammar of one clause: which numbers are prices, context
windows, speeds, latencies, scores, dates or parameter counts, normalised to
the metric's unit, with their qualifiers. Which model a number belongs to is
decided elsewhere (attribution); this module only reads the words around a
number."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipeline.extract.currency import currencies
from pipeline.extract.fastre import led
from pipeline.extract.lexicon import Lexicon, lexicon, name_key
from pipeline.extract.cues import cue_sets, direction_cue, has_cue, names_in
from pipeline.extract.patterns import (
    ARITHMETIC,
    AS_OF,
    BRACKETED,
    CLAUSE_BREAK,
    CURRENCY_AFTER,
    CURRENCY_BEFORE,
    DIGIT,
    KEY_BEFORE,
    LAUNCH_PRICE,
    MS_AFTER,
    ARROW_BETWEEN,
    RESTATED,
    WORD_COUNT,
    LINE_KEY,
    PRICE_OF_COUNT,
    PRICED_COUNT,
    RATE_DENOMINATOR,
    ABSOLUTE_AFTER,
    BENCHMARK_AFTER,
    BENCHMARK_ANAPHOR,
    LIST_ITEM_LINE,
    LISTED_VALUE,
    RANK_BEFORE,
    SETTING_NUMBER,
    PERCENTILE_WORD,
    RATING_WORD,
    SCORE_LEAD,
    SPREAD_BEFORE,
    MULTIPLIER_AFTER,
    WORKLOAD,
    NOTE_AFTER,
    PERCENTILE,
    MONEY_HEADER,
    HEADER_DIRECTION,
    MODEL_THEN_DATE,
    OWN_FIGURE,
    PAIR_HEAD,
    PAIR_TAIL,
    PARAM_SCALES,
    PARAMETER_KIND,
    PERCENT_AFTER,
    PER_TIME,
    PERIOD_COST,
    PRICE_CONJ_HEAD,
    PRICE_NOUN,
    PRICE_CHANGE,
    PRICE_CONJ_TAIL,
    PRICE_VS_HEAD,
    PRICE_VS_TAIL,
    POINTS_AFTER,
    RATE_AFTER,
    RATE_ANYWHERE,
    RATE_BEFORE,
    SCORE_WORD,
    SECONDS_AFTER,
    SHOTS,
    THROUGHPUT_AFTER,
    THROUGHPUT_BEFORE,
    TOKEN_AFTER,
    TOKEN_COUNT,
    TOKENS_COUNTED,
    COUNTER_AFTER,
    YEAR,
)
from pipeline.extract.numbers import DATE, YEARLESS_MONTH, date_value, quantities, quantity_values, yearless_value
from pipeline.extract.segments import bounded


# patterns the hot paths used to pass to re.* (whose cache lookups, and recompiles once more than
# 512 patterns were in use, cost ~2-3% of extraction)
_APPROX_WORD_END = re.compile(r"(?:about|around|approximately|roughly|nearly)\s*\$?$", re.I)
_LAST_DIGIT = re.compile(r"\d(?!.*\d)")
_SCORE_GAP = re.compile(r"[`*_]*\s*(?:[:：]|score of|scores?|of|为|elo|ratings?|rating of)?\s*[`*_]*", re.I)
_LEAD_BREAK = re.compile(r"[\d%。.;；\n]")
_SECONDS_CUE = re.compile(r"\(s\)|seconds|秒")
_SECOND_PRICE = re.compile(r"\s*(?:(?:[A-Za-z]{1,6}|输入|输出)\s*)?/\s*(?:US\$|\$|＄)\s*[\d.,\\]+\s*[KkMm]?"
                           r"(?:\s*(?:[A-Za-z]{1,6}\b|输入|输出))?")
_OPEN_BRACKET_END = re.compile(r"[(（][^)）]*$")
_POSITION_WORD = re.compile("位置|position|depth", re.I)
_BRACKET_OPENED = re.compile(r"[（(]\s*$")
_LINEAGE_GAP = re.compile(r"[\s（(<>/a-z\"'「：:]*", re.I)
_KEY_JOINERS = re.compile(r"[_\-]+")


@dataclass
class Found:
    """A number read as a claim, before its model is known."""

    metric: str
    value: float | str
    value_high: float | None
    start: int
    end: int
    approx: bool = False
    hedged: bool = False
    bound: str = "eq"
    tier: str = "standard"
    modality: str | None = None
    setting: str | None = None
    as_of: str | None = None
    model_hint: object = None  # a Mention the grammar itself ties the number to
    needs_rate: bool = False  # a unitless price waiting for the document's convention
    rate: float | None = None
    currency: str | None = None  # a price's ISO code, when it is not the default (usd)


_FOR_NAME = re.compile(r"\s*(?:for|of|by)\s+(?:the\s+)?", re.IGNORECASE)
ARITHMETIC_REACH = 30  # a worked example's operator this close to a number makes it part of the example
_NEXT_ITEM = re.compile(r"\s*[、,，/]\s*")
ECHO_METRICS = {"context_window", "max_output", "throughput"}
_ECHO_END = re.compile(r"\s*(?:[.。;；,，)）—–]|$|(?:for|on|in|too|as well)\b)", re.IGNORECASE)


@dataclass
class Context:
    """What surrounds a clause: table labels and headers, frontmatter keys,
    headings, and what the document has already defined."""

    cues: str = ""  # extra cue text (row label, column header, field key)
    headings: tuple[str, ...] = ()
    task_benchmarks: dict = field(default_factory=dict)
    echo: str | None = None  # the metric the sentence's previous figure was read as
    paragraph_start: int | None = None  # where the unit's paragraph starts (an earlier sentence may name the benchmark)
    rates: dict = field(default_factory=dict)  # per sentence span, its per-token rates ("/1M") from one scan


_ONE_DIGIT = re.compile(r"\d")
_DIGIT_OR_SIGN = re.compile(r"[\d$＄]")
_DIRECTION_WORD = led(re.compile(r"input|prompt|输入|output|completion|输出", re.I))  # fastre.py: the same matches


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in bounded(text, spans) if e > s]


def _nearest_item(cands, start: int, end: int):
    """The candidate (s, e, x) itself closest to [start, end)."""
    best, best_gap = None, None
    for item in cands:
        gap = start - item[1] if item[1] <= start else item[0] - end if item[0] >= end else None
        if gap is not None and (best_gap is None or gap < best_gap):
            best, best_gap = item, gap
    return best


def _nearest(cands, start: int, end: int):
    """The candidate (s, e, x) closest to [start, end), with no digit between."""
    best, best_gap = None, None
    for s, e, x in cands:
        gap_text = None
        if e <= start:
            gap_text = (s, e, x, start - e)
        elif s >= end:
            gap_text = (s, e, x, s - end)
        if gap_text is None:
            continue
        gap = gap_text[3]
        if best_gap is None or gap < best_gap:
            best, best_gap = x, gap
    return best


class ClauseReader:
    """Reads the numbers of one clause. `text` is the whole document; spans
    are absolute; `blocked` are spans (model names, URLs) holding no claim."""

    def __init__(self, text: str, start: int, end: int, sentence: tuple[int, int],
                 ctx: Context, mentions: list, masked: list[tuple[int, int]], names, lex: Lexicon | None = None):
        self.text, self.start, self.end = text, start, end
        self.names = names  # where the document names benchmarks and tasks
        self.sentence = sentence
        self.ctx = ctx
        self.mentions = mentions
        self.blocked = masked + [(m.start, m.end) for m in mentions]
        self.lex = lex or lexicon()
        self.cues = cue_sets()
        self.clause = text[start:end]
        self._cues_said: dict[str, bool] = {}
        self._hedged: bool | None = None
        self.used: list[tuple[int, int]] = []
        self._sentence_text: str | None = None
        self.bench_written: str | None = None  # the benchmark name the last score was read against

    @property
    def sentence_text(self) -> str:
        if self._sentence_text is None:
            self._sentence_text = self.text[self.sentence[0]:self.sentence[1]]
        return self._sentence_text

    # -- helpers ---------------------------------------------------------
    def _clause_cue(self, metric: str) -> bool:
        """`has_cue(metric, clause)`, searched once per clause, not once per figure."""
        if metric not in self._cues_said:
            self._cues_said[metric] = has_cue(metric, self.clause)
        return self._cues_said[metric]

    def _rate_near(self, e: int, s: int) -> bool | None:
        """The per-token rate said later in the clause, else the last before the figure
        in it, else the sentence's last before the clause: True for per-1K, False for
        per-1M, None for none. One scan of the sentence serves all its figures."""
        rates = self.ctx.rates.get(self.sentence)
        if rates is None:
            found = list(RATE_ANYWHERE.finditer(self.text, *self.sentence))
            rates = self.ctx.rates[self.sentence] = (
                [m.start() for m in found], [m.end() for m in found], [bool(m.group("k")) for m in found])
        starts, ends, per_k = rates
        i = bisect.bisect_left(starts, e)
        if i < len(starts) and ends[i] <= self.end:
            return per_k[i]
        for floor, ceiling in ((self.start, s), (self.sentence[0], self.start)):
            j = bisect.bisect_right(ends, ceiling) - 1
            if j >= 0 and starts[j] >= floor:
                return per_k[j]
        return None

    def _free(self, s: int, e: int) -> bool:
        return not any(s < be and bs < e for bs, be in self.blocked + self.used)

    def _before(self, pos: int, width: int = 40) -> str:
        return self.text[max(self.start, pos - width):pos]

    def _after(self, pos: int, width: int = 40) -> str:
        return self.text[pos:min(self.end, pos + width)]

    def _qualify(self, found: Found, num_start: int, unit_end: int) -> Found:
        before = self._before(num_start, 12)
        after = self._after(unit_end, 6)
        found.approx = bool(self.cues.approx.search(before[-6:]) or _APPROX_WORD_END.search(before))
        if self._hedged is None:  # once per clause, not once per figure
            self._hedged = bool(self.cues.hedged.search(self.clause))
        found.hedged = self._hedged
        if self.cues.lte_after.match(after.lstrip()) or self.cues.lte_before.search(before):
            found.bound = "lte"
        elif self.cues.gte_after.match(after.lstrip()) or self.cues.gte_before.search(before):
            found.bound = "gte"
        return found

    # -- the grammar -----------------------------------------------------
    def read(self) -> list[Found]:
        if self.cues.hypothetical.search(self.clause):
            return []
        arithmetic = bool(ARITHMETIC.search(self.clause))
        found = self._dates()
        bare_ok = bool(self.ctx.cues)  # table cells and fields read bare numbers too
        for match in quantities(self.text, self.start, self.end):
            s, e = match.span()
            if not self._free(s, e) or (s > 0 and self.text[s - 1].isalnum() and self.text[s - 1].isascii()
                                        and not CURRENCY_BEFORE.search(self.text, max(0, s - 4), s)):  # "RMB2"
                continue
            if MULTIPLIER_AFTER.match(self.text, e):
                continue
            near = arithmetic and bool(ARITHMETIC.search(self.text, max(self.start, s - ARITHMETIC_REACH),
                                                        min(self.end, match.end() + ARITHMETIC_REACH)))
            item = self._classify(match, near) if bare_ok or self.names.is_quantity(s) or self._listed_score(s, e) else None
            if item is None and not bare_ok:
                item = self._keyed(match) or self._echo(match)
            if item is not None:
                found.append(item)
                self.used.append((s, e))
                if item.metric in ECHO_METRICS or item.metric.startswith(("score:", "rating:")):
                    self.ctx.echo = item.metric
        return [f for f in self._without_restatements(found) if not self._after_competitor(f)]

    def _without_restatements(self, found: list[Found]) -> list[Found]:
        """"4,096 tokens (4K)": a rounded figure in brackets right after the same
        metric's figure restates it."""
        kept = []
        for f in sorted(found, key=lambda f: f.start):
            previous = kept[-1] if kept else None
            if (previous and previous.metric == f.metric and isinstance(f.value, float) and previous.value
                    and isinstance(previous.value, float) and abs(f.value - previous.value) <= 0.05 * previous.value
                    and RESTATED.fullmatch(self.text, previous.end, f.start)):
                continue
            if previous and previous.metric == f.metric and ARROW_BETWEEN.fullmatch(self.text, previous.end, f.start):
                kept.pop()  # "128K → 1M": the figure before the arrow is what it was, not what it is
            kept.append(f)
        return kept

    def _echo(self, match: re.Match) -> Found | None:
        """A bare figure that repeats the sentence's previous one for another model:
        "Claude gives you 200,000 tokens of context; GPT-4o gives you 128,000",
        "80-100 tokens per second compared to Claude's 60"."""
        metric = self.ctx.echo
        s, e = match.span()
        if metric is None or match.group("s2") or not any(
                (m.end <= s and s - m.end <= 24) or (m.start >= e and _FOR_NAME.fullmatch(self.text, e, m.start))
                for m in self.mentions if m.start >= self.start):
            return None  # "…; GPT-4o gives you 128,000", "…; Anthropic reports 88.7 for Claude 3.5 Sonnet"
        if not _ECHO_END.match(self.text, e, self.end) and e < self.end:
            return None
        low, high = quantity_values(match)
        lo, hi = self.lex.vocab.metrics[metric.split(":", 1)[0]].range
        if not lo <= low <= hi:
            return None
        return self._qualify(Found(metric, low, high, s, e), s, e)

    def _keyed(self, match: re.Match) -> Found | None:
        """A bare number after a key that names a token metric, as code and
        config write it: `"context": 128000`, `max_output=16384`."""
        s, e = match.span()
        key = KEY_BEFORE.search(self.text, max(self.start, s - 40), s)
        if key is None or match.group("s2"):
            return None
        words = _KEY_JOINERS.sub(" ", key.group(1)).lower()
        low, high = quantity_values(match)
        for metric in ("max_output", "context_window", "throughput"):
            lo, hi = self.lex.vocab.metrics[metric].range
            if has_cue(metric, words) and lo <= low <= hi:
                return Found(metric, low, high, s, e)
        return None

    def _after_competitor(self, f: Found) -> bool:
        """`vs competitors' 85%`, `our 71% task success rate`: not the model's figure."""
        before = self._before(f.start, 12)
        return (bool(self.cues.competitor.search(before)) or bool(OWN_FIGURE.search(before))) and f.model_hint is None

    def _classify(self, match: re.Match, arithmetic: bool) -> Found | None:
        s, e = match.span()
        plus = self.text[e:e + 1] == "+"  # "100+ tokens/s": at least 100
        found = self._classify_span(match, s, e + plus, arithmetic)
        if found is not None and plus:
            found.bound = "gte"
        return found

    def _classify_span(self, match: re.Match, s: int, e: int, arithmetic: bool) -> Found | None:
        low, high = quantity_values(match)
        scale = (match.group("s1") or match.group("s2") or "").lower()
        before, after = self._before(s), self._after(e)
        if CURRENCY_BEFORE.search(before) or CURRENCY_AFTER.match(after):
            return None if arithmetic else self._price(low, high, s, e, before, after)
        if RATE_DENOMINATOR.search(before) or WORD_COUNT.match(after):
            return None  # "Pricing per 1M Tokens": the unit of a rate; "~150K words": not tokens
        if (m := THROUGHPUT_AFTER.match(after)) or (THROUGHPUT_BEFORE.search(before) and (m := TOKEN_AFTER.match(after))):
            return self._with_modality(self._qualify(Found("throughput", low, high, s, e), s, e + m.end()), e + m.end())
        if m := MS_AFTER.match(after):
            return self._latency(low, high, s, e + m.end(), 1.0, cue_needed=False)
        if m := SECONDS_AFTER.match(after):
            return self._latency(low, high, s, e + m.end(), 1000.0)
        if m := PERCENT_AFTER.match(after):
            return self._score(low, high, s, e + m.end(), percent=True)
        m = POINTS_AFTER.match(after)
        beside = None if m else self._next_to_benchmark(s, e)
        if m or beside or self._listed_score(s, e):
            # "以 1300 分位居第一" after "在 Chatbot Arena 排行榜上，": points may take the sentence's benchmark
            return self._score(low, high, s, e + (m.end() if m else 0), sentence_wide=bool(m), beside=beside)
        if scale in PARAM_SCALES and not TOKEN_AFTER.match(after) and has_cue(
                "parameters", self.clause, self.ctx.cues, self.sentence_text):
            found = self._qualify(Found("parameters", low, high, s, e), s, e)
            found.setting = self._parameter_kind(s, e)
            return found
        token_unit = TOKEN_AFTER.match(after) or (TOKENS_COUNTED.search(before) and COUNTER_AFTER.match(after))
        if token_unit or scale in ("k", "m") or self._bare_table_value():
            return self._tokens_or_hint(low, high, s, e + (token_unit.end() if token_unit else 0), arithmetic)
        return None

    def _parameter_kind(self, s: int, e: int) -> str | None:
        """`37B 激活` / `37B active` / `激活参数 37B` / `671B total`: the words
        beside the number, up to the next or previous number."""
        after = self.text[e:min(self.end, e + 16)]
        after = after[:_ONE_DIGIT.search(after).start()] if _ONE_DIGIT.search(after) else after
        before = self.text[max(self.start, s - 12):s]
        before = before[_LAST_DIGIT.search(before).end():] if _ONE_DIGIT.search(before) else before
        for window in (after, before):
            kind = PARAMETER_KIND.search(window)
            if kind:
                return "active" if kind.group("active") else "total"
        return None

    def _next_to_benchmark(self, s: int, e: int) -> tuple | None:
        """`88.5 on MMLU`, `2,029 Elo on Codeforces`, `MMLU: 88.5`, `MMLU score of 88.5`,
        `MMLU-Pro, securing a score of 75.9`: a bare score beside its benchmark."""
        for bench in self.names.benchmarks_in(e, min(self.end, e + 80)):
            if BENCHMARK_AFTER.fullmatch(self.text, e, bench[0]):
                return bench
        for bench in reversed(self.names.benchmarks_in(max(self.sentence[0], s - 70), s)):
            bs, be, _ = bench
            gap = self.text[be:s]
            if bs >= self.start and (_SCORE_GAP.fullmatch(gap) or (
                    len(gap) <= 12 and not _ONE_DIGIT.search(gap) and SCORE_WORD.search(gap))):
                return bench
            if self._subject_scores(be, s):  # may reach back across a comma
                return bench
        return None

    def _listed_score(self, s: int, e: int) -> bool:
        """`* **Claude Opus 4**: 72.5` in a list under a heading that names one
        benchmark: a bare number right after a model and a colon is its score."""
        if not self.ctx.headings or self.ctx.cues or not self.mentions:
            return False
        named = names_in(self.lex, "benchmarks", self.ctx.headings[-1])
        if len({b[2] for b in named}) != 1:
            return False
        line_start = self.text.rfind("\n", 0, s) + 1
        if not LIST_ITEM_LINE.match(self.text, line_start):
            return False
        before = [m for m in self.mentions if line_start <= m.start and m.end <= s]
        return bool(before) and bool(LISTED_VALUE.fullmatch(self.text, before[-1].end, s))

    def _subject_scores(self, start: int, end: int) -> bool:
        """A score phrase between a benchmark and the number, with no model
        between ("MMLU-Pro, securing a score of 75.9") or with the model as its
        subject ("In RULER, Qwen2.5-Turbo scores 93.1")."""
        between = [m for m in self.mentions if start <= m.start and m.end <= end]
        if not between:
            return bool(SCORE_LEAD.fullmatch(self.text, start, end))
        return bool(SCORE_LEAD.fullmatch(self.text, between[-1].end, end)) and not _LEAD_BREAK.search(
            self.text[start:between[0].start])

    def _bare_table_value(self) -> bool:
        return bool(self.ctx.cues)

    def _tokens_or_hint(self, low, high, s, e, arithmetic) -> Found | None:
        if arithmetic or PRICED_COUNT.match(self.text, e, self.end):
            return None  # "1000 token 的价格为 …": the unit a price is quoted for
        metric = self._nearest_cue(("max_output", "context_window"), s, e)
        if metric is None and has_cue("context_window", self.sentence_text):
            metric = "context_window"
        if metric is None and self.ctx.echo in ("context_window", "max_output") and self.mentions:
            metric = self.ctx.echo  # "…a 2 million token context window. Claude 3 Opus tops out at 200K tokens."
        if metric:
            return self._qualify(Found(metric, low, high, s, e), s, e)
        if self.ctx.cues:  # a bare number in a table cell: the header says what it is
            bench = self._benchmark_for(s, e)
            if bench and not self._setting_number(s, e) and (metric := self._score_kind(bench, low, s, e, percent=False)):
                if metric.startswith("score:") and low < 1 and (high is None or high < 1) and "." in self.text[s:e]:
                    low, high = round(low * 100, 6), (round(high * 100, 6) if high is not None else None)  # "MMLU-Pro | 0.8"
                found = self._qualify(Found(metric, low, high, s, e), s, e)
                found.setting = self._setting(metric, s, e, where=self.ctx.cues)
                return found
            for metric in ("throughput", "latency"):
                if has_cue(metric, self.ctx.cues):
                    factor = 1000.0 if metric == "latency" and _SECONDS_CUE.search(self.ctx.cues) else 1.0
                    return self._qualify(Found(metric, low * factor, high * factor if high else None, s, e), s, e)
            scaled = self.text[e - 1:e] in "kKmM万"  # "（≤128K）" in a price row is a token count
            if not scaled and (has_cue("price", self.ctx.cues) or has_cue("price_input", self.ctx.cues)
                               or MONEY_HEADER.search(self.ctx.cues)):  # "$/M in", "USD / 1M out"
                return self._price(low, high, s, e, self._before(s), self._after(e))
        return None

    def _nearest_cue(self, metrics: tuple[str, ...], s: int, e: int) -> str | None:
        """Of the metrics cued in the clause, the one whose cue is nearest the number;
        a table's or field's cue counts when the clause has none."""
        best, best_gap = None, None
        for metric in metrics:
            for cue in cue_sets().metric[metric].finditer(self.text, self.start, self.end):
                gap = s - cue.end() if cue.end() <= s else max(0, cue.start() - e)  # a cue in the unit: 0
                if cue.start() >= e and "\n" in self.text[e:cue.start()]:
                    gap += 1000  # "Context window\n200,000 tokens\nMax output tokens": the label above
                elif cue.start() >= e and _NEXT_ITEM.fullmatch(self.text, e, cue.start()) and DIGIT.search(
                        self.text, cue.end(), min(self.end, cue.end() + 12)):
                    gap += 500  # "上下文为 1M、最大输出 64K": the next item's cue, not this number's
                if best_gap is None or abs(gap) < best_gap:
                    best, best_gap = metric, abs(gap)
        if best is None:
            best = next((m for m in metrics if has_cue(m, self.ctx.cues)), None)
        return best

    def _price(self, low, high, s, e, before, after) -> Found | None:
        if PER_TIME.match(after) or WORKLOAD.search(self.ctx.cues) or PERIOD_COST.search(self.ctx.cues):
            return None  # "$20 per month"; a row "Medium (5K in / 1K out)" costs a workload; a "月成本" column
        pair = "input" if PAIR_HEAD.match(after) else "output" if PAIR_TAIL.search(before) else None
        if pair == "input":  # "$3 / $15 per 1M tokens": the rate follows the second price
            tail = _SECOND_PRICE.match(after)
            after = after[tail.end():] if tail else after
        rate, direction = None, None
        money = currencies()
        currency = money.of_before(before)  # "¥2/M", "RMB 2"
        currency_word = CURRENCY_AFTER.match(after)  # "5 美元/百万 tokens": the rate follows the currency
        if currency_word:
            after = after[currency_word.end():]
            e += currency_word.end()
            currency = currency or money.of_after(currency_word)
            if currency_word.group("cents"):
                low, high = low / 100, (high / 100 if high is not None else None)
            if PER_TIME.match(after):
                return None  # "20 元/月": a subscription
        if currency is None and self.ctx.cues:  # a header's "价格（元/百万 tokens）"
            currency = money.in_text(self.ctx.cues)
        if m := RATE_AFTER.match(after):
            rate = 1e3 if m.group("k") else 1.0 if m.group("m") else 1e6
            direction = m.group("dir")
            unit_end = e + (m.end() if pair != "input" else 0)
            if pair != "input":
                self.used.append((e, e + m.end()))  # "/ 1M tokens" is the rate, not a token count
        else:
            unit_end = e
            m = RATE_BEFORE.search(CURRENCY_BEFORE.sub("", before))
            if m:
                rate = 1e3 if m.group("k") else 1.0
                direction = m.group("dir")
            elif m := PRICE_OF_COUNT.search(CURRENCY_BEFORE.sub("", before)):  # "输入 1000 token 的价格为 0.000075 美元"
                rate = 1e3 if m.group("k") else 1.0
                direction = m.group("dir")
        found = Found("price", low, high, s, e)
        if rate is None:  # "$15 input / $60 output per million tokens": a rate later in the clause,
            # else the last one before it ("$15 per million output tokens vs GPT-4o's $10")
            # or the sentence's last before the clause ("…per 1M output tokens, versus $10 and $30 on GPT-4 Turbo")
            nearby = self._rate_near(e, s)
            if nearby is not None:
                rate = 1e3 if nearby else 1.0
        if rate is None and self.ctx.cues:
            m = RATE_ANYWHERE.search(self.ctx.cues)  # a header's "($/1M)", "每 100 万个 token"
            if m:
                rate = 1e3 if m.group("k") else 1.0
        if rate is None and TOKEN_COUNT.search(self.text, self.start, s):
            return None  # "a single 100K-token prompt costs about $0.30": the cost of one request
        if rate is None:
            joined = (PRICE_CONJ_HEAD.match(after) or PRICE_CONJ_TAIL.search(before)  # "at $15 and $75"
                      or PRICE_VS_HEAD.match(after) or PRICE_VS_TAIL.search(before))  # "($2.50 vs $3.00)"
            priced = self._clause_cue("price") or has_cue("price", self.ctx.cues) or (  # a "$" cell under an "Input" header
                self.ctx.cues and CURRENCY_BEFORE.search(before) and (
                    direction_cue(self.ctx.cues) or self.cues.cached.search(self.ctx.cues)))  # "Cache read | $1.25"
            if low <= 0 or low >= 100 or not (pair or joined or priced):
                return None
            found.needs_rate = True
        found.rate = rate
        found.currency = currency if currency != "usd" else None
        found.metric = self._direction(direction or pair, s, e)
        found.tier = self._tier(s, max(e, unit_end))
        if found.tier == "cached" or self._cache_miss(max(e, unit_end)):
            found.metric = "price_input"  # only input is ever cached (or missed), whatever word comes next
        return self._qualify(found, s, unit_end)

    def _last_free_digit(self, s: int) -> int | None:
        """The last digit before `s` in the clause outside names and URLs, found
        walking back from `s` (not by listing every digit of the clause per price)."""
        for i in range(s - 1, self.start - 1, -1):
            if _ONE_DIGIT.match(self.text, i) and not any(bs <= i < be for bs, be in self.blocked):
                return i
        return None

    def _direction(self, stated: str | None, s: int, e: int) -> str:
        """Input or output: said with the rate, else the direction word nearest
        the number between its neighbours (`$15 input / $60 output`)."""
        words = {"input": "price_input", "prompt": "price_input", "输入": "price_input", "in": "price_input",
                 "output": "price_output", "completion": "price_output", "输出": "price_output", "out": "price_output"}
        if stated:
            return words[stated.lower()]
        finder = _DIRECTION_WORD
        previous = self._last_free_digit(s)
        window_start = previous + 1 if previous is not None else self.start
        following = _DIGIT_OR_SIGN.search(self.text, e, self.end)
        window_end = following.start() if following else self.end
        best, best_gap = None, None
        for m in finder.finditer(self.text, window_start, s):
            if best_gap is None or s - m.end() < best_gap:
                best, best_gap = m.group(0), s - m.end()
        for m in finder.finditer(self.text, e, window_end):
            if best_gap is None or m.start() - e < best_gap:
                best, best_gap = m.group(0), m.start() - e
        if best:
            return words[best.lower()]
        if previous is not None and PRICE_CHANGE.search(self.text, window_start, s):  # "输入价格从 0.03元 降至 0.005元"
            earlier = list(finder.finditer(self.text, self.start, window_start))
            if earlier:
                return words[earlier[-1].group(0).lower()]
        cue = finder.search(self.ctx.cues) or HEADER_DIRECTION.search(self.ctx.cues)
        if cue:
            return words[cue.group(0).lower()]
        return self._elided_direction(finder, window_start, s, e, words)

    def _elided_direction(self, finder: re.Pattern, window_start: int, s: int, e: int, words: dict) -> str:
        """No direction word beside the price: one in brackets takes the price
        before the bracket's ("输入 0.27 美元（缓存命中时 0.07 美元）"); a bare pair
        in a sentence that states both directions is input then output
        ("$0.15 input and $0.60 output, versus $10 and $30 on GPT-4 Turbo")."""
        bracket = _OPEN_BRACKET_END.search(self.text[self.start:s])
        if bracket:  # "lower input ($2.50 vs $3.00)": the word before the bracket
            earlier = list(finder.finditer(self.text, self.start, self.start + bracket.start()))
            if earlier:
                return words[earlier[-1].group(0).lower()]
        directions = {words[m.group(0).lower()] for m in finder.finditer(self.sentence_text)}
        if not directions:  # "…$10.50 per million output tokens. Claude 3 Opus is pricier at $15 and $75."
            paragraph = self.text.rfind("\n\n", max(0, self.sentence[0] - 400), self.sentence[0])
            lead = self.text[max(paragraph, self.sentence[0] - 400, 0):self.sentence[0]]
            directions = {words[m.group(0).lower()] for m in finder.finditer(lead)}
        if directions == {"price_input", "price_output"}:
            if PRICE_CONJ_HEAD.match(self.text, e, self.end):
                return "price_input"
            if PRICE_CONJ_TAIL.search(self.text[max(self.start, s - 24):s]):
                return "price_output"
        if len(directions) == 1 and self.start > self.sentence[0]:  # "Input: $0.55/M (cache miss), $0.14/M (cache hit)"
            return directions.pop()
        return "price"

    def _cache_miss(self, end: int) -> bool:
        """A bracket after the price calls it the cache-miss price: "2 元（缓存未命中）"."""
        note = NOTE_AFTER.match(self.text, end, self.end)
        return bool(note and self.cues.uncached and self.cues.uncached.search(note.group(1)))

    def _tier(self, pos: int, end: int) -> str:
        """Batch or cached, said in the sentence up to the price or in its clause;
        words in brackets count only for the numbers inside those brackets, or
        for the price just before a bracket with no number of its own ("$0.14/M (cache hit)")."""
        note = NOTE_AFTER.match(self.text, end, self.end)
        uncached = self.cues.uncached
        if self._cache_miss(end):
            return "standard"  # "2 元（缓存未命中）", "$0.27/M (cache miss)"
        lead = _outside_brackets(self.text[self.sentence[0]:pos]) + " " + _outside_brackets(
            self.clause, pos - self.start) + " " + self.ctx.cues + " " + (note.group(1) if note else "")
        if uncached:
            lead = uncached.sub(" ", lead)  # "cache miss" is not "cache"
        if self.cues.cached.search(lead):
            return "cached"
        if self.cues.batch.search(lead):
            return "batch"
        return "standard"

    def _latency(self, low, high, s, unit_end, factor, cue_needed: bool = True) -> Found | None:
        if cue_needed and not self._clause_cue("latency") and not has_cue("latency", self.sentence_text, self.ctx.cues,
                                      self.ctx.headings[-1] if self.ctx.headings else ""):
            return None  # "## Latency" over "- GPT-4o: 0.4s"
        found = Found("latency", low * factor, high * factor if high is not None else None, s, unit_end)
        found.setting = self._percentile(s)
        return self._with_modality(self._qualify(found, s, unit_end), unit_end)

    def _percentile(self, s: int) -> str | None:
        """`p95`, `median`: latencies at different percentiles are different facts.
        The nearest one before the number in its clause, else the table header's."""
        said = list(PERCENTILE.finditer(self.text, self.start, s)) or list(PERCENTILE.finditer(self.ctx.cues))
        if not said:
            return None
        return f"p{said[-1].group(1)}" if said[-1].group(1) else "p50"

    def _with_modality(self, found: Found, unit_end: int) -> Found:
        right = self.text[unit_end:min(self.end, unit_end + 8)]
        for source in (right, self.clause, *reversed(self.ctx.headings)):
            for name, pattern in self.cues.modality.items():
                if pattern.search(source):
                    found.modality = name
                    return found
        return found

    def _benchmark_for(self, s: int, e: int) -> str | None:
        """The benchmark (or task) a score at [s, e) is for, as `score:SLUG`; the
        name as written is kept in `self.bench_written` (its variant is a setting)."""
        self.bench_written = None
        benches = self.names.benchmarks_in(self.start, self.end)
        named_after = [b for b in benches if b[0] >= e and BENCHMARK_AFTER.fullmatch(self.text, e, b[0])]
        chosen = named_after[0] if named_after else _nearest_item(benches, s, e)  # "87.0% on the MGSM benchmark"
        slug = chosen[2] if chosen else None
        if chosen:
            self.bench_written = self.text[chosen[0]:chosen[1]]
        if slug is None:
            tasks = self.names.tasks_in(self.start, self.end)
            task = _nearest([t for t in tasks if t[1] <= s] or tasks, s, e)
            if task:
                slug = self.ctx.task_benchmarks.get(task, task)
        line_start = self.text.rfind("\n", 0, s) + 1
        if slug is None and (key := LINE_KEY.match(self.text, line_start, s)):
            slug = self.lex.benchmarks_.named(key.group(1))  # `gpqa: "59.4% vs 50.4%"` in code
            self.bench_written = key.group(1) if slug else None
        if slug is None and self.ctx.cues:
            benches = names_in(self.lex, "benchmarks", self.ctx.cues)
            tasks = names_in(self.lex, "tasks", self.ctx.cues)
            if len({b for _, _, b in benches}) == 1:
                slug = benches[0][2]
                self.bench_written = self.ctx.cues[benches[0][0]:benches[0][1]]
            elif tasks:
                slug = self.ctx.task_benchmarks.get(tasks[0][2], tasks[0][2])
        if slug is None and not self.ctx.cues:
            slug = self._lead_in_benchmark(s)
        if slug is None:
            slug = self._heading_benchmark()
        return f"score:{slug}" if slug else None

    def _lead_in_benchmark(self, pos: int) -> str | None:
        """A list item's score whose item names no benchmark takes the one its
        list's lead-in names, when it names one (`**GPQA Diamond**:` or a
        sentence "results from aider's code editing leaderboard" over the list)."""
        line_start = self.text.rfind("\n", 0, pos) + 1
        if not LIST_ITEM_LINE.match(self.text, line_start):
            return None
        cursor, lead_end = line_start, None
        for _ in range(60):  # up over the list's items, their wrapped lines and blank lines, to the lead-in
            if cursor <= 0:
                break
            start = self.text.rfind("\n", 0, cursor - 1) + 1
            line = self.text[start:cursor - 1]
            if lead_end is None:
                if not line.strip() or LIST_ITEM_LINE.match(line) or line[:1] in " \t":
                    cursor = start
                    continue
                lead_end = cursor - 1
            elif not line.strip() or LIST_ITEM_LINE.match(line) or line.lstrip().startswith("#"):
                break
            cursor = start
        if lead_end is None:
            return None
        named = self.names.benchmarks_in(cursor, lead_end)
        if len({b[2] for b in named}) != 1:
            return None
        self.bench_written = self.text[named[0][0]:named[0][1]]
        return named[0][2]

    def _heading_benchmark(self) -> str | None:
        """A heading that names a benchmark gives it to the scores below it: where
        the clause says it is a score, the nearest such heading; in a list item or
        a short line ("## MMLU-Pro" over "- GPT-4o: 72.6%"), the innermost heading
        when it names one benchmark. Table cells keep their own header's meaning."""
        scored = self._clause_cue("score")
        listed = not self.ctx.cues and self._short_line()
        for depth, heading in enumerate(reversed(self.ctx.headings)):
            if not scored and (depth or not listed):
                break
            found = names_in(self.lex, "benchmarks", heading)
            if found and (scored or len({b[2] for b in found}) == 1):
                self.bench_written = heading[found[0][0]:found[0][1]]
                return found[0][2]
        return None

    def _short_line(self) -> bool:
        """The clause's line is a list item or a short line (a label and its value)."""
        line_start = self.text.rfind("\n", 0, self.start) + 1
        line_end = self.text.find("\n", self.end)
        line_end = len(self.text) if line_end < 0 else line_end
        return bool(LIST_ITEM_LINE.match(self.text, line_start)) or line_end - line_start <= 60

    def _score(self, low, high, s, unit_end, sentence_wide: bool = True, percent: bool = False,
               beside: tuple | None = None) -> Found | None:
        tail = self.text[unit_end:min(self.end, unit_end + 30)]
        tail = tail[m.end():] if (m := ABSOLUTE_AFTER.match(tail)) else tail  # "10.5%abs increase"
        if self.cues.relative_before.search(self._before(s, 10)) or self.cues.relative_after.match(tail.lstrip()):
            return None  # "by 20%", "高出 10%", "60% cheaper": a change, not a score
        if SPREAD_BEFORE.search(self._before(s, 30)):
            return None  # "a spread of only 28 points": between models, nobody's score
        if RANK_BEFORE.search(self._before(s, 10)) or self._setting_number(s, unit_end):
            return None  # "#7 on the leaderboard", "第 3": a rank; "pass@1", "5-shot": a setting
        metric = self._benchmark_for(s, unit_end)
        if beside and (metric is None or not self.bench_written):  # the name the number was read beside
            metric, self.bench_written = f"score:{beside[2]}", self.text[beside[0]:beside[1]]
        if metric is None and BENCHMARK_ANAPHOR.match(self.text, unit_end, self.end):
            earlier = self.names.benchmarks_in(max(0, s - 3000), s)  # "got 73% on the benchmark"
            if earlier:
                metric, self.bench_written = f"score:{earlier[-1][2]}", self.text[earlier[-1][0]:earlier[-1][1]]
        if metric is None and sentence_wide:
            earlier = self.names.benchmarks_in(self.sentence[0], s)
            metric = f"score:{earlier[-1][2]}" if earlier else None
            self.bench_written = self.text[earlier[-1][0]:earlier[-1][1]] if earlier else None
            tasks = [] if earlier or not has_cue("score", self.sentence_text) else self.names.tasks_in(self.sentence[0], s)
            if tasks:  # "On math benchmarks, GPT-4o mini leads with 70.2%"
                metric = f"score:{self.ctx.task_benchmarks.get(tasks[-1][2], tasks[-1][2])}"
        if metric is None and sentence_wide and self.ctx.paragraph_start is not None and has_cue(
                "score", self.sentence_text):  # "SWE-bench Verified … 。在这项测试中，GPT-5 达到了 74.9% 的通过率"
            named = {slug for _, _, slug in self.names.benchmarks_in(self.ctx.paragraph_start, self.sentence[0])}
            metric = f"score:{named.pop()}" if len(named) == 1 else None
        if metric is None:
            return None
        metric = self._score_kind(metric, low, s, unit_end, percent)
        if metric is None:
            return None
        found = self._qualify(Found(metric, low, high, s, unit_end), s, unit_end)
        found.setting = self._setting(metric, s, unit_end)
        return found

    def _setting_number(self, s: int, e: int) -> bool:
        """The number of a setting, not a score: `pass@1`, `cons@64`, `5-shot`."""
        return self.text[s - 1:s] == "@" or bool(SETTING_NUMBER.match(self.text, e))

    def _score_kind(self, metric: str, low: float, s: int, e: int, percent: bool) -> str | None:
        """`score:X` (a 0-100 percentage) or `rating:X` (Elo, arena scores): the
        catalogue's kind of the benchmark, overruled by what the text says next to
        the number (`%`, `percentile`; `Elo`, `rating`). Codeforces-like benchmarks
        (kind `either`) are ratings above 100. None when the value cannot be one."""
        slug = metric.split(":", 1)[1]
        entry = self.lex.vocab.benchmark_catalogue.get(slug)
        kind = entry.kind if entry else "score"
        near = self.text[max(self.start, s - 24):min(self.end, e + 16)] + " " + self.ctx.cues
        if percent or PERCENTILE_WORD.search(near):
            kind = "score"
        elif kind == "either" or (kind == "score" and RATING_WORD.search(near)):
            kind = "rating" if low > 100 else "score"
        lo, hi = self.lex.vocab.metrics[kind].range
        return f"{kind}:{slug}" if lo <= low <= hi else None

    def _variant_setting(self, metric: str, s: int, e: int) -> str | None:
        """The setting a benchmark's variant name carries (`GPQA Diamond` -> diamond,
        `AIME 2024` -> 2024), and `percentile` for a percentile score of a rated benchmark."""
        parts = []
        if self.bench_written:
            variant = self.lex.vocab.benchmark_settings.get(name_key(self.bench_written))
            if variant:
                parts.append(variant)
        entry = self.lex.vocab.benchmark_catalogue.get(metric.split(":", 1)[1])
        if entry and entry.kind == "either" and metric.startswith("score:"):
            parts.append("percentile")
        return "+".join(parts) or None

    def _setting(self, metric: str, s: int = 0, e: int = 0, where: str | None = None) -> str | None:
        """The condition a score holds under: a needle's position, the benchmark's
        variant, and the shots or sampling said in the clause (or the header cell)."""
        clause = self.clause if where is None else where
        for name, pattern in self.cues.position.items():
            if pattern.search(clause) and (metric.endswith("needle-in-a-haystack") or _POSITION_WORD.search(clause)):
                return f"position:{name}"
        variant = self._variant_setting(metric, s, e)
        said = list(SHOTS.finditer(clause))
        offset = self.start if where is None else None  # spans in the clause are absolute offsets less self.start
        m = min(said, key=lambda x: abs(x.start() + offset - s) if offset is not None else 0) if said else None
        if not m:
            return variant
        if m.group(1):
            shots = f"{m.group(1)}-shot" + ("-cot" if m.group(2) else "")
        elif m.group(3):
            shots = m.group(3).lower()
        else:
            shots = "cot"
        return f"{variant}+{shots}" if variant else shots

    def _dates(self) -> list[Found]:
        """Dates next to a release or cut-off cue (each cue takes the date
        nearest to it), or a model's date in brackets (a lineage)."""
        found = []
        dates = []
        if YEAR.search(self.text, self.start, self.end):
            for match in DATE.finditer(self.text, self.start, self.end):
                s, e = match.span()
                value = date_value(match)
                if value is None or not self._free(s, e):
                    continue
                self.used.append((s, e))
                if not AS_OF.search(self._before(s, 12)):
                    dates.append((s, e, value))
        dates += self._yearless_dates()
        if not dates:
            return found
        cued = self._cued_dates(dates)
        for s, e, value in dates:
            metric, hint = cued.get(s), None
            if metric is None and (hint := self._lineage(s)) is not None:
                metric = "release_date"
            if metric is not None:
                found.append(Found(metric, value, None, s, e, model_hint=hint,
                                   hedged=bool(self.cues.hedged.search(self.clause))))
        return found

    def _yearless_dates(self) -> list[tuple[int, int, str]]:
        """"in May", "于 5 月" in a document that says when it was written."""
        dated = getattr(self.names, "dated", None)
        if not dated:
            return []
        out = []
        for match in YEARLESS_MONTH.finditer(self.text, self.start, self.end):
            s, e = match.span("en") if match.group("en") else match.span()
            value = yearless_value(match, *dated)
            if value and self._free(s, e):
                self.used.append((s, e))
                out.append((s, e, value))
        return sorted(out)

    def _cued_dates(self, dates: list[tuple[int, int, str]]) -> dict[int, str]:
        """Date start -> metric, pairing each cue with its nearest date. A field's
        or table's cue (no position) applies to every date; the sentence's cues
        count when the clause has none."""
        if not dates:
            return {}
        for metric in ("knowledge_cutoff", "release_date"):
            if has_cue(metric, self.ctx.cues):
                return {s: metric for s, _, _ in dates}
        for start, end in ((self.start, self.end), self.sentence):
            cues = [(c.start(), c.end(), metric) for metric in ("knowledge_cutoff", "release_date")
                    for c in cue_sets().metric[metric].finditer(self.text, start, end)
                    if not (metric == "release_date" and PRICE_NOUN.match(self.text, c.end()))]  # "launch price"
            if cues:
                break
        out: dict[int, str] = {}
        for cs, ce, metric in sorted(cues, key=lambda c: c[2] != "knowledge_cutoff"):
            following = [d for d in dates if 0 <= d[0] - ce <= 60]
            if following and self.text[cs:ce].isascii():  # English names the date after the verb
                nearest = following[0]
            else:
                nearest = min(dates, key=lambda d: d[0] - ce if d[0] >= ce else cs - d[1])
            out.setdefault(nearest[0], metric)
        if out and len(set(out.values())) == 1:  # "shipped GPT-4o in May and o1 in December"
            metric = next(iter(out.values()))
            for s, _, _ in dates:
                if s not in out and s > min(out) and self._model_then_date(s):
                    out[s] = metric
        return out

    def _model_then_date(self, s: int) -> bool:
        """`o1 in December`, `o1 于 12 月`: a model named just before the date."""
        return any(m.end <= s and MODEL_THEN_DATE.fullmatch(self.text, m.end, s) for m in self.mentions)

    def _lineage(self, s: int):
        """A model name followed by its date in brackets: `GPT-4 Vision（2023.9）`."""
        if not _BRACKET_OPENED.search(self.text[max(self.start, s - 12):s]):
            return None
        for mention in self.mentions:
            gap = self.text[mention.end:s] if mention.end <= s else None
            if gap is not None and len(gap) <= 12 and _LINEAGE_GAP.fullmatch(gap):
                return mention
        return None


def _outside_brackets(text: str, keep: int = -1) -> str:
    """`text` without its bracketed asides, except the one holding offset `keep`."""
    return BRACKETED.sub(lambda m: m.group(0) if m.start() <= keep < m.end() else " ", text)


def as_of_date(text: str, start: int, end: int) -> str | None:
    """`as of June 2024` / `截至 2024 年 6 月` dates the claims of a sentence."""
    for match in AS_OF.finditer(text, start, end):
        date = DATE.match(text, match.end())
        if date:
            return date_value(date)
    for launch in LAUNCH_PRICE.finditer(text, start, end):  # "(the May 2024 launch price)"
        for date in DATE.finditer(text, max(start, launch.start() - 24), launch.start() + 1):
            if date.end() <= launch.start() and not text[date.end():launch.start()].strip():
                return date_value(date)
    return None
