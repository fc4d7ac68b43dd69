"""Reviewer decisions: sources/reviews.yaml validated entry by entry, appended
to by `python -m pipeline review` without losing comments or entries, and
loaded into the `reviews` table. The cases are the ways a hand-edited file
goes wrong (a typo in a decision, a value where none belongs, broken YAML)
and the promise that a bad file never costs the decisions already loaded."""
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.defs.resources import warehouse_resource
from pipeline.records import Review
from pipeline.reviews import ReviewsFileError, append_review, read_reviews

ROOT = Path(__file__).parent.parent

GOOD = """# decisions of the pricing review
reviews:
  - target: c0ffee
    decision: accept_value
    value: 2.5
    note: the August price cut
    reviewer: ana
    decided_at: 2026-11-30T10:00:00
  - target: deadbeef
    decision: dismiss
"""


@pytest.mark.parametrize("entry, error", [
    ("  - target: t1\n    decision: accept_value\n", "accept_value needs the accepted value"),
    ("  - target: t1\n    decision: reject\n", "decision"),
    ("  - target: t1\n    decision: dismiss\n    value: 3\n", "dismiss takes no value"),
    ("  - decision: dismiss\n", "target"),
    ("  - target: t1\n    decision: dismiss\n    colour: red\n", "colour"),
    ("  - just a string\n", "entry 3"),
])
def test_bad_entries_are_named_and_the_others_kept(tmp_path, entry, error):
    path = tmp_path / "reviews.yaml"
    path.write_text(GOOD + entry, encoding="utf-8")
    reviews, errors = read_reviews(path)
    assert [r.target for r in reviews] == ["c0ffee", "deadbeef"]
    assert len(errors) == 1 and errors[0].startswith("entry 3") and error in errors[0]


def test_unreadable_file_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "reviews.yaml"
    path.write_text("reviews: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReviewsFileError, match="reviews.yaml: not valid YAML"):
        read_reviews(path)
    with pytest.raises(ReviewsFileError):
        append_review(path, Review(target="x", decision="dismiss"))
    assert path.read_text(encoding="utf-8") == "reviews: [unclosed\n"


def test_append_keeps_comments_and_entries(tmp_path):
    path = tmp_path / "reviews.yaml"
    path.write_text(GOOD, encoding="utf-8")
    append_review(path, Review(target="abc", decision="accept_value", value="2024-06-20", note="June model"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# decisions of the pricing review\n") and "the August price cut" in text
    reviews, errors = read_reviews(path)
    assert errors == [] and [(r.target, r.value) for r in reviews] == [
        ("c0ffee", 2.5), ("deadbeef", None), ("abc", "2024-06-20")]
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.yaml"]  # no temporary file left behind
    fresh = tmp_path / "new" / "reviews.yaml"
    append_review(fresh, Review(target="abc", decision="reject_claim"))
    assert fresh.read_text(encoding="utf-8").startswith("# Reviewer decisions")
    assert [r.decision for r in read_reviews(fresh)[0]] == ["reject_claim"]


def _cli(*args, sources):
    env = os.environ | {"SOURCES_DIR": str(sources), "WAREHOUSE_DIR": str(sources.parent / "warehouse")}
    return subprocess.run([sys.executable, "-m", "pipeline", "review", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_review_command_appends_a_decision(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    done = _cli("c0ffee", "--accept", "2.5", "--note", "the August price cut", "--reviewer", "ana", sources=sources)
    assert done.returncode == 0, done.stderr
    review_id = done.stdout.strip()
    second = _cli("deadbeef", "--dismiss", sources=sources)
    assert second.returncode == 0
    reviews, errors = read_reviews(sources / "reviews.yaml")
    assert errors == [] and [(r.id, r.decision, r.value, r.reviewer) for r in reviews][0] == (
        review_id, "accept_value", 2.5, "ana")
    assert reviews[1].decision == "dismiss" and reviews[1].decided_at is not None
    assert _cli("x", "--accept", "1", "--reject", sources=sources).returncode == 2  # one decision at a time
    (sources / "reviews.yaml").write_text("reviews: [unclosed\n", encoding="utf-8")
    broken = _cli("x", "--reject", sources=sources)
    assert broken.returncode == 1 and "not changed" in broken.stderr


def _materialize(db):
    from pipeline.definitions import defs
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & {"documents", "reviews"}]
    return dg.materialize(assets, resources={"duckdb": warehouse_resource(str(db))})


def test_reviews_table_follows_the_file(workspace):
    sources, warehouse = workspace
    db = warehouse / "claims.duckdb"
    path = sources / "reviews.yaml"
    path.write_text(GOOD + "  - target: t9\n    decision: maybe\n", encoding="utf-8")
    assert _materialize(db).success
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select target, decision, value, note, reviewer, decided_at, stale from reviews "
                           "order by target").fetchall()
        errors = con.execute("select source, error from ingest_errors").fetchall()
    assert [r[:5] for r in rows] == [("c0ffee", "accept_value", 2.5, "the August price cut", "ana"),
                                     ("deadbeef", "dismiss", None, None, None)]
    assert rows[0][5].isoformat() == "2026-11-30T10:00:00" and rows[0][6] is None
    assert errors == [("reviews.yaml", "reviews.yaml: entry 3 (target t9): decision: Input should be "
                       "'accept_value', 'reject_claim' or 'dismiss'")]
    path.write_text("reviews: [unclosed\n", encoding="utf-8")  # a broken file keeps what was loaded
    assert _materialize(db).success
    with duckdb.connect(str(db)) as con:
        assert con.execute("select count(*) from reviews").fetchone()[0] == 2
        assert "not valid YAML" in con.execute("select error from ingest_errors").fetchone()[0]
