"""Extraction in worker processes through Parquet shards gives exactly the claims of extracting
one document at a time, keeps per-document failure isolation, and ignores a shard made from a
document version that is no longer current."""
from pathlib import Path

import duckdb
import pytest

from pipeline.bench_corpus import build_corpus
from pipeline.extract import ExtractFailure, extract_isolated, extractor_version
from pipeline.extract.parallel import extract_pending, extract_shard
from pipeline.ingest.fetch import FetchPolicy
from pipeline.store.claims import pending_documents, replace_claims
from pipeline.store.documents import ingest_sources
from pipeline.store.schema import apply_schema

FAST = FetchPolicy(connect_timeout=1.0, read_timeout=0.5, max_bytes=5 * 1024 * 1024, retries=1, backoff=0.01)
CLAIMS = "select * exclude (extractor) from claims order by claim_id"


def _warehouse(tmp_path: Path, name: str, n: int = 24) -> duckdb.DuckDBPyConnection:
    sources = tmp_path / "sources"
    if not sources.exists():
        build_corpus(sources, n)
    con = duckdb.connect(str(tmp_path / f"{name}.duckdb"))
    apply_schema(con)
    ingest_sources(con, sources, policy=FAST)
    return con


def test_two_workers_write_the_claims_of_one_document_at_a_time(tmp_path):
    version = extractor_version()
    serial = _warehouse(tmp_path, "serial")
    for doc in pending_documents(serial, version):
        found = extract_isolated(doc["text"], doc["source"])
        assert not isinstance(found, ExtractFailure)
        replace_claims(serial, doc["doc_id"], doc["sha256"], version, found)
    parallel = _warehouse(tmp_path, "parallel")
    summary = extract_pending(parallel, version, tmp_path / "shards", workers=2)
    assert summary.shards >= 2 and not summary.failures
    assert len(summary.extracted) == 24
    assert parallel.execute(CLAIMS).fetchall() == serial.execute(CLAIMS).fetchall()
    assert parallel.execute("select count(*) from claims").fetchone()[0] > 1000
    assert parallel.execute("select count(*) from extraction_state").fetchone()[0] == 24
    assert list((tmp_path / "shards").iterdir()) == []  # loaded shards are removed
    again = extract_pending(parallel, version, tmp_path / "shards", workers=2)
    assert again.shards == 0 and again.extracted == {}


def test_a_document_past_its_time_limit_fails_alone_and_keeps_its_claims(tmp_path, monkeypatch):
    version = extractor_version()
    con = _warehouse(tmp_path, "w", n=6)
    extract_pending(con, version, tmp_path / "shards", workers=1)
    before = con.execute(CLAIMS).fetchall()
    monkeypatch.setenv("EXTRACT_DEADLINE_SECONDS", "0.000001")  # spawned workers inherit it
    summary = extract_pending(con, version + "-next", tmp_path / "shards", workers=2)
    assert len(summary.failures) == 6 and summary.extracted == {}
    assert {f["error"].split(":")[0] for f in summary.failures} == {"DeadlineExceeded"}
    assert con.execute(CLAIMS).fetchall() == before


def test_a_shard_of_an_older_version_of_a_document_is_not_loaded(tmp_path):
    version = extractor_version()
    con = _warehouse(tmp_path, "w", n=3)
    docs = con.execute("select d.doc_id, d.source, d.sha256, t.text from documents d "
                       "join document_texts t using (doc_id) order by source").fetchdf().to_dict("records")
    stale = [dict(docs[0], sha256="0" * 64)]
    extract_shard(stale, version, str(tmp_path / "shards"), "stale")
    summary = extract_pending(con, version, tmp_path / "shards", workers=1)
    assert summary.shards >= 2  # the stale one, then the pending ones
    assert con.execute("select count(*) from extraction_state where sha256 = ?", ["0" * 64]).fetchone()[0] == 0
    assert len(summary.extracted) == 3


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_setting_is_read_from_the_environment(monkeypatch, workers):
    from pipeline.extract.parallel import configured_workers

    monkeypatch.setenv("EXTRACT_WORKERS", str(workers))
    assert configured_workers() == workers
