"""Dagster's own sqlite storage, created under a file lock. Two processes
starting on a fresh instance at once (two command-line runs, or a run and
`dagster dev`) otherwise both create the tables and stamp the schema
version, leaving two `alembic_version` rows after which every `dagster`
command fails. dagster.yaml names this class as its `custom` storage.

Its event log keeps its connections open and commits without waiting for
the disk (QuickSqliteEventLogStorage): a run stores some 170 events, each in
a transaction of its own, and Dagster's own opened and closed a connection
per event, each close a checkpoint of the WAL and two fsyncs (docs/scale.md)."""
from __future__ import annotations

import fcntl
import os
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from sqlalchemy import create_engine, event
from sqlalchemy.pool import SingletonThreadPool


@contextmanager
def _init_lock(base_dir: str):
    Path(base_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(os.path.join(base_dir, ".init.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released by the kernel if this process dies
        yield
    finally:
        os.close(fd)


KEPT_SHARDS = 8  # shards (a run's events, the index) whose connections are kept open; older ones are closed


def _no_sync(dbapi_connection, _record) -> None:
    """WAL with synchronous=NORMAL: a commit survives the process dying and reaches
    the disk at the next checkpoint (an OS crash may lose a run's last events)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class QuickSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's sqlite event log (same files, same tables) that keeps a connection
    per shard and thread open instead of opening and closing one per event: closing
    the last connection of a WAL database checkpoints it and syncs it to disk, so
    each event cost two fsyncs and a new SQLAlchemy engine. Connections are kept
    for the KEPT_SHARDS shards used last (a webserver reads many runs' shards)
    and are never shared with a forked process."""

    def _connect(self, shard: str):
        return self._connect_with(self._engine_for(shard), shard)

    def _engines(self) -> OrderedDict:
        kept = self.__dict__.get("_quick_engines")
        if kept is None or kept[0] != os.getpid():  # a forked child opens its own connections
            kept = self.__dict__["_quick_engines"] = (os.getpid(), OrderedDict())
        return kept[1]

    def _engine_for(self, shard: str):
        engines = self._engines()
        if shard in engines:
            engines.move_to_end(shard)
            return engines[shard]
        engine = create_engine(self.conn_string_for_shard(shard), poolclass=SingletonThreadPool,
                               connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False})
        event.listen(engine, "connect", _no_sync)
        engines[shard] = engine
        while len(engines) > KEPT_SHARDS:
            engines.popitem(last=False)[1].dispose()
        return engine

    @contextmanager
    def _connect_with(self, engine, shard: str):
        with self._db_lock:
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        engines = self._engines()
        while engines:
            engines.popitem()[1].dispose()
        super().dispose()


class LockedSqliteStorage(DagsterSqliteStorage):
    """DagsterSqliteStorage whose creation and instance registration (where
    tables are created and migrations stamped) run one process at a time, with
    the quicker event log (QuickSqliteEventLogStorage)."""

    def __init__(self, base_dir: str, inst_data=None):
        super().__init__(base_dir, inst_data=inst_data)
        self._event_log_storage = QuickSqliteEventLogStorage(_event_logs_directory(base_dir))

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        with _init_lock(config_value["base_dir"]):
            return cls(config_value["base_dir"], inst_data=inst_data)

    def register_instance(self, instance) -> None:
        with _init_lock(self.base_dir):
            super().register_instance(instance)
