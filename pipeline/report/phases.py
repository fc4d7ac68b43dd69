"""Seconds per phase of a publishing step (reading, digests, rendering, writing), kept in the asset's
metadata (`phase_seconds`) and printed by bench-pipeline under the step: a step's total alone did not say
whether a slow run was SQL, Python or the disk (claim_reviews took 5.6 s or 17.6 s on the same change)."""
from __future__ import annotations

import time
from contextlib import contextmanager


class PhaseClock:
    """Wall seconds and this process's CPU seconds per named phase; a phase entered twice adds up."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
            self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu

    def figures(self) -> dict[str, list[float]]:
        """{phase: [wall seconds, CPU seconds]}, rounded, in the order the phases first ran."""
        return {name: [round(self.wall[name], 3), round(self.cpu[name], 3)] for name in self.wall}
