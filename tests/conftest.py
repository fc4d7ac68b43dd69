"""Shared fixtures: a temporary warehouse and sources folder, and a real HTTP
server on 127.0.0.1 whose paths misbehave in the ways the web does."""
from __future__ import annotations

import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dagster as dg
import pytest

from pipeline.defs.resources import warehouse_resource

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REFERENCE = Path(__file__).parent.parent / "sources" / "reference"  # versioned snapshots, part of the repo

ARTICLE_MD = """---
title: GPT-4o mini launch notes
date: 2024-07-18
---

# GPT-4o mini

GPT-4o mini costs $0.15 per million input tokens and $0.60 per million output tokens.
It has a 128K token context window.
"""

ARTICLE_HTML = """<html><head><title>Claude 3.5 Sonnet review</title></head><body>
<article><h1>Claude 3.5 Sonnet review</h1>
<p>Claude 3.5 Sonnet has a 200K token context window, and it costs $3 per million input tokens.</p>
<p>It scored 92.0% on HumanEval in Anthropic's launch post, and it was released on June 20, 2024.</p>
</article></body></html>"""


SOFT_404 = """<html><head><title>Page not found</title></head><body>
<article><h1>Page not found</h1><p>Sorry, the page you asked for does not exist. Try the search box.</p>
</article></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    flaky_hits: dict = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/markdown; charset=utf-8",
              length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first, as timeout tests intend

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = self.path.split("?")[0]
        if path == "/article.md":
            self._send(200, ARTICLE_MD.encode())
        elif path == "/review.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/missing":
            self._send(404, b"not here", "text/plain")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"too late")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            chunk = b"x" * (1024 * 1024)
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/binary":
            self._send(200, b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
        elif path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/article.md")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/flaky":
            hits = _Handler.flaky_hits.get(path, 0) + 1
            _Handler.flaky_hits[path] = hits
            if hits < 3:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, ARTICLE_MD.encode())
        elif path == "/always-500":
            self._send(500, b"broken", "text/plain")
        elif path.startswith("/hang"):  # accepts, then never answers
            time.sleep(30)
        elif path == "/drip":  # a byte at a time, for ever: only a total deadline ends it
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/soft-404":
            self._send(200, SOFT_404.encode(), "text/html; charset=utf-8")
        elif path == "/pdf-as-html":
            self._send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "text/html")
        elif path == "/html-as-text":
            self._send(200, ARTICLE_HTML.encode(), "text/plain")
        else:
            self._send(404, b"unknown", "text/plain")


@pytest.fixture()
def http_server():
    """Base URL of a real server on 127.0.0.1, stopped after the test."""
    _Handler.flaky_hits = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def seeded(tmp_path_factory):
    """The main job (every asset and check) materialised once over the seeds."""
    import os
    import shutil
    root = tmp_path_factory.mktemp("seeded")
    sources = root / "sources"
    sources.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, sources / seed.name)
    env = {"SOURCES_DIR": str(sources), "WAREHOUSE_DIR": str(root / "warehouse"), "REFERENCE_DIR": str(REFERENCE)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from pipeline.definitions import defs
        result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                                resources={"duckdb": warehouse_resource(str(root / "warehouse" / "claims.duckdb"))})
        assert result.success
        yield root / "warehouse", result
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v



@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    """A sources folder holding the two seed articles and an empty warehouse,
    wired through SOURCES_DIR and WAREHOUSE_DIR as users would."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, sources / seed.name)
    warehouse = tmp_path / "warehouse"
    monkeypatch.setenv("SOURCES_DIR", str(sources))
    monkeypatch.setenv("WAREHOUSE_DIR", str(warehouse))
    monkeypatch.setenv("REFERENCE_DIR", str(REFERENCE))
    return sources, warehouse
