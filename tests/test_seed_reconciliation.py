"""The reconciliation's acceptance on the two seed articles with the real
reference snapshots, through a real materialisation of every asset and check."""
import dagster as dg
import duckdb

from pipeline.defs.resources import warehouse_resource


def _rows(warehouse, sql, params=None):
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_seed_conflicts(seeded):
    warehouse, _ = seeded
    rows = set(_rows(warehouse, "select model, metric, kind, explanation_kind from conflicts"))
    assert ("gpt-4o", "price_input", "cross_source", "version_change") in rows
    assert ("gpt-4o", "price_output", "cross_source", "version_change") in rows
    assert ("gpt-4o", "price", "within_source", "unit_slip") in rows
    assert {("gpt-4o", "score:humaneval", "vs_reference"), ("gpt-4o", "score:math", "vs_reference"),
            ("gpt-4o", "knowledge_cutoff", "vs_reference")} <= {r[:3] for r in rows}
    assert not [r for r in rows if r[1] == "context_window"]


def test_seed_reconciled_facts(seeded):
    warehouse, _ = seeded
    assert _rows(warehouse, "select value, status from reconciled_facts where model = 'gpt-4o' and "
                            "metric = 'price_input' and tier = 'standard'") == [(2.5, "resolved")]
    assert _rows(warehouse, "select value, status from reconciled_facts where model = 'claude-3.5-sonnet' and "
                            "metric = 'context_window'") == [(200000.0, "agreed")]
    reliability = dict(_rows(warehouse, "select source, score from source_reliability"))
    assert set(reliability) == {"000_5e08c9661b6e3145.txt", "004_f422d1c70ca436bc.txt"}
    assert all(0 < s < 1 for s in reliability.values())


def test_facts_as_of(seeded):
    warehouse, _ = seeded
    sql = ("select value from facts_as_of(DATE '{}') where model = 'gpt-4o' and metric = 'price_input' "
           "and tier = 'standard'")
    assert _rows(warehouse, sql.format("2024-06-01")) == [(5.0,)]
    assert _rows(warehouse, sql.format("2024-11-20")) == [(2.5,)]


def test_checks_record_validation_results_and_write_no_data_docs(seeded):
    warehouse, result = seeded
    suites = {r[0] for r in _rows(warehouse, "select distinct suite from validation_results")}
    assert suites == {"claims", "reference_facts", "reconciled_facts", "cross_source_consistency", "conflict_values",
                      "source_dependence", "reviews", "ingest_errors", "extract_errors"}
    failed_critical = _rows(warehouse, "select suite, expectation from validation_results where not success "
                                       "and json_extract_string(details, '$.severity') = 'critical'")
    assert failed_critical == []
    # the seeds' real conflicts surface as warnings, and the per-token price as implausible
    warned = {r[0] for r in _rows(warehouse, "select expectation from validation_results where not success")}
    assert "expect_column_values_to_be_in_set(value_plausible)" in warned
    # GX runs in memory: its results are the table above and the report's "Data checks", no Data Docs files
    written = {p.relative_to(warehouse).parts[:2] for p in warehouse.rglob("*")}
    assert ("reports", "conflicts.html") in written
    assert not {("reports", "gx"), ("reports", "gx_project"), ("gx",)} & written
    evaluations = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert evaluations["gx_reconciled_facts"] is True


def test_a_critical_failure_blocks_downstream(tmp_path, monkeypatch):
    """A schema violation in claims (a unit that is not its metric's) fails the
    blocking check with ERROR, and the reconciliation does not run."""
    import pipeline.defs.checks as checks
    from pipeline.quality import results

    real = results.validate_suite

    def broken(con, name):
        outcome = real(con, name)
        if name == "claims":
            outcome.outcomes[0].success = False
            outcome.outcomes[0].severity = "critical"
        return outcome

    monkeypatch.setattr(checks, "validate_suite", broken)
    from tests.conftest import SEEDS
    import shutil
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), sources)
    monkeypatch.setenv("SOURCES_DIR", str(sources))
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    from pipeline.definitions import defs
    result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                            resources={"duckdb": warehouse_resource(str(tmp_path / "warehouse" / "claims.duckdb"))},
                            raise_on_error=False)
    materialized = {m.asset_key.to_user_string() for m in result.get_asset_materialization_events()
                    for m in [m.event_specific_data.materialization]}
    assert "claims" in materialized and "reconciled_facts" not in materialized
