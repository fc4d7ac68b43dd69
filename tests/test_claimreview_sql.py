"""claimreview.jsonld is built in SQL (sql/publish/claim_reviews.sql) and streamed: each review must be the one
the Python builder it replaced made from the same row (kept here as the oracle), on the seeds and on hand-made
rows with every branch (approximate, single source, no value, no title, no date, hostile text, rounding)."""
import json
from datetime import date, datetime, timezone

import duckdb
import pytest

from pipeline.report.claimreview import claim_reviews, publish_claim_reviews, write_claim_reviews
from pipeline.report.inert import jsonld_dumps
from pipeline.store.schema_state import ensure_schema
from pipeline.store.sqlfiles import fetch_dicts

RATINGS = {"supported": (5, "Supported by the reconciled value"), "approximately": (4, "Approximately right"),
           "contradicted": (1, "Contradicted by the reconciled value"),
           "unverified": (3, "Single source, not cross-checked")}


def _verdict(row: dict) -> str:
    if row["agrees"] and row["status"] == "single_source":
        return "unverified"
    if row["agrees"]:
        return "approximately" if row["approx"] else "supported"
    return "contradicted"


def _oracle(row: dict, published: str) -> dict:
    """The review the former Python builder made from one row of publish/claim_verdicts."""
    rating, name = RATINGS[_verdict(row)]
    claimed = row["value_text"] or (f"{row['value']:g} {row['unit']}" if row["value"] is not None else "?")
    reconciled = row["fact_text"] or (f"{row['fact_value']:g} {row['unit']}" if row["fact_value"] is not None else "")
    appearance = {"@type": "CreativeWork", "url": row["location"] if row["kind"] == "url" else f"file:{row['location']}",
                  "name": row["title"] or row["source"]}
    if row["published_at"]:
        appearance["datePublished"] = row["published_at"].isoformat()
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "identifier": row["claim_id"],
        "claimReviewed": f"{row['model']} {row['metric'].replace('_', ' ')}: {claimed} (\u201c{row['quote']}\u201d)",
        "itemReviewed": {"@type": "Claim", "appearance": appearance,
                         "author": {"@type": "Organization", "name": row["source"]}},
        "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 5, "worstRating": 1,
                         "alternateName": name},
        "reviewBody": f"Reconciled value: {reconciled} ({row['status']}, confidence {row['confidence'] or 0:.2f}; "
                      f"{row['method']}).",
        "datePublished": published, "author": {"@type": "Organization", "name": "claims-warehouse"},
    }


def _expected(con) -> list[dict]:
    published = datetime.now(timezone.utc).date().isoformat()
    return [_oracle(row, published) for row in fetch_dicts(con, "publish/claim_verdicts")]


CLAIMS = [  # claim_id, doc, value, value_text, approx, quote, span_start
    ("c1", "d1", 2.5, None, False, "costs $2.50 <b>per</b> M & more", 10),
    ("c2", "d1", 1e6, None, True, "about a million tokens\u2028next", 5),
    ("c3", "d2", None, None, False, "a \"quoted\" \\ value\n", 0),
    ("c4", "d2", None, "four thousand", False, "tab\there, caf\u00e9 \u6a21\u578b", 0),
    ("c5", "d3", 0.125, "", False, "plain", 3),
]
DOCS = [("d1", "a.md", "file", None, date(2024, 5, 13)), ("d2", "https://x.test/p?a=1&b=2", "url", "", None),
        ("d3", "c.md", "file", "Title </script>", date(1999, 1, 2))]
FACTS = [  # key, value, value_text, status, confidence, supporting, dissenting
    ("f1", 2.5, None, "resolved", 0.125, ["c1"], ["c2"]),
    ("f2", None, None, "single_source", None, ["c3"], []),
    ("f3", 0.1 + 0.2, "", "conflicting", 0.375, ["c5"], ["c4"]),
]


@pytest.fixture()
def handmade(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        ensure_schema(con)
        for doc, location, kind, title, published in DOCS:
            con.execute("insert into documents (doc_id, source, location, kind, title, published_at, sha256, n_chars, "
                        "ingested_at) values (?, ?, ?, ?, ?, ?, 'h', 1, now())",
                        [doc, f"src-{doc}", location, kind, title, published])
        for claim, doc, value, text, approx, quote, span in CLAIMS:
            con.execute("insert into claims (claim_id, doc_id, source, model, metric, unit, value, value_text, tier, "
                        "bound, approx, hedged, quote, span_start, span_end) values (?, ?, ?, 'gpt-x', 'price_input', "
                        "'usd_per_mtok', ?, ?, 'standard', 'exact', ?, false, ?, ?, ?)",
                        [claim, doc, f"src-{doc}", value, text, approx, quote, span, span + 5])
        for key, value, text, status, confidence, agree, dissent in FACTS:
            con.execute("insert into reconciled_facts (fact_key, model, metric, tier, unit, value, value_text, status, "
                        "confidence, method, supporting_claim_ids, dissenting_claim_ids) values (?, 'gpt-x', "
                        "'price_input', 'standard', 'usd_per_mtok', ?, ?, ?, coalesce(?, 0.0), 'truthfinder', ?, ?)",
                        [key, value, text, status, confidence, agree, dissent])
    return tmp_path / "w.duckdb"


def test_each_review_is_the_former_builders_on_handmade_rows(handmade, tmp_path):
    with duckdb.connect(str(handmade), read_only=True) as con:
        expected, built = _expected(con), claim_reviews(con, tmp_path)
    assert built == expected and len(built) == len(CLAIMS)
    assert [r["identifier"] for r in built] == ["c2", "c1", "c3", "c4", "c5"]  # source, span, claim id


def test_chunks_written_in_turn_make_the_same_reviews(handmade, tmp_path, monkeypatch):
    from pipeline.report import claimreview
    with duckdb.connect(str(handmade), read_only=True) as con:
        whole = claim_reviews(con, tmp_path)
        monkeypatch.setattr(claimreview, "CHUNK_CLAIMS", 1)
        assert claim_reviews(con, tmp_path) == whole and [p.name for p in tmp_path.iterdir()] == ["w.duckdb"]


def test_the_streamed_file_is_inert_and_parses_to_the_former_builders_reviews(handmade, tmp_path):
    path = tmp_path / "reports" / "claimreview.jsonld"
    with duckdb.connect(str(handmade), read_only=True) as con:
        count, expected = write_claim_reviews(con, path).count, _expected(con)
    text = path.read_text(encoding="utf-8")
    assert count == len(CLAIMS) and json.loads(text) == {"@context": "https://schema.org", "@graph": expected}
    assert not any(c in text for c in "<>&\u2028\u2029") and "\\u003c/script\\u003e" in text
    assert jsonld_dumps(json.loads(text)).count("\\u0026") == text.count("\\u0026")  # the same escapes as before


def test_the_seeds_reviews_are_the_former_builders_and_an_unchanged_file_is_kept(seeded, tmp_path):
    warehouse, _ = seeded
    path = tmp_path / "claimreview.jsonld"
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        expected = _expected(con)
        assert claim_reviews(con, tmp_path) == expected and len(expected) > 50
        written = publish_claim_reviews(con, path)
        assert written[:2] == (len(expected), False) and written.rewritten == written.parts > 10
        before = path.stat().st_mtime_ns
        assert publish_claim_reviews(con, path)[:2] == (len(expected), True)
    assert path.stat().st_mtime_ns == before and json.loads(path.read_text(encoding="utf-8"))["@graph"] == expected


def test_a_changed_fact_writes_its_part_alone_and_the_file_is_a_fresh_writes(handmade, tmp_path):
    path = tmp_path / "reports" / "claimreview.jsonld"
    parts = path.with_name("claimreview.jsonld.parts")
    with duckdb.connect(str(handmade), read_only=True) as con:
        first = write_claim_reviews(con, path)
    before = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    assert (first.parts, first.rewritten, len(before)) == (3, 3, 3)
    with duckdb.connect(str(handmade)) as con:
        con.execute("update reconciled_facts set confidence = 0.5 where fact_key = 'f3'")  # shown as 0.50
        con.execute("update reconciled_facts set confidence = 0.1249 where fact_key = 'f1'")  # still 0.12
    with duckdb.connect(str(handmade), read_only=True) as con:
        again, expected, fresh = write_claim_reviews(con, path), _expected(con), claim_reviews(con, tmp_path)
    after = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    assert (again.count, again.parts, again.rewritten) == (len(CLAIMS), 3, 1)
    assert len(after) == 3 and len(set(after) & set(before)) == 2  # f3's old part removed, the others untouched
    assert all(after[name] == before[name] for name in set(after) & set(before))
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
    assert graph == expected == fresh and "confidence 0.50" in graph[-1]["reviewBody"]


def test_a_part_missing_from_the_folder_is_written_again(handmade, tmp_path):
    path = tmp_path / "claimreview.jsonld"
    with duckdb.connect(str(handmade), read_only=True) as con:
        write_claim_reviews(con, path)
        whole = path.read_bytes()
        victim = sorted(path.with_name("claimreview.jsonld.parts").iterdir())[0]
        victim.unlink()
        assert write_claim_reviews(con, path).rewritten == 1 and path.read_bytes() == whole and victim.exists()


def test_a_large_fact_is_cut_by_source_and_one_changed_document_rewrites_one_of_its_parts(handmade, tmp_path,
                                                                                         monkeypatch):
    from pipeline.report import claimreview
    with duckdb.connect(str(handmade)) as con:  # f1 gets a claim from each of six more documents
        for k in range(4, 10):
            con.execute("insert into documents (doc_id, source, location, kind, sha256, n_chars, ingested_at) "
                        "values (?, ?, ?, 'file', 'h', 1, now())", [f"d{k}", f"src-d{k}", f"d{k}.md"])
            con.execute("insert into claims (claim_id, doc_id, source, model, metric, unit, value, tier, bound, "
                        "approx, hedged, quote, span_start, span_end) values (?, ?, ?, 'gpt-x', 'price_input', "
                        "'usd_per_mtok', 2.5, 'standard', 'exact', false, false, 'at $2.50', 0, 8)",
                        [f"c{k + 2}", f"d{k}", f"src-d{k}"])
            con.execute("update reconciled_facts set supporting_claim_ids = list_append(supporting_claim_ids, ?) "
                        "where fact_key = 'f1'", [f"c{k + 2}"])
    monkeypatch.setattr(claimreview, "PART_REVIEWS", 1)  # f1's 8 reviews in 8 buckets by source
    path = tmp_path / "claimreview.jsonld"
    with duckdb.connect(str(handmade), read_only=True) as con:
        first = write_claim_reviews(con, path)
        graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
        expected = _expected(con)
    key = lambda review: review["identifier"]  # noqa: E731
    assert first.parts == first.rewritten > 5 and sorted(graph, key=key) == sorted(expected, key=key)
    assert [r["reviewBody"] for r in graph] == [r["reviewBody"] for r in expected]  # grouped by fact, in order
    with duckdb.connect(str(handmade)) as con:
        con.execute("update claims set quote = 'at $2.50 a million' where claim_id = 'c6'")  # one document of f1
    with duckdb.connect(str(handmade), read_only=True) as con:
        again = write_claim_reviews(con, path)
        expected = _expected(con)
    assert (again.parts, again.rewritten) == (first.parts, 1)
    assert sorted(json.loads(path.read_text(encoding="utf-8"))["@graph"], key=key) == sorted(expected, key=key)
