"""One benchmark run (`python -m pipeline.bench_phase`, started by
pipeline/bench_pipeline.py with SOURCES_DIR, WAREHOUSE_DIR and DAGSTER_HOME
set): the job `everything` in this process while a thread samples the RSS
of this process and its children; prints one JSON line with, per step, its
seconds, its CPU seconds (this process and its children, workers included),
its peak RSS and the rows its assets report. CPU seconds say what a step costs
when the machine is shared and wall seconds stretch with the load.
BENCH_ASSETS (asset keys, comma-separated) runs only those assets of the job."""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


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
    return tree_usage(pid)[0]


def tree_usage(pid: int | None = None) -> tuple[float, float]:
    """(resident MB, CPU seconds) of a process and all its live descendants. The CPU
    seconds count each process's own time and that of its children it has reaped,
    so a worker that ended is still counted (in its parent's), and the sum only grows."""
    pid = pid or os.getpid()
    rss = cpu = 0
    for member in [pid, *_descendants(pid)]:
        try:
            rss += int(Path(f"/proc/{member}/statm").read_text().split()[1]) * PAGE
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
        except (OSError, IndexError, ValueError):
            continue
    return rss / 1e6, cpu / TICKS


class RssSampler(threading.Thread):
    """(time, MB, CPU seconds) samples every `interval` seconds until stopped."""

    def __init__(self, interval: float = 0.05):
        super().__init__(daemon=True)
        self.interval, self.samples, self._stop_event = interval, [], threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.samples.append((time.time(), *tree_usage()))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def peak(self, start: float = 0.0, end: float = float("inf")) -> float:
        return max((mb for t, mb, _ in self.samples if start <= t <= end), default=0.0)

    def cpu_seconds(self, start: float, end: float) -> float:
        """CPU seconds of the process tree between two times (the samples nearest inside them)."""
        inside = [cpu for t, _, cpu in self.samples if start <= t <= end]
        before = [cpu for t, _, cpu in self.samples if t < start]
        first = before[-1] if before else (inside[0] if inside else 0.0)
        return max(0.0, (inside[-1] if inside else first) - first)


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
            if "phase_seconds" in materialization.metadata:  # publishing steps: {phase: [wall s, CPU s]}
                step["phases"] = materialization.metadata["phase_seconds"].value
    figures = []
    for step in sorted(steps.values(), key=lambda s: s["start"] or 0):
        if step["start"] is None or step["end"] is None:
            continue
        figures.append({"step": step["step"], "seconds": step["end"] - step["start"],
                        "cpu_seconds": sampler.cpu_seconds(step["start"], step["end"]),
                        "peak_mb": sampler.peak(step["start"], step["end"]), "rows": step["rows"],
                        **({"phases": step["phases"]} if step.get("phases") else {})})
    return figures


def main() -> int:
    sampler = RssSampler()
    sampler.start()
    import dagster as dg

    from pipeline.definitions import defs

    wanted = [dg.AssetKey(k.strip()) for k in os.environ.get("BENCH_ASSETS", "").split(",") if k.strip()]
    started = time.perf_counter()
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("everything").execute_in_process(
            instance=instance, raise_on_error=False, asset_selection=wanted or None)
        job_seconds = time.perf_counter() - started
        records = instance.all_logs(result.run_id)
    sampler.stop()
    if not result.success:
        print("the job failed", flush=True)
        return 1
    print(json.dumps({"job_seconds": job_seconds, "peak_mb": sampler.peak(),
                      "cpu_seconds": sampler.samples[-1][2] - sampler.samples[0][2],
                      "steps": step_figures(records, sampler)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
