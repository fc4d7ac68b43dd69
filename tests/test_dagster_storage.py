"""The project's Dagster event log (pipeline/dagster_storage.py): the same sqlite files Dagster's own
storage reads, a connection kept per shard (bounded), no fsync per commit, and a real run recorded in it;
and the end of a run that wrote nothing (pipeline/store/runlock.py)."""
import os
import shutil
import sqlite3
from pathlib import Path

import dagster as dg
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

from pipeline import dagster_storage
from pipeline.dagster_storage import KEPT_SHARDS, LockedSqliteStorage, QuickSqliteEventLogStorage


@dg.asset
def one() -> int:
    return 1


@dg.asset
def two(one: int) -> int:
    return one + 1


def _instance(tmp_path: Path) -> dg.DagsterInstance:
    shutil.copy(Path(__file__).parent.parent / "dagster.yaml", tmp_path / "dagster.yaml")
    return dg.DagsterInstance.from_config(str(tmp_path))


def test_a_run_is_stored_where_dagsters_own_storage_reads_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # dagster.yaml's storage folder is relative to the run's folder
    with _instance(tmp_path) as instance:
        assert isinstance(instance.event_log_storage, QuickSqliteEventLogStorage)
        result = dg.materialize([one, two], instance=instance)
        assert result.success
        ours = [e.dagster_event_type for e in instance.all_logs(result.run_id)]
    base = tmp_path / "warehouse" / ".dagster" / "storage" / "history" / "runs"
    plain = SqliteEventLogStorage(str(base))
    theirs = [e.dagster_event_type for e in plain.get_logs_for_run(result.run_id)]
    assert theirs == ours and ours.count(dg.DagsterEventType.ASSET_MATERIALIZATION) == 2
    assert plain.get_latest_materialization_events([dg.AssetKey("two")])[dg.AssetKey("two")] is not None


def test_connections_are_kept_per_shard_bounded_and_do_not_sync(tmp_path):
    storage = QuickSqliteEventLogStorage(str(tmp_path))
    with storage.run_connection("r0") as conn:
        assert conn.exec_driver_sql("pragma synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
    first = storage._engine_for("r0")
    assert storage._engine_for("r0") is first  # kept, not made again per event
    for n in range(1, KEPT_SHARDS + 1):
        with storage.run_connection(f"r{n}"):
            pass
    assert "r0" not in storage._engines() and len(storage._engines()) == KEPT_SHARDS
    storage.dispose()
    assert not storage._engines()


def test_a_forked_process_does_not_reuse_the_parents_connections(tmp_path, monkeypatch):
    storage = QuickSqliteEventLogStorage(str(tmp_path))
    parent = storage._engine_for("r0")
    child = os.getpid() + 1
    monkeypatch.setattr(dagster_storage.os, "getpid", lambda: child)
    assert storage._engine_for("r0") is not parent


def test_the_locked_storage_uses_the_quick_event_log(tmp_path):
    storage = LockedSqliteStorage(str(tmp_path))
    assert isinstance(storage.event_log_storage, QuickSqliteEventLogStorage)
    with sqlite3.connect(tmp_path / "history" / "runs" / "index.db") as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_a_run_that_wrote_nothing_is_known_without_reading_the_warehouse(tmp_path):
    """runlock.untouched: the end of a no-change run skips the consistency query and the copy."""
    import duckdb

    from pipeline.store.runlock import prepare_build, publish, untouched
    published, build, state = tmp_path / "w.duckdb", tmp_path / "w.build.duckdb", tmp_path / "state.json"
    with duckdb.connect(str(published)) as con:
        con.execute("create table t as select 1 as x")
    prepare_build(published, build, state)
    assert not untouched(build, published, state)  # never published from this working copy yet
    publish(build, published, state)
    assert untouched(build, published, state)
    Path(f"{build}.wal").write_bytes(b"pending")  # a write not yet in the main file
    assert not untouched(build, published, state)
    Path(f"{build}.wal").unlink()
    with duckdb.connect(str(build)) as con:
        con.execute("insert into t values (2)")
    assert not untouched(build, published, state)
