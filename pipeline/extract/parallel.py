"""Extraction on every core: pending documents are cut into shards; worker
processes extract each shard (every document still under its own time limit
and failure isolation, `extract_isolated`) into Parquet files in a shard
folder; this process, the warehouse's single writer, loads each finished
shard in one transaction. Texts are read a shard at a time and at most two
shards per worker are in flight, so memory does not grow with the corpus.

EXTRACT_WORKERS sets the number of processes (default: every core; 1 runs in
this process). Whole shards already in the folder (a killed run's, or ones
another machine wrote there) are loaded first."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from pipeline.extract.isolated import ExtractFailure, extract_isolated
from pipeline.store.claim_shards import ShardWriter, complete_shards, load_shard
from pipeline.store.sqlfiles import fetch_dicts, run_sql

SHARD_DOCUMENTS = 50  # documents per shard at most


def configured_workers() -> int:
    """EXTRACT_WORKERS, else every core this process may use."""
    try:
        wanted = int(os.environ.get("EXTRACT_WORKERS", "0"))
    except ValueError:
        wanted = 0
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return wanted if wanted > 0 else available


@dataclass
class ExtractionSummary:
    extracted: dict[str, int] = field(default_factory=dict)  # source -> claims
    failures: list[dict] = field(default_factory=list)  # extract_errors rows
    shards: int = 0


def extract_shard(docs: list[dict], extractor: str, folder: str, name: str, seconds: float | None = None) -> str:
    """Worker: every document of the shard extracted in isolation; the shard written; its state file returned."""
    writer = ShardWriter(extractor)
    for doc in docs:
        found = extract_isolated(doc["text"], doc["source"], seconds)
        if isinstance(found, ExtractFailure):
            writer.fail(doc, found.error)
        else:
            writer.add(doc, found)
    return str(writer.write(Path(folder), name))


def _shards(con: duckdb.DuckDBPyConnection, extractor: str, size: int) -> Iterator[list[dict]]:
    """The pending documents with their texts, `size` at a time, streamed by one query on a
    cursor of its own (the connection itself goes on loading shards meanwhile)."""
    reader = con.cursor()
    try:
        cursor = run_sql(reader, "extract/pending_documents", {"extractor": extractor})
        columns = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(size):
            yield [dict(zip(columns, row)) for row in rows]
    finally:
        reader.close()


def shard_size(n_pending: int, workers: int) -> int:
    """Small enough that every worker gets several shards, at most SHARD_DOCUMENTS."""
    return max(1, min(SHARD_DOCUMENTS, -(-n_pending // (workers * 4))))


def extract_pending(con: duckdb.DuckDBPyConnection, extractor: str, folder: Path, workers: int | None = None,
                    log: Callable[[str], None] = lambda _: None) -> ExtractionSummary:
    """Extracts every pending document (sql/extract/pending_ids.sql) into `folder` and loads the shards."""
    summary = ExtractionSummary()
    for leftover in complete_shards(folder):  # whole shards of an earlier run or another machine
        _load(con, Path(leftover), summary, log)
    pending = fetch_dicts(con, "extract/pending_ids", {"extractor": extractor})
    workers = workers or configured_workers()
    size = shard_size(len(pending), workers)
    names = (f"{os.getpid()}-{i:06d}" for i in range(1 << 30))
    if workers == 1 or len(pending) <= size:
        for docs in _shards(con, extractor, size):
            _load(con, Path(extract_shard(docs, extractor, str(folder), next(names))), summary, log)
        return summary
    context = multiprocessing.get_context("spawn")  # no fork of a process with Dagster's threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: set[Future] = set()
        for docs in _shards(con, extractor, size):
            running.add(pool.submit(extract_shard, docs, extractor, str(folder), next(names)))
            if len(running) >= 2 * workers:
                running = _load_finished(con, running, summary, log)
        while running:
            running = _load_finished(con, running, summary, log)
    return summary


def _load_finished(con, running: set[Future], summary: ExtractionSummary, log) -> set[Future]:
    done, still = wait(running, return_when=FIRST_COMPLETED)
    for future in done:
        _load(con, Path(future.result()), summary, log)
    return still


def _load(con, state_file: Path, summary: ExtractionSummary, log) -> None:
    loaded, failures = load_shard(con, state_file)
    summary.extracted.update(loaded)
    summary.failures += failures
    summary.shards += 1
    log(f"loaded shard {state_file.name}: {len(loaded)} documents, {sum(loaded.values())} claims, "
        f"{len(failures)} failed")


def shard_folder(database: str | Path) -> Path:
    """EXTRACT_SHARD_DIR (a folder every worker machine can write), else `shards/` beside the database."""
    configured = os.environ.get("EXTRACT_SHARD_DIR", "").strip()
    return Path(configured) if configured else Path(database).parent / "shards"
