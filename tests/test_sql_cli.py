"""`python -m pipeline sql`: lists print as JSON in CSV, a `|` in a value
does not split a markdown cell, the query comes from an argument, a file or
stdin, and an empty query is a one-line message, not a traceback."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _sql(warehouse: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = os.environ | {"WAREHOUSE_DIR": str(warehouse)}
    return subprocess.run([sys.executable, "-m", "pipeline", "sql", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


LIST_QUERY = "select ['a', 'b|c'] as tags, 'x|y' as quote, 1 as n"


def test_csv_prints_lists_as_json(seeded):
    out = _sql(seeded[0], "--csv", LIST_QUERY)
    assert out.returncode == 0, out.stderr
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert json.loads(row["tags"]) == ["a", "b|c"]
    assert row["quote"] == "x|y"


def test_markdown_escapes_pipes(seeded):
    out = _sql(seeded[0], LIST_QUERY)
    assert out.returncode == 0, out.stderr
    header, rule, row = out.stdout.strip().splitlines()
    cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
    assert len(cells) == 3 == header.count("|") - 1
    assert cells[0] == '["a", "b\\|c"]' and cells[1] == "x\\|y"


def test_query_from_a_file_and_from_stdin(seeded, tmp_path):
    query = tmp_path / "count.sql"
    query.write_text("-- how many claims\nselect count(*) as n from claims\n", encoding="utf-8")
    from_file = _sql(seeded[0], "--json", "--file", str(query))
    from_stdin = _sql(seeded[0], "--json", "-", stdin=query.read_text(encoding="utf-8"))
    assert from_file.returncode == from_stdin.returncode == 0, from_file.stderr + from_stdin.stderr
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    assert json.loads(from_file.stdout)[0]["n"] > 0


@pytest.mark.parametrize("args, stdin", [(("",), None), (("-",), "  \n"), (("-",), "-- only a comment\n"), ((), None)])
def test_an_empty_query_is_a_message_not_a_traceback(seeded, args, stdin):
    out = _sql(seeded[0], *args, stdin=stdin)
    assert out.returncode == 2
    assert "empty query" in out.stderr and "Traceback" not in out.stderr


def test_a_missing_query_file_is_named(seeded, tmp_path):
    out = _sql(seeded[0], "--file", str(tmp_path / "nope.sql"))
    assert out.returncode == 2 and "nope.sql" in out.stderr and "Traceback" not in out.stderr
