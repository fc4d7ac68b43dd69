"""Keeps `documents` in step with the sources, incrementally: the content
hash decides what is redone; a changed source replaces its old version and
everything derived from it in one transaction; a removed source goes; a
source that fails keeps its previous version."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pandas as pd

from pipeline.ingest.parse import doc_id_for
from pipeline.ingest.fetch import FetchPolicy
from pipeline.ingest.parallel import ParsePool
from pipeline.ingest.sources import URL_LIST, SourceRef, Unchanged, listed_sources, read_batches
from pipeline.reviews import REVIEWS_FILE
from pipeline.records import Document, IngestError
from pipeline.store.sqlfiles import fetch_dicts, run_sql, run_sql_with_frames, transaction


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


BATCH = 200  # sources read, then written in one transaction, at a time
DOCUMENT_COLUMNS = ["doc_id", "source", "location", "kind", "content_type", "title", "author", "published_at",
                    "published_at_from", "lang", "sha256", "n_chars", "ingested_at"]


def _write_batch(con: duckdb.DuckDBPyConnection, docs: list[Document], ingested_at: datetime) -> None:
    """New versions of a batch of sources, and the removal of what derived from their old ones, in one transaction."""
    if not docs:
        return
    rows = [doc.model_dump(include=set(DOCUMENT_COLUMNS)) | {"ingested_at": ingested_at} for doc in docs]
    documents = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    documents["published_at"] = pd.to_datetime(documents["published_at"])
    texts = pd.DataFrame([{"doc_id": d.doc_id, "text": d.text, "raw_text": d.raw_text} for d in docs],
                         columns=["doc_id", "text", "raw_text"])
    run_sql_with_frames(con, "ingest/write_documents", {"new_documents": documents, "new_texts": texts})


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> sha256 of every stored document: what `read_all(known=...)` compares bytes with."""
    return {row["doc_id"]: row["sha256"] for row in fetch_dicts(con, "ingest/current_hashes")}


def _sync_batch(con, results: list, known: dict[str, str], report: SyncReport, ingested_at: datetime) -> None:
    new = []
    for result in results:
        if isinstance(result, IngestError):
            report.errors.append(result)
        elif isinstance(result, Unchanged) or known.get(result.doc_id) == result.sha256:
            report.unchanged.append(result.source)
        else:
            new.append(result)
            (report.changed if result.doc_id in known else report.added).append(result.source)
    _write_batch(con, new, ingested_at)


def _finish(con, current: list[dict], refs: list[SourceRef], url_list_broken: bool, report: SyncReport) -> None:
    """Removes the documents of sources no longer listed; ingest_errors becomes this run's errors."""
    listed = {doc_id_for(ref.kind, ref.location) for ref in refs}
    if url_list_broken:
        listed |= {row["doc_id"] for row in current if row["kind"] == "url"}  # URL list unreadable: keep them
    for doc_id in sorted({row["doc_id"] for row in current} - listed):
        with transaction(con):
            run_sql(con, "ingest/delete_document", {"doc_id": doc_id})
        report.removed.append(doc_id)
    write_errors(con, report.errors, keep=(REVIEWS_FILE,))


def sync_documents(con: duckdb.DuckDBPyConnection, refs: list[SourceRef],
                   results: list[Document | IngestError | Unchanged]) -> SyncReport:
    """The documents table in step with sources already read (all of them, in `results`)."""
    report, current, ingested_at = SyncReport(), fetch_dicts(con, "ingest/current_hashes"), _now()
    known = {row["doc_id"]: row["sha256"] for row in current}
    for start in range(0, len(results), BATCH):
        _sync_batch(con, results[start:start + BATCH], known, report, ingested_at)
    broken = any(isinstance(r, IngestError) and r.source == URL_LIST for r in results)
    _finish(con, current, refs, broken, report)
    return report


def ingest_sources(con: duckdb.DuckDBPyConnection, folder, exclude=None, policy: FetchPolicy | None = None
                   ) -> tuple[SyncReport, dict[str, list[str]]]:
    """Every source read and synced a batch at a time (no step holds every text); a source
    whose bytes still hash to its stored version is neither decoded nor parsed. Returns the
    report and the warnings per source parsed this run."""
    report, current, ingested_at = SyncReport(), fetch_dicts(con, "ingest/current_hashes"), _now()
    known = {row["doc_id"]: row["sha256"] for row in current}
    refs, listing_error = listed_sources(folder, exclude)
    warnings = {}
    with ParsePool() as parse:
        for results in read_batches(refs, folder, policy, known, BATCH, parse):
            _sync_batch(con, results, known, report, ingested_at)
            warnings |= {r.source: r.warnings for r in results if getattr(r, "warnings", None)}
    if listing_error:
        report.errors.append(listing_error)
    _finish(con, current, refs, listing_error is not None, report)
    return report, warnings


def write_errors(con: duckdb.DuckDBPyConnection, errors: list[IngestError], keep: tuple[str, ...] = ()) -> None:
    """ingest_errors becomes these errors; the rows of the sources in `keep`
    (the reviews file, which the `reviews` asset loads) are left to their owner."""
    with transaction(con):
        run_sql(con, "ingest/replace_errors", {"keep": list(keep)})
        for error in errors:
            run_sql(con, "ingest/insert_error", error.model_dump())


def append_errors(con: duckdb.DuckDBPyConnection, errors: list[IngestError]) -> None:
    with transaction(con):
        for error in errors:
            run_sql(con, "ingest/insert_error", error.model_dump())


def replace_source_errors(con: duckdb.DuckDBPyConnection, location: str, errors: list[str]) -> None:
    """The errors of one source (the reviews file), leaving the others' rows."""
    occurred_at = _now()
    with transaction(con):
        run_sql(con, "ingest/delete_source_errors", {"location": location})
        for error in errors:
            run_sql(con, "ingest/insert_error", {"source": location, "location": location, "error": error,
                                                 "occurred_at": occurred_at})
