"""Each tolerance rule and each explanation kind on a corpus built by hand,
asserting the exact conflict rows the real reconciliation produces."""
import pytest

from tests.reconcile_helpers import D, build, claim, conflicts, fact, ref


@pytest.mark.parametrize("a, b, expected", [
    # exact figures conflict on any real difference
    (claim("a", "gpt-4o", "context_window", 128000), claim("b", "gpt-4o", "context_window", 127000),
     [("cross_source", "context_window", ["128,000", "127,000"], None, "unexplained")]),
    (claim("a", "gpt-4o", "context_window", 128000), claim("b", "gpt-4o", "context_window", 128000), []),
    # an approximate figure within 10% agrees; beyond, it conflicts
    (claim("a", "gpt-4o", "max_output", 100, approx=True), claim("b", "gpt-4o", "max_output", 108), []),
    (claim("a", "gpt-4o", "max_output", 100, approx=True), claim("b", "gpt-4o", "max_output", 150),
     [("cross_source", "max_output", ["~100", "150"], None, "unexplained")]),
    # a bound conflicts only with values outside it
    (claim("a", "gpt-4o", "latency", 300, bound="lte"), claim("b", "gpt-4o", "latency", 250), []),
    (claim("a", "gpt-4o", "latency", 300, bound="lte"), claim("b", "gpt-4o", "latency", 400),
     [("cross_source", "latency", ["<=300", "400"], None, "approximation")]),
    (claim("a", "gpt-4o", "latency", 300, bound="gte"), claim("b", "gpt-4o", "latency", 350), []),
    # overlapping ranges agree; a value outside a range conflicts
    (claim("a", "gpt-4o", "parameters", 50, high=100), claim("b", "gpt-4o", "parameters", 80, high=120), []),
    (claim("a", "gpt-4o", "parameters", 50, high=100), claim("b", "gpt-4o", "parameters", 140),
     [("cross_source", "parameters", ["50-100", "140"], None, "unexplained")]),
    # benchmark scores more than one point apart conflict
    (claim("a", "gpt-4o", "score:mmlu", 88.0), claim("b", "gpt-4o", "score:mmlu", 88.7), []),
    (claim("a", "gpt-4o", "score:mmlu", 88.0), claim("b", "gpt-4o", "score:mmlu", 89.5),
     [("cross_source", "score:mmlu", ["88", "89.5"], None, "unexplained")]),
    # claims with different settings are different facts, never a conflict
    (claim("a", "gpt-4o", "score:mmlu", 88.7, setting="5-shot"), claim("b", "gpt-4o", "score:mmlu", 80.0, setting="0-shot"), []),
    # dates that differ only in precision agree
    (claim("a", "gpt-4o", "release_date", text="2024-05"), claim("b", "gpt-4o", "release_date", text="2024-05-13"), []),
    (claim("a", "gpt-4o", "release_date", text="2024-05"), claim("b", "gpt-4o", "release_date", text="2024-06"),
     [("cross_source", "release_date", ["2024-05", "2024-06"], None, "unexplained")]),
    # one source stating two values is a within-source conflict
    (claim("a", "gpt-4o", "context_window", 128000), claim("a", "gpt-4o", "context_window", 64000),
     [("within_source", "context_window", ["128,000", "64,000"], None, "unexplained")]),
], ids=lambda v: None)
def test_tolerance_rules(tmp_path, a, b, expected):
    assert conflicts(build(tmp_path, [a, b])) == expected


def test_a_price_of_unstated_direction_is_compared_with_both_directions(tmp_path):
    fits_output = [claim("a", "gpt-4o", "price_input", 5.0), claim("a", "gpt-4o", "price_output", 15.0),
                   claim("b", "gpt-4o", "price", 15.0)]
    assert conflicts(build(tmp_path, fits_output)) == []


def test_a_price_fitting_neither_direction_conflicts(tmp_path):
    rows = [claim("a", "gpt-4o", "price_input", 5.0), claim("a", "gpt-4o", "price_output", 15.0),
            claim("b", "gpt-4o", "price", 7.0)]
    assert conflicts(build(tmp_path, rows)) == [("cross_source", "price", ["5", "7"], None, "unexplained")]


def test_version_change(tmp_path):
    rows = [claim("launch", "gpt-4o", "price_input", 5.0), claim("later", "gpt-4o", "price_input", 2.5)]
    refs = [ref("gpt-4o", "price_input", 5.0, tier="standard", snapshot="gpt-4o-2024-05-13", valid_from=D("2024-05-13")),
            ref("gpt-4o", "price_input", 2.5, tier="standard", snapshot="gpt-4o-2024-08-06", valid_from=D("2024-08-06"))]
    con = build(tmp_path, rows, refs)
    assert conflicts(con) == [("cross_source", "price_input", ["2.5", "5"], "2.5", "version_change")]
    explanation = con.execute("select explanation from conflicts").fetchone()[0]
    assert "gpt-4o-2024-05-13" in explanation and "gpt-4o-2024-08-06" in explanation
    assert fact(con, "gpt-4o", "price_input") == ("2.5", "resolved")


def test_unit_slip(tmp_path):
    rows = [claim("a", "gpt-4o", "price", 5000.0, quote="it costs $0.005/token"), claim("a", "gpt-4o", "price_input", 5.0)]
    assert conflicts(build(tmp_path, rows)) == [("within_source", "price", ["5", "5,000"], None, "unit_slip")]


def test_a_unit_factor_without_the_unit_in_the_quote_is_no_unit_slip(tmp_path):
    rows = [claim("a", "gpt-4o", "price", 5000.0, quote="it costs 5000 dollars"), claim("a", "gpt-4o", "price_input", 5.0)]
    assert conflicts(build(tmp_path, rows)) == [("within_source", "price", ["5", "5,000"], None, "unexplained")]


def test_tier_confusion(tmp_path):
    rows = [claim("a", "gpt-4o", "price_input", 1.25)]
    refs = [ref("gpt-4o", "price_input", 2.5, tier="standard"), ref("gpt-4o", "price_input", 1.25, tier="batch")]
    assert conflicts(build(tmp_path, rows, refs)) == [("vs_reference", "price_input", ["2.5", "1.25"], "2.5", "tier_confusion")]


def test_eval_setting(tmp_path):
    rows = [claim("a", "gpt-4o", "score:mmlu", 88.7), claim("b", "gpt-4o", "score:mmlu", 85.7)]
    refs = [ref("gpt-4o", "score:mmlu", 88.7, setting="5-shot"),
            ref("gpt-4o", "score:mmlu", 85.7, setting="prompt=assistant", source="simple-evals")]
    assert conflicts(build(tmp_path, rows, refs)) == [("cross_source", "score:mmlu", ["88.7", "85.7"], "88.7", "eval_setting")]


def test_misattribution(tmp_path):
    rows = [claim("a", "gpt-4o", "knowledge_cutoff", text="2024-04"),
            claim("a", "claude-3.5-sonnet", "context_window", 200000)]
    refs = [ref("gpt-4o", "knowledge_cutoff", text="2023-10"), ref("claude-3.5-sonnet", "knowledge_cutoff", text="2024-04")]
    assert conflicts(build(tmp_path, rows, refs)) == [
        ("vs_reference", "knowledge_cutoff", ["2023-10", "2024-04"], "2023-10", "misattribution")]


def test_approximation(tmp_path):
    rows = [claim("a", "gpt-4o", "throughput", 109, approx=True), claim("b", "gpt-4o", "throughput", 125)]
    assert conflicts(build(tmp_path, rows)) == [("cross_source", "throughput", ["~109", "125"], None, "approximation")]


def test_statuses(tmp_path):
    rows = [claim("a", "claude-3.5-sonnet", "context_window", 200000), claim("b", "claude-3.5-sonnet", "context_window", 200000),
            claim("a", "gpt-4o", "throughput", 100), claim("b", "gpt-4o", "throughput", 60),
            claim("a", "o1", "context_window", 200000)]
    con = build(tmp_path, rows)
    assert fact(con, "claude-3.5-sonnet", "context_window") == ("200000.0", "agreed")
    assert fact(con, "o1", "context_window") == ("200000.0", "single_source")
    assert fact(con, "gpt-4o", "throughput")[1] == "disputed"
    assert con.execute("select count(*) from reconciled_facts where status = 'disputed' and explanation is null").fetchone()[0] == 0


def test_facts_as_of_follows_validity_periods(tmp_path):
    rows = [claim("a", "gpt-4o", "price_input", 5.0)]
    refs = [ref("gpt-4o", "price_input", 5.0, tier="standard", snapshot="gpt-4o-2024-05-13", valid_from=D("2024-05-13")),
            ref("gpt-4o", "price_input", 2.5, tier="standard", snapshot="gpt-4o-2024-08-06", valid_from=D("2024-08-06"))]
    con = build(tmp_path, rows, refs)
    query = ("select value from facts_as_of(DATE '{}') where model = 'gpt-4o' and metric = 'price_input' "
             "and tier = 'standard'")
    assert con.execute(query.format("2024-06-01")).fetchall() == [(5.0,)]
    assert con.execute(query.format("2024-11-20")).fetchall() == [(2.5,)]
    assert con.execute(query.format("2024-01-01")).fetchall() == []


def test_scores_for_tasks_named_by_the_same_word_in_one_document(tmp_path):
    rows = [claim("a", "gpt-4o", "score:table-understanding", 97.0), claim("a", "gpt-4o", "score:table-recognition", 99.0),
            claim("b", "gpt-4o", "score:chart-understanding", 98.0)]
    assert conflicts(build(tmp_path, rows)) == [
        ("within_source", "score:table-recognition vs score:table-understanding", ["97", "99"], None, "eval_setting")]
