"""The schema explains itself (issue 12, item 5) and checks mean something
(item 6), on the main job's real run over the seeds: every table, view and
column has a comment, every table is an asset with a column schema,
docs/warehouse.md is current, the users' views and macro answer, and failing
expectations name their rows while review items do not fail checks."""
import json

import dagster as dg
import duckdb
import pytest

from pipeline.store import docs as warehouse_docs
from pipeline.store.schema import apply_schema


def _rows(warehouse, sql, params=None):
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_every_published_table_view_and_column_has_a_comment(seeded):
    warehouse, _ = seeded
    columns = _rows(warehouse, "select table_name, column_name from duckdb_columns() where comment is null "
                               "and database_name = current_database() and schema_name = 'main'")
    assert columns == []
    relations = _rows(warehouse, "select table_name from duckdb_tables() "
                                 "where comment is null and schema_name = 'main' "
                                 "union all select view_name from duckdb_views() "
                                 "where not internal and schema_name = 'main' and comment is null")
    assert relations == []
    n_columns = _rows(warehouse, "select count(*) from duckdb_columns() where database_name = current_database() "
                                 "and schema_name = 'main'")[0][0]
    assert n_columns > 200  # the published tables are there, not an empty schema


def test_every_table_is_an_asset_with_a_column_schema(seeded):
    warehouse, result = seeded
    from pipeline.definitions import defs
    graph = defs.resolve_asset_graph()
    tables = {r[0] for r in _rows(warehouse, "select table_name from duckdb_tables() where schema_name = 'main'")}
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert tables - keys == set()
    materialised = {m.asset_key.to_user_string(): m.metadata for m in result.get_asset_materialization_events()
                    and [e.event_specific_data.materialization for e in result.get_asset_materialization_events()]}
    for table in sorted(tables):
        metadata = materialised.get(table) or graph.get(dg.AssetKey(table)).metadata
        schema = metadata["dagster/column_schema"]
        schema = schema.schema if hasattr(schema, "schema") else schema
        names = [c.name for c in schema.columns]
        expected = [r[0] for r in _rows(warehouse, "select column_name from duckdb_columns() where table_name = ? "
                                                   "and schema_name = 'main' order by column_index", [table])]
        assert names == expected, table
        assert all(c.description for c in schema.columns), table
        assert str(getattr(metadata["dagster/table_name"], "value", metadata["dagster/table_name"])).endswith(table)
        if table in materialised:
            count = _rows(warehouse, f'select count(*) from "{table}"')[0][0]
            assert getattr(metadata["dagster/row_count"], "value", metadata["dagster/row_count"]) == count, table
    assert isinstance(materialised["claims"]["preview_table"], dg.TableMetadataValue)
    spec = graph.get(dg.AssetKey("claims"))
    assert spec.owners and spec.metadata.get("dagster/code_references")


def test_docs_warehouse_md_is_generated_from_the_comments_and_current():
    assert warehouse_docs.main(["--check"]) == 0, "run: python -m pipeline.store.docs"
    with duckdb.connect() as con:
        apply_schema(con)
        page = warehouse_docs.render(con)
        con.execute("comment on column claims.quote is 'changed'")
        assert warehouse_docs.render(con) != page
    for name in ("v_price_history", "v_source_disagreements", "model_facts", "extraction_state", "facts_as_of"):
        assert name in page


def test_model_facts_finds_a_model_by_any_written_name(seeded):
    warehouse, _ = seeded
    assert _rows(warehouse, "select count(*) from reconciled_facts where model = 'GPT-4o'")[0][0] == 0
    canonical = _rows(warehouse, "select metric, tier from reconciled_facts where model = 'gpt-4o' order by all")
    assert canonical
    for name in ("GPT-4o", "gpt-4o", " GPT-4 omni ", "chatgpt-4o"):
        found = _rows(warehouse, "select distinct asked, model from model_facts(?)", [name])
        assert {m for _, m in found} >= {"gpt-4o"}, name
        assert {a for a, _ in found} == {name.strip()}
        facts = _rows(warehouse, "select metric, tier from model_facts(?) where model = 'gpt-4o' order by all", [name])
        assert facts == canonical
    assert _rows(warehouse, "select count(*) from model_facts('no such model')")[0][0] == 0


def test_price_history_fills_valid_to_from_the_next_period(seeded):
    warehouse, _ = seeded
    rows = _rows(warehouse, "select model, unit, metric, tier, currency, valid_from, valid_to, "
                            "lead(valid_from) over (partition by model, metric, tier, currency, "
                            "valid_from is null order by valid_from) as next_from from v_price_history")
    assert rows
    keys = [r[:5] + (r[5],) for r in rows]
    assert len(keys) == len(set(keys))  # one row per model, metric, tier, currency and period
    followed = [r for r in rows if r[5] is not None and r[7] is not None]
    assert followed, "the reference data has prices that changed"
    for r in followed:
        assert r[6] is not None and r[6] <= r[7], r
    gpt4o = _rows(warehouse, "select valid_from, valid_to, value from v_price_history where model = 'gpt-4o' "
                             "and metric = 'price_input' and tier = 'standard' and currency = 'usd' "
                             "and valid_from is not null order by 1")
    assert gpt4o[0][1] == gpt4o[1][0]  # the launch price held until the next price's first day


def test_source_disagreements_pair_documents_with_different_values(seeded):
    warehouse, _ = seeded
    rows = _rows(warehouse, "select conflict_id, source_a, source_b, value_a, value_b from v_source_disagreements")
    cross = {r[0] for r in _rows(warehouse, "select conflict_id from conflicts where kind = 'cross_source'")}
    assert rows and cross <= {r[0] for r in rows}
    for _, a, b, va, vb in rows:
        assert a != b and va != vb


def test_review_items_are_metadata_and_failures_name_their_rows(seeded):
    warehouse, result = seeded
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert {n for n, e in evaluations.items() if not e.passed} == set()  # the seeds raise no alarm
    conflict_check = evaluations["gx_cross_source_consistency"]
    assert conflict_check.metadata["review_items"].value > 0
    named = conflict_check.metadata["failing_ids"].value
    conflict_ids = {r[0] for r in _rows(warehouse, "select conflict_id from conflicts")}
    severity_ids = named["expect_column_values_to_be_in_set(severity)"]
    assert severity_ids and set(severity_ids) <= conflict_ids
    assert set(severity_ids) == {r[0] for r in _rows(
        warehouse, "select conflict_id from conflicts where severity <> 'low'")}
    details = _rows(warehouse, "select details from validation_results where not success and suite = 'claims'")
    claim_ids = {r[0] for r in _rows(warehouse, "select claim_id from claims")}
    assert details
    for (text,) in details:
        ids = json.loads(text)["unexpected_ids"]
        assert ids and set(ids) <= claim_ids
    assert {"no_ingest_errors", "no_extract_errors"} <= set(evaluations)


def test_a_critical_failure_names_the_claims_breaking_it(seeded):
    from pipeline.quality.gx_suites import load_suite_file, read_frame, validate
    warehouse, _ = seeded
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        frame = read_frame(con, load_suite_file("claims"))
    bad = frame["claim_id"].iloc[3]
    frame.loc[frame.index[3], "tier"] = "premium"
    outcome = validate("claims", frame)
    failed = {o.expectation: o.details["unexpected_ids"] for o in outcome.critical_failures}
    assert failed == {"expect_column_values_to_be_in_set(tier)": [bad]}


def test_ingest_errors_check_names_the_failing_source(workspace):
    sources, warehouse = workspace
    (sources / "empty.md").write_text("", encoding="utf-8")
    from pipeline.definitions import defs
    from pipeline.defs.resources import warehouse_resource
    result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                            selection=dg.AssetSelection.assets("documents", "ingest_errors"),
                            resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})
    assert result.success  # a bad source is a warning, the run goes on
    check = {e.check_name: e for e in result.get_asset_check_evaluations()}["no_ingest_errors"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert "empty.md" in check.metadata["failures"].value


@pytest.mark.parametrize("table", ["ingest_errors", "extract_errors"])
def test_error_checks_record_their_result(seeded, table):
    warehouse, _ = seeded
    assert _rows(warehouse, "select success from validation_results where suite = ?", [table]) == [(True,)]
