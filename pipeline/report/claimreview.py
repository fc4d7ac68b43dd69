"""schema.org ClaimReview JSON-LD, one per reviewed claim, so other
fact-check tools can consume the verdicts: the claim, where it appeared,
a rating from the reconciled fact, and the reconciled value."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from pipeline.report.inert import jsonld_dumps
from pipeline.store.sqlfiles import fetch_dicts

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


def claim_reviews(con: duckdb.DuckDBPyConnection) -> list[dict]:
    reviews = []
    published = datetime.now(timezone.utc).date().isoformat()
    for row in fetch_dicts(con, "publish/claim_verdicts"):
        verdict = verdict_for(row)
        rating, name = RATINGS.get(verdict, RATINGS["unverified"])
        claimed = row["value_text"] or (f"{row['value']:g} {row['unit']}" if row["value"] is not None else "?")
        reconciled = row["fact_text"] or (f"{row['fact_value']:g} {row['unit']}" if row["fact_value"] is not None else "")
        appearance = {"@type": "CreativeWork", "url": row["location"] if row["kind"] == "url" else f"file:{row['location']}",
                      "name": row["title"] or row["source"]}
        if row["published_at"]:
            appearance["datePublished"] = row["published_at"].isoformat()
        reviews.append({
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
        })
    return reviews


def write_claim_reviews(con: duckdb.DuckDBPyConnection, path) -> int:
    reviews = claim_reviews(con)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    # <, > and & as \u escapes: the file stays inert when a site pastes it into a <script> block
    temporary.write_text(jsonld_dumps({"@context": "https://schema.org", "@graph": reviews}), encoding="utf-8")
    temporary.replace(path)
    return len(reviews)
