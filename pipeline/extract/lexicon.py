"""The vocabulary compiled into matchers: model names (loose about case,
spaces, hyphens and markdown escapes), benchmark and task names, and the
cue words of metrics and qualifiers. Built once per process.

Speed matters here (a whole document is scanned once): every name is found
by its first word on the lower-cased text, in one pass that also finds URLs
and the marks of quantities; only then is the full name matched, anchored."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.catalogue.coin import coin
from pipeline.catalogue.matcher import ModelMatcher
from pipeline.catalogue.rules import model_key, rules
from pipeline.extract.currency import currencies
from pipeline.extract.fastre import compile_led, led
from pipeline.vocabulary import Vocabulary, vocabulary

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[A-Za-z]+|\d+|[{_CJK}]+|[.]|[-_ ]|\S")
_HEAD = re.compile(rf"[A-Za-z0-9]+|[{_CJK}]+")
_MODEL_WINDOW = 72  # longer than any name the matcher walks (64), so a window decides its match
# a dated snapshot (`-2024-08-06`, `-20240806`, `-0613`, `@20241022`) or a vendor's yymm(dd) version (`-2407`)
SNAPSHOT = re.compile(r"\\?[-@](20\d{2}-\d{2}-\d{2}|20\d{6}|2[3-9](?:0[1-9]|1[0-2])[0-3]\d|0[1-9]\d{2}|1[0-2][0-3]\d"
                      r"|2[3-9](?:0[1-9]|1[0-2]))(?![\d])")
SPACED_STAMP = re.compile(r"[ \t](0[1-9][0-3]\d|1[0-2][0-3]\d)(?![\d.,%])")
SERVED = re.compile(r"(.+)-(?:instruct|chat)$")
CONTEXT_AFTER = re.compile(r"[ \t]?\((\d{1,3}[kK])\)")
SIZE_AFTER = re.compile(r"[ \t-]?(\d+(?:\.\d+)?[BbMm])(?![A-Za-z0-9])")
_RIGHT = r"(?![A-Za-z0-9])(?!\\?\.\d)"
_FOOTNOTE_RIGHT = r"(?![A-Za-z])(?!\d[\w.,])(?!\\?\.\d)"  # a benchmark may carry a footnote digit: "GPQA Diamond1"
_WINDOW = 48  # longer than any written name, so a window decides its match
_LEFT_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789.\\")
URL = r"\]\([^)\s]*\)|https?://[^\s)\]>\"']+|www\.[^\s)\]>\"']+"
# where a number is written as a quantity the grammar can read: a currency
# before it; a unit, scale, percent, range or date mark after it; a month name
# before it. Lookaheads only, so a mark never swallows the name that follows.
_MONEY = currencies()  # currency signs and words, from the vocabulary
# a figure's run of digits, tried from its first digit only and never given back
# (possessive): the scan stays linear on megabytes of "1.1.1." (a run opened by
# two marks, "..5%", is not a figure)
_RUN = r"(?<!\d)(?<![\d,.\\][,.\\])\d[\d,.\\]*+"
QUANTITY_MARK = (
    rf"[$＄{re.escape(_MONEY.symbols)}](?=\s?\d)"
    rf"|{_RUN}(?=\s+(?:input|output|context|prompt|completion)\s+tok)"
    rf"|{_RUN}(?=\+?(?:\\?-)?\s?(?:[%％kmbt万亿千分秒个/~～–—]|百万|十亿|毫秒|美元|美金|美分|标记|令牌|词元|代币|usd|dollar|cent"
    r"|point|pts|sec|s\b|per\b|年|月|日|号|-\s?\d|到|至|to\s\d|" + _MONEY.marks_after + "))"
    r"|(?:19|20)\d\d(?=\s*[年.\-/]\s*\d)"
)
MONTH_MARK = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?=[a-z]*\.?\s+\d)"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    model: str  # canonical id as named (a family id stays a family id here)
    snapshot: str | None = None
    bare: bool = False  # a member word alone ("for Opus"), resolved by the document


@dataclass
class Scan:
    """Everything one pass over a document finds, each list in text order."""

    mentions: list[Mention] = field(default_factory=list)
    benchmarks: list[tuple[int, int, str]] = field(default_factory=list)
    tasks: list[tuple[int, int, str]] = field(default_factory=list)
    urls: list[tuple[int, int]] = field(default_factory=list)
    marks: list[int] = field(default_factory=list)


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


def name_key(written: str) -> str:
    """How a written name is looked up: case, spaces, hyphens, underscores and
    markdown escapes do not count; a version's dot may also be a separator."""
    return re.sub(r"[\s\\_-]+", "", written.lower())


def _name_keys(name: str) -> set[str]:
    key = name_key(name)
    return {key, key.replace(".", "")}


class NameMatcher:
    """Written names of one kind (models, benchmarks, tasks), matched at a
    position where their first word starts. All-caps names (MMLU, MATH) match
    in capitals only, so `math` in prose is not the MATH benchmark."""

    def __init__(self, names: list[tuple[str, str]], right: str = _RIGHT):
        self.by_key: dict[str, str] = {}
        by_head: dict[str, list[str]] = {}
        for written, target in names:
            for key in _name_keys(written):
                self.by_key.setdefault(key, target)
            by_head.setdefault(_HEAD.match(written).group(0).lower(), []).append(written)
        self._by_head, self._right = by_head, right
        self.anchored: dict[str, re.Pattern] = {}  # compiled on a head's first use: most heads never occur
        self.heads = set(by_head)
        self._seen: dict[str, tuple[int, str] | None] = {}  # the same names recur: remember them

    def named(self, written: str) -> str | None:
        """The target a whole written name stands for, any case (`gpqa`, `mmlu_pro` in code)."""
        return self.by_key.get(name_key(written))

    def match(self, text: str, start: int, head: str) -> tuple[int, str] | None:
        window = text[start:start + _WINDOW]
        if window in self._seen:
            hit = self._seen[window]
            return (start + hit[0], hit[1]) if hit else None
        pattern = self.anchored.get(head)
        if pattern is None and head in self._by_head:
            pattern = self.anchored[head] = re.compile(
                rf"(?:{_alternation(self._by_head[head])}){self._right}", re.IGNORECASE)
        found = pattern.match(window) if pattern else None
        target = self.by_key.get(name_key(found.group(0))) if found else None
        if len(self._seen) > 100_000:
            self._seen.clear()
        self._seen[window] = (found.end(), target) if target else None
        return (start + found.end(), target) if target else None


def _alternation(names: list[str]) -> str:
    pieces = []
    for name in sorted(set(names), key=len, reverse=True):
        is_caps = name.upper() == name and re.search("[A-Z]", name)
        pieces.append(f"(?-i:{name_pattern(name)})" if is_caps else name_pattern(name))
    return "|".join(pieces)


@dataclass(frozen=True)
class Lexicon:
    models: ModelMatcher
    benchmarks_: NameMatcher
    tasks_: NameMatcher
    heads: re.Pattern  # first words of every name, lower case
    marks: re.Pattern
    months: re.Pattern
    urls: re.Pattern
    vocab: Vocabulary
    descendants: dict[str, frozenset[str]]
    member_words: re.Pattern  # a member word or a version written alone ("Opus", "V2")
    model_heads: re.Pattern  # words, and the CJK characters model names start with
    coin_words: frozenset[str]  # family words an unknown model's id may be coined from
    memo: dict = field(default_factory=dict)  # text at a word start -> the name found there
    cjk_coin: dict = field(default_factory=dict)  # a family word's CJK spelling (混元) -> the word (hunyuan)
    route_words: frozenset[str] = frozenset()  # the first words of cloud ids' dotted routing (`us.anthropic.`)

    def scan(self, text: str, offset: int = 0, marks: bool = True) -> Scan:
        """Three quick passes over the lower-cased `text` (so no pattern needs
        IGNORECASE): URLs, quantity marks, and the first words of names, each
        of which is then matched in full on the original text. `marks=False`
        skips the quantity marks (a reader that finds quantities itself)."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare character whose lower case is longer
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        out = Scan()
        out.urls = [(m.start() + offset, m.end() + offset) for m in self.urls.finditer(lowered)]
        if marks:
            out.marks = [m.start() + offset for m in self.marks.finditer(lowered)]
            out.marks += [m.start() + offset for m in self.months.finditer(lowered)]
        url_ends = {s - offset: e - offset for s, e in out.urls}
        url_starts = sorted(url_ends)
        out.mentions = self._model_mentions(text, lowered, offset, url_starts, url_ends)
        taken = [(m.start - offset, m.end - offset) for m in out.mentions]
        cursor = 0
        for match in self.heads.finditer(lowered):
            start = match.start()
            head = match.group(0)
            if start < cursor or (start and lowered[start - 1] in _LEFT_CHARS and head.isascii()):
                continue
            if url_starts and _inside(url_starts, url_ends, start):
                continue
            if taken and _within(taken, start):
                continue
            for matcher, found in ((self.benchmarks_, out.benchmarks), (self.tasks_, out.tasks)):
                name = matcher.match(text, start, head)
                if name:
                    found.append((start + offset, name[0] + offset, name[1]))
                    cursor = name[0]
                    break
        return out

    def _model_mentions(self, text: str, lowered: str, offset: int, url_starts: list[int],
                        url_ends: dict[int, int]) -> list[Mention]:
        """Model names: at each word start whose first run begins a known name
        or a coinable family word, the longest known name or coined id."""
        mentions, cursor = [], 0
        first, coin_words, memo, routes = self.models.first, self.coin_words, self.memo, self.route_words
        for word in self.model_heads.finditer(lowered):  # a word's first letter or digit run, or a CJK name's head
            start, run = word.start(), word.group(0)
            ascii_run = run.isascii()
            if start < cursor or (ascii_run and run not in first and run not in coin_words and not (
                    run in routes and lowered.startswith(".", word.end()))):  # `us.anthropic.…`: a cloud id
                continue
            if url_starts and _inside(url_starts, url_ends, start):
                continue
            window = lowered[start:start + _MODEL_WINDOW]
            if window in memo:  # the same names recur: remember them
                found = memo[window]
            else:
                found = self._name_at(window, run if ascii_run else "")
                if len(memo) > 100_000:
                    memo.clear()
                memo[window] = found
            if not found:
                continue
            end, model_id = start + found[0], found[1]
            snapshot = None
            sized = SIZE_AFTER.match(text, end)  # "Meta Llama 3.1 405B": the family's 405B member
            if sized and self.vocab.models[model_id].is_family and (
                    f"{model_id}-{sized.group(1).lower()}" in self.vocab.models):
                model_id, end = f"{model_id}-{sized.group(1).lower()}", sized.end()
            elif sized and text[end] == "-":
                model_id, end = self._second_size(model_id, sized, end)
            window_k = CONTEXT_AFTER.match(text, end)  # "GPT-3.5 Turbo (16k)": the model's 16k variant, when known
            if window_k and f"{model_id}-{window_k.group(1).lower()}" in self.vocab.models:
                model_id, end = f"{model_id}-{window_k.group(1).lower()}", window_k.end()
            snapshot, end = self._snapshot(text, end, model_id)
            served = SERVED.match(model_id)
            if served and served.group(1) in self.vocab.models and not self.vocab.models[served.group(1)].is_family:
                # `qwen-2.5-72b-instruct`: claims keep the served id, the document's
                # family logic counts it as its base model
                model_id, snapshot = served.group(1), snapshot or model_id
            if end < len(text) and text[end] == "/":
                pair = self._slashed(text, start, end)  # "Claude 3.5/4.5 Sonnet": two versions, one name
                mentions.extend(Mention(a + offset, b + offset, m) for a, b, m in pair)
                cursor = pair[-1][1] if pair else cursor
                continue  # `meta-llama/…`: an organisation in a path, not a mention
            mentions.append(Mention(start + offset, end + offset, model_id, snapshot))
            cursor = end
        return self._without_labels(text, mentions, offset)

    def _without_labels(self, text: str, mentions: list[Mention], offset: int) -> list[Mention]:
        """"Qwen QwQ 32B", "Mistral Codestral 25.01": a family name written right before
        another model's name (spaces between) labels it, the brand; it names no model itself."""
        if len(mentions) < 2:
            return mentions
        models = self.vocab.models
        kept = [m for m, after in zip(mentions, mentions[1:])
                if not 0 < after.start - m.end <= 3 or text[m.end - offset:after.start - offset].strip(" \t\u00a0")
                or not models[m.model].is_family]
        return kept + mentions[-1:]

    def _name_at(self, window: str, run: str) -> tuple[int, str] | None:
        """(end, model) of the known name or coined id at the start of `window`."""
        routed = rules().dotted.match(window) if run in self.route_words and window[len(run):][:1] == "." else None
        if routed:  # `meta.llama2-70b-chat-v1`, `us.anthropic.claude-…`: a cloud id's routing, then the name
            inner, rest = _FIRST_RUN.match(window, routed.end()), window[routed.end():]
            # a known name first: the id's own `-v1:0` is Bedrock's version, not the model's
            found = self.models.match(rest, 0) or (self._name_at(rest, inner.group(0)) if inner else None)
            return (routed.end() + found[0], found[1]) if found else None
        found = self.models.match(window, 0)
        coined = coin(window, 0) if run in self.coin_words else self._cjk_coined(window) if not run else None
        if coined and (not found or coined[0] > found[0]):
            found = (coined[0], self.models.by_key.get(model_key(coined[1]), coined[1]))
        return found

    def _slashed(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """"Claude 3.5/4.5 Sonnet", "Qwen2.5-7B/72B-Instruct", "Qwen2-7/72B": a name whose
        version or size is given twice, joined by a slash, names two models; both must
        read in full as names (known or coined), else it is a path and names none."""
        alt = _SLASHED.match(text, end)
        first = _LAST_NUMBER.search(text, start, end)
        if not alt or not first:
            return []
        unit = alt.group(1)[-1] if alt.group(1)[-1].isalpha() and not first.group(0)[-1].isalpha() else ""
        for tail in dict.fromkeys((alt.group(2), "")):  # a shared word after the pair ("Sonnet"), or none
            names = (text[start:end] + unit + tail, text[start:first.start()] + alt.group(1) + tail)
            found = [self._whole_name(name) for name in names]
            if all(found):
                return [(start, end, found[0]), (alt.start(1), alt.end(1) + len(tail), found[1])]
        return []

    def _whole_name(self, name: str) -> str | None:
        lowered = name.lower()
        run = _FIRST_RUN.match(lowered)
        found = self._name_at(lowered, run.group(0)) if run else None
        return found[1] if found and found[0] == len(name) else None

    def _second_size(self, model_id: str, sized: re.Match, end: int) -> tuple[str, int]:
        """`gemma-2b-27b`: a size right after a sized name means the first "size" was its
        version with a stray letter; the known model of that version and size, else as read."""
        version = _SIZE_TAIL.search(model_id)
        fixed = f"{model_id[:version.start(1)]}{version.group(1)}-{sized.group(1).lower()}" if version else ""
        return (fixed, sized.end()) if fixed in self.vocab.models else (model_id, end)

    def _cjk_coined(self, window: str) -> tuple[int, str] | None:
        """`混元-lite`: a family word written in CJK (vocabulary name_variants) coins as its word."""
        for written, word in self.cjk_coin.items():
            if window.startswith(written):
                coined = coin(word + window[len(written):], 0)
                return (coined[0] - len(word) + len(written), coined[1]) if coined else None
        return None

    def _snapshot(self, text: str, end: int, model_id: str) -> tuple[str | None, int]:
        """The snapshot written after a model's name, and where it ends. A month
        and day (`-1022`, ` 0513`) becomes the full date when the data knows
        exactly one dated snapshot of the model on that day; written after a
        space it counts only then."""
        if self.vocab.models[model_id].is_family:
            return None, end
        tail = SNAPSHOT.match(text, end) or SPACED_STAMP.match(text, end)
        if not tail:
            return None, end
        stamp = tail.group(1)
        if len(stamp) == 4 and not stamp.startswith("2"):
            known = [d for d in self.vocab.snapshots.get(model_id, ()) if d.endswith(stamp)]
            if len(known) == 1:
                return f"{model_id}-{_iso(known[0])}", tail.end()
        if tail.re is SPACED_STAMP:
            return None, end
        return f"{model_id}-{_iso(stamp)}", tail.end()

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        """The model names in `text`; a short string (a heading, a header) is scanned once
        per process: the same headings recur in a document and across a site's pages."""
        if offset or len(text) > _SHORT:
            return self.scan(text, offset).mentions
        key = ("mentions", text)  # apart from the name windows `memo` also holds
        if key not in self.memo:
            if len(self.memo) > 100_000:
                self.memo.clear()
            self.memo[key] = tuple(self.scan(text).mentions)
        return list(self.memo[key])

    def benchmarks(self, text: str) -> list[tuple[int, int, str]]:
        return self.scan(text).benchmarks

    def tasks(self, text: str) -> list[tuple[int, int, str]]:
        return self.scan(text).tasks


_FIRST_RUN = re.compile(r"[a-z]+|[0-9]+")
_SIZE_TAIL = re.compile(r"-(\d+)[bm]$")
_SLASHED = re.compile(r"/(\d{1,3}(?:\.\d{1,2})?[bBmMkK]?)(?![\d.])((?:[ -][A-Za-z]+(?![A-Za-z0-9]))?)")
_LAST_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?[bBmMkK]?$")
_SHORT = 200  # characters: strings up to this long have their mentions remembered


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _inside(starts: list[int], ends: dict[int, int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[starts[i]]


def _iso(stamp: str) -> str:
    if len(stamp) == 8 and "-" not in stamp:
        return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"
    return stamp


def words_re(words) -> re.Pattern:
    """Cue words: ASCII words need word boundaries, CJK words do not."""
    parts, words = [], set(words)
    for word in sorted(words, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")  # cues survive hard-wrapped lines
        if re.match(r"[A-Za-z]", word):
            escaped = rf"(?<![A-Za-z]){escaped}"
        if re.search(r"[A-Za-z]$", word):
            escaped = rf"{escaped}(?![A-Za-z])"
        parts.append(escaped)
    return compile_led("|".join(parts), re.IGNORECASE)


def _descendants(vocab: Vocabulary) -> dict[str, frozenset[str]]:
    out = {}
    for family in (m.id for m in vocab.models.values() if m.is_family):
        found, frontier = set(), {family}
        while frontier:
            children = {m.id for m in vocab.models.values() if m.family in frontier}
            frontier = children - found
            found |= children
        out[family] = frozenset(found)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return build_lexicon(vocabulary())


def build_lexicon(vocab: Vocabulary) -> Lexicon:
    models = ModelMatcher(vocab.aliases(), [(a, m) for a, m, _ in vocab.exact_aliases])
    benchmarks = NameMatcher([(n, slug) for slug, names in vocab.benchmarks.items() for n in names], _FOOTNOTE_RIGHT)
    tasks = NameMatcher([(n, slug) for slug, names in vocab.tasks.items() for n in names])
    heads = benchmarks.heads | tasks.heads
    cjk_coin = {written: word for word, spellings in vocab.name_variants.items() if word in rules().coin_families
                for written in spellings if not written.isascii()}
    cjk = "|".join(map(re.escape, sorted(models.cjk_first | set(cjk_coin), key=len, reverse=True)))
    digits = any(run[0].isdigit() for run in models.first)  # names start with a letter but for a rare few
    word_start = r"(?<![a-z0-9.\\])(?:[a-z]+|[0-9]+)" if digits else r"(?<![a-z0-9.\\])[a-z]+"
    model_heads = led(re.compile(rf"{word_start}|{cjk}" if cjk else word_start))
    return Lexicon(models, benchmarks, tasks, re.compile(trie_pattern(heads)),
                   # a leading lookahead lets the regex engine skip to digits and currency signs
                   re.compile(rf"(?=[\d$＄{re.escape(_MONEY.symbols)}])(?:{QUANTITY_MARK})"), re.compile(MONTH_MARK),
                   re.compile(URL), vocab, _descendants(vocab), led(_member_words(vocab)), model_heads, rules().coin_families,
                   cjk_coin=dict(sorted(cjk_coin.items(), key=lambda kv: -len(kv[0]))),
                   route_words=frozenset(rules().dotted_words))


def trie_pattern(words) -> str:
    """One regex for many literal words, as a trie (`gp(?:qa|t)`): the regex
    engine then tries one branch per character, not every word at every
    position, and the longest word at a position still wins."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if len(branches) == 1 and not ends:
            return body
        return body + "?" if ends else body

    return build(trie)


def _member_words(vocab: Vocabulary) -> re.Pattern:
    """A member word, with the version that may follow it ("Opus", "Opus 4.6"), or
    a version written alone, with a variant word that may follow it ("V2", "V4-Flash")."""
    words = "|".join(map(re.escape, vocab.member_words))
    variants = "|".join(sorted(rules().coin_variants | rules().coin_suffixes, key=len, reverse=True))
    version = rf"[Vv]\d+(?:\.\d+)?(?:[- ](?i:{variants})(?![A-Za-z0-9_]))?"
    alone = rf"(?:{words})(?:[- ]\d+(?:\.\d+)?(?![\d.]?[A-Za-z0-9_]))?|{version}" if words else version
    return re.compile(rf"(?<![A-Za-z0-9_.-])({alone})(?![A-Za-z0-9_-])")
