"""Re-runs the README's five queries against the warehouse and rewrites the
outputs shown under them (run after the main job when extraction changes;
tests/test_readme.py fails until the README is current)."""
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
PAIR = re.compile(r'```sh\n\.venv/bin/python -m pipeline sql "(.+?)"\n```\n\n```text\n(.*?)\n```', re.S)


def refresh() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split("## Five useful queries", 1)
    section, tail = rest.split("\n## ", 1)

    def rerun(match: re.Match) -> str:
        query = match.group(1)
        printed = subprocess.run([sys.executable, "-m", "pipeline", "sql", query], capture_output=True,
                                 text=True, check=True).stdout.rstrip("\n")
        return f'```sh\n.venv/bin/python -m pipeline sql "{query}"\n```\n\n```text\n{printed}\n```'

    README.write_text(head + "## Five useful queries" + PAIR.sub(rerun, section) + "\n## " + tail, encoding="utf-8")


if __name__ == "__main__":
    refresh()
