"""The README's promises: its five queries run as written against the main
job's output and print exactly what it shows; its quick start has two blocks."""
import os
import re
import subprocess
import sys
from pathlib import Path

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Five useful queries", 1)[1].split("\n## ", 1)[0]
PAIRS = re.findall(r'```sh\n\.venv/bin/python -m pipeline sql "(.+?)"\n```\n\n```text\n(.*?)\n```', SECTION, re.S)


def test_the_readme_shows_five_queries():
    assert len(PAIRS) == 5


def test_readme_queries_run_and_their_output_is_current(seeded):
    warehouse, _ = seeded
    for query, shown in PAIRS:
        printed = subprocess.run([sys.executable, "-m", "pipeline", "sql", query], capture_output=True, text=True,
                                 check=True, env={**os.environ, "WAREHOUSE_DIR": str(warehouse)}).stdout
        assert printed.rstrip("\n") == shown, query


def test_quick_start_has_two_shell_blocks():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert quick.count("```sh") == 2
