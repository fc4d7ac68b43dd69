"""Crash and concurrency drill, with the real `dagster` command line:

  kills   N times: start a run, `kill -9` it at a random moment, then run again
          to the end. A reader polls the published warehouse all along for rows
          that refer to missing claims or documents. Finally the tables are
          compared with a clean build of the same sources.
  pairs   N times: start two runs at once; both must succeed (the second waits).

    .venv/bin/python benchmarks/kill_runs.py kills 20
    .venv/bin/python benchmarks/kill_runs.py pairs 8

Prints one line per try and a summary. Uses the test articles as sources.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

from pipeline.store.runlock import dangling_references

ROOT = Path(__file__).resolve().parent.parent
DAGSTER = str(Path(sys.executable).with_name("dagster"))
FIXTURES = ROOT / "tests" / "fixtures"
HUNG_AFTER = 300
COMPARED = {
    "documents": "select doc_id, source, title, published_at, sha256 from documents",
    "claims": "select * from claims",
    "conflicts": "select * from conflicts",
    "reconciled_facts": "select * from reconciled_facts",
    "fact_timeline": "select * from fact_timeline",
    "source_reliability": "select * from source_reliability",
}


def workspace(root: Path) -> dict[str, str]:
    sources = root / "sources"
    sources.mkdir(parents=True)
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".md", ".txt", ".html") and "gold" not in path.parts and path.stat().st_size < 200_000:
            shutil.copy(path, sources / f"{len(list(sources.iterdir())):03d}_{path.name}")
    shutil.copy(ROOT / "dagster.yaml", root / "dagster.yaml")
    return dict(os.environ, DAGSTER_HOME=str(root), SOURCES_DIR=str(sources), WAREHOUSE_DIR=str(root / "warehouse"),
                REFERENCE_DIR=str(ROOT / "sources" / "reference"))


def start(env: dict, root: Path, log: str) -> subprocess.Popen:
    return subprocess.Popen([DAGSTER, "asset", "materialize", "-m", "pipeline.definitions", "--select", "*"],
                            cwd=root, env=env, stdout=open(root / log, "w"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def finish(proc: subprocess.Popen) -> str:
    try:
        return "ok" if proc.wait(timeout=HUNG_AFTER) == 0 else f"failed ({proc.returncode})"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return "HUNG"


def touch_a_source(env: dict, i: int) -> None:
    """Change one article so every run has work to do (and old claims to drop)."""
    sources = sorted(Path(env["SOURCES_DIR"]).glob("*.md"))
    target = sources[i % len(sources)]
    text = target.read_text(encoding="utf-8")
    marker = "\n\nGPT-4o has a 64K context window in this test.\n"
    target.write_text(text.replace(marker, "") if marker in text else text + marker, encoding="utf-8")


class Watcher(threading.Thread):
    """Polls the published warehouse for dangling references while runs come and go."""

    def __init__(self, database: Path):
        super().__init__(daemon=True)
        self.database, self.looks, self.bad, self.stop = database, 0, [], False

    def run(self):
        while not self.stop:
            if self.database.exists():
                try:
                    found = dangling_references(self.database)
                    self.looks += 1
                    if found:
                        self.bad.append(found)
                except duckdb.Error as exc:
                    self.bad.append({"error": str(exc)[:200]})
            time.sleep(0.3)


def snapshot(database: Path) -> dict:
    with duckdb.connect(str(database), read_only=True) as con:
        return {name: sorted(map(repr, con.execute(sql).fetchall())) for name, sql in COMPARED.items()}


def kills(n: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="kills-"))
    env = workspace(root)
    published = root / "warehouse" / "claims.duckdb"
    t0 = time.monotonic()
    print(f"first run: {finish(start(env, root, 'first.log'))} in {time.monotonic() - t0:.0f} s", flush=True)
    window = max(3.0, time.monotonic() - t0)  # kill moments spread over a whole run's length
    watcher = Watcher(published)
    watcher.start()
    hung = failed = 0
    for i in range(n):
        touch_a_source(env, i)
        victim = start(env, root, f"killed-{i}.log")
        delay = random.uniform(0.5, window)
        time.sleep(delay)
        alive = victim.poll() is None
        if alive:
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait()
        t = time.monotonic()
        outcome = finish(start(env, root, f"after-{i}.log"))
        hung += outcome == "HUNG"
        failed += outcome.startswith("failed")
        print(f"try {i + 1}: killed after {delay:.1f} s{'' if alive else ' (had already ended)'}; "
              f"next run {outcome} in {time.monotonic() - t:.0f} s; dangling seen so far: {len(watcher.bad)}",
              flush=True)
    watcher.stop = True
    watcher.join()
    clean = Path(tempfile.mkdtemp(prefix="clean-"))
    clean_env = dict(env, DAGSTER_HOME=str(clean), WAREHOUSE_DIR=str(clean / "warehouse"))
    shutil.copy(ROOT / "dagster.yaml", clean / "dagster.yaml")
    print(f"clean build: {finish(start(clean_env, clean, 'clean.log'))}", flush=True)
    final, fresh = snapshot(published), snapshot(clean / "warehouse" / "claims.duckdb")
    differ = [name for name in COMPARED if final[name] != fresh[name]]
    print(f"{n} kills: {hung} hung runs, {failed} failed runs, {len(watcher.bad)} moments with dangling rows "
          f"in {watcher.looks} looks at the published warehouse; final tables equal a clean build: "
          f"{'yes' if not differ else 'NO: ' + ', '.join(differ)} (rows: "
          f"{', '.join(f'{k} {len(v)}' for k, v in final.items())}); logs in {root}")


def pairs(n: int) -> None:
    ok = 0
    for i in range(n):
        root = Path(tempfile.mkdtemp(prefix="pairs-"))  # a fresh Dagster instance each time
        env = workspace(root)
        t = time.monotonic()
        first, second = start(env, root, "a.log"), start(env, root, "b.log")
        outcomes = [finish(first), finish(second)]
        with duckdb.connect(str(root / "warehouse" / "claims.duckdb"), read_only=True) as con:
            claims = con.execute("select count(*) from claims").fetchone()[0]
        waited = "waiting for the warehouse" in (root / "a.log").read_text() + (root / "b.log").read_text()
        check = subprocess.run([DAGSTER, "run", "list", "--limit", "5"], cwd=root, env=env, capture_output=True,
                               text=True)
        ok += outcomes == ["ok", "ok"] and check.returncode == 0
        print(f"pair {i + 1}: {outcomes}, one waited: {waited}, {claims} claims, `dagster run list` "
              f"{'works' if check.returncode == 0 else 'FAILS: ' + check.stderr[-200:]} "
              f"({time.monotonic() - t:.0f} s)", flush=True)
    print(f"{n} pairs: {ok} with both runs succeeding and Dagster's storage intact")


if __name__ == "__main__":
    mode, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    {"kills": kills, "pairs": pairs}[mode](count)
