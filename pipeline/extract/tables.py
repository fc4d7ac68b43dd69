"""Markdown and HTML tables read as claims. The header row is read first:
which columns name models (a header of model names makes each column a
model, a "Model" column makes each row one), which are labels (a leading
category column, the benchmark or metric column), which hold no claim (sums,
blends, spreads, links), and what each header says about its cells (units,
directions, statistics; a description after `<br/>` or in long brackets is
not a value). Each value cell is then read like a clause, with its row
label and column header as cue words. The header words are data
(pipeline/table_headers.yaml)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.extract.context import DocumentContext
from pipeline.extract.cues import cue_sets, has_cue
from pipeline.extract.lexicon import words_re
from pipeline.extract.patterns import BRACKETED, DIGIT, SHOTS
from pipeline.extract.segments import Unit

_SLASH = re.compile(r"\s*/\s*")
_RULES_FILE = Path(__file__).resolve().parent.parent / "table_headers.yaml"
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{1,200}>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|\\(?=[^\w\s])|`")
_WORDS = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FOOTNOTE = re.compile(r"(?:(?<=[A-Za-z]{3})|(?<=\)))\d{1,2}(?:\s*,\s*\d{1,2})*$|[*†‡¹²³⁴⁵⁶⁷⁸⁹]+$")
_OWN_NAME = re.compile(r"^\s*[\"'][^\"'\n]+[\"']\s*:|\bname\s*[:=]\s*[\"']", re.IGNORECASE | re.MULTILINE)
_SNAPSHOT_DATE = re.compile(r"[\s\-]*[(（]?\s*(20\d\d)-?(0[1-9]|1[0-2])-?([0-3]\d)\s*[)）]?(?!\d)")
_CURRENCY = re.compile(r"[~≈]?\s*(?:US\$|\$|＄|¥|￥|€|£)")
_GLUED_AFTER = re.compile(r"-[^\W\d_]")
_GLUED_BEFORE = re.compile(r"[^\W\d_]-$")
_DESCRIPTION_WORDS = 4  # a bracketed aside longer than this is a description, not a unit or setting


# patterns the hot paths used to pass to re.* (whose cache lookups, and recompiles once more than
# 512 patterns were in use, cost ~2-3% of extraction)
_WORDY_HEADER = re.compile(r"[A-Za-z\u4e00-\u9fff%$]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Unit_:
    """A unit a header cell may name: its pattern, the cue words it stands for,
    the metric it decides (if any) and the words that make the column no claim."""

    pattern: re.Pattern
    cue: str
    metric: str | None
    unless: re.Pattern | None


@dataclass(frozen=True)
class HeaderRules:
    """The header words of pipeline/table_headers.yaml, compiled."""

    model: re.Pattern
    no_claim: re.Pattern
    sums: re.Pattern
    not_token: re.Pattern
    statistics: dict
    provider: re.Pattern
    translations: list
    units: list
    cell_setting: re.Pattern
    cell_spread: re.Pattern
    bare_seconds_below: float
    list_joiner: re.Pattern
    html_boilerplate: re.Pattern
    heading_key_metrics: tuple


@lru_cache(maxsize=1)
def header_rules() -> HeaderRules:
    data = yaml.safe_load(_RULES_FILE.read_text(encoding="utf-8"))

    def whole(words) -> re.Pattern:
        return re.compile(r"^\W*(?:" + words_re(words).pattern + r")\W*$", re.IGNORECASE)

    return HeaderRules(
        model=whole(data["model_column"]),
        no_claim=whole(data["no_claim"]),
        sums=words_re(data["sum_words"]),
        not_token=words_re(data["not_token_figures"]),
        statistics={name: words_re(words) for name, words in data["statistics"].items()},
        provider=whole(data["provider_column"]),
        translations=[(words_re(t["words"]), t["cue"]) for t in data["translations"]],
        units=[Unit_(re.compile(u["pattern"], re.IGNORECASE), u["cue"], u.get("metric"),
                     words_re(u["unless"]) if u.get("unless") else None) for u in data["units"]],
        cell_setting=re.compile(r"[(（][^()（）]*(?:" + words_re(data["cell_setting"]).pattern + r")[^()（）]*[)）]",
                                re.IGNORECASE),
        cell_spread=re.compile("|".join(re.escape(s) for s in data["cell_spread"])),
        bare_seconds_below=float(data["bare_seconds_below"]),
        list_joiner=re.compile(r"\s*(?:" + words_re(data["list_joiners"]).pattern + r")\s*", re.IGNORECASE),
        heading_key_metrics=tuple(data["heading_key_metrics"]),
        html_boilerplate=words_re(data["html_boilerplate"]),
    )


@dataclass(frozen=True)
class CellPlan:
    """One cell to read: its span, the cue words around it, and the model the
    table's layout gives it (None: fall back to the section's model)."""

    start: int
    end: int
    cues: str
    model: str | None
    setting: str | None = None  # "provider:alpha,stat:median": the row's host, the column's statistic
    score_setting: str | None = None  # "5-shot", "pass@1": written in the cell's note, row label or header


@lru_cache(maxsize=8192)
def clean_header(raw: str) -> str:
    """A header cell's words for reading: markdown marks, links, tags and
    footnote marks gone; what follows a line break and long bracketed asides
    (descriptions) dropped; underscores read as spaces (`mmlu_pro_5shot`)."""
    text = _BREAK.split(raw, maxsplit=1)[0]
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text).replace("_", " ")
    text = BRACKETED.sub(lambda m: " " if len(_WORDS.findall(m.group(0))) > _DESCRIPTION_WORDS else m.group(0), text)
    text = " ".join(text.split())
    return _FOOTNOTE.sub("", text).strip()


@lru_cache(maxsize=8192)
def unit_in(text: str) -> Unit_ | None:
    """The first unit a header names."""
    return next((u for u in header_rules().units if u.pattern.search(text)), None)


@lru_cache(maxsize=8192)
def header_cues(text: str) -> str:
    """The header's words plus the cue words its unit and foreign words stand for;
    a unit that decides the metric replaces the words ("Output Tokens
    Throughput (tokens/s)" reads as a speed)."""
    rules = header_rules()
    extra = [cue for pattern, cue in rules.translations if pattern.search(text)]
    unit = unit_in(" ".join([text, *extra]))
    if unit and unit.metric:
        return " ".join([unit.cue, *([_statistic(text)] if _statistic(text) else [])])
    if unit:  # "1M TOKENS INPUT" is a rate, not a workload of a million input tokens
        text = unit.pattern.sub(" ", text)
        extra.append(unit.cue)
    return " ".join([*text.split(), *extra]).strip()


def _unit_says_no_claim(text: str) -> bool:
    unit = unit_in(text)
    return bool(unit and unit.unless and unit.unless.search(text))


@lru_cache(maxsize=8192)
def _metric_cued(text: str) -> bool:
    return any(p.search(text) for p in cue_sets().metric.values())


@lru_cache(maxsize=8192)
def _no_claim(text: str) -> bool:
    """A sum, blend, spread or link column ("Total", "Blended Pricing", "P99"):
    not one figure of one model. "Total Params" is still a parameter count."""
    rules = header_rules()
    bare = BRACKETED.sub(" ", text)
    if rules.no_claim.match(bare) or rules.no_claim.match(text) or rules.not_token.search(text):
        return True
    if rules.sums.search(text):
        other = [m for m in cue_sets().metric if not m.startswith("price") and has_cue(m, text)]
        return not other
    return False


@lru_cache(maxsize=8192)
def _statistic(text: str) -> str | None:
    for name, pattern in header_rules().statistics.items():
        if pattern.search(text):
            return name
    return None


def value_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The part of a cell that holds its value: not a spread after it
    ("0.53 +/- 0.39") nor a bracketed setting ("82.0 (5-shot)")."""
    start, end = span
    rules = header_rules()
    spread = rules.cell_spread.search(text, start, end)
    if spread:
        end = spread.start()
    setting = rules.cell_setting.search(text, start, end)
    if setting and DIGIT.search(text, start, setting.start()):
        end = setting.start()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return start, end


def _cell_text(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]


def _cell_models(doc: DocumentContext, span: tuple[int, int]) -> list[str]:
    return sorted({doc.resolve(m) for m in doc.mentions_in(*span)})


def _snapshot(doc: DocumentContext, span: tuple[int, int], model: str) -> str:
    """"GPT-4o (2024-11-20)" in a header: the dated snapshot, its date kept in the id
    (a date without its year, "0513", is left alone: the year is not written)."""
    mentions = doc.mentions_in(*span)
    if len(mentions) != 1 or doc.resolve(mentions[0]) != model or mentions[0].snapshot:
        return model
    date = _SNAPSHOT_DATE.match(doc.text, mentions[0].end, span[1])
    return f"{model}-{date.group(1)}-{date.group(2)}-{date.group(3)}" if date else model


def _unresolved(doc: DocumentContext, span: tuple[int, int], model: str) -> bool:
    """A cell naming only a family but writing a version or size beside it
    ("llama-v2-70b-chat" read as "llama"): a model the vocabulary lacks, not the family."""
    if not doc.is_family(model) and not any(doc.is_family(m.model) for m in doc.mentions_in(*span)):
        return False  # ("Claude 3.5/4.5 Sonnet": the family "Claude 3.5" is no one member of it)
    rest = BRACKETED.sub(" ", _without_mentions(doc, span))
    return bool(DIGIT.search(rest))


def _listed_models(doc: DocumentContext, span: tuple[int, int]) -> list[str]:
    """The models a cell lists with only "/", ",", "&", "and" or "or" between them
    ("**o1 / o3**"); none when anything else stands between (a comparison, a note)."""
    mentions = doc.mentions_in(*span)
    gaps = [doc.text[a.end:b.start] for a, b in zip(mentions, mentions[1:])]
    if not mentions or not all(header_rules().list_joiner.fullmatch(g) for g in gaps):
        return []
    models = list(dict.fromkeys(doc.resolve(m) for m in mentions))
    specific = [m for m in models if not doc.is_family(m)]  # "meta-llama/Llama-2-70b": the path's org is no model
    return specific or models


def _vendor_and_name(doc: DocumentContext, vendor: tuple[int, int], name: tuple[int, int]) -> list[str]:
    """"**Mistral** | Medium 3": a model named across a provider cell and a model cell."""
    joined = f"{clean_header(_cell_text(doc.text, vendor))} {clean_header(_cell_text(doc.text, name))}"
    return sorted({doc.resolve(m) for m in doc.lex.mentions(joined)})


def _without_mentions(doc: DocumentContext, span: tuple[int, int]) -> str:
    """A header cell's text with its model names cut out ("Llama 3 8B (per 1M tokens)" -> "(per 1M tokens)")."""
    pieces, cursor = [], span[0]
    for m in doc.mentions_in(*span):
        pieces.append(doc.text[cursor:m.start])
        cursor = m.end
    pieces.append(doc.text[cursor:span[1]])
    return clean_header(" ".join(pieces))


def _with_cell_unit(text: str, span: tuple[int, int], cues: str) -> tuple[tuple[int, int], str]:
    """A unit written in the cell itself that decides the metric ("1,800 t/s"):
    its cue joins the header's, and the value is read without it."""
    for unit in header_rules().units:
        if not unit.metric:
            continue
        found = unit.pattern.search(text, span[0], span[1])
        if found and DIGIT.search(text, span[0], found.start()):
            end = found.start()
            while end > span[0] and text[end - 1] in " \t":
                end -= 1
            return (span[0], end), (cues if unit.cue in cues else f"{cues} {unit.cue}")
    return span, cues


def _column_unit(doc: DocumentContext, body: list[Unit], index: int) -> str:
    """The metric-deciding unit most of a column's cells write ("450 t/s",
    "250 t/s"), for its cells that write none."""
    counts: dict[str, int] = {}
    numeric = 0
    for row in body:
        if index < len(row.cells) and DIGIT.search(doc.text, *row.cells[index]):
            numeric += 1
            unit = unit_in(_cell_text(doc.text, row.cells[index]))
            if unit and unit.metric:
                counts[unit.cue] = counts.get(unit.cue, 0) + 1
    best = max(counts, key=counts.get, default="")
    return best if best and counts[best] * 2 >= numeric else ""


def _split_cell(text: str, span: tuple[int, int], cues: str, model: str | None) -> list[CellPlan]:
    """`128K / 16K` under `上下文/最大输出`: as many slash-separated values as the
    header (or row label) names things, each read with its own name."""
    span, cues = _with_cell_unit(text, value_span(text, span), cues)
    names = [n.strip() for n in _SLASH.split(BRACKETED.sub(" ", cues)) if n.strip()]
    parts = list(_SLASH.finditer(text, span[0], span[1]))
    if len(names) < 2 or len(parts) + 1 != len(names):
        return [CellPlan(span[0], span[1], cues, model)]
    bounds = [span[0], *[p.start() for p in parts], span[1]]
    starts = [span[0], *[p.end() for p in parts]]
    pieces = [(starts[i], bounds[i + 1]) for i in range(len(names))]
    if not all(DIGIT.search(text, a, b) for a, b in pieces):
        return [CellPlan(span[0], span[1], cues, model)]
    return [CellPlan(a, b, name, model) for (a, b), name in zip(pieces, names)]


def _is_blank(text: str, row: Unit) -> bool:
    return all(not clean_header(_cell_text(text, c)) for c in row.cells)


@lru_cache(maxsize=8192)
def _heading_cues(headings: tuple[str, ...]) -> str:
    """The nearest heading that names a metric ("Output Tokens Throughput
    (tokens/s)" over "70B Models"): the cue for columns whose header names none."""
    for heading in reversed(headings):
        cleaned = clean_header(heading)
        if _metric_cued(cleaned) or unit_in(cleaned):
            return header_cues(cleaned)
    return ""


def _per_tokens(cues: str) -> bool:
    """The cue text states a rate per tokens ("per 1M tokens")."""
    unit = unit_in(cues)
    return bool(unit and unit.metric is None)


def _money_column(doc: DocumentContext, body: list[Unit], index: int) -> bool:
    """Most of a column's figures are written with a currency sign."""
    figures = [row.cells[index] for row in body if index < len(row.cells) and DIGIT.search(doc.text, *row.cells[index])]
    money = sum(1 for s, e in figures if _CURRENCY.match(doc.text, s, e))
    return bool(figures) and money * 2 > len(figures)


def _bare_seconds(doc: DocumentContext, body: list[Unit], index: int, cues: str) -> bool:
    """A latency column with no unit anywhere whose figures are all small: seconds."""
    unit = unit_in(cues)
    if not has_cue("latency", cues) or (unit and unit.metric == "latency"):
        return False
    values = []
    for row in body:
        if index >= len(row.cells):
            continue
        cell = _cell_text(doc.text, row.cells[index])
        if _WORDY_HEADER.search(clean_header(cell)):
            return False
        number = _NUMBER.search(cell)
        if number:
            values.append(float(number.group(0).replace(",", "")))
    return bool(values) and max(values) < header_rules().bare_seconds_below


@dataclass
class Header:
    """The header row read: per column its cue text, its model, and its role."""

    texts: list[str]
    models: dict[int, str]
    model_column: int | None
    skip: set[int]
    table_cues: str
    provider_column: int | None = None


def read_header(doc: DocumentContext, header: Unit, body: list[Unit]) -> Header:
    rules = header_rules()
    raw = [_cell_text(doc.text, c) for c in header.cells]
    texts = [clean_header(t) for t in raw]
    models = {}
    for index, span in enumerate(header.cells):
        found = _cell_models(doc, span)
        if index > 0 and len(found) == 1 and not _unresolved(doc, span, found[0]):
            models[index] = _snapshot(doc, span, found[0])
    model_column = next((i for i, t in enumerate(texts) if rules.model.match(BRACKETED.sub(" ", t))), None)
    if model_column is None and not models:  # the column that names one model in most rows
        width = max((len(r.cells) for r in body), default=0)
        named = [sum(1 for r in body if i < len(r.cells) and len(_cell_models(doc, r.cells[i])) == 1)
                 for i in range(min(width, 3))]
        if named and max(named) >= max(1, len(body) // 2):
            model_column = named.index(max(named))
    skip = {i for i, t in enumerate(texts) if i not in models and i != model_column and (
        _no_claim(t) or rules.provider.match(t) or _unit_says_no_claim(t))}
    table_cues = ""  # "Model (prices are per 1M tokens)": a unit said once for the whole table
    lead = model_column if model_column is not None else (0 if models else None)
    if lead is not None and lead < len(texts):
        whole_cell = _EMPHASIS.sub("", _TAG.sub(" ", _BREAK.sub(" ", raw[lead])))
        unit = unit_in(whole_cell)
        table_cues = unit.cue if unit else ""
    provider_column = next((i for i, t in enumerate(texts) if rules.provider.match(t)), None)
    return Header(texts, models, model_column, skip, table_cues, provider_column)


def _joined(label: str, column: str) -> str:
    """A row label and a column header as one cue text, kept apart so that
    ">200K tokens" and "Input" do not read as one phrase (a workload)."""
    return " | ".join(t for t in (label, column) if t)


def _names_models(doc: DocumentContext, row: Unit) -> bool:
    """A row of model names and no figures: a header row below a group row."""
    filled = [c for c in row.cells[1:] if c[1] > c[0]]
    named = sum(1 for c in filled if len(_cell_models(doc, c)) == 1)
    return named >= 2 and named == len(filled)


def _known_benchmark_only(label: str) -> str:
    """A row label whose benchmark name is glued by a hyphen to other letters
    ("MMLU-Redux", "C-SimpleQA") names a benchmark the vocabulary lacks, not
    the one inside it: its cells are nobody's score of that benchmark."""
    from pipeline.extract.cues import names_in
    from pipeline.extract.lexicon import lexicon

    for start, end, _ in names_in(lexicon(), "benchmarks", label):
        if _GLUED_AFTER.match(label, end) or _GLUED_BEFORE.search(label, 0, start):
            return ""
    return label


def _row_label(doc: DocumentContext, row: Unit, head: Header) -> str:
    """The words that say what a row measures: every label cell before the first
    model column ("Category | Benchmark (Metric)"), cleaned."""
    first = min(head.models) if head.models else 1
    labels = [clean_header(_cell_text(doc.text, c)) for c in row.cells[:first]]
    return " ".join(t for t in labels if t)


def shots_setting(*texts: str) -> str | None:
    """The evaluation setting a label, header or cell note writes ("5-shot CoT", "pass@1")."""
    for text in texts:
        m = SHOTS.search(text or "")
        if m and m.group(1):
            return f"{m.group(1)}-shot" + ("-cot" if m.group(2) else "")
        if m and m.group(3):
            return m.group(3).lower()  # "pass@1", "cons@64" (the group holds the whole word)
        if m:
            return "cot"
    return None


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", clean_header(text).lower()).strip("-")


def _with_settings(doc: DocumentContext, plans: list[CellPlan], row: Unit, head: Header, index: int,
                   label: str) -> list[CellPlan]:
    """The settings a row and a column give their cell's claims."""
    parts = []
    if head.provider_column is not None and head.provider_column < len(row.cells) and head.provider_column not in head.models:
        provider = _slug(_cell_text(doc.text, row.cells[head.provider_column]))
        parts += [f"provider:{provider}"] if provider else []
    header = head.texts[index] if index < len(head.texts) else ""
    stat = _statistic(header)
    parts += [f"stat:{stat}"] if stat else []
    cell = row.cells[index]
    out = []
    for plan in plans:
        note = doc.text[plan.end:cell[1]]
        shots = shots_setting(note, label, "" if index in head.models else header)
        out.append(CellPlan(plan.start, plan.end, plan.cues, plan.model, ",".join(parts) or None, shots))
    return out


def plan_table(doc: DocumentContext, rows: list[Unit]) -> dict[int, list[CellPlan]]:
    """Cell plans per row unit (keyed by the row's start offset)."""
    if rows and rows[0].kind == "record":
        return plan_records(doc, rows)
    while rows and _is_blank(doc.text, rows[0]):  # an empty header row over the real one
        rows = rows[1:]
    if len(rows) < 2:
        return {}
    header, body = rows[0], rows[1:]
    if not doc.mentions_in(header.start, header.end):  # a group row ("Closed | Open") over the model names
        for i, candidate in enumerate(body[:2]):
            if _names_models(doc, candidate):
                header, body = candidate, body[i + 1:]
                break
    head = read_header(doc, header, body)
    heading = _heading_cues(header.headings)
    plans: dict[int, list[CellPlan]] = {}
    column_cues: dict[int, str] = {}
    for index, text in enumerate(head.texts):
        cues = header_cues(text)
        if index in head.models:
            cues = header_cues(_without_mentions(doc, header.cells[index]))
        elif heading and not _metric_cued(cues) and (not text or _statistic(text) or (
                _money_column(doc, body, index) and _per_tokens(heading) and not cue_sets().cached.search(text))):
            # "Median" under "Throughput"; a host's "$0.90" column under "Prices per 1M tokens"
            cues = f"{cues} {heading}".strip()
        if _bare_seconds(doc, body, index, cues):
            cues += " (s)"
        elif not unit_in(cues) and (unit := _column_unit(doc, body, index)):
            cues = f"{cues} {unit}"
        column_cues[index] = f"{cues} {head.table_cues}".strip()
    for row in body:
        cells = row.cells
        if not cells:
            continue
        row_plans = []
        if head.models:
            label = _known_benchmark_only(header_cues(_row_label(doc, row, head)))
            for index, span in enumerate(cells):
                if index in head.models:  # "数据来源 | 更新时间" columns hold no model's figures
                    cues = _joined(label, column_cues.get(index, ""))
                    row_plans.extend(_with_settings(doc, _split_cell(doc.text, span, cues, head.models[index]),
                                                    row, head, index, label))
        elif head.model_column is not None and head.model_column < len(cells):
            models = _cell_models(doc, cells[head.model_column])
            if not models and head.provider_column is not None and head.provider_column < len(cells):
                models = _vendor_and_name(doc, cells[head.provider_column], cells[head.model_column])
            if len(models) > 1:  # "o1 / o3": models listed together share the row
                models = _listed_models(doc, cells[head.model_column])
            for row_model in models:
                if _unresolved(doc, cells[head.model_column], row_model):
                    continue
                row_model = _snapshot(doc, cells[head.model_column], row_model)
                for index, span in enumerate(cells):
                    if index == head.model_column or index in head.skip:
                        continue
                    cues = column_cues.get(index, "")
                    row_plans.extend(_with_settings(doc, _split_cell(doc.text, span, cues, row_model),
                                                    row, head, index, ""))
        else:
            label = header_cues(clean_header(_cell_text(doc.text, cells[0])))
            for index, span in enumerate(cells[1:], start=1):
                if index in head.skip:
                    continue
                cues = _joined(label, column_cues.get(index, ""))
                span, cues = _with_cell_unit(doc.text, value_span(doc.text, span), cues)
                row_plans.extend(_with_settings(doc, [CellPlan(span[0], span[1], cues, None)], row, head, index, label))
        plans[row.start] = row_plans
    return plans


def statistic_of(cues: str) -> str | None:
    """The statistic a column header names ("Median", "Mean"), for the claim's setting."""
    return _statistic(cues)


def plan_records(doc: DocumentContext, rows: list[Unit]) -> dict[int, list[CellPlan]]:
    """Records in code (`'gpt-4o': { input: 2.50, output: 10.00 }`): each field
    key is its value's header; the line's first model names the record, or the
    latest line above that named one (`return { input: 0.14 }` in its branch);
    a comment with a unit (`// $ per 1M tokens`) holds for the records below it."""
    plans: dict[int, list[CellPlan]] = {}
    carry, unit_cues = None, _heading_cues(rows[0].headings) if rows else ""
    for row in rows:
        values = [row.cells[i + 1] for i in range(0, len(row.cells) - 1, 2)]
        mentions = [m for m in doc.mentions_in(row.start, row.end)
                    if not any(s <= m.start < e for s, e in values)]
        if mentions:
            carry = doc.resolve(mentions[0])
        elif _OWN_NAME.search(doc.text, row.start, row.end):
            carry = None  # a record naming a model the vocabulary lacks: nobody's figures
        if len(row.cells) < 4:  # a record has two fields or more; a line of prose or code may hold its unit
            unit = unit_in(doc.text[row.start:row.end])
            if unit:
                unit_cues = unit.cue
            continue
        row_plans = []
        for i in range(0, len(row.cells) - 1, 2):
            key = clean_header(_cell_text(doc.text, row.cells[i]))
            if _no_claim(key) or header_rules().model.match(key):
                continue
            cues = f"{header_cues(key)} {unit_cues}".strip()
            span, cues = _with_cell_unit(doc.text, row.cells[i + 1], cues)
            if carry:
                row_plans.append(CellPlan(span[0], span[1], cues, carry))
        plans[row.start] = row_plans
    return plans
