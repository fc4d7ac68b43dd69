"""A second run over unchanged sources, with real Dagster runs: the data
checks report their stored outcome without validating or writing, the
ClaimReview file is kept, and the warehouse file is not published again;
one changed article validates, rewrites and publishes again."""
import json

import dagster as dg
import duckdb

from pipeline.definitions import defs
from pipeline.defs.resources import warehouse_resource


def _run(warehouse):
    return dg.materialize(list(defs.assets) + list(defs.asset_checks), raise_on_error=False,
                          resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})


def _checks(result) -> dict:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def _reviews(result) -> dict:
    return next(m.metadata for e in result.get_asset_materialization_events()
                for m in [e.event_specific_data.materialization] if m.asset_key.to_user_string() == "claim_reviews")


def _results(warehouse) -> int:
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        return con.execute("select count(*) from validation_results").fetchone()[0]


def test_a_no_change_run_writes_nothing_and_reports_the_stored_outcomes(workspace):
    sources, warehouse = workspace
    first = _run(warehouse)
    assert first.success
    published, jsonld = warehouse / "claims.duckdb", warehouse / "reports" / "claimreview.jsonld"
    before = (published.stat().st_mtime_ns, jsonld.stat().st_mtime_ns, _results(warehouse))
    graph = json.loads(jsonld.read_text(encoding="utf-8"))["@graph"]
    assert graph and _reviews(first)["dagster/row_count"].value == len(graph)
    assert not any(c.metadata["reused"].value for c in _checks(first).values())

    again = _run(warehouse)
    assert again.success
    checks = _checks(again)
    assert all(c.metadata["reused"].value for c in checks.values())
    assert {n: c.passed for n, c in checks.items()} == {n: c.passed for n, c in _checks(first).items()}
    assert checks["gx_claims"].metadata["expectations"].value == _checks(first)["gx_claims"].metadata[
        "expectations"].value
    assert _reviews(again)["skipped"].value and _reviews(again)["dagster/row_count"].value == len(graph)
    assert (published.stat().st_mtime_ns, jsonld.stat().st_mtime_ns, _results(warehouse)) == before

    path = sorted(sources.glob("*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nGPT-4o mini costs $0.15 per million input tokens.\n",
                    encoding="utf-8")
    changed = _run(warehouse)
    assert changed.success and not _checks(changed)["gx_claims"].metadata["reused"].value
    assert not _reviews(changed)["skipped"].value
    assert published.stat().st_mtime_ns != before[0] and _results(warehouse) > before[2]
