"""What the main job publishes besides tables: views, the SQL command, the
markdown report and ClaimReview JSON-LD; and the Dagster automation."""
import json
import subprocess
import sys

import dagster as dg

from pipeline.defs.automation import sources_changed


def test_views_answer(seeded):
    warehouse, _ = seeded
    import duckdb
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        facts = con.execute("select price_input, price_input_status, context_window from v_model_facts "
                            "where model = 'gpt-4o'").fetchone()
        detail = con.execute("select count(*), count(distinct conflict_id) from v_conflicts_detail").fetchone()
        titled = con.execute("select count(*) from v_claims where document_title is null").fetchone()[0]
        held = con.execute("select value, cast(asserted_at as varchar), cast(held_from as varchar) from v_claims "
                           "where model = 'gpt-4o' and metric = 'price_input' and tier = 'standard' "
                           "order by value").fetchall()
    assert facts == ("2.5", "resolved", "128000.0")
    assert detail[0] > detail[1] > 0
    assert titled == 0
    # when each price was asserted (the document's date) and from when it held (the reference it matches)
    assert held == [(2.5, "2024-11-20", "2024-08-06"), (5.0, None, "2024-05-13")]


def test_sql_command_prints_table_csv_and_json(seeded, monkeypatch):
    warehouse, _ = seeded
    env = {"WAREHOUSE_DIR": str(warehouse)}
    query = "select model, status from reconciled_facts where model = 'claude-3.5-sonnet' and metric = 'context_window'"
    run = lambda *flags: subprocess.run([sys.executable, "-m", "pipeline", "sql", query, *flags], capture_output=True,
                                        text=True, env={**__import__("os").environ, **env}, check=True).stdout
    assert "| claude-3.5-sonnet | agreed" in run()
    assert run("--csv").splitlines() == ["model,status", "claude-3.5-sonnet,agreed"]
    assert json.loads(run("--json")) == [{"model": "claude-3.5-sonnet", "status": "agreed"}]
    bad = subprocess.run([sys.executable, "-m", "pipeline", "sql", "select nope"], capture_output=True, text=True,
                         env={**__import__("os").environ, **env})
    assert bad.returncode == 1 and "query failed" in bad.stderr


def test_markdown_report_and_claim_reviews(seeded):
    warehouse, _ = seeded
    markdown = (warehouse / "reports" / "conflicts.md").read_text(encoding="utf-8")
    assert "# Conflict report" in markdown and "version_change" in markdown and "unit_slip" in markdown
    graph = json.loads((warehouse / "reports" / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert graph and all(r["@type"] == "ClaimReview" and r["reviewRating"]["ratingValue"] in (1, 3, 4, 5) for r in graph)
    contradicted = [r for r in graph if r["reviewRating"]["ratingValue"] == 1]
    assert any("2.5" in r["reviewBody"] for r in contradicted)  # the launch price, reviewed against today's
    assert all("appearance" in r["itemReviewed"] and r["claimReviewed"] for r in graph)


def test_sensor_requests_a_run_when_sources_change(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCES_DIR", str(tmp_path))
    (tmp_path / "a.md").write_text("GPT-4o has a 128K context window.", encoding="utf-8")
    first = sources_changed(dg.build_sensor_context())
    assert isinstance(first, dg.RunRequest)
    context = dg.build_sensor_context(cursor=None)
    sources_changed(context)
    unchanged = sources_changed(dg.build_sensor_context(cursor=context.cursor))
    assert isinstance(unchanged, dg.SkipReason)
    (tmp_path / "b.md").write_text("Claude 3.5 Sonnet has a 200K context window.", encoding="utf-8")
    changed_context = dg.build_sensor_context(cursor=context.cursor)
    changed = sources_changed(changed_context)
    assert isinstance(changed, dg.RunRequest) and "b.md" in changed.tags["changed_sources"]
    # a change back to an earlier state (same sizes and times) is a new run, not a reused run key
    import os
    stat = (tmp_path / "b.md").stat()
    (tmp_path / "b.md").unlink()
    back_context = dg.build_sensor_context(cursor=changed_context.cursor)
    back = sources_changed(back_context)
    assert isinstance(back, dg.RunRequest) and back.run_key != first.run_key
    (tmp_path / "b.md").write_text("Claude 3.5 Sonnet has a 200K context window.", encoding="utf-8")
    os.utime(tmp_path / "b.md", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = sources_changed(dg.build_sensor_context(cursor=back_context.cursor))
    assert isinstance(again, dg.RunRequest) and again.run_key != changed.run_key
    # claims files and the reviewer's decisions are inputs too
    for name in ("team.claims.jsonl", "reviews.yaml"):
        before = dg.build_sensor_context(cursor=back_context.cursor)
        sources_changed(before)
        (tmp_path / name).write_text("\n", encoding="utf-8")
        seen = sources_changed(dg.build_sensor_context(cursor=before.cursor))
        assert isinstance(seen, dg.RunRequest) and name in seen.tags["changed_sources"]


def test_definitions_have_one_job_a_schedule_and_the_sensor():
    from pipeline.definitions import defs
    repo = defs.get_repository_def()
    assert repo.get_job("everything") is not None
    assert {s.name for s in repo.schedule_defs} == {"daily_url_refresh"}
    assert {s.name for s in repo.sensor_defs} == {"sources_changed"}
    graph = repo.asset_graph
    groups = {key.to_user_string(): graph.get(key).group_name for key in graph.get_all_asset_keys()}
    assert {groups["documents"], groups["claims"], groups["conflicts"], groups["conflict_report"]} == \
        {"ingest", "extract", "reconcile", "publish"}


def test_dagster_definitions_validate(tmp_path):
    env = {**__import__("os").environ, "DAGSTER_HOME": str(tmp_path), "WAREHOUSE_DIR": str(tmp_path / "w")}
    dagster = str(__import__("pathlib").Path(sys.executable).with_name("dagster"))
    result = subprocess.run([dagster, "definitions", "validate", "-m", "pipeline.definitions"],
                            capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Validation successful" in result.stderr + result.stdout
