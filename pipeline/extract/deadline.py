"""A per-document time limit that works in any thread: the extractor checks
it at block, unit and row boundaries (cooperatively, no signals), and a
breach raises `DeadlineExceeded`, which `extract_isolated` turns into one
failure row instead of a stalled run."""
from __future__ import annotations

import os
import time

ENV = "EXTRACT_DEADLINE_SECONDS"
DEFAULT_SECONDS = 20.0


class DeadlineExceeded(Exception):
    """Extraction of one document ran past its time limit."""


class Deadline:
    """`seconds` from now (None or <= 0: no limit); `check()` raises once past it."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.started = time.monotonic()
        self.until = self.started + self.seconds if self.seconds else None

    def check(self) -> None:
        if self.until is not None and time.monotonic() > self.until:
            raise DeadlineExceeded(f"over the {self.seconds:g} s time limit per document ({ENV})")


def configured_seconds() -> float | None:
    """The limit from EXTRACT_DEADLINE_SECONDS (default 20 s; 0 turns it off)."""
    raw = os.environ.get(ENV, "").strip()
    if not raw:
        return DEFAULT_SECONDS
    try:
        return float(raw)
    except ValueError:
        return DEFAULT_SECONDS
