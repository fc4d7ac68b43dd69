"""URL sources on a budget, against a real HTTP server on 127.0.0.1: one total
deadline per URL (a slow drip is cut off), URLs fetched concurrently (many
hanging URLs cost about one deadline per pool round), bytes checked against
the content type, and error pages served with HTTP 200 refused."""
import time

import pytest

from pipeline.ingest.fetch import FetchError, FetchPolicy, fetch
from pipeline.ingest.sources import SourceRef, read_all, read_source
from pipeline.records import Document, IngestError

QUICK = FetchPolicy(connect_timeout=1.0, read_timeout=5.0, retries=2, backoff=0.01, deadline=1.5, workers=10)


def test_a_slow_drip_is_cut_off_at_the_total_deadline(http_server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="deadline"):
        fetch(f"{http_server}/drip", QUICK)
    assert time.monotonic() - started < 3


def test_a_hanging_server_costs_one_deadline_not_timeouts_times_retries(http_server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{http_server}/hang", QUICK)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("path, message", [
    ("/soft-404", "error page served with HTTP 200"),
    ("/pdf-as-html", "the bytes are a PDF"),
])
def test_pages_that_are_not_articles_are_ingest_errors(http_server, path, message):
    got = read_source(SourceRef("url", f"{http_server}{path}", f"{http_server}{path}"), None, QUICK)
    assert isinstance(got, IngestError) and message in got.error


def test_html_served_as_plain_text_is_read_as_html(http_server):
    got = read_source(SourceRef("url", f"{http_server}/html-as-text", "x"), None, QUICK)
    assert isinstance(got, Document) and got.raw_text and got.title == "Claude 3.5 Sonnet review"


def test_twenty_urls_half_hanging_take_about_one_deadline(http_server, tmp_path):
    urls = [f"{http_server}/hang/{i}" if i % 2 else f"{http_server}/article.md?{i}" for i in range(20)]
    (tmp_path / "sources.yaml").write_text("urls:\n" + "".join(f"  - {u}\n" for u in urls), encoding="utf-8")
    started = time.monotonic()
    _, results = read_all(tmp_path, policy=QUICK)
    elapsed = time.monotonic() - started
    assert sum(isinstance(r, Document) for r in results) == 10
    assert sum(isinstance(r, IngestError) and "timed out" in r.error for r in results) == 10
    assert elapsed < 2 * QUICK.deadline + 2, elapsed
