"""Publish group: the reviewer's conflict report (HTML and markdown) and the
ClaimReview JSON-LD, both under WAREHOUSE_DIR/reports."""
import dagster as dg

from pipeline.config import sources_dir
from pipeline.defs.resources import WarehouseResource
from pipeline.report.claimreview import write_claim_reviews
from pipeline.report.data import read_report_data
from pipeline.report.render import write_report

REPORT_DEPS = ["conflicts", "conflict_values", "reconciled_facts", "source_reliability", "fact_timeline",
               "source_dependence"]


@dg.asset(deps=REPORT_DEPS, group_name="publish", kinds={"html", "python"})
def conflict_report(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """warehouse/reports/conflicts.html (one self-contained file) and
    conflicts.md: a summary, one card per conflict with quotes, sources,
    reference value, explanation and verdict, the reconciled facts per model,
    and price charts."""
    with duckdb.read_only() as con:
        data = read_report_data(con, sources_dir(), duckdb.reports_folder)
    paths = write_report(data, duckdb.reports_folder, duckdb.published)  # the file readers open
    for warning in data.warnings:
        context.log.warning(warning)
    preview = [f"- **{c['model']} {c['metric']}** ({c['severity']}, {c['explanation_kind']}): {c['explanation']}"
               for c in data.conflicts[:5]]
    return dg.MaterializeResult(metadata={
        "report": dg.MetadataValue.path(str(paths["html"])),
        "markdown": dg.MetadataValue.path(str(paths["markdown"])),
        "conflicts": len(data.conflicts),
        "warnings": dg.MetadataValue.json(data.warnings),
        "newest_conflicts": dg.MetadataValue.md("\n".join(preview) or "(no conflicts)"),
    })


@dg.asset(deps=REPORT_DEPS, group_name="publish", kinds={"json", "python"})
def claim_reviews(duckdb: WarehouseResource) -> dg.MaterializeResult:
    """warehouse/reports/claimreview.jsonld: one schema.org ClaimReview per
    reviewed claim, rated against its reconciled fact."""
    path = duckdb.reports_folder / "claimreview.jsonld"
    with duckdb.read_only() as con:
        count = write_claim_reviews(con, path)
    return dg.MaterializeResult(metadata={"dagster/row_count": count, "path": dg.MetadataValue.path(str(path))})
