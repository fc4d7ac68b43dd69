"""The README's promises: its five queries run as written against the main
job's output and print exactly what it shows; every command it names is one
the CLI has; every project file it points to exists; the test command that
.ci/run reads from it lints and tests."""
import os
import re
import subprocess
import sys
from pathlib import Path

from pipeline.cli import build_parser

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Five useful queries", 1)[1].split("\n## ", 1)[0]
PAIRS = re.findall(r'```sh\n\.venv/bin/python -m pipeline sql "(.+?)"\n```\n\n```text\n(.*?)\n```', SECTION, re.S)
# folders of this project (not sources/, where users put their own files such as sources.yaml):
# a path under them in backticks is a promise that the file is there
PROJECT_FOLDERS = ("pipeline/", "sql/", "tests/", "docs/", "expectations/", "benchmarks/", "sources/reference/", ".ci/")


def _subcommands() -> set[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if a.dest == "command"]  # argparse keeps subparsers here
    return set(actions[0].choices)


def _shell_blocks(section: str) -> list[str]:
    body = README.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", body, re.S)


def test_readme_queries_run_and_their_output_is_current(seeded):
    warehouse, _ = seeded
    assert len(PAIRS) == 5, "the section 'Five useful queries' no longer parses as five query/output pairs"
    for query, shown in PAIRS:
        printed = subprocess.run([sys.executable, "-m", "pipeline", "sql", query], capture_output=True, text=True,
                                 check=True, env={**os.environ, "WAREHOUSE_DIR": str(warehouse)}).stdout
        assert printed.rstrip("\n") == shown, query


def test_every_command_the_readme_names_is_a_cli_command():
    named = set(re.findall(r"(?:python -m pipeline|claims-warehouse) ([a-z][a-z-]*)", README))
    assert {"run", "sql", "extract", "review"} <= named
    assert named - _subcommands() == set(), "the README names commands the CLI does not have"


def test_every_project_path_the_readme_names_exists():
    paths = {p for p in re.findall(r"`([.a-z_/-]+/[A-Za-z0-9_./-]*)`", README) if p.startswith(PROJECT_FOLDERS)}
    assert "pipeline/defs/resources.py" in paths
    missing = sorted(p for p in paths if "*" not in p and not (ROOT / p).exists())
    assert not missing, f"the README points to files the project does not have: {missing}"


def test_the_test_command_ci_reads_lints_and_tests():
    """.ci/run runs the second block of the Quick start: it must lint both ways and run pytest."""
    blocks = _shell_blocks("Quick start")
    assert len(blocks) >= 2, "the Quick start lost its test command block"
    command = blocks[1]
    for step in (".venv/bin/ruff check .", ".venv/bin/sqlfluff lint sql", ".venv/bin/python -m pytest"):
        assert step in command, step
    assert "claims-warehouse run" in blocks[0]
