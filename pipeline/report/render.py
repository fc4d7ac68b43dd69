"""Renders the report: HTML through Jinja2 templates (autoescaped; inline CSS,
SVG and one inline script, a CSP that forbids every fetch), one full-document
page per source in docs/, and the same content as markdown for a terminal or
a pull request."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pipeline.report.charts import price_charts
from pipeline.report.data import SEVERITIES, ReportData
from pipeline.report.inert import md_text

_CJK = re.compile(r"[\u3400-\u9fff]")
_DICT_NAMES = frozenset(dir(dict))


class _DictFirst(Environment):
    """Reads `row.field` of a plain dict as a key first. Jinja's own order (an attribute, then the key) raised
    and caught an AttributeError for every field of every row, the largest part of rendering the report's
    pages (py-spy, 1,000 articles). Dict methods (`.items()`, `.get`) keep their meaning."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """One environment per process: Jinja compiles a template once per environment (a new one per page
    compiled conflicts.html.j2 again for every page, a third of the report's time at 1,000 articles)."""
    env = _DictFirst(loader=PackageLoader("pipeline.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.tests["cjk"] = lambda text: bool(_CJK.search(text or ""))
    return env


def _html(value) -> str:
    """markupsafe.escape(value) as a plain str, the same characters (tests/test_report_escape.py), without a
    Markup object per value: the document pages escape a few hundred thousand values, and markupsafe's
    objects were a third of a first report's time (cProfile, 1,000 articles)."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace(
        "'", "&#39;").replace('"', "&#34;")


COLLAPSE_ABOVE = 40  # conflicts: more than this and every model's group starts closed


def model_groups(conflicts: list[dict]) -> list[dict]:
    """Conflicts by model (most conflicts first), each split by severity."""
    by_model: dict[str, list[dict]] = defaultdict(list)
    for c in conflicts:
        by_model[c["model"]].append(c)
    groups = []
    for n, (model, items) in enumerate(sorted(by_model.items(), key=lambda kv: (-len(kv[1]), kv[0]))):
        counts = Counter(c["severity"] for c in items)
        groups.append({"model": model, "anchor": f"model-{n}", "count": len(items), "counts": counts,
                       "severities": [(s, [c for c in items if c["severity"] == s])
                                      for s in [*SEVERITIES, *sorted(set(counts) - set(SEVERITIES))] if counts[s]]})
    return groups


def _gx_summary(validations: list[dict]) -> list[dict]:
    suites: dict[str, dict] = {}
    for v in validations:
        suite = suites.setdefault(v["suite"], {"suite": v["suite"], "passed": 0, "failed": 0, "rows": [],
                                                "validated_at": v["validated_at"]})
        suite["passed" if v["success"] else "failed"] += 1
        suite["rows"].append(v)
    return list(suites.values())


def render_html(data: ReportData, database: str) -> str:
    template = _environment().get_template("conflicts.html.j2")
    return template.render(page="all", 
        generated_at=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), database=database,
        summary=data.summary, sources=data.sources, charts=price_charts(data.price_points),
        conflicts=data.conflicts, groups=model_groups(data.conflicts), collapse=len(data.conflicts) > COLLAPSE_ABOVE,
        kinds=sorted({c["kind"] for c in data.conflicts}),
        explanations=sorted({c["explanation_kind"] for c in data.conflicts}),
        facts_by_model=data.facts_by_model, documents=data.documents, reviews=data.reviews,
        gx=_gx_summary(data.validations),
    )


def render_document(document: dict) -> str:
    return _environment().get_template("document.html.j2").render(
        doc=document, marked=marked_text(document["pieces"]), rows=claim_rows(document["claims"]))


def marked_text(pieces: list[dict]) -> Markup:
    """A document's text with each claim's anchor at its start and each claimed piece marked, titled with
    the claims covering it (data.highlight_pieces). Written here, escaped as the templates
    escape (_html): rendering a few thousand values a page through the template was most of the pages' time."""
    out = []
    for p in pieces:
        out += [f'<span id="claim-{_html(c["claim_id"])}"></span>' for c in p["starts"]]
        text = _html(p["text"])
        title = "\n".join(claim_label(c) for c in p["claims"])
        out.append(f'<mark title="{_html(title)}" tabindex="0">{text}</mark>' if title else text)
    return Markup("".join(out))


def claim_label(claim: dict) -> str:
    """A claim as its mark's title lists it: what was read, its id, and how it was read."""
    why = f"\n  why: {claim['why']}" if claim.get("why") else ""
    return f"{claim['model']} · {claim['metric']} = {claim['figure']} ({claim['claim_id']}){why}"


_UNIT = "\x00"  # joins a row's values for one escaping pass (a value holding it is escaped alone)


def _html_all(values: tuple) -> list[str]:
    """_html of each value, in one pass over the values joined (a claims table escaped a few hundred thousand
    values one call each)."""
    texts = [v if type(v) is str else str(v) if not hasattr(v, "__html__") else None for v in values]
    if None in texts or any(_UNIT in t for t in texts):
        return [_html(v) for v in values]
    return _html(_UNIT.join(texts)).split(_UNIT)


def claim_rows(claims: list[dict]) -> Markup:
    """The claims table's rows: where each claim is, what it says, its id and how it was read."""
    rows = []
    for c in claims:
        i, start, end, model, metric, figure, why = _html_all((
            c["claim_id"], c["span_start"], c["span_end"], c["model"], c["metric"], c["figure"], c["why"] or ""))
        rows.append(f'<tr id="row-{i}"><td><a href="#claim-{i}">{start}–{end}</a>'
                    f'</td><td>{model}</td><td>{metric}</td><td>{figure}</td>'
                    f'<td><code>{i}</code></td><td class="muted read-why">{why}</td></tr>\n')
    return Markup("".join(rows))


def render_markdown(data: ReportData) -> str:
    """Every value from the warehouse goes through md_text (pipeline/report/inert.py):
    article text never becomes live HTML or a link when the file is rendered."""
    lines = markdown_head(data) + ["", "## Conflicts", ""] + markdown_conflicts(data.conflicts)
    return "\n".join(lines + markdown_facts(data.facts_by_model))


def markdown_head(data: ReportData, sources: list[dict] | None = None) -> list[str]:
    s = data.summary
    lines = [
        "# Conflict report", "",
        f"{s['documents']} documents, {s['claims']} claims, {s['facts']} reconciled facts, "
        f"{s['conflicts']} conflicts ({s['high']} high, {s['medium']} medium, {s['low']} low).", "",
        "## Sources by reliability", "", "| source | trust | claims | agreeing | disagreeing |", "|---|---|---|---|---|",
    ]
    return lines + [f"| {md_text(r['source'])} | {r['score']:.2f} | {r['n_claims']} | {r['n_agreeing']} | "
                    f"{r['n_disagreeing']} |" for r in (data.sources if sources is None else sources)]


def markdown_conflicts(conflicts: list[dict]) -> list[str]:
    lines = []
    for c in conflicts:
        lines.append(f"### {md_text(c['model'])} · {md_text(c['metric'])} · {md_text(c['kind'])} · "
                     f"{md_text(c['severity'])} · {md_text(c['explanation_kind'])}")
        lines.append("")
        for v in c["values"]:
            lines += _markdown_value(v)
        if c["reference_text"]:
            cited = "; ".join(md_text(x) for x in c.get("reference_citations") or [])
            lines.append(f"- reference: **{md_text(c['reference_figure'])}**{' (' + cited + ')' if cited else ''}")
        for r in c["decisions"]:
            lines.append(f"- review: {md_text(r['decision'])}{'' if r['value'] is None else ' ' + md_text(r['value'])}"
                         f"{' (stale: not applied)' if r['stale'] else ''} {md_text(r['note'] or '')}".rstrip())
        lines.append(f"- decide: `python -m pipeline review {c['conflict_id']} --accept VALUE` "
                     f"(or `--dismiss --note \"...\"`; `python -m pipeline review CLAIM_ID --reject`)")
        lines += ["", f"Why: {md_text(c['explanation'])}", ""]
        if c["verdict_status"]:
            lines += [f"Verdict: {md_text(c['verdict_figure'])} ({md_text(c['verdict_status'])}, confidence "
                      f"{c['verdict_confidence'] or 0:.2f})", ""]
    return lines


def _markdown_value(v: dict) -> list[str]:
    mark = "chosen" if v["chosen"] else f"{md_text(v['explanation_kind'])}: {md_text(v['explanation'])}"
    lines = [f"- **{md_text(v['figure'])}** ({v['n_sources']} sources"
             f"{', reference-backed' if v['reference_backed'] else ''}; {mark})"]
    for m in v["members"]:
        lines.append(f"  - {md_text(m['verdict'])}: {md_text(m['source'])} "
                     f"({md_text(m['document_date'] or 'undated')}, span "
                     f"{m['span_start']}–{m['span_end']}, `{m['claim_id']}`): \u201c{md_text(m['quote'])}\u201d"
                     + (f" (table header: {md_text(m['table_header'])})" if m.get("table_header") else ""))
        if m.get("why"):
            lines.append(f"    - why: {md_text(m['why'])}")
    if v.get("more_claims"):
        lines.append(f"  - … and {v['more_claims']} more claims stating it")
    return lines


def markdown_facts(facts_by_model: dict[str, list[dict]]) -> list[str]:
    lines = ["## Reconciled facts", ""]
    for model, facts in facts_by_model.items():
        lines += [f"### {md_text(model)}", "", "| metric | tier | value | status | confidence | reference |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {md_text(f['metric'])}{' (' + md_text(f['setting']) + ')' if f['setting'] else ''} | "
                  f"{md_text(f['tier'])} | {md_text(f['figure'])} | {md_text(f['status'])} | "
                  f"{f['confidence']:.2f} | {md_text(f['reference'] or '')} |" for f in facts]
        lines.append("")
    return lines


def write_report(data: ReportData, folder: Path, database: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"html": folder / "conflicts.html", "markdown": folder / "conflicts.md"}
    _atomic_write(paths["html"], render_html(data, database))
    _atomic_write(paths["markdown"], render_markdown(data))
    (folder / "docs").mkdir(exist_ok=True)
    for document in data.documents:
        _atomic_write(folder / document["page"], render_document(document))
    return paths


def render_page(**context) -> str:
    """One page of a paged report (conflicts.html.j2 with `page` set: summary, model, facts or sources)."""
    context.setdefault("generated_at", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    return _environment().get_template("conflicts.html.j2").render(**context)


def atomic_write(path: Path, text: str) -> None:
    _atomic_write(path, text)


def _atomic_write(path: Path, text: str) -> None:
    """Readers never see half a report: write beside it, then rename."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
