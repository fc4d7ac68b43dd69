"""schema.org ClaimReview JSON-LD, one per reviewed claim, so other
fact-check tools can consume the verdicts: the claim, where it appeared,
a rating from the reconciled fact, and the reconciled value. The file is
built in DuckDB (sql/publish/claim_reviews.sql, a review a line) and streamed
from its cursor to the file (bounded memory at any corpus size), and kept as
it is when the verdict rows it is made from did not change."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import duckdb

from pipeline.store.sqlfiles import fetch_dicts, run_sql, sql_text

CHUNK_CLAIMS = 20_000  # claims per range of sources written at a time
REVIEW_SQL = ("publish/claim_reviews", "publish/claim_review_sources", "publish/claim_review_facts")  # the file's code


class ReviewsWritten(NamedTuple):
    count: int
    skipped: bool  # the file was already written from the same inputs


def source_ranges(con: duckdb.DuckDBPyConnection, most: int | None = None) -> list[tuple[str, str]]:
    """The claims' sources cut, in file order, into ranges of at most `most` claims (default CHUNK_CLAIMS; a
    larger source is a range of its own)."""
    most = most or CHUNK_CLAIMS
    ranges: list[tuple[str, str]] = []
    first, last, total = None, None, 0
    for source, n in run_sql(con, "publish/claim_review_sources").fetchall():
        if first is not None and total + n > most:
            ranges.append((first, last))
            first, total = None, 0
        first, last, total = first if first is not None else source, source, total + n
    return ranges + ([(first, last)] if first is not None else [])


def review_lines(con: duckdb.DuckDBPyConnection, scratch: Path) -> Iterator[str]:
    """The ClaimReviews in file order, one JSON text a line, written by DuckDB a range of sources at a time to
    `scratch` (sql/publish/claim_reviews.sql) and read back: no review is built or held whole in Python."""
    published = datetime.now(timezone.utc).date().isoformat()
    try:
        run_sql(con, "publish/claim_review_facts")
        for first, last in source_ranges(con):
            run_sql(con, "publish/claim_reviews", {"path": str(scratch), "published": published,
                                                  "first": first, "last": last})
            with open(scratch, encoding="utf-8") as lines:
                yield from (line.rstrip("\n") for line in lines)
    finally:
        scratch.unlink(missing_ok=True)
        con.execute("drop table if exists temp.claim_review_facts")


def claim_reviews(con: duckdb.DuckDBPyConnection, folder: Path) -> list[dict]:
    """All ClaimReviews as a list (small warehouses, tests; `folder` holds a range's lines meanwhile)."""
    return [json.loads(line) for line in review_lines(con, Path(folder) / "claimreview.lines")]


def inputs_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the verdict rows follow from (the reconciliation's state, the documents, the claims' bookkeeping:
    read without scanning the claims) and this module's code: equal fingerprints, equal file (but its dates).
    A warehouse whose reconciliation recorded no state yet: a summary of the verdict rows themselves."""
    try:
        inputs = "tracked:" + fetch_dicts(con, "publish/claim_verdicts_inputs")[0]["inputs"]
    except (duckdb.CatalogException, duckdb.BinderException):
        inputs = fetch_dicts(con, "publish/claim_verdicts_fingerprint")[0]["inputs"]
    code = hashlib.sha256(Path(__file__).read_bytes()
                          + "".join(sql_text(name) for name in REVIEW_SQL).encode()).hexdigest()[:16]
    return f"{code}:{inputs}"


def _stream(lines: Iterable[str], handle) -> int:
    """A JSON-LD @graph written one review a line (each line already inert: <, > and & are \\u escapes)."""
    handle.write('{\n "@context": "https://schema.org",\n "@graph": [')
    count = 0
    for count, line in enumerate(lines, start=1):
        handle.write(("," if count > 1 else "") + "\n  " + line)
    handle.write("\n ]\n}" if count else "]\n}")
    return count


def write_claim_reviews(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Writes `path` through a temporary file and a rename (readers never see half a file); the review count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        count = _stream(review_lines(con, path.with_suffix(".lines.tmp")), handle)
    temporary.replace(path)
    return count


def publish_claim_reviews(con: duckdb.DuckDBPyConnection, path: Path) -> ReviewsWritten:
    """write_claim_reviews unless `path` was written from the same inputs (fingerprint and count in PATH.inputs)."""
    stamp = path.with_name(path.name + ".inputs")
    fingerprint = inputs_fingerprint(con)
    stored = stamp.read_text(encoding="utf-8").split("\n") if stamp.exists() else []
    if path.exists() and len(stored) == 2 and stored[0] == fingerprint:
        return ReviewsWritten(int(stored[1]), skipped=True)
    stamp.unlink(missing_ok=True)  # a crash while writing must not leave the old stamp on a new file
    count = write_claim_reviews(con, path)
    stamp.write_text(f"{fingerprint}\n{count}", encoding="utf-8")
    return ReviewsWritten(count, skipped=False)
