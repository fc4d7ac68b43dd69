"""The one warehouse resource every asset and check asks for by name
(`duckdb`). It owns the database path, the reports folder, the connections
(read-only and read-write, always used in a `with`), the schema set-up (once
per run, on the first read-write connection) and named SQL runs (sql/NAME.sql
with bound parameters). Assets hold no connection logic of their own.

What makes runs safe around it (the mechanics are in pipeline/store/runlock.py):

- one run at a time: a run takes an exclusive lock on the warehouse when its
  resources start and keeps it to the end; a second run waits, saying which
  run it waits for (WAREHOUSE_LOCK_TIMEOUT, then it stops with one message
  before any step ran). The kernel drops a killed run's lock, so a dead run
  never blocks the next one, and the next one marks it failed in Dagster.
- build and swap: assets write a working copy (claims.build.duckdb); at the
  end of a run, if no step failed and no derived row refers to a missing
  claim or document, the copy is published over claims.duckdb by an atomic
  rename. Readers only ever open the published file, so they never see a
  half-done run, never block a run, and a run never blocks them."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster import InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipeline.config import build_path, database_path, duckdb_config, reports_dir
from pipeline.store.runlock import RunGuard
from pipeline.store.schema_state import ensure_schema
from pipeline.store.sqlfiles import fetch_dicts, run_sql


class WarehouseResource(DuckDBResource):
    """DuckDBResource on the working copy, with the run lock and the publish step.

    `database` is the working copy runs write; `published` the file readers
    open; `reports` the reports folder (empty: WAREHOUSE_DIR/reports, read
    when asked, so an environment set after import still counts)."""

    published: str
    reports: str = ""
    _guard: RunGuard | None = PrivateAttr(default=None)
    _schema_ready: bool = PrivateAttr(default=False)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        self._schema_ready = False
        if context.run_id is None or context.instance is None:
            return  # outside a run (a script, a sensor): plain DuckDB on the working copy
        self._guard = RunGuard(self.published, self.database, context.run_id, context.instance, context.log)
        self._guard.start()

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        self._schema_ready = False
        if self._guard is not None:
            try:
                self._guard.finish()
            finally:
                self._guard = None

    @property
    def reports_folder(self) -> Path:
        return Path(self.reports) if self.reports else reports_dir()

    @contextmanager
    def read_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that may write the working copy, its schema applied
        (once per run: every schema statement is idempotent, but not free; and
        only when the schema files changed, so a no-change run writes nothing)."""
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        with self.get_connection() as con:
            try:  # closed on failure too: a failed step's traceback must not keep its buffer pool alive
                if not self._schema_ready:
                    ensure_schema(con)
                    self._schema_ready = True
                yield con
            finally:
                con.close()

    @contextmanager
    def read_only(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection that cannot write (reports, checks' reads), with the same memory limit."""
        with duckdb.connect(self.database, read_only=True, config=self.connection_config) as con:
            yield con

    def sql(self, con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
        """Runs sql/NAME.sql on `con` with bound $parameters; the last statement's cursor."""
        return run_sql(con, name, params)

    def fetch(self, name: str, params: dict | None = None) -> list[dict]:
        """The rows of sql/NAME.sql as dicts, on a read-only connection of its own."""
        with self.read_only() as con:
            return fetch_dicts(con, name, params)


def warehouse_resource(path: str | None = None, reports: str | None = None) -> WarehouseResource:
    """`path` is the published database (default WAREHOUSE_DIR/claims.duckdb);
    assets read and write its working copy beside it, with DUCKDB_MEMORY_LIMIT (read now) and spilling beside it."""
    target = path or str(database_path())
    build = str(build_path(target))
    return WarehouseResource(database=build, published=target, reports=reports or "",
                             connection_config=duckdb_config(build))


@dg.definitions
def resources() -> dg.Definitions:
    """The resource bound when the defs folder is loaded (pipeline/definitions.py), and the
    in-process executor: the run lock and the working copy belong to the run's one process.
    (A module with a @dg.definitions is loaded from it alone, so nothing else lives here.)"""
    return dg.Definitions(resources={"duckdb": warehouse_resource()}, executor=dg.in_process_executor)
