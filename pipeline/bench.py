"""`python -m pipeline bench-extract`: extraction throughput on one core, in
MB/s and claims/s, over a corpus of at least N MB built by cycling through
the test articles (each pass re-extracts every document from scratch), for
each engine side by side (v1 and v2 while both exist)."""
from __future__ import annotations

import resource
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
    started = time.perf_counter()
    for _ in range(passes):
        for doc in documents:
            claims += len(extract_claims(doc.raw_text or doc.text, doc.source, engine=engine))
    seconds = time.perf_counter() - started
    mb = passes * per_pass / 1e6
    return {"documents": passes * len(documents), "mb": mb, "seconds": seconds, "mb_per_s": mb / seconds,
            "claims": claims, "claims_per_s": claims / seconds, "claims_per_kb": claims / (mb * 1000)}


def report(name: str, figures: dict) -> str:
    return (f"{name:10s} {figures['mb']:8.1f} MB  {figures['documents']:7d} docs  {figures['seconds']:7.1f} s  "
            f"{figures['mb_per_s']:6.2f} MB/s  {figures['claims_per_s']:8.0f} claims/s  "
            f"({figures['claims_per_kb']:.1f} claims/KB)")


def run(target_mb: float, folders: list[Path], engines: list[str] | None = None) -> int:
    print(f"extraction benchmark, one process, one core, target {target_mb} MB per corpus", file=sys.stderr)
    corpora = {folder.name: load_corpus([folder]) for folder in folders}
    corpora["all"] = [doc for docs in list(corpora.values()) for doc in docs]
    for name, documents in corpora.items():
        for engine in engines or list(ENGINES):
            if documents:
                extract_claims("warm-up: GPT-4o costs $5 per 1M input tokens.", "warm", engine=engine)
                print(f"{engine}  " + report(name, measure(documents, target_mb, engine)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak_mb:.0f} MB")
    return 0
