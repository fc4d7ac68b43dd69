"""schema.org ClaimReview JSON-LD, one per reviewed claim, so other
fact-check tools can consume the verdicts: the claim, where it appeared,
a rating from the reconciled fact, and the reconciled value. The reviews are
built in DuckDB (sql/publish/claim_reviews.sql, a review a line) and grouped
by the fact they are rated against: each fact's reviews (a large fact's cut
by their sources) are a part file (pipeline/report/review_parts.py) named by
a digest of what they show, so a run writes again only the parts whose
reviews changed and assembles the one
file users open from the parts by byte copies. The file is kept as it is when
the verdict rows it is made from did not change."""
from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import duckdb

from pipeline.report import assembly, review_parts
from pipeline.report.phases import PhaseClock
from pipeline.store.sqlfiles import fetch_dicts, run_sql, sql_text

CHUNK_CLAIMS = 20_000  # reviews written by one COPY (a larger part is a chunk of its own)
PART_REVIEWS = 500  # a fact with more reviews is cut into parts by its claims' sources (a power of two of them)
REVIEW_SQL = ("publish/claim_reviews", "publish/claim_review_facts", "publish/claim_review_digests",
              "publish/claim_review_todo", "publish/claim_review_chunks")  # the file's code


class ReviewsWritten(NamedTuple):
    count: int
    skipped: bool  # the file was already written from the same inputs
    parts: int = 0  # parts of the file (a fact's reviews, or a share of a large fact's)
    rewritten: int = 0  # of them, the parts written now (the others were kept)
    phases: dict | None = None  # {phase: [wall s, CPU s]} (pipeline/report/phases.py)


class FactPart(NamedTuple):
    fact_key: str
    part: str  # md5 of the fact key and the part's bucket
    n: int  # reviews
    digest: str  # what its reviews show (sql/publish/claim_review_digests.sql)


def code_fingerprint() -> str:
    """This module's and the parts module's code and their SQL: a change writes every part again."""
    texts = Path(__file__).read_bytes() + Path(review_parts.__file__).read_bytes()
    return hashlib.sha256(texts + "".join(sql_text(name) for name in REVIEW_SQL).encode()).hexdigest()[:16]


def fact_parts(con: duckdb.DuckDBPyConnection) -> list[FactPart]:
    """Every part of the file, in file order (fact key, bucket), with its digest; leaves the temporary tables
    claim_review_facts and claim_review_digests for review_chunks."""
    run_sql(con, "publish/claim_review_facts")
    return [FactPart(**row) for row in fetch_dicts(con, "publish/claim_review_digests",
                                                   {"part_reviews": PART_REVIEWS})]


def review_chunks(con: duckdb.DuckDBPyConnection, pending: list[str]) -> Iterator[tuple[str, str]]:
    """(part, its text) of the parts named `pending`, built by DuckDB a chunk of about CHUNK_CLAIMS reviews at a
    time (sql/publish/claim_reviews.sql) and fetched a part at a time: no review is built in Python."""
    published = datetime.now(timezone.utc).date().isoformat()
    run_sql(con, "publish/claim_review_todo", {"pending": pending, "chunk": CHUNK_CLAIMS})
    for (chunk,) in run_sql(con, "publish/claim_review_chunks").fetchall():
        cursor = run_sql(con, "publish/claim_reviews", {"published": published, "chunk": chunk})
        while row := cursor.fetchone():
            yield row


def drop_temporary(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("claim_review_facts", "claim_review_digests", "claim_review_todo"):
        con.execute(f"drop table if exists temp.{table}")


def write_claim_reviews(con: duckdb.DuckDBPyConnection, path: Path, clock: PhaseClock | None = None) -> ReviewsWritten:
    """Writes the parts that are missing (PATH.parts/) and assembles `path` from them through a temporary file
    and a rename (readers never see half a file); removes the parts no longer used."""
    clock = clock or PhaseClock()
    try:
        with clock.phase("digests"):
            facts = fact_parts(con)
            store = review_parts.PartStore(path.with_name(path.name + ".parts"), code_fingerprint())
            missing = [f for f in facts if not store.has(f.part, f.digest)]
        with clock.phase("parts"):
            if missing:
                names = {f.part: f.digest for f in missing}
                store.write(review_chunks(con, list(names)), names)
        with clock.phase("assemble"):
            assembly.assemble(path, [store.path(f.part, f.digest) for f in facts])
        with clock.phase("clean"):
            store.keep_only([(f.part, f.digest) for f in facts])
    finally:
        drop_temporary(con)
    return ReviewsWritten(sum(f.n for f in facts), skipped=False, parts=len(facts), rewritten=len(missing),
                          phases=clock.figures())


def claim_reviews(con: duckdb.DuckDBPyConnection, folder: Path) -> list[dict]:
    """All ClaimReviews as a list, in file order (small warehouses, tests; written under `folder`)."""
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        path = Path(scratch) / "claimreview.jsonld"
        write_claim_reviews(con, path)
        return json.loads(path.read_text(encoding="utf-8"))["@graph"]


def inputs_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the verdict rows follow from (the reconciliation's state, the documents, the claims' bookkeeping:
    read without scanning the claims) and this module's code: equal fingerprints, equal file (but its dates).
    A warehouse whose reconciliation recorded no state yet: a summary of the verdict rows themselves."""
    try:
        inputs = "tracked:" + fetch_dicts(con, "publish/claim_verdicts_inputs")[0]["inputs"]
    except (duckdb.CatalogException, duckdb.BinderException):
        inputs = fetch_dicts(con, "publish/claim_verdicts_fingerprint")[0]["inputs"]
    return f"{code_fingerprint()}:{inputs}"


def publish_claim_reviews(con: duckdb.DuckDBPyConnection, path: Path) -> ReviewsWritten:
    """write_claim_reviews unless `path` was written from the same inputs (fingerprint and count in PATH.inputs)."""
    stamp, clock = path.with_name(path.name + ".inputs"), PhaseClock()
    with clock.phase("inputs"):
        fingerprint = inputs_fingerprint(con)
    stored = stamp.read_text(encoding="utf-8").split("\n") if stamp.exists() else []
    if path.exists() and len(stored) == 2 and stored[0] == fingerprint:
        return ReviewsWritten(int(stored[1]), skipped=True, phases=clock.figures())
    stamp.unlink(missing_ok=True)  # a crash while writing must not leave the old stamp on a new file
    written = write_claim_reviews(con, path, clock)
    stamp.write_text(f"{fingerprint}\n{written.count}", encoding="utf-8")
    return written
