"""URL sources against a real HTTP server on 127.0.0.1: each way a fetch goes
wrong gives a clear error naming the URL, and retries cover transient 5xx."""
import pytest

from pipeline.ingest.fetch import FetchError, FetchPolicy, fetch

FAST = FetchPolicy(connect_timeout=1.0, read_timeout=0.5, max_bytes=5 * 1024 * 1024, retries=2, backoff=0.01)


def test_a_good_url_is_fetched_as_text(http_server):
    got = fetch(f"{http_server}/article.md", FAST)
    assert got.content_type == "text/markdown"
    assert b"GPT-4o mini costs" in got.data


def test_transient_503s_are_retried(http_server):
    got = fetch(f"{http_server}/flaky", FAST)
    assert b"GPT-4o mini" in got.data


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404"),
    ("/slow", "timed out"),
    ("/huge", "byte cap"),
    ("/binary", "not a text content type"),
    ("/to-ftp", "only http and https"),
    ("/always-500", "retries"),
])
def test_bad_urls_fail_with_a_clear_error(http_server, path, message):
    with pytest.raises(FetchError, match=message) as info:
        fetch(f"{http_server}{path}", FAST)
    assert "127.0.0.1" in str(info.value) or "ftp" in str(info.value)


def test_non_http_schemes_are_refused_before_any_request():
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd", FAST)
