"""One benchmark run (`python -m pipeline.bench_phase`, started by
pipeline/bench_pipeline.py with SOURCES_DIR, WAREHOUSE_DIR and DAGSTER_HOME
set): the job `everything` in this process while a thread samples the RSS
of this process and its children; prints one JSON line with, per step, its
seconds, its peak RSS and the rows its assets report."""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            stack += children
    return found


def tree_rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    pid = pid or os.getpid()
    total = 0
    for member in [pid, *_descendants(pid)]:
        try:
            total += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total / 1e6


class RssSampler(threading.Thread):
    """(time, MB) samples every `interval` seconds until stopped."""

    def __init__(self, interval: float = 0.05):
        super().__init__(daemon=True)
        self.interval, self.samples, self._stop_event = interval, [], threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append((time.time(), tree_rss_mb()))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def peak(self, start: float = 0.0, end: float = float("inf")) -> float:
        return max((mb for t, mb in self.samples if start <= t <= end), default=0.0)


def step_figures(records, sampler: RssSampler) -> list[dict]:
    """Per step, from the run's event log: seconds, peak MB while it ran, rows of its assets."""
    steps: dict[str, dict] = {}
    for record in records:
        event = record.dagster_event
        if event is None or event.step_key is None:
            continue
        step = steps.setdefault(event.step_key, {"step": event.step_key, "start": None, "end": None, "rows": None})
        if event.event_type_value == "STEP_START":
            step["start"] = record.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            step["end"] = record.timestamp
        elif event.event_type_value == "ASSET_MATERIALIZATION":
            materialization = event.event_specific_data.materialization
            rows = materialization.metadata.get("dagster/row_count")
            if rows is not None and materialization.asset_key.to_user_string() == event.step_key:
                step["rows"] = rows.value
    figures = []
    for step in sorted(steps.values(), key=lambda s: s["start"] or 0):
        if step["start"] is None or step["end"] is None:
            continue
        figures.append({"step": step["step"], "seconds": step["end"] - step["start"],
                        "peak_mb": sampler.peak(step["start"], step["end"]), "rows": step["rows"]})
    return figures


def main() -> int:
    sampler = RssSampler()
    sampler.start()
    import dagster as dg

    from pipeline.definitions import defs

    started = time.perf_counter()
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("everything").execute_in_process(instance=instance, raise_on_error=False)
        job_seconds = time.perf_counter() - started
        records = instance.all_logs(result.run_id)
    sampler.stop()
    if not result.success:
        print("the job failed", flush=True)
        return 1
    print(json.dumps({"job_seconds": job_seconds, "peak_mb": sampler.peak(),
                      "steps": step_figures(records, sampler)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
