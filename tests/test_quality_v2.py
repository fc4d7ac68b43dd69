"""The GX suites of contract v2's tables on a hand-built warehouse: they pass
on what reconciliation writes, warn on stale decisions and likely copies,
and fail critically on a malformed card (two chosen values)."""
from pipeline.quality.results import run_suite
from tests.reconcile_helpers import build, claim, review


def _failed(outcome):
    return {(o.expectation, o.severity) for o in outcome.outcomes if not o.success}


def test_v2_suites(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    copied = [("o1", "context_window", 190000), ("gpt-4o", "max_output", 15000), ("o1-mini", "context_window", 110000)]
    rows = [claim(doc, model, metric, value) for doc in "ab" for model, metric, value in copied]
    rows += [claim(doc, model, metric, value * 1.05) for doc in "cde" for model, metric, value in copied]
    rows += [claim("a", "gpt-4o", "throughput", 100.0), claim("c", "gpt-4o", "throughput", 60.0)]
    con = build(tmp_path, rows, reviews=[review("nothing-by-this-id", "dismiss", review_id="old-one"),
                                         review(rows[0]["claim_id"], "reject_claim", review_id="fine")])
    con.close()
    database = str(tmp_path / "w.duckdb")
    assert _failed(run_suite(database, "conflict_values")) <= {
        ("expect_column_values_to_not_be_in_set(explanation_kind)", "warning")}
    assert _failed(run_suite(database, "reviews")) == {("expect_column_values_to_be_in_set(stale)", "warning")}
    assert _failed(run_suite(database, "source_dependence")) == \
        {("expect_column_values_to_be_between(probability)", "warning")}
    assert _failed(run_suite(database, "cross_source_consistency")) <= {
        ("expect_column_values_to_be_in_set(severity)", "warning"),
        ("expect_column_values_to_not_be_in_set(explanation_kind)", "warning")}
    import duckdb
    with duckdb.connect(database) as con:
        con.execute("update conflict_values set chosen = true")
    assert ("expect_column_values_to_be_in_set(one_chosen)", "critical") in _failed(run_suite(database, "conflict_values"))
