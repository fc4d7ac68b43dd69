"""`python -m pipeline bench-extract`: extraction throughput on one core, in
MB/s and claims/s, over a corpus of at least N MB built by cycling through
the test articles (each pass re-extracts every document from scratch), for
each engine side by side (v1 and v2 while both exist). MB/s is counted in
CPU seconds of this process (the machine may be shared: wall time says how
busy it is, not how fast extraction is); `--rounds` alternates the engines
and reports each one's median round."""
from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from pipeline.config import PROJECT_ROOT
from pipeline.extract import ENGINES, extract_claims
from pipeline.ingest.sources import SourceRef, read_source
from pipeline.records import Document

DEFAULT_CORPORA = [PROJECT_ROOT / "tests" / "fixtures" / "seeds", PROJECT_ROOT / "tests" / "fixtures" / "articles"]


def load_corpus(folders: list[Path]) -> list[Document]:
    documents = []
    for folder in folders:
        for path in sorted(folder.glob("*")):
            result = read_source(SourceRef("file", path.name, path.name), folder)
            if isinstance(result, Document):
                documents.append(result)
    return documents


def measure(documents: list[Document], target_mb: float, engine: str = "v1") -> dict:
    sizes = [len(doc.text.encode("utf-8")) for doc in documents]
    per_pass = sum(sizes)
    passes = max(1, int(target_mb * 1e6 // per_pass) + (1 if (target_mb * 1e6) % per_pass else 0))
    claims = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for doc in documents:
            claims += len(extract_claims(doc.raw_text or doc.text, doc.source, engine=engine))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    mb = passes * per_pass / 1e6
    return {"documents": passes * len(documents), "mb": mb, "seconds": seconds, "cpu_seconds": cpu,
            "mb_per_s": mb / cpu, "wall_mb_per_s": mb / seconds,
            "claims": claims, "claims_per_s": claims / cpu, "claims_per_kb": claims / (mb * 1000)}


def report(name: str, figures: dict) -> str:
    return (f"{name:10s} {figures['mb']:8.1f} MB  {figures['documents']:7d} docs  {figures['cpu_seconds']:7.1f} CPU-s  "
            f"{figures['mb_per_s']:6.2f} MB/CPU-s  {figures['claims_per_s']:8.0f} claims/CPU-s  "
            f"(wall {figures['seconds']:.1f} s, {figures['wall_mb_per_s']:.2f} MB/s)  "
            f"({figures['claims_per_kb']:.1f} claims/KB)")


def median_round(documents: list[Document], target_mb: float, engines: list[str], rounds: int) -> dict[str, dict]:
    """Each engine measured `rounds` times, the engines alternated (so a change in the
    machine's load falls on both); each engine's round of median CPU throughput."""
    for engine in engines:
        extract_claims("warm-up: GPT-4o costs $5 per 1M input tokens.", "warm", engine=engine)
    runs: dict[str, list[dict]] = {engine: [] for engine in engines}
    for _ in range(max(1, rounds)):
        for engine in engines:
            runs[engine].append(measure(documents, target_mb, engine))
    out = {}
    for engine, figures in runs.items():
        middle = statistics.median_low([f["mb_per_s"] for f in figures])
        out[engine] = next(f for f in figures if f["mb_per_s"] == middle)
    return out


def run(target_mb: float, folders: list[Path], engines: list[str] | None = None, rounds: int = 1) -> int:
    print(f"extraction benchmark, one process, one core, target {target_mb} MB per corpus, "
          f"median of {max(1, rounds)} alternated round(s)", file=sys.stderr)
    corpora = {folder.name: load_corpus([folder]) for folder in folders}
    corpora["all"] = [doc for docs in list(corpora.values()) for doc in docs]
    for name, documents in corpora.items():
        if documents:
            for engine, figures in median_round(documents, target_mb, engines or list(ENGINES), rounds).items():
                print(f"{engine}  " + report(name, figures))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak_mb:.0f} MB")
    return 0
