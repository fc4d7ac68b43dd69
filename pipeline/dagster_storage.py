"""Dagster's own sqlite storage, created under a file lock. Two processes
starting on a fresh instance at once (two command-line runs, or a run and
`dagster dev`) otherwise both create the tables and stamp the schema
version, leaving two `alembic_version` rows after which every `dagster`
command fails. dagster.yaml names this class as its `custom` storage."""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from dagster._core.storage.sqlite_storage import DagsterSqliteStorage


@contextmanager
def _init_lock(base_dir: str):
    Path(base_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(os.path.join(base_dir, ".init.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # released by the kernel if this process dies
        yield
    finally:
        os.close(fd)


class LockedSqliteStorage(DagsterSqliteStorage):
    """DagsterSqliteStorage whose creation and instance registration (where
    tables are created and migrations stamped) run one process at a time."""

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        with _init_lock(config_value["base_dir"]):
            return cls(config_value["base_dir"], inst_data=inst_data)

    def register_instance(self, instance) -> None:
        with _init_lock(self.base_dir):
            super().register_instance(instance)
