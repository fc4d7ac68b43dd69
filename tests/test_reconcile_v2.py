"""Contract v2 reconciliation on a small hand-built corpus (paraphrased, not
copied from any article): one conflict per fact with its values, the
explanations issue 11 asks for, copies discounted, reviewer decisions."""
from tests.reconcile_helpers import D, build, claim, conflicts, fact, ref, rerun, review


def _values(con, model, metric):
    return con.execute("""
        select v.shown, v.n_sources, v.reference_backed, v.chosen, v.explanation_kind
        from conflicts c join conflict_values v using (conflict_id)
        where c.model = ? and c.metric = ? order by v.value_rank""", [model, metric]).fetchall()


def test_one_conflict_per_fact_with_one_row_per_distinct_value(tmp_path):
    rows = [claim(d, "gpt-4o", "score:translation", v) for d, v in
            [("a", 30), ("b", 30), ("c", 26), ("d", 34), ("e", 39), ("f", 30.3)]]
    con = build(tmp_path, rows)
    assert con.execute("select count(*), max(n_values) from conflicts").fetchone() == (1, 4)
    values = _values(con, "gpt-4o", "score:translation")
    assert values[0][:4] == ("30", 3, False, True)  # 30.3 is within half a point: the same value
    assert sorted(v[0] for v in values[1:]) == ["26", "34", "39"]
    assert all(v[3] is False and v[4] == "unexplained" for v in values[1:])


def test_the_same_within_source_conflict_seen_twice_is_one_row(tmp_path):
    """Two direction-less prices of one model in one document, each fitting no
    direction: the pair is seen from both sides, yet the step writes one row."""
    rows = [claim("a", "gpt-4o", "price_input", 5.0), claim("a", "gpt-4o", "price_output", 15.0),
            claim("a", "gpt-4o", "price", 7.0), claim("a", "gpt-4o", "price", 9.0)]
    con = build(tmp_path, rows)
    assert con.execute("select count(*), count(distinct conflict_id) from conflicts").fetchone() == (1, 1)
    rerun(con)  # and again over the same warehouse
    assert con.execute("select count(*) from conflicts").fetchone()[0] == 1


def test_a_dated_upgrade_without_a_snapshot_id_is_a_version_change(tmp_path):
    """A spring review gives the launch score; an autumn article about 'the new
    Sonnet', which gives the upgrade's release date, gives another score."""
    rows = [claim("spring", "claude-3.5-sonnet", "score:humaneval", 92.0),
            claim("spring", "claude-3.5-sonnet", "release_date", text="2024-06-20"),
            claim("autumn", "claude-3.5-sonnet", "score:humaneval", 93.7, quote="The new Sonnet scores 93.7% on HumanEval"),
            claim("autumn", "claude-3.5-sonnet", "release_date", text="2024-10-22")]
    refs = [ref("claude-3.5-sonnet", "release_date", text="2024-06-20", snapshot="claude-3-5-sonnet-20240620"),
            ref("claude-3.5-sonnet", "release_date", text="2024-10-22", snapshot="claude-3-5-sonnet-20241022")]
    con = build(tmp_path, rows, refs)
    kinds = dict((r[1], r[4]) for r in conflicts(con))
    assert kinds == {"score:humaneval": "version_change", "release_date": "version_change"}


def test_an_article_dated_after_the_upgrade_speaks_of_the_new_version(tmp_path):
    rows = [claim("old", "claude-3.5-sonnet", "score:gpqa", 59.4), claim("late", "claude-3.5-sonnet", "score:gpqa", 65.0)]
    refs = [ref("claude-3.5-sonnet", "release_date", text="2024-06-20", snapshot="claude-3-5-sonnet-20240620"),
            ref("claude-3.5-sonnet", "release_date", text="2024-10-22", snapshot="claude-3-5-sonnet-20241022")]
    con = build(tmp_path, rows, refs, dates={"old": D("2024-07-01"), "late": D("2024-12-01")})
    assert [r[4] for r in conflicts(con)] == ["version_change"]


def test_different_statistics_of_one_quantity_are_no_contradiction(tmp_path):
    rows = [claim("a", "gpt-4o", "latency", 232, bound="lte", modality="audio",
                  quote="it answers voice in as little as 232 ms, 320 ms on average"),
            claim("a", "gpt-4o", "latency", 320, modality="audio",
                  quote="it answers voice in as little as 232 ms, 320 ms on average"),
            claim("b", "gpt-4o", "latency", 570, quote="| gpt-4o | 0.57 |"),
            claim("c", "deepseek-v3", "parameters", 671e9, quote="671B parameters in total, 37B active per token"),
            claim("c", "deepseek-v3", "parameters", 37e9, quote="671B parameters in total, 37B active per token")]
    con = build(tmp_path, rows)
    assert {(r[1], r[4]) for r in conflicts(con)} == {("latency", "eval_setting"), ("parameters", "eval_setting")}
    assert {v[4] for v in _values(con, "gpt-4o", "latency") if not v[3]} == {"eval_setting"}


def test_speeds_measured_by_different_people_are_a_measurement(tmp_path):
    rows = [claim("vendor", "gpt-4o-mini", "throughput", 126), claim("lab", "gpt-4o-mini", "throughput", 56.56)]
    assert [r[4] for r in conflicts(build(tmp_path, rows))] == ["measurement"]


def test_a_unit_slip_needs_the_unit_in_the_quote(tmp_path):
    slipped = [claim("a", "qwq-32b", "parameters", 3.25e9, quote="总计 32.5亿 参数"),
               claim("b", "qwq-32b", "parameters", 32.5e9), claim("c", "qwq-32b", "parameters", 32.5e9)]
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    assert [r[4] for r in conflicts(build(tmp_path / "1", slipped))] == ["unit_slip"]
    plain = [claim("a", "qwq-32b", "parameters", 3.25e9, quote="3.25 billion parameters"),
             claim("b", "qwq-32b", "parameters", 32.5e9), claim("c", "qwq-32b", "parameters", 32.5e9)]
    assert [r[4] for r in conflicts(build(tmp_path / "2", plain))] == ["unexplained"]


def test_prices_in_different_currencies_never_conflict(tmp_path):
    rows = [claim("a", "qwen-max", "price_input", 2.0, currency="cny"), claim("b", "qwen-max", "price_input", 0.28)]
    con = build(tmp_path, rows)
    assert conflicts(con) == []
    assert con.execute("select count(*) from reconciled_facts where model = 'qwen-max'").fetchone()[0] == 2


def test_a_row_for_another_variant_is_a_misattribution(tmp_path):
    rows = [claim("t", "gpt-4", "price_input", 30.0, quote="| GPT-4 (8k) | $0.03 | $0.06 |"),
            claim("t", "gpt-4", "price_input", 60.0, quote="| GPT-4 (32k) | $0.06 | $0.12 |")]
    assert [r[4] for r in conflicts(build(tmp_path, rows))] == ["misattribution"]


def test_a_total_column_is_not_a_price_per_direction(tmp_path):
    rows = [claim("t", "gpt-4o", "price_input", 5.0), claim("t", "gpt-4o", "price_output", 15.0),
            claim("t", "gpt-4o", "price", 20.0)]
    assert [r[4] for r in conflicts(build(tmp_path, rows))] == ["eval_setting"]


def test_undated_price_tables_do_not_overrule_agreeing_documents(tmp_path):
    rows = [claim("a", "deepseek-v3", "price_input", 0.27), claim("b", "deepseek-v3", "price_input", 0.27)]
    con = build(tmp_path, rows, [ref("deepseek-v3", "price_input", 0.28, tier="standard", source="litellm")])
    assert conflicts(con) == []
    assert fact(con, "deepseek-v3", "price_input") == ("0.27", "agreed")


def test_copies_are_not_independent_support(tmp_path):
    """a, b and f copy one another: they are right where everybody agrees,
    and repeat the same two values four independent documents (c, d, e, g)
    contradict. On GPT-4o's context window only c and d speak against them:
    counted as independent, the three trusted copies would outvote the two;
    discounted, they do not."""
    from pipeline.reconcile.run import reconcile
    from pipeline.reconcile.truth import build_facts, decide, truth_finder
    agreed = [("o3", "context_window", 200000), ("o1-mini", "max_output", 65536), ("gpt-4.1", "context_window", 1047576),
              ("claude-3-opus", "max_output", 4096), ("gemini-1.5-pro", "max_output", 8192),
              ("claude-3-haiku", "context_window", 200000)]
    disputed = [("o1", "context_window", 190000, 200000), ("gpt-4o", "max_output", 15000, 16384)]
    rows = [claim(doc, model, metric, value) for model, metric, value in agreed for doc in "abfcd"]
    for model, metric, copied, right in disputed:
        rows += [claim(doc, model, metric, copied) for doc in "abf"]
        rows += [claim(doc, model, metric, right) for doc in "cdeg"]
    rows += [claim(doc, "gpt-4o", "context_window", 120000) for doc in "abf"]
    rows += [claim(doc, "gpt-4o", "context_window", 128000) for doc in "cd"]
    con = build(tmp_path, rows)
    pair = con.execute("select probability, n_same, evidence from source_dependence "
                       "where doc_a = 'a' and doc_b = 'b'").fetchone()
    assert pair[0] > 0.9 and pair[1] == 9 and "3 not the chosen value" in pair[2]
    independent = con.execute("select max(probability) from source_dependence where doc_a = 'c'").fetchone()[0]
    assert independent < 0.5
    assert fact(con, "gpt-4o", "context_window")[0] == "128000.0"
    # the same statements without the discount: the copies win
    from tests.reconcile_helpers import statements_of
    claims, references = statements_of(con)
    facts = build_facts(claims, references)
    trust, iterations = truth_finder(facts)
    undiscounted = {f.key: decide(f, iterations).winner.value for f in facts}
    outcome = reconcile(claims, references)
    discounted = {v.fact.key: v.winner.value for v in outcome.verdicts}
    key = next(f.key for f in facts if f.claims[0].model == "gpt-4o" and f.claims[0].metric == "context_window")
    assert (undiscounted[key], discounted[key]) == (120000.0, 128000.0)


def test_review_decisions_apply_survive_a_rebuild_and_go_stale(tmp_path):
    rows = [claim("a", "gpt-4o", "throughput", 100.0), claim("b", "gpt-4o", "throughput", 60.0),
            claim("a", "o1", "context_window", 200000), claim("b", "o1", "context_window", 128000)]
    con = build(tmp_path, rows)
    conflict = con.execute("select conflict_id from conflicts where model = 'gpt-4o'").fetchone()[0]
    o1_claim = con.execute("select claim_id from claims where model = 'o1' and value = 128000").fetchone()[0]
    decisions = [review(conflict, "accept_value", 80.0, note="lab measurement"),
                 review(o1_claim, "reject_claim"),
                 review("no-such-conflict", "dismiss", review_id="gone")]
    con.execute("delete from reviews")
    for r in decisions:
        con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                    list(r.values()))
    rerun(con)
    assert con.execute("select value, method, status from reconciled_facts where model = 'gpt-4o'").fetchone() == \
        (80.0, "review", "resolved")
    assert con.execute("select value, dissenting_claim_ids from reconciled_facts where model = 'o1'").fetchone() == \
        (200000.0, [o1_claim])
    assert con.execute("select review from conflicts where model = 'gpt-4o'").fetchone()[0].startswith("accept_value 80")
    chosen = con.execute("""select v.shown, v.chosen from conflicts c join conflict_values v using (conflict_id)
                            where c.model = 'gpt-4o' and v.chosen""").fetchall()
    assert chosen == [("80", True)]
    assert con.execute("select review_id from reviews where stale").fetchall() == [("gone",)]
    rerun(con)  # a rebuild applies the same decisions again
    assert fact(con, "gpt-4o", "throughput") == ("80.0", "resolved")
    # the claims change (a new document): the conflict id changes, the decision is kept and shown stale
    con.execute("insert into documents (doc_id, source, location, kind, content_type, lang, sha256, n_chars, "
                "ingested_at) values ('c', 'c.md', 'c.md', 'file', 'text/markdown', 'en', 'x', 10, now())")
    extra = claim("c", "gpt-4o", "throughput", 75.0)
    con.execute(f"insert into claims by name select * from (select {', '.join('? as ' + k for k in extra)})",
                list(extra.values()))
    rerun(con)
    assert fact(con, "gpt-4o", "throughput")[0] != "80.0"
    assert sorted(r[0] for r in con.execute("select review_id from reviews where stale").fetchall()) == \
        sorted(["gone", decisions[0]["review_id"]])


def test_dismissed_conflicts_are_marked(tmp_path):
    rows = [claim("a", "gpt-4o", "context_window", 128000), claim("a", "gpt-4o", "context_window", 64000)]
    con = build(tmp_path, rows)
    conflict = con.execute("select conflict_id from conflicts").fetchone()[0]
    r = review(conflict, "dismiss", note="model limit vs API limit")
    con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                list(r.values()))
    rerun(con)
    assert con.execute("select dismissed, review from conflicts").fetchone() == \
        (True, "dismiss (model limit vs API limit)")


def test_accepting_the_claimed_value_against_a_reference_keeps_the_card_whole(tmp_path):
    """The reviewer sides with the one claim against reference data: the card
    still shows both values, the accepted one chosen."""
    rows = [claim("a", "gpt-4o", "score:math", 82.0)]
    con = build(tmp_path, rows, [ref("gpt-4o", "score:math", 76.6, snapshot="gpt-4o-2024-05-13", source="simple-evals")])
    conflict = con.execute("select conflict_id from conflicts").fetchone()[0]
    r = review(conflict, "accept_value", 82.0)
    con.execute(f"insert into reviews by name select * from (select {', '.join('? as ' + k for k in r)})",
                list(r.values()))
    rerun(con)
    assert _values(con, "gpt-4o", "score:math") == [("82", 1, False, True, None), ("76.6", 0, True, False, "unexplained")]
    assert fact(con, "gpt-4o", "score:math") == ("82.0", "resolved")


def test_a_value_the_quote_gives_to_another_model_is_a_misattribution(tmp_path):
    row = "| HumanEval | o1-preview 92.4 | Sonnet 93.7 |"
    rows = [claim("a", "o1", "score:humaneval", 93.7, quote=row), claim("a", "claude-3.5-sonnet", "score:humaneval", 93.7, quote=row),
            claim("b", "o1", "score:humaneval", 92.4), claim("c", "o1", "score:humaneval", 92.4)]
    assert [r[4] for r in conflicts(build(tmp_path, rows))] == ["misattribution"]


def test_a_dated_snapshot_has_one_spelling_in_reconciliation():
    """The extractor writes gpt-4o-2024-08-06, vendors' ids write claude-3-5-sonnet-20241022: one snapshot."""
    import duckdb as _duckdb

    from pipeline.store.schema import apply_schema
    with _duckdb.connect() as con:
        apply_schema(con)
        rows = con.execute("select snapshot_of(m), base_model(m) from (values ('mistral-large-20240724'), "
                           "('mistral-large-2024-07-24'), ('mistral-large-2407'), ('mistral-large')) as t(m)").fetchall()
    assert rows == [("mistral-large-2024-07-24", "mistral-large"), ("mistral-large-2024-07-24", "mistral-large"),
                    (None, "mistral-large-2407"), (None, "mistral-large")]


def test_direction_less_prices_with_nothing_to_judge_them_by_are_not_left_disputed(tmp_path):
    """A news item gives one model's old and new price per million tokens in yuan and no direction:
    nothing says they conflict (they may be input and output), so no fact is disputed without a conflict."""
    quote = "The entry model's API price was cut from 4 yuan to 0.8 yuan per million tokens."
    rows = [claim("n", "glm-4-air", "price", 4.0, currency="cny", quote=quote),
            claim("n", "glm-4-air", "price", 0.8, currency="cny", quote=quote)]
    con = build(tmp_path, rows)
    assert con.execute("select count(*) from conflicts").fetchone()[0] == 0
    status, method = con.execute("select status, method from reconciled_facts where model = 'glm-4-air'").fetchone()
    assert status != "disputed" and "not in conflict" in method
    disputed_unexplained = con.execute("select count(*) from reconciled_facts where status = 'disputed' "
                                       "and explanation is null").fetchone()[0]
    assert disputed_unexplained == 0
