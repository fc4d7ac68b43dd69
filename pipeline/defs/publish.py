"""Publish group: the reviewer's conflict report (HTML and markdown) and the
ClaimReview JSON-LD, both under WAREHOUSE_DIR/reports."""
import dagster as dg

from pipeline.config import sources_dir
from pipeline.defs.resources import WarehouseResource
from pipeline.report.claimreview import publish_claim_reviews
from pipeline.report.pages import publish_report
from pipeline.store.sqlfiles import fetch_dicts

REPORT_DEPS = ["conflicts", "conflict_values", "reconciled_facts", "source_reliability", "fact_timeline",
               "source_dependence"]


@dg.asset(deps=REPORT_DEPS, group_name="publish", kinds={"html", "python"})
def conflict_report(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """warehouse/reports/conflicts.html and conflicts.md: a summary, one card
    per conflict with quotes, sources, reference value, explanation and
    verdict, the reconciled facts per model, and price charts; with many
    conflicts a summary page and pages per model (pipeline/report/pages.py),
    each page re-rendered only when its data changed."""
    with duckdb.read_only() as con:
        written = publish_report(con, sources_dir(), duckdb.reports_folder, duckdb.published)  # the file readers open
        top = fetch_dicts(con, "publish/top_conflicts")
    for warning in written.warnings:
        context.log.warning(warning)
    if written.skipped:
        context.log.info("report kept: nothing it is made from changed")
    preview = [f"- **{c['model']} {c['metric']}** ({c['severity']}, {c['explanation_kind']}): {c['explanation']}"
               for c in top]
    return dg.MaterializeResult(metadata={
        "report": dg.MetadataValue.path(str(written.paths["html"])),
        "markdown": dg.MetadataValue.path(str(written.paths["markdown"])),
        "conflicts": written.conflicts,
        "pages": written.pages,
        "pages_rendered": written.rendered,
        "skipped": written.skipped,
        "warnings": dg.MetadataValue.json(written.warnings),
        "phase_seconds": dg.MetadataValue.json(written.phases),  # {phase: [wall s, CPU s]}
        "newest_conflicts": dg.MetadataValue.md("\n".join(preview) or "(no conflicts)"),
    })


@dg.asset(deps=REPORT_DEPS, group_name="publish", kinds={"json", "python"})
def claim_reviews(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """warehouse/reports/claimreview.jsonld: one schema.org ClaimReview per
    reviewed claim, rated against its reconciled fact, grouped by fact;
    assembled from parts (a fact's reviews) of which only those whose
    reviews changed are written again, and kept as it is when the verdicts
    it is made from did not change."""
    path = duckdb.reports_folder / "claimreview.jsonld"
    with duckdb.read_only() as con:
        written = publish_claim_reviews(con, path)
    if written.skipped:
        context.log.info("claimreview.jsonld kept: the verdicts it is made from did not change")
    return dg.MaterializeResult(metadata={"dagster/row_count": written.count, "skipped": written.skipped,
                                          "parts": written.parts, "parts_written": written.rewritten,
                                          "phase_seconds": dg.MetadataValue.json(written.phases or {}),
                                          "path": dg.MetadataValue.path(str(path))})
