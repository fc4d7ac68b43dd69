"""HTTP fetching for URL sources: one requests session with urllib3 retries
(backoff on 5xx and connection errors), connect/read timeouts, a size cap,
text content types only, and http(s) only, redirects included."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

USER_AGENT = "claims-warehouse/0.1 (+fact-check warehouse for AI model claims)"
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/json")


class FetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    backoff: float = 0.5


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    content_type: str
    data: bytes


def make_session(policy: FetchPolicy) -> requests.Session:
    retry = Retry(
        total=policy.retries, connect=policy.retries, read=policy.retries,
        status=policy.retries, backoff_factor=policy.backoff,
        status_forcelist=(500, 502, 503, 504), allowed_methods=("GET", "HEAD"),
        raise_on_status=False,
    )
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _check_scheme(url: str) -> None:
    if urlparse(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}")


def _refuse_non_http_redirects(response: requests.Response, *args, **kwargs) -> None:
    if response.is_redirect:
        _check_scheme(requests.compat.urljoin(response.url, response.headers.get("location", "")))


def fetch(url: str, policy: FetchPolicy = FetchPolicy(), session: requests.Session | None = None) -> Fetched:
    _check_scheme(url)
    session = session or make_session(policy)
    try:
        with session.get(
            url, timeout=(policy.connect_timeout, policy.read_timeout), stream=True,
            hooks={"response": _refuse_non_http_redirects},
        ) as response:
            if response.status_code >= 500:
                raise FetchError(f"HTTP {response.status_code} {response.reason} from {url} "
                                 f"(still failing after {policy.retries} retries)")
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason} from {url}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if not content_type.startswith(TEXT_TYPES):
                raise FetchError(f"not a text content type: {content_type or 'none'} from {url}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                raise FetchError(f"response of {int(declared)} bytes exceeds the {policy.max_bytes}-byte cap: {url}")
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > policy.max_bytes:
                    raise FetchError(f"response exceeds the {policy.max_bytes}-byte cap: {url}")
            return Fetched(url=url, final_url=response.url, content_type=content_type, data=bytes(body))
    except requests.exceptions.RetryError as exc:
        raise FetchError(f"gave up after {policy.retries} retries: {url}: {exc}") from exc
    except requests.exceptions.Timeout as exc:
        raise FetchError(f"timed out: {url}") from exc
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"request failed: {url}: {exc}") from exc
