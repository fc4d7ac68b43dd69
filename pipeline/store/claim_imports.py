"""Keeps imported claims (`NAME.claims.jsonl` under the sources folder) in
step with their files, like documents: a file is re-imported when it or a
document it cites changed (a changed document loses its claims, imported
ones too), its claims are swapped in one transaction, and a removed file's
claims go. Every file is read on every run so its bad lines are reported
each time; only the writes are skipped when nothing changed."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from pipeline.ingest.claims_file import (CitedDocument, ImportResult, index_documents, list_claims_files,
                                         read_claims_file)
from pipeline.records import IngestError
from pipeline.store.claims import CLAIM_COLUMNS
from pipeline.store.sqlfiles import fetch_dicts, run_sql, run_sql_with_frames, transaction

IMPORT_COLUMNS = list(dict.fromkeys(CLAIM_COLUMNS + ["currency", "extractor"]))


@dataclass
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)  # file -> claims, for files (re)imported
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _docs_key(result: ImportResult, docs: dict[str, CitedDocument]) -> str:
    versions = sorted(f"{d}:{docs[d].sha256}" for d in result.cited)
    return hashlib.sha256("|".join(versions).encode()).hexdigest()[:16]


def sync_claim_imports(con: duckdb.DuckDBPyConnection, sources_dir: Path) -> ImportReport:
    report = ImportReport()
    docs = {row["doc_id"]: CitedDocument(**row) for row in fetch_dicts(con, "ingest/cited_documents")}
    index = index_documents(list(docs.values()))
    state = {row["file_name"]: row for row in fetch_dicts(con, "ingest/claim_imports_state")}
    seen = set()
    for path in list_claims_files(sources_dir):
        file_name = path.relative_to(sources_dir).as_posix()
        seen.add(file_name)
        try:
            result = read_claims_file(path, file_name, index)
        except OSError as exc:
            report.errors.append(_error(file_name, f"cannot read: {exc}"))
            seen.discard(file_name)  # unreadable this run: its last import stays
            state.pop(file_name, None)
            continue
        report.errors.extend(_error(file_name, e) for e in result.errors)
        key = _docs_key(result, docs)
        known = state.get(file_name)
        if known and (known["sha256"], known["docs_key"]) == (result.sha256, key) \
                and known["n_claims"] == known["n_present"] == len(result.rows):
            report.unchanged.append(file_name)
            continue
        _write(con, result, key)
        report.imported[file_name] = len(result.rows)
    for file_name in sorted(set(state) - seen):
        with transaction(con):
            run_sql(con, "ingest/delete_claim_import", {"file_name": file_name,
                                                         "extractor": state[file_name]["extractor"]})
        report.removed.append(file_name)
    return report


def _error(file_name: str, error: str) -> IngestError:
    return IngestError(source=file_name, location=file_name, error=error, occurred_at=_now())


def _write(con: duckdb.DuckDBPyConnection, result: ImportResult, docs_key: str) -> None:
    frame = pd.DataFrame(list(result.rows.values()), columns=IMPORT_COLUMNS).astype(
        {"value": "float64", "value_high": "float64", "approx": "bool", "hedged": "bool",
         "span_start": "int64", "span_end": "int64"})
    frame["as_of"] = pd.to_datetime(frame["as_of"]).dt.date if len(frame) else frame["as_of"]
    run_sql_with_frames(con, "ingest/replace_claim_import", {"imported_claims": frame}, {
        "file_name": result.file_name, "extractor": result.extractor, "sha256": result.sha256,
        "docs_key": docs_key, "n_lines": result.n_lines, "n_claims": len(result.rows),
        "n_errors": len(result.errors), "imported_at": _now(),
    })
