"""schema.org ClaimReview JSON-LD, one per reviewed claim, so other
fact-check tools can consume the verdicts: the claim, where it appeared,
a rating from the reconciled fact, and the reconciled value. The file is
streamed in batches (bounded memory at any corpus size) and kept as it is
when the verdict rows it is made from did not change."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

import duckdb

from pipeline.report.inert import jsonld_dumps
from pipeline.store.sqlfiles import fetch_dicts, run_sql

BATCH = 5_000  # verdict rows fetched at a time


class ReviewsWritten(NamedTuple):
    count: int
    skipped: bool  # the file was already written from the same inputs

# verdict -> (ratingValue 1..5, alternateName)
RATINGS = {
    "supported": (5, "Supported by the reconciled value"),
    "approximately": (4, "Approximately right"),
    "contradicted": (1, "Contradicted by the reconciled value"),
    "unverified": (3, "Single source, not cross-checked"),
}


def verdict_for(row: dict) -> str:
    if row["agrees"] and row["status"] == "single_source":
        return "unverified"
    if row["agrees"]:
        return "approximately" if row["approx"] else "supported"
    return "contradicted"


def review_for(row: dict, published: str) -> dict:
    """One ClaimReview from one row of publish/claim_verdicts."""
    verdict = verdict_for(row)
    rating, name = RATINGS.get(verdict, RATINGS["unverified"])
    claimed = row["value_text"] or (f"{row['value']:g} {row['unit']}" if row["value"] is not None else "?")
    reconciled = row["fact_text"] or (f"{row['fact_value']:g} {row['unit']}" if row["fact_value"] is not None else "")
    appearance = {"@type": "CreativeWork", "url": row["location"] if row["kind"] == "url" else f"file:{row['location']}",
                  "name": row["title"] or row["source"]}
    if row["published_at"]:
        appearance["datePublished"] = row["published_at"].isoformat()
    return {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "identifier": row["claim_id"],
        "claimReviewed": f"{row['model']} {row['metric'].replace('_', ' ')}: {claimed} (\u201c{row['quote']}\u201d)",
        "itemReviewed": {"@type": "Claim", "appearance": appearance,
                         "author": {"@type": "Organization", "name": row["source"]}},
        "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 5, "worstRating": 1,
                         "alternateName": name},
        "reviewBody": f"Reconciled value: {reconciled} ({row['status']}, confidence {row['confidence'] or 0:.2f}; "
                      f"{row['method']}).",
        "datePublished": published,
        "author": {"@type": "Organization", "name": "claims-warehouse"},
    }


def iter_reviews(con: duckdb.DuckDBPyConnection, batch: int = BATCH) -> Iterator[dict]:
    """The ClaimReviews in file order, fetched `batch` rows at a time (never the whole table in memory)."""
    published = datetime.now(timezone.utc).date().isoformat()
    cursor = run_sql(con, "publish/claim_verdicts")
    columns = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield review_for(dict(zip(columns, row)), published)


def claim_reviews(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """All ClaimReviews as a list (small warehouses, tests); the file is written by write_claim_reviews."""
    return list(iter_reviews(con))


def inputs_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """What the verdict rows follow from (the reconciliation's state, the documents, the claims' bookkeeping:
    read without scanning the claims) and this module's code: equal fingerprints, equal file (but its dates).
    A warehouse whose reconciliation recorded no state yet: a summary of the verdict rows themselves."""
    try:
        inputs = "tracked:" + fetch_dicts(con, "publish/claim_verdicts_inputs")[0]["inputs"]
    except (duckdb.CatalogException, duckdb.BinderException):
        inputs = fetch_dicts(con, "publish/claim_verdicts_fingerprint")[0]["inputs"]
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"{code}:{inputs}"


def _stream(reviews: Iterator[dict], handle) -> int:
    """A JSON-LD @graph written one review at a time (indented like jsonld_dumps of the whole document)."""
    handle.write('{\n "@context": "https://schema.org",\n "@graph": [')
    count = 0
    for count, review in enumerate(reviews, start=1):
        # <, > and & as \u escapes: the file stays inert when a site pastes it into a <script> block
        item = jsonld_dumps(review).replace("\n", "\n  ")
        handle.write(("," if count > 1 else "") + "\n  " + item)
    handle.write("\n ]\n}" if count else "]\n}")
    return count


def write_claim_reviews(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Writes `path` through a temporary file and a rename (readers never see half a file); the review count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        count = _stream(iter_reviews(con), handle)
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
