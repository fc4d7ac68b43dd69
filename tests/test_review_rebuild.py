"""A reviewer's decision through the real asset graph: recorded with
`python -m pipeline review`, it changes the reconciled value and the report,
and a rebuild of every asset keeps it."""
import dagster as dg
import duckdb

from pipeline.cli import main

from pipeline.defs.resources import warehouse_resource


def _materialize(warehouse):
    from pipeline.definitions import defs
    result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                            resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})
    assert result.success
    return result


def test_a_decision_changes_the_value_and_survives_a_rebuild(workspace):
    _, warehouse = workspace
    _materialize(warehouse)
    db = str(warehouse / "claims.duckdb")
    with duckdb.connect(db) as con:
        conflict = con.execute("select conflict_id from conflicts where model = 'gpt-4o' and metric = 'price_input' "
                               "and tier = 'standard'").fetchone()[0]
        assert con.execute("select value from reconciled_facts where model = 'gpt-4o' and metric = 'price_input' "
                           "and tier = 'standard'").fetchone() == (2.5,)
    assert main(["review", conflict, "--accept", "5.0", "--note", "launch price wanted", "--reviewer", "tester"]) == 0
    for _ in range(2):  # the run that applies it, then a rebuild
        _materialize(warehouse)
        with duckdb.connect(db, read_only=True) as con:
            assert con.execute("select value, method from reconciled_facts where model = 'gpt-4o' and "
                               "metric = 'price_input' and tier = 'standard'").fetchone() == (5.0, "review")
            assert con.execute("select stale from reviews").fetchall() == [(False,)]
    html = (warehouse / "reports" / "conflicts.html").read_text(encoding="utf-8")
    card = html.split(f'id="conflict-{conflict}"', 1)[1].split("</article>", 1)[0]
    assert "accept_value" in card and "launch price wanted" in card
