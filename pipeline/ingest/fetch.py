"""HTTP fetching for URL sources on a budget: one total deadline per URL
(connects, reads, retries, redirects and slow drips together), retries with
backoff on 5xx and connection errors while time remains, a size cap on the
decompressed body, text content types only, and http(s) only, redirects
included."""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlparse

import requests
import urllib3
from requests.adapters import HTTPAdapter

USER_AGENT = "claims-warehouse/0.1 (+fact-check warehouse for AI model claims)"
TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/json")
RETRY_STATUSES = (500, 502, 503, 504)
CHUNK = 64 * 1024


class FetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    backoff: float = 0.5
    deadline: float = 30.0  # seconds for everything one URL takes
    workers: int = 20  # URLs fetched at once (pipeline.ingest.sources.read_all)
    max_redirects: int = 10


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    content_type: str
    data: bytes


def make_session(policy: FetchPolicy) -> requests.Session:
    """A session without urllib3 retries: fetch() retries itself, within its deadline."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    session.max_redirects = policy.max_redirects
    adapter = HTTPAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _check_scheme(url: str) -> None:
    if urlparse(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}")


class _Deadline:
    def __init__(self, url: str, seconds: float):
        self.url, self.seconds, self.end = url, seconds, time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchError(f"timed out: {self.url} took longer than its {self.seconds:g} s deadline")
        return left

    def timeouts(self, policy: FetchPolicy) -> tuple[float, float]:
        left = self.left()
        return min(policy.connect_timeout, left), min(policy.read_timeout, left)


def _response_hook(deadline: _Deadline):
    def hook(response: requests.Response, *args, **kwargs) -> None:
        if response.is_redirect:
            _check_scheme(requests.compat.urljoin(response.url, response.headers.get("location", "")))
            deadline.left()  # a chain of slow redirects is bounded too
    return hook


def _read_body(response: requests.Response, url: str, policy: FetchPolicy, deadline: _Deadline) -> bytes:
    """read1 returns what has arrived, so a drip of one byte a second meets
    the deadline check instead of blocking a buffered read for hours."""
    body = bytearray()
    while True:
        deadline.left()
        try:
            chunk = response.raw.read1(CHUNK, decode_content=True)
        except (urllib3.exceptions.ReadTimeoutError, TimeoutError) as exc:
            raise FetchError(f"timed out: {url} (no data for {policy.read_timeout:g} s)") from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(f"request failed: {url}: {exc}") from exc
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > policy.max_bytes:
            raise FetchError(f"response exceeds the {policy.max_bytes}-byte cap: {url}")


def _attempt(url: str, policy: FetchPolicy, session: requests.Session, deadline: _Deadline) -> Fetched:
    with session.get(url, timeout=deadline.timeouts(policy), stream=True,
                     hooks={"response": _response_hook(deadline)}) as response:
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(f"HTTP {response.status_code} {response.reason} from {url}")
        if response.status_code >= 400:
            raise FetchError(f"HTTP {response.status_code} {response.reason} from {url}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if not content_type.startswith(TEXT_TYPES):
            raise FetchError(f"not a text content type: {content_type or 'none'} from {url}")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > policy.max_bytes:
            raise FetchError(f"response of {int(declared)} bytes exceeds the {policy.max_bytes}-byte cap: {url}")
        data = _read_body(response, url, policy, deadline)
        return Fetched(url=url, final_url=response.url, content_type=content_type, data=data)


class _Retryable(Exception):
    pass


def fetch(url: str, policy: FetchPolicy = FetchPolicy(), session: requests.Session | None = None) -> Fetched:
    _check_scheme(url)
    session = session or make_session(policy)
    deadline = _Deadline(url, policy.deadline)
    last = ""
    for attempt in range(policy.retries + 1):
        if attempt:
            pause = policy.backoff * 2 ** (attempt - 1)
            if pause >= deadline.left():
                break
            time.sleep(pause)
        try:
            return _attempt(url, policy, session, deadline)
        except _Retryable as exc:
            last = str(exc)
        except requests.exceptions.ConnectionError as exc:
            if isinstance(exc, requests.exceptions.ConnectTimeout) or "timed out" in str(exc).lower():
                last = f"timed out: {url}"
            else:
                last = f"request failed: {url}: {exc}"
        except requests.exceptions.Timeout as exc:
            raise FetchError(f"timed out: {url}") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"request failed: {url}: {exc}") from exc
    raise FetchError(f"{last} (still failing after {policy.retries} retries)")
