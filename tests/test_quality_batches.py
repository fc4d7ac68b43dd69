"""Suites validated in batches give the outcome of one whole-table validation
(failures summed, the failing rows named), and a suite whose frame did not
change is not validated again: its stored outcome is reported instead."""
import shutil

import duckdb
import pytest

from pipeline.quality import batches, keyed, state
from pipeline.quality.gx_suites import load_suite_file
from pipeline.quality.results import record, suite_inputs, validate_suite

SUITES = ["claims", "reconciled_facts", "cross_source_consistency", "conflict_values", "source_dependence", "reviews"]


def _summary(outcome):
    return {(o.expectation, o.severity): (o.success, o.unexpected_count, sorted(map(str, o.details["unexpected_ids"])))
            for o in outcome.outcomes}


@pytest.fixture
def damaged(seeded, tmp_path):
    """A copy of the seeded warehouse with three claims given a tier no metric has (their documents re-extracted)."""
    warehouse, _ = seeded
    path = tmp_path / "w.duckdb"
    shutil.copy(warehouse / "claims.duckdb", path)
    with duckdb.connect(str(path)) as con:
        bad = [r[0] for r in con.execute("select claim_id from claims order by claim_id desc limit 3").fetchall()]
        con.execute("update claims set tier = 'premium' where list_contains(?, claim_id)", [bad])
        # as an extraction writing them would: the claims' bookkeeping says their documents were extracted again
        con.execute("update extraction_state set extractor = extractor || '+' where doc_id in "
                    "(select doc_id from claims where list_contains(?, claim_id))", [bad])
    return path, bad


def test_batches_give_the_whole_tables_outcome(damaged, monkeypatch):
    path, bad = damaged
    with duckdb.connect(str(path), read_only=True) as con:
        whole = {name: _summary(validate_suite(con, name)) for name in SUITES}
    monkeypatch.setattr(batches, "BATCH_ROWS", 4)
    with duckdb.connect(str(path), read_only=True) as con:
        assert batches.batch_count(con, batches.frame_table(con, "claims", load_suite_file("claims")), "claims",
                                   load_suite_file("claims")) > 3
        for name in SUITES:
            assert _summary(validate_suite(con, name)) == whole[name], name
        failed = {o.expectation: o.details["unexpected_ids"] for o in validate_suite(con, "claims").critical_failures}
    assert sorted(failed["expect_column_values_to_be_in_set(tier)"]) == sorted(bad)


def test_a_table_wide_expectation_is_validated_in_one_batch():
    spec = {"expectations": [{"type": "expect_column_values_to_be_unique", "kwargs": {"column": "claim_id"}},
                             {"type": "expect_column_mean_to_be_between", "kwargs": {"column": "value"}}]}
    assert not batches.batchable("claims", spec)
    assert not batches.batchable("claims", {"expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "model", "mostly": 0.9}}]})
    assert not batches.batchable("claims", {"expectations": [
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "quote"}}]})
    assert batches.batchable("claims", load_suite_file("claims"))


def _doc_of(con, claim_id):
    return con.execute("select doc_id from claims where claim_id = ?", [claim_id]).fetchone()[0]


def test_unchanged_claims_reuse_the_stored_outcome_and_a_changed_document_revalidates_its_batch(
        damaged, monkeypatch):
    path, bad = damaged
    monkeypatch.setattr(keyed, "CLAIMS_PER_BATCH", 5)  # a batch per document even on the seeds
    with duckdb.connect(str(path), read_only=True) as con:
        inputs, stored = suite_inputs(con, "claims")
        assert stored is None
        outcome = validate_suite(con, "claims")
        assert outcome.validated == len(outcome.batches) >= 2
    with duckdb.connect(str(path)) as con:
        record(con, "run-1", outcome, inputs)
    with duckdb.connect(str(path), read_only=True) as con:
        again, stored = suite_inputs(con, "claims")
    assert again == inputs and _summary(stored) == _summary(outcome)
    assert not stored.critical_failures[0].success and stored.critical_failures[0].details["unexpected_ids"]
    # the first bad claim's document extracted again (its claims and its extraction_state row replaced)
    with duckdb.connect(str(path)) as con:
        doc = _doc_of(con, bad[0])
        con.execute("update claims set tier = (select min(tier) from claims where tier <> 'premium') "
                    "where claim_id = ?", [bad[0]])
        con.execute("update extraction_state set extracted_at = now(), extractor = extractor || '+' "
                    "where doc_id = ?", [doc])
    with duckdb.connect(str(path), read_only=True) as con:
        changed, stored = suite_inputs(con, "claims")
        assert changed != inputs and stored is None
        fixed = validate_suite(con, "claims")
        whole = {o.expectation: o.details["unexpected_ids"] for o in fixed.critical_failures}
        monkeypatch.setattr(keyed, "CLAIMS_PER_BATCH", 10**9)
        assert _summary(validate_suite(con, "claims")) == _summary(fixed)  # one batch: the same outcome
    assert fixed.validated == 1
    assert sorted(whole["expect_column_values_to_be_in_set(tier)"]) == sorted(bad[1:])


def test_tables_the_reconciliation_writes_are_fingerprinted_by_its_stored_state(damaged):
    path, _ = damaged
    with duckdb.connect(str(path), read_only=True) as con:
        before = {name: suite_inputs(con, name)[0] for name in state.TRACKED}
    assert all(":tracked:" in inputs for inputs in before.values())
    with duckdb.connect(str(path)) as con:
        con.execute("update bookkeeping.reconcile_state set inputs = inputs || '+'")  # a recomputation from other inputs
    with duckdb.connect(str(path), read_only=True) as con:
        after = {name: suite_inputs(con, name)[0] for name in state.TRACKED}
    assert all(after[name] != before[name] for name in before)


def test_a_table_the_reconciliation_left_as_it_was_keeps_its_outcome_under_a_new_state(damaged):
    """A run over what changed records a new reconciliation state but keeps source_dependence: its rows are
    hashed and the stored outcome stands; a changed row validates again."""
    path, _ = damaged
    with duckdb.connect(str(path), read_only=True) as con:
        inputs, _ = suite_inputs(con, "source_dependence")
        outcome = validate_suite(con, "source_dependence")
        values = suite_inputs(con, "conflict_values")[0], validate_suite(con, "conflict_values")
    with duckdb.connect(str(path)) as con:
        record(con, "run-1", outcome, inputs)
        record(con, "run-1", values[1], values[0])
        assert con.execute("select count(*) from source_dependence").fetchone()[0] > 0
        con.execute("update bookkeeping.reconcile_state set inputs = inputs || '+'")
    with duckdb.connect(str(path), read_only=True) as con:
        moved, stored = suite_inputs(con, "source_dependence")
        assert moved != inputs and _summary(stored) == _summary(outcome)
        assert state.stored_outcome(con, "source_dependence", moved) is None  # the check stores the new inputs
        _, conflicts = suite_inputs(con, "conflict_values")
    assert conflicts is None  # its frame reads two tables: not kept by its rows
    with duckdb.connect(str(path)) as con:
        con.execute("update source_dependence set probability = 2.0 "
                    "where doc_a || doc_b = (select min(doc_a || doc_b) from source_dependence)")
        con.execute("update bookkeeping.reconcile_state set inputs = inputs || '+'")
    with duckdb.connect(str(path), read_only=True) as con:
        changed, stored = suite_inputs(con, "source_dependence")
        assert stored is None
        assert not validate_suite(con, "source_dependence").critical_failures[0].success


def test_a_minority_of_pending_batches_reads_their_documents_texts_alone_and_the_same_frame(damaged, monkeypatch):
    path, bad = damaged
    monkeypatch.setattr(keyed, "CLAIMS_PER_BATCH", 5)
    with duckdb.connect(str(path), read_only=True) as con:
        n = keyed.batch_count(con, "claims")
        wanted = sorted(keyed.batch_inputs(con, "claims"))
        pending = [b for b in wanted if b.startswith("doc:")][:1]
        assert n >= 4 and len(pending) == 1
        whole = keyed.pending_table(con, "claims", wanted)  # every batch: the tables themselves
        expected = con.execute(f"select * exclude (part) from {whole} where list_contains(?, batch) "
                               "order by claim_id", [pending]).fetchall()
        keyed.pending_table(con, "claims", pending)
        assert con.execute("select * exclude (part) from gx_pending_claims order by claim_id").fetchall() == expected
        texts = con.execute("select count(*) from gx_pending_texts").fetchone()[0]
        documents = con.execute("select count(distinct doc_id) from gx_pending_claims").fetchone()[0]
        assert 0 < texts == documents < con.execute("select count(*) from document_texts").fetchone()[0]
        assert con.execute("select getvariable('claims_frame_texts')").fetchone()[0] is None  # reset after
