"""Runs are crash-safe and one at a time, with real Dagster runs and real
processes: a reader holding the published warehouse open never breaks a run;
a run that finds the warehouse lock held waits, or stops before any step
with one message; a dead run's lock is gone with its process and the next
run marks it failed; a build with rows referring to missing claims is never
published."""
import json
import os
import subprocess
import sys
import time

import dagster as dg
import duckdb
import pytest

from pipeline.config import build_path
from pipeline.definitions import defs  # imported up front: a lock held for seconds must outlast no import
from pipeline.defs.resources import warehouse_resource
from pipeline.store.runlock import dangling_references

HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b'{"run_id": "holder", "pid": %d}' % os.getpid())
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""

READER = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
counts = []
deadline = time.time() + float(sys.argv[2])
while time.time() < deadline:
    counts.append(con.execute("select count(*) from claims").fetchone()[0])
    time.sleep(0.2)
print(len(counts), min(counts), max(counts), flush=True)
"""


def _run(warehouse, selection=None, instance=None):
    assets = list(defs.assets) + list(defs.asset_checks)
    return dg.materialize(assets, selection=selection, instance=instance, raise_on_error=False,
                          resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})


def _messages(instance, result) -> list[str]:
    return [e.user_message or "" for e in instance.all_logs(result.run_id)] + [
        str(e.dagster_event.event_specific_data) for e in instance.all_logs(result.run_id) if e.is_dagster_event]


def _holder(lock, seconds):
    lock.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_reader_holds_the_warehouse_open_through_a_run_and_a_dead_runs_lock_is_gone(workspace):
    sources, warehouse = workspace
    assert _run(warehouse).success
    published = warehouse / "claims.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(published), "25"], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "open"
    # a run killed with -9 while holding the warehouse: its lock dies with it
    dead = _holder(warehouse / ".locks" / "warehouse.lock", 600)
    dead.kill()
    dead.wait()
    (sources / "extra.md").write_text("# Notes\n\nGPT-4o mini costs $0.15 per million input tokens.\n", encoding="utf-8")
    started = time.monotonic()
    result = _run(warehouse)
    assert result.success and time.monotonic() - started < 120
    n, low, high = map(int, reader.communicate(timeout=60)[0].split())
    assert n > 10 and low == high > 40  # the reader saw one whole build throughout, and every query returned
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from claims where source = 'extra.md'").fetchone()[0] == 1


def test_a_second_run_waits_for_the_first_then_runs(workspace):
    _, warehouse = workspace
    holder = _holder(warehouse / ".locks" / "warehouse.lock", 4)
    started = time.monotonic()
    instance = dg.DagsterInstance.ephemeral()
    result = _run(warehouse, instance=instance)
    assert result.success and time.monotonic() - started >= 3.5
    holder.wait()
    messages = _messages(instance, result)
    assert any("waiting for the warehouse: run holder" in m for m in messages)


def test_a_run_that_cannot_get_the_warehouse_stops_before_any_step(workspace, monkeypatch):
    _, warehouse = workspace
    monkeypatch.setenv("WAREHOUSE_LOCK_TIMEOUT", "1")
    holder = _holder(warehouse / ".locks" / "warehouse.lock", 30)
    instance = dg.DagsterInstance.ephemeral()
    try:
        result = _run(warehouse, instance=instance)
    finally:
        holder.kill()
        holder.wait()
    assert not result.success
    assert any("is in use by run holder" in m and "Nothing was written" in m for m in _messages(instance, result))
    assert not [e for e in result.all_events if e.event_type_value == "STEP_START"]
    assert not (warehouse / "claims.duckdb").exists()


def test_a_dead_run_is_marked_failed_by_the_next_one(workspace):
    _, warehouse = workspace
    instance = dg.DagsterInstance.ephemeral()
    dead = dg.DagsterRun(job_name="everything", run_id="0" * 8 + "-dead-run", status=dg.DagsterRunStatus.STARTED)
    instance.add_run(dead)
    (warehouse / ".locks").mkdir(parents=True)
    (warehouse / ".locks" / f"run-{dead.run_id}.lock").write_text("")  # its process is gone: nobody holds it
    assert _run(warehouse, instance=instance).success
    assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE


def test_a_build_referring_to_missing_claims_is_not_published(workspace):
    sources, warehouse = workspace
    assert _run(warehouse).success
    published = warehouse / "claims.duckdb"
    before = published.stat().st_mtime_ns
    # the documents step alone, after an article changed: its old claims are gone, conflicts still name them
    path = sorted(sources.glob("*.txt"))[1]
    path.write_text(path.read_text(encoding="utf-8") + "\n\nGPT-4o 的上下文窗口为 64K tokens。\n", encoding="utf-8")
    assert _run(warehouse, selection="documents").success
    assert dangling_references(build_path(published))  # the working copy is mid-way
    assert published.stat().st_mtime_ns == before and not dangling_references(published)
    assert _run(warehouse).success  # the next full run finishes the job and publishes
    assert published.stat().st_mtime_ns != before and not dangling_references(published)
    state = json.loads((warehouse / "claims.build.duckdb.state.json").read_text())
    assert state["published"][0] == os.stat(published).st_size


@pytest.mark.parametrize("fresh", [True])
def test_dagster_storage_is_created_once_by_two_processes_at_once(tmp_path, fresh):
    """Two processes opening a fresh instance at once (dagster.yaml's locked storage): one schema stamp."""
    import shutil
    from pathlib import Path
    shutil.copy(Path(__file__).parent.parent / "dagster.yaml", tmp_path / "dagster.yaml")
    code = "from dagster import DagsterInstance; DagsterInstance.get().get_runs()"
    env = dict(os.environ, DAGSTER_HOME=str(tmp_path))
    procs = [subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    import sqlite3
    with sqlite3.connect(tmp_path / "warehouse" / ".dagster" / "storage" / "history" / "runs.db") as con:
        assert con.execute("select count(*) from alembic_version").fetchone()[0] == 1
