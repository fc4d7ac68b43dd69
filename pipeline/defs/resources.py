"""The one DuckDB resource every asset asks for by name, and what makes runs
safe around it (the mechanics are in pipeline/store/runlock.py):

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

from dagster import InitResourceContext
from dagster_duckdb import DuckDBResource
from pydantic import PrivateAttr

from pipeline.config import DUCKDB_CONFIG, build_path, database_path
from pipeline.store.runlock import RunGuard


class WarehouseResource(DuckDBResource):
    """DuckDBResource on the working copy, with the run lock and the publish step."""

    published: str
    _guard: RunGuard | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: InitResourceContext) -> None:
        if context.run_id is None or context.instance is None:
            return  # outside a run (a script, a sensor): plain DuckDB on the working copy
        self._guard = RunGuard(self.published, self.database, context.run_id, context.instance, context.log)
        self._guard.start()

    def teardown_after_execution(self, context: InitResourceContext) -> None:
        if self._guard is not None:
            try:
                self._guard.finish()
            finally:
                self._guard = None


def warehouse_resource(path: str | None = None) -> WarehouseResource:
    """`path` is the published database (default WAREHOUSE_DIR/claims.duckdb);
    assets read and write its working copy beside it."""
    target = path or str(database_path())
    return WarehouseResource(database=str(build_path(target)), published=target, connection_config=DUCKDB_CONFIG)
