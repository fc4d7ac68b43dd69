"""One run at a time on a warehouse, and only consistent builds published.

Locks are flock(2) locks on files under WAREHOUSE_DIR/.locks: the kernel
releases them when their process ends, however it ends, so `kill -9` can
never leave a lock behind. Each run holds `run-<id>.lock` for its life (so
later runs can tell a dead run from a waiting one) and `warehouse.lock`
while it owns the warehouse.

Assets write a working copy (claims.build.duckdb). A run that ends with no
failed step and no derived row pointing at a missing claim or document
publishes the copy over claims.duckdb: copied beside it, then renamed (one
atomic step; readers keep the file they opened). A run that wrote nothing
(the working copy's size, mtime and inode as at the last publish, the
published file untouched) copies nothing. A killed run publishes
nothing; the next run goes on from the working copy, which DuckDB keeps
consistent per transaction."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipeline.config import warehouse_lock_timeout
from pipeline.store.sqlfiles import fetch_dicts

DERIVED_TABLES = {"claims", "documents", "conflicts", "conflict_values", "reconciled_facts", "fact_timeline",
                  "source_reliability"}


class WarehouseBusy(RuntimeError):
    """Another run held the warehouse for longer than WAREHOUSE_LOCK_TIMEOUT."""


def _try_lock(path: Path) -> int | None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return "another run"
    return f"run {info.get('run_id', '?')} (pid {info.get('pid', '?')}, since {info.get('since', '?')})"


def _signature(path: Path) -> list[int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}.wal")):
        candidate.unlink(missing_ok=True)


def _copy_atomically(source: Path, target: Path) -> None:
    temporary = target.with_name(target.name + ".partial")
    shutil.copyfile(source, temporary)
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def dangling_references(database: Path) -> dict[str, int]:
    """Rows of derived tables that refer to a claim or document the database
    does not hold, per table (empty when all is consistent)."""
    with duckdb.connect(str(database), read_only=True) as con:
        present = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        if not DERIVED_TABLES <= present:
            return {}
        rows = fetch_dicts(con, "warehouse/dangling_references")
    return {r["table_name"]: r["n"] for r in rows if r["n"]}


def prepare_build(published: Path, build: Path, state_file: Path) -> str:
    """Makes the working copy current: kept if it follows the published file
    (also after a killed run), else copied afresh from it."""
    state = _read_state(state_file)
    current = _signature(published)
    if build.exists() and "published" in state and state["published"] == current:
        return "continued"
    _remove(build)
    if current is not None:
        _copy_atomically(published, build)
    state_file.write_text(json.dumps({"published": current}), encoding="utf-8")
    return "copied from the published warehouse" if current else "new"


def _read_state(state_file: Path) -> dict:
    try:
        return json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def untouched(build: Path, published: Path, state_file: Path) -> bool:
    """Neither file changed since the last publish and no write waits in the working copy's WAL: the run
    wrote nothing, and the published file passed the consistency check when it was published."""
    state, wal = _read_state(state_file), Path(f"{build}.wal")
    return state.get("build") is not None and state.get("build") == _signature(build) \
        and state.get("published") == _signature(published) and not (wal.exists() and wal.stat().st_size)


def publish(build: Path, published: Path, state_file: Path) -> bool:
    """Copies the working copy over the published file, unless neither changed
    since the last publish (a no-change run): False when nothing was copied."""
    with duckdb.connect(str(build)) as con:
        con.execute("checkpoint")  # everything in the main file, nothing left in the WAL
    state = _read_state(state_file)
    if state.get("build") is not None and state.get("build") == _signature(build) \
            and state.get("published") == _signature(published):
        return False
    _copy_atomically(build, published)
    state_file.write_text(json.dumps({"published": _signature(published), "build": _signature(build)}),
                          encoding="utf-8")
    return True


class RunGuard:
    """The life of one run on the warehouse: start() before any step, finish() after the last."""

    def __init__(self, published: str, build: str, run_id: str, instance, log):
        self.published, self.build = Path(published), Path(build)
        self.state_file = self.build.with_name(self.build.name + ".state.json")
        self.locks = self.published.parent / ".locks"
        self.run_id, self.instance, self.log = run_id, instance, log
        self._alive: int | None = None
        self._lock: int | None = None

    def start(self) -> None:
        self.locks.mkdir(parents=True, exist_ok=True)
        self._alive = _try_lock(self.locks / f"run-{self.run_id}.lock")
        self._lock = self._wait_for_warehouse()
        try:
            os.ftruncate(self._lock, 0)
            os.write(self._lock, json.dumps({"run_id": self.run_id, "pid": os.getpid(), "since": _now()}).encode())
            self._release_dead_runs()
            how = prepare_build(self.published, self.build, self.state_file)
            self.log.info(f"warehouse locked for this run; working copy {self.build.name}: {how}")
        except BaseException:
            self._unlock()
            raise

    def _wait_for_warehouse(self) -> int:
        path = self.locks / "warehouse.lock"
        timeout = warehouse_lock_timeout()
        started = time.monotonic()
        told = -1.0
        while (fd := _try_lock(path)) is None:
            waited = time.monotonic() - started
            if waited >= timeout:
                raise WarehouseBusy(
                    f"the warehouse {self.published} is in use by {_holder(path)}; gave up after {waited:.0f} s "
                    f"(WAREHOUSE_LOCK_TIMEOUT={timeout:g}). Nothing was written; run again when it is done.")
            if told < 0 or waited - told >= 60:
                self.log.info(f"waiting for the warehouse: {_holder(path)} is using it")
                told = waited
            time.sleep(0.25)
        return fd

    def _release_dead_runs(self) -> None:
        """Runs Dagster still shows as going whose process is gone (their life lock is free) are failed."""
        from dagster import DagsterRunStatus, RunsFilter

        try:
            records = self.instance.get_run_records(filters=RunsFilter(statuses=[
                DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.CANCELING]))
        except Exception as exc:  # noqa: BLE001 - bookkeeping must not stop the run
            self.log.warning(f"could not list unfinished runs: {exc}")
            return
        for record in records:
            run = record.dagster_run
            alive = self.locks / f"run-{run.run_id}.lock"
            if run.run_id == self.run_id or not alive.exists():
                continue
            fd = _try_lock(alive)
            if fd is None:
                continue  # that run is alive (waiting for or using another warehouse lock)
            try:
                self.instance.report_run_failed(
                    run, message=f"its process ended without finishing (found by run {self.run_id}); "
                                 "nothing of it was published")
                self.instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
                self.log.warning(f"run {run.run_id} had died without finishing; marked failed")
            except Exception as exc:  # noqa: BLE001
                self.log.warning(f"could not mark dead run {run.run_id} failed: {exc}")
            finally:
                alive.unlink(missing_ok=True)
                os.close(fd)

    def finish(self) -> None:
        try:
            self._publish_if_consistent()
        finally:
            self._unlock()

    def _publish_if_consistent(self) -> None:
        from dagster import DagsterEventType

        failed = {e.step_key for e in self.instance.all_logs(self.run_id, of_type=DagsterEventType.STEP_FAILURE)}
        if failed:
            self.log.warning(f"not published: step(s) {', '.join(sorted(map(str, failed)))} failed; readers keep the "
                             f"previous warehouse, the next run goes on from the working copy")
            return
        if not self.build.exists():
            return
        if untouched(self.build, self.published, self.state_file):  # a no-change run: no check, no copy
            self.log.info(f"nothing written by this run: {self.published} kept as it is")
            return
        dangling = dangling_references(self.build)
        if dangling:
            self.log.warning(f"not published: rows refer to missing claims or documents ({dangling}); "
                             "run the downstream assets to rebuild them")
            return
        if publish(self.build, self.published, self.state_file):
            self.log.info(f"published {self.published}")
        else:
            self.log.info(f"nothing written by this run: {self.published} kept as it is")

    def _unlock(self) -> None:
        for fd in (self._lock, self._alive):
            if fd is not None:
                os.close(fd)
        self._lock = None
        if self._alive is not None:
            (self.locks / f"run-{self.run_id}.lock").unlink(missing_ok=True)
            self._alive = None


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
