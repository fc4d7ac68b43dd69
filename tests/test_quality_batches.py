"""Suites validated in batches give the outcome of one whole-table validation
(failures summed, the failing rows named), and a suite whose frame did not
change is not validated again: its stored outcome is reported instead."""
import shutil

import duckdb
import pytest

from pipeline.quality import batches
from pipeline.quality.gx_suites import load_suite_file
from pipeline.quality.results import record, suite_inputs, validate_suite

SUITES = ["claims", "reconciled_facts", "cross_source_consistency", "conflict_values", "source_dependence", "reviews"]


def _summary(outcome):
    return {(o.expectation, o.severity): (o.success, o.unexpected_count, sorted(map(str, o.details["unexpected_ids"])))
            for o in outcome.outcomes}


@pytest.fixture
def damaged(seeded, tmp_path):
    """A copy of the seeded warehouse with three claims given a tier no metric has."""
    warehouse, _ = seeded
    path = tmp_path / "w.duckdb"
    shutil.copy(warehouse / "claims.duckdb", path)
    with duckdb.connect(str(path)) as con:
        bad = [r[0] for r in con.execute("select claim_id from claims order by claim_id desc limit 3").fetchall()]
        con.execute("update claims set tier = 'premium' where list_contains(?, claim_id)", [bad])
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


def test_an_unchanged_frame_reuses_the_stored_outcome(damaged):
    path, bad = damaged
    with duckdb.connect(str(path), read_only=True) as con:
        inputs, stored = suite_inputs(con, "claims")
        assert stored is None
        outcome = validate_suite(con, "claims")
    with duckdb.connect(str(path)) as con:
        record(con, "run-1", outcome, inputs)
    with duckdb.connect(str(path), read_only=True) as con:
        again, stored = suite_inputs(con, "claims")
    assert again == inputs and _summary(stored) == _summary(outcome)
    assert not stored.critical_failures[0].success and stored.critical_failures[0].details["unexpected_ids"]
    with duckdb.connect(str(path)) as con:
        con.execute("update claims set tier = (select min(tier) from claims where tier <> 'premium') "
                    "where claim_id = ?", [bad[0]])
    with duckdb.connect(str(path), read_only=True) as con:
        changed, stored = suite_inputs(con, "claims")
    assert changed != inputs and stored is None
