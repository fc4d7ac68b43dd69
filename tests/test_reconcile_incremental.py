"""Real Dagster runs over the seeds: a second run with nothing changed keeps
the reconciliation's results and every report page (no recomputation, no
rewrite); a changed review, claim or reference fact makes the next run
reconcile again, and the report re-renders the pages whose data changed."""
import duckdb

from pipeline.reconcile import incremental
from pipeline.reconcile.run import Vocab, run_if_changed
from pipeline.vocabulary import vocabulary
from tests.test_assets import _materialize


def _metadata(result, asset: str) -> dict:
    [event] = [e for e in result.get_asset_materialization_events() if e.asset_key.to_user_string() == asset]
    return event.step_materialization_data.materialization.metadata


def _pages(reports) -> dict:
    """The report's pages and when each was written (reports/gx/ is the data checks' own site)."""
    return {p: p.stat().st_mtime_ns for p in [*reports.glob("*.html"), *reports.glob("*.md"),
                                              *reports.glob("docs/*.html")]}


def test_a_run_with_nothing_changed_skips_reconciliation_and_the_report(workspace):
    sources, warehouse = workspace
    first = _materialize(warehouse)
    assert "skipped" not in _metadata(first, "conflicts")
    assert _metadata(first, "conflict_report")["skipped"].value is False
    reports = warehouse / "reports"
    pages = _pages(reports)
    assert len(pages) >= 3  # conflicts.html and the two seeds' full-document pages
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        before = con.execute("select * from conflicts order by conflict_id").fetchall()
    assert before
    second = _materialize(warehouse)
    assert _metadata(second, "conflicts")["skipped"].value == "inputs unchanged"
    assert _metadata(second, "conflict_report")["skipped"].value is True
    assert _pages(reports) == pages  # not one page written again
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        assert con.execute("select * from conflicts order by conflict_id").fetchall() == before


def test_changed_inputs_reconcile_again(workspace):
    sources, warehouse = workspace
    _materialize(warehouse)
    vocab = Vocab.from_vocabulary(vocabulary())
    with duckdb.connect(str(warehouse / "claims.duckdb")) as con:
        assert run_if_changed(con, vocab) == (None, {})
        stored = incremental.stored_fingerprint(con)
        for change in ("update claims set value = value * 10 where claim_id = (select min(claim_id) from claims "
                       "where value is not null)",
                       "update reference_facts set citation = 'moved' where ref_id = (select min(ref_id) "
                       "from reference_facts)",
                       "insert into reviews (review_id, target, decision, reviewer, decided_at) "
                       "values ('r-new', 'nothing', 'dismiss', 'tester', now())"):
            con.execute(change)
            outcome, counts = run_if_changed(con, vocab)
            assert outcome is not None and counts["reconciled_facts"] > 0, change
            assert incremental.stored_fingerprint(con) != stored
            stored = incremental.stored_fingerprint(con)
            assert run_if_changed(con, vocab) == (None, {})
