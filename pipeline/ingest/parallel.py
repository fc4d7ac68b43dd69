"""Changed sources parsed on every core: decoding, HTML reduction, frontmatter,
dates and language detection of a batch run in worker processes when there
are enough of them to pay for the pool (it starts at the first such batch, so
a run with nothing changed starts none). Files are read and hashed by the
caller; workers get bytes and give back Documents or IngestErrors."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from pipeline.extract.parallel import configured_workers
from pipeline.ingest.sources import parse_serially, parse_source

MIN_PARALLEL = 16  # fewer changed sources than this are parsed in the caller's process


def _parse(raw):
    return parse_source(*raw)


class ParsePool:
    """A `parse` for `read_batches`; use it as a context manager so its workers end with it."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or configured_workers()
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, raws: list) -> list:
        if self.workers <= 1 or len(raws) < MIN_PARALLEL:
            return parse_serially(raws)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return list(self._pool.map(_parse, raws, chunksize=max(1, len(raws) // (self.workers * 4))))

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
