"""The report as pages of bounded size, written from a read-only connection:
with few conflicts one page (conflicts.html, as render.write_report); with
more, a summary page (contents, headline numbers, the most and least trusted
sources, data checks, price charts, the models in conflict with search and
filters, reviewer decisions), a page per model (in parts of PAGE_CONFLICTS),
a facts page and sources pages. The full-document pages are read and written
a batch at a time. Every page's inputs are fingerprinted in
reports/pages.json: a page whose inputs did not change is not re-rendered."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.report.data import MEMBERS_SHOWN, documents_in_batches, doc_page, read_report_data
from pipeline.report.render import (_gx_summary, atomic_write, markdown_conflicts, markdown_facts, markdown_head,
                                    model_groups, render_document, render_html, render_markdown, render_page)
from pipeline.report.charts import price_charts
from pipeline.report.phases import PhaseClock
from pipeline.store.sqlfiles import fetch_dicts

PAGE_CONFLICTS = 150  # conflicts on one page; more make a summary page and a page per model
BATCH_CONFLICTS = 150  # conflicts of the model pages read at a time: about what the largest model page held alone
SOURCES_PER_PAGE = 2000  # rows of the sources pages
SOURCES_ON_SUMMARY = 25  # the most and the least trusted sources shown on the summary page
MANIFEST = "pages.json"
INPUTS, CONFLICTS = "(inputs)", "(conflicts)"  # manifest entries that are not pages
MODEL = "(model) "  # manifest entries (not pages): what a model's pages were made from
RENDER_VERSION = "5"  # bump when templates change: every page is rendered again


@dataclass
class Written:
    paths: dict[str, Path]
    conflicts: int
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    rendered: int = 0
    fingerprints: dict[str, str] = field(default_factory=dict)
    skipped: bool = False  # nothing the report is made from changed since it was written
    phases: dict = field(default_factory=dict)  # {phase: [wall s, CPU s]} (pipeline/report/phases.py)


def publish_report(con: duckdb.DuckDBPyConnection, sources_dir: Path, folder: Path, database: str) -> Written:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    before, clock = _read_manifest(folder), PhaseClock()
    with clock.phase("inputs"):
        inputs = _inputs(con, sources_dir, database)
    if inputs is not None and before.get(INPUTS) == inputs and (folder / "conflicts.html").exists():
        paths = {"html": folder / "conflicts.html", "markdown": folder / "conflicts.md"}
        return Written(paths, int(before.get(CONFLICTS, 0)), skipped=True, phases=clock.figures())
    with clock.phase("lists"):
        models = fetch_dicts(con, "publish/conflict_models")
        total = sum(m["n_conflicts"] for m in models)
        listed = fetch_dicts(con, "publish/documents_list")  # read once: it digests every listed document's claims
    with clock.phase("summary and model pages"):
        written = _write_head(con, models, total, sources_dir, folder, database, before, listed)
    _write_documents(con, listed, sources_dir, folder, before, written, clock)
    with clock.phase("manifest"):
        _remove_stale(folder, before, written.fingerprints)
        manifest = {**written.fingerprints, CONFLICTS: str(total)} | ({INPUTS: inputs} if inputs else {})
        atomic_write(folder / MANIFEST, json.dumps(manifest, indent=0, sort_keys=True))
    written.phases = clock.figures()
    return written


def _write_head(con, models: list[dict], total: int, sources_dir: Path, folder: Path, database: str,
                before: dict[str, str], listed: list[dict]) -> Written:
    """One page with few conflicts; else the summary, model, facts and sources pages (_write_pages)."""
    if total > PAGE_CONFLICTS:
        return _write_pages(con, models, total, sources_dir, folder, database, before, listed)
    data = read_report_data(con, sources_dir, folder, documents=False)
    data.documents = [dict(d) for d in listed]
    for d in data.documents:
        d["page"] = doc_page(d["doc_id"])
    written = Written({"html": folder / "conflicts.html", "markdown": folder / "conflicts.md"}, total,
                      data.warnings)
    atomic_write(written.paths["html"], render_html(data, database))
    atomic_write(written.paths["markdown"], render_markdown(data))
    written.pages = written.rendered = 1
    return written


def _inputs(con, sources_dir: Path, database: str) -> str | None:
    """The report's inputs, when the reconciliation recorded its own (else unknown: always render)."""
    try:
        row = fetch_dicts(con, "publish/report_inputs")[0]
    except duckdb.CatalogException:  # a warehouse reconciled before fingerprints were recorded
        return None
    if row["reconciled_from"] is None:
        return None
    return _fingerprint([row, str(sources_dir), database])


def _write_pages(con, models: list[dict], total: int, sources_dir: Path, folder: Path, database: str,
                 before: dict[str, str], listed: list[dict]) -> Written:
    data = read_report_data(con, sources_dir, folder, conflicts=False, documents=False)
    written = Written({"html": folder / "conflicts.html", "markdown": folder / "conflicts.md"}, total, data.warnings)
    index = model_index(models)
    digests = {row["model"]: _fingerprint([row["digest"], data.reviews, str(sources_dir), database, PAGE_CONFLICTS])
               for row in fetch_dicts(con, "publish/model_digests", {"members": MEMBERS_SHOWN})}
    stale = [entry for entry in index if not _keep_model(entry, digests.get(entry["model"]), folder, before, written)]
    for batch in model_batches(stale):
        part = read_report_data(con, sources_dir, folder, models=[e["model"] for e in batch], documents=False,
                                facts=False)
        written.warnings.extend(part.warnings)
        by_model: dict[str, list[dict]] = {}
        for conflict in part.conflicts:  # in the query's order (most severe first), model by model
            by_model.setdefault(conflict["model"], []).append(conflict)
        for entry in batch:
            _write_model(by_model.get(entry["model"], []), entry, folder, database, before, written,
                         digests.get(entry["model"]))
    for entry in index:
        written.fingerprints[MODEL + entry["model"]] = digests.get(entry["model"], "")
    trusted = data.sources[:SOURCES_ON_SUMMARY] + data.sources[-SOURCES_ON_SUMMARY:] \
        if len(data.sources) > 2 * SOURCES_ON_SUMMARY else data.sources
    atomic_write(written.paths["html"], render_page(
        page="summary", database=database, summary=data.summary, sources=trusted, n_sources=len(data.sources),
        charts=price_charts(data.price_points), index=index, page_size=PAGE_CONFLICTS, reviews=data.reviews,
        kinds=sorted({k for m in models for k in m["kinds"]}), gx=_gx_summary(data.validations),
        explanations=sorted({k for m in models for k in m["explanations"]})))
    lines = markdown_head(data, trusted) + ["", "## Conflicts by model", ""]
    lines += [f"- [{m['model']}]({m['markdown']}): {m['n_conflicts']} conflicts ({m['high']} high, "
              f"{m['medium']} medium, {m['low']} low)" for m in index]
    atomic_write(written.paths["markdown"], "\n".join(lines + [""] + markdown_facts(data.facts_by_model)))
    _page(folder, "facts.html", before, written, data.facts_by_model,
          lambda: render_page(page="facts", title="Reconciled facts", facts_by_model=data.facts_by_model))
    _write_sources(listed, data.sources, folder, before, written)
    written.pages += 1
    written.rendered += 1
    return written


def model_index(models: list[dict]) -> list[dict]:
    """The summary page's row per model: its page (first part), its parts and the words it is found by."""
    index = []
    for m in models:
        slug = "model-" + re.sub(r"[^A-Za-z0-9_.-]", "_", m["model"])
        parts = max(1, -(-m["n_conflicts"] // PAGE_CONFLICTS))
        index.append({**m, "slug": slug, "href": f"{slug}.html", "markdown": f"{slug}.md", "parts": parts,
                      "severities": " ".join(s for s in ("high", "medium", "low") if m[s]),
                      "search": " ".join([m["model"], *m["metrics"], *m["kinds"], *m["explanations"]]).lower()})
    return index


def _model_pages(entry: dict) -> list[str]:
    names = [f"{entry['slug']}{'' if n == 0 else f'-{n + 1}'}" for n in range(entry["parts"])]
    return [f"{name}.{suffix}" for name in names for suffix in ("html", "md")]


def _keep_model(entry: dict, digest: str | None, folder: Path, before: dict[str, str], written: Written) -> bool:
    """A model whose pages were made from `digest` keeps them, without reading its data again (reading every
    model's conflicts, quotes and texts to learn that one model's changed cost a query per model)."""
    pages = _model_pages(entry)
    if digest is None or before.get(MODEL + entry["model"]) != digest or \
            not all(name in before and (folder / name).exists() for name in pages):
        return False
    for name in pages:
        written.fingerprints[name] = before[name]
    written.pages += len(pages)
    return True


def model_batches(entries: list[dict], size: int = BATCH_CONFLICTS) -> list[list[dict]]:
    """Models read together, up to `size` conflicts a batch (a model with more is a batch of its own): the
    report's queries run once per batch, not once per model (each scanned the document texts again)."""
    batches: list[list[dict]] = []
    count = size
    for entry in entries:
        if count + entry["n_conflicts"] > size:
            batches.append([])
            count = 0
        batches[-1].append(entry)
        count += entry["n_conflicts"]
    return batches


def _write_model(conflicts: list[dict], entry: dict, folder: Path, database: str, before: dict[str, str],
                 written: Written, digest: str | None = None) -> None:
    """A model's conflicts, PAGE_CONFLICTS to a page, and the same as markdown. A page's fingerprint is the
    model's digest (what its pages show, in SQL) and the page's name: hashing each page's data in Python cost
    as much as rendering it. Without a digest, the page's data is hashed."""
    chunks = [conflicts[i:i + PAGE_CONFLICTS] for i in range(0, len(conflicts), PAGE_CONFLICTS)] or [[]]
    names = [f"{entry['slug']}{'' if n == 0 else f'-{n + 1}'}" for n in range(len(chunks))]
    for n, chunk in enumerate(chunks):
        parts = [{"href": f"{name}.html", "current": k == n} for k, name in enumerate(names)]
        title = f"{entry['model']}: {entry['n_conflicts']} conflicts"

        def html(chunk=chunk, parts=parts, title=title):
            return render_page(page="model", title=title, database=database, conflicts=chunk, parts=parts,
                               groups=model_groups(chunk), collapse=False, kinds=sorted({c["kind"] for c in chunk}),
                               explanations=sorted({c["explanation_kind"] for c in chunk}))
        for name, render in ((f"{names[n]}.html", html), (f"{names[n]}.md", lambda chunk=chunk, title=title: "\n".join(
                [f"# {title}", ""] + markdown_conflicts(chunk)))):
            _keyed_page(folder, name, _fingerprint([digest, name]) if digest else _fingerprint(chunk), before,
                        written, render)


def _write_sources(listed: list[dict], sources: list[dict], folder: Path, before: dict[str, str],
                   written: Written) -> None:
    pages = {d["doc_id"]: doc_page(d["doc_id"]) for d in listed}
    rows = [{**s, "page": pages.get(s["doc_id"])} for s in sources]
    chunks = [rows[i:i + SOURCES_PER_PAGE] for i in range(0, len(rows), SOURCES_PER_PAGE)] or [[]]
    names = ["sources.html"] + [f"sources-{n + 1}.html" for n in range(1, len(chunks))]
    for n, chunk in enumerate(chunks):
        parts = [{"href": name, "current": k == n} for k, name in enumerate(names)]
        _page(folder, names[n], before, written, chunk,
              lambda chunk=chunk, parts=parts: render_page(page="sources", title="Sources", sources=chunk,
                                                           parts=parts, n_sources=len(rows),
                                                           page_size=SOURCES_PER_PAGE))


def _write_documents(con, listed: list[dict], sources_dir: Path, folder: Path, before: dict[str, str],
                     written: Written, clock: PhaseClock | None = None) -> None:
    """Full-document pages, a batch at a time; a page whose document and claims did not change is kept."""
    clock = clock or PhaseClock()
    for d in listed:
        written.fingerprints[doc_page(d["doc_id"])] = _fingerprint([d["sha256"], d["claims_digest"]])
    wanted = [d["doc_id"] for d in listed if before.get(doc_page(d["doc_id"])) != written.fingerprints[
        doc_page(d["doc_id"])] or not (folder / doc_page(d["doc_id"])).exists()]
    written.pages += len(listed)
    batches = documents_in_batches(con, sources_dir, folder, wanted)
    while True:
        with clock.phase("document pages: reading"):
            batch = next(batches, None)
        if batch is None:
            return
        with clock.phase("document pages: rendering and writing"):
            for document in batch:
                atomic_write(folder / document["page"], render_document(document))
                written.rendered += 1


def _page(folder: Path, name: str, before: dict[str, str], written: Written, inputs, render) -> None:
    """Renders and writes `name` unless its inputs are those it was last rendered from."""
    _keyed_page(folder, name, _fingerprint(inputs), before, written, render)


def _keyed_page(folder: Path, name: str, fingerprint: str, before: dict[str, str], written: Written,
                render) -> None:
    written.fingerprints[name] = fingerprint
    written.pages += 1
    if before.get(name) == fingerprint and (folder / name).exists():
        return
    atomic_write(folder / name, render())
    written.rendered += 1


def _fingerprint(inputs) -> str:
    text = json.dumps([RENDER_VERSION, inputs], default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _remove_stale(folder: Path, before: dict[str, str], now: dict[str, str]) -> None:
    """Pages an earlier run wrote that this one did not (a model no longer in conflict, a part fewer)."""
    for name in {n for n in set(before) - set(now) - {INPUTS, CONFLICTS} if not n.startswith(MODEL)}:
        path = folder / name
        if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
            path.unlink()
