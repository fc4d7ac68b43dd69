"""Renders the report: HTML through a Jinja2 template (autoescaped, one
self-contained file: inline CSS and SVG, no script, font or image fetched),
and the same content as markdown for a terminal or a pull request."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline.report.charts import price_charts
from pipeline.report.data import ReportData

_CJK = re.compile(r"[\u3400-\u9fff]")


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("pipeline.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.tests["cjk"] = lambda text: bool(_CJK.search(text or ""))
    return env


def render_html(data: ReportData, database: str) -> str:
    template = _environment().get_template("conflicts.html.j2")
    return template.render(
        generated_at=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), database=database,
        summary=data.summary, sources=data.sources, charts=price_charts(data.price_points),
        conflicts=data.conflicts, facts_by_model=data.facts_by_model, spans=data.spans, reviews=data.reviews,
    )


def render_markdown(data: ReportData) -> str:
    s = data.summary
    lines = [
        "# Conflict report", "",
        f"{s['documents']} documents, {s['claims']} claims, {s['facts']} reconciled facts, "
        f"{s['conflicts']} conflicts ({s['high']} high, {s['medium']} medium, {s['low']} low).", "",
        "## Sources by reliability", "", "| source | trust | claims | agreeing | disagreeing |", "|---|---|---|---|---|",
    ]
    lines += [f"| {r['source']} | {r['score']:.2f} | {r['n_claims']} | {r['n_agreeing']} | {r['n_disagreeing']} |"
              for r in data.sources]
    lines += ["", "## Conflicts", ""]
    for c in data.conflicts:
        lines.append(f"### {c['model']} · {c['metric']} · {c['kind']} · {c['severity']} · {c['explanation_kind']}")
        lines.append("")
        for v in c["values"]:
            mark = "chosen" if v["chosen"] else f"{v['explanation_kind']}: {v['explanation']}"
            lines.append(f"- **{v['shown']}** ({v['n_sources']} sources{', reference-backed' if v['reference_backed'] else ''}"
                         f"; {mark})")
            for m in v["members"]:
                quote = m["quote"].replace("\n", " ").replace("|", "/")
                lines.append(f"  - {m['source']} ({m['document_date'] or 'undated'}, span {m['span_start']}–"
                             f"{m['span_end']}, `{m['claim_id']}`): \u201c{quote}\u201d")
        if c["reference_text"]:
            lines.append(f"- reference: **{c['reference_text']}**")
        for r in c["decisions"]:
            lines.append(f"- review: {r['decision']}{'' if r['value'] is None else ' ' + str(r['value'])}"
                         f"{' (stale: not applied)' if r['stale'] else ''} {r['note'] or ''}".rstrip())
        lines.append(f"- decide: `python -m pipeline review {c['conflict_id']} --accept VALUE` "
                     f"(or `--dismiss --note \"...\"`; `python -m pipeline review CLAIM_ID --reject`)")
        lines += ["", f"Why: {c['explanation']}", ""]
        if c["verdict_status"]:
            lines += [f"Verdict: {c['verdict_value']} ({c['verdict_status']}, confidence "
                      f"{c['verdict_confidence']:.2f})", ""]
    lines += ["## Reconciled facts", ""]
    for model, facts in data.facts_by_model.items():
        lines += [f"### {model}", "", "| metric | tier | value | status | confidence | reference |", "|---|---|---|---|---|---|"]
        lines += [f"| {f['metric']}{' (' + f['setting'] + ')' if f['setting'] else ''} | {f['tier']} | {f['value']} "
                  f"{f['unit']} | {f['status']} | {f['confidence']:.2f} | {f['reference'] or ''} |" for f in facts]
        lines.append("")
    return "\n".join(lines)


def write_report(data: ReportData, folder: Path, database: str) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"html": folder / "conflicts.html", "markdown": folder / "conflicts.md"}
    _atomic_write(paths["html"], render_html(data, database))
    _atomic_write(paths["markdown"], render_markdown(data))
    return paths


def _atomic_write(path: Path, text: str) -> None:
    """Readers never see half a report: write beside it, then rename."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
