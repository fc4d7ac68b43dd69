"""Hostile single inputs, each through `python -m pipeline extract PATH` (a
child process, with a time limit) and through ingest (read_all over a
sources folder holding them all). Prints wall time, peak memory, exit code
and the stderr line per input, then what ingest made of each.

    .venv/bin/python benchmarks/hostile_inputs.py [TIME_LIMIT_SECONDS]
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipeline.ingest.sources import read_all
from pipeline.records import Document

GOOD = "# GPT-4o notes\n\nGPT-4o costs $5 per million input tokens and has a 128K context window.\n"
BOMB = "---\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)) + "title: *a9\n---\n" + GOOD


def make_inputs(folder: Path) -> list[Path]:
    paragraph = ("GPT-4o costs $5 per million input tokens, Claude 3.5 Sonnet $3; the context window is 128K. "
                 "Some prose between the figures to make it read like an article.\n\n")
    made = {
        "big-50mb.md": lambda p: p.write_text(paragraph * (50 * 1024 * 1024 // len(paragraph) + 1)),
        "line-5mb.md": lambda p: p.write_text("GPT-4o pricing notes " + "word " * (5 * 1024 * 1024 // 5)),
        "page-10mb.html": lambda p: p.write_text("<html><body><article>" + "<p>GPT-4o costs $5 per million input "
                                                 "tokens.</p>\n" * 200_000 + "</article></body></html>"),
        "zero-link.md": lambda p: os.symlink("/dev/zero", p),
        "fifo.md": lambda p: os.mkfifo(p),
        "loop.md": lambda p: os.symlink(p.name, p),
        "alias-bomb.md": lambda p: p.write_text(BOMB),
        "bad-date.md": lambda p: p.write_text("---\ntitle: Dated\ndate: 2024-13-45\n---\n" + GOOD),
        "utf16-nobom.md": lambda p: p.write_bytes(("# GPT-4o 价格\n\n" + GOOD).encode("utf-16-le")),
    }
    paths = []
    for name, make in made.items():
        path = folder / name
        make(path)
        paths.append(path)
    return paths


MEASURED = """
import resource, runpy, sys
sys.argv = ["pipeline", "extract", sys.argv[1]]
try:
    runpy.run_module("pipeline", run_name="__main__")
finally:
    print(f"PEAK_MB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}", file=sys.stderr)
"""


def run_cli(path: Path, limit: float) -> str:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", MEASURED, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=limit)
        status = f"exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status = f"KILLED after {limit:g} s"
    elapsed = time.monotonic() - started
    lines = err.strip().splitlines()
    peak = next((line.split("=")[1] for line in lines if line.startswith("PEAK_MB=")), "?")
    line = ([line for line in lines if not line.startswith("PEAK_MB=")] or [""])[-1][:110]
    return (f"{path.name:15} {elapsed:6.1f} s  peak {peak:>6} MB  {status:18} {len(out.splitlines()):5} claims  "
            f"{line}")


def main() -> None:
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    with tempfile.TemporaryDirectory() as folder:
        paths = make_inputs(Path(folder))
        print("python -m pipeline extract PATH, one input per process:")
        for path in paths:
            print("  " + run_cli(path, limit), flush=True)
        started = time.monotonic()
        _, results = read_all(Path(folder))
        elapsed = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"ingest (read_all) of all {len(paths)} together: {elapsed:.1f} s, peak {peak:.0f} MB")
        for r in results:
            if isinstance(r, Document):
                print(f"  {r.source:15} document: {r.n_chars} chars, title {r.title!r}, date {r.published_at}, "
                      f"warnings {r.warnings}")
            else:
                print(f"  {r.source:15} ingest error: {r.error[:110]}")


if __name__ == "__main__":
    main()
