"""Keeps `documents` in step with the sources, incrementally: the content
hash decides what is redone; a changed source replaces its old version and
everything derived from it in one transaction; a removed source goes; a
source that fails keeps its previous version."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb

from pipeline.ingest.parse import doc_id_for
from pipeline.ingest.fetch import FetchPolicy
from pipeline.ingest.sources import URL_LIST, SourceRef, Unchanged, read_all
from pipeline.reviews import REVIEWS_FILE
from pipeline.records import Document, IngestError
from pipeline.store.sqlfiles import fetch_dicts, run_sql, transaction


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _write_document(con: duckdb.DuckDBPyConnection, doc: Document, ingested_at: datetime) -> None:
    params = doc.model_dump(exclude={"text", "raw_text"}) | {"ingested_at": ingested_at}
    with transaction(con):
        run_sql(con, "ingest/delete_derived", {"doc_id": doc.doc_id})
        run_sql(con, "ingest/upsert_document", params)
        run_sql(con, "ingest/upsert_document_text",
                {"doc_id": doc.doc_id, "text": doc.text, "raw_text": doc.raw_text})


def stored_hashes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """doc_id -> sha256 of every stored document: what `read_all(known=...)` compares bytes with."""
    return {row["doc_id"]: row["sha256"] for row in fetch_dicts(con, "ingest/current_hashes")}


def sync_documents(con: duckdb.DuckDBPyConnection, refs: list[SourceRef],
                   results: list[Document | IngestError | Unchanged]) -> SyncReport:
    report = SyncReport()
    current = fetch_dicts(con, "ingest/current_hashes")
    known = {row["doc_id"]: row["sha256"] for row in current}
    listed = {doc_id_for(ref.kind, ref.location) for ref in refs}
    if any(isinstance(r, IngestError) and r.source == URL_LIST for r in results):
        listed |= {row["doc_id"] for row in current if row["kind"] == "url"}  # URL list unreadable: keep them
    ingested_at = _now()
    for result in results:
        if isinstance(result, IngestError):
            report.errors.append(result)
            continue
        if isinstance(result, Unchanged):
            report.unchanged.append(result.source)
            continue
        previous = known.get(result.doc_id)
        if previous == result.sha256:
            report.unchanged.append(result.source)
            continue
        _write_document(con, result, ingested_at)
        (report.changed if previous else report.added).append(result.source)
    for doc_id in sorted(set(known) - listed):
        with transaction(con):
            run_sql(con, "ingest/delete_document", {"doc_id": doc_id})
        report.removed.append(doc_id)
    write_errors(con, report.errors, keep=(REVIEWS_FILE,))
    return report


def ingest_sources(con: duckdb.DuckDBPyConnection, folder, exclude=None, policy: FetchPolicy | None = None
                   ) -> tuple[SyncReport, list[Document | IngestError | Unchanged]]:
    """Every source read and synced; a source whose bytes still hash to its
    stored version is neither decoded nor parsed (a no-change run only hashes)."""
    refs, results = read_all(folder, exclude=exclude, policy=policy, known=stored_hashes(con))
    return sync_documents(con, refs, results), results


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
