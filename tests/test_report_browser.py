"""The conflict report as a reviewer sees it: opened in real headless Chromium
(Debian's `chromium`), its conflict cards and chart rendered, a screenshot of
real size, and no network request made by the page. Every request Chromium
makes goes through a logging proxy on 127.0.0.1, so one would be seen."""
import os
import html
import re
import shutil
import struct
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import duckdb
import pytest

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-features=Translate,OptimizationHints,MediaRouter", "--hide-scrollbars"]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = ("headless Chromium not found: install it with `sudo apt-get install -y chromium fonts-noto-cjk` "
               "(Debian) to run the browser test")
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _Logged(BaseHTTPRequestHandler):
    """Serves the reports folder and records every request it sees, proxied or not."""

    folder = None
    seen: list = []  # (request target, Referer)

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        _Logged.seen.append((self.path, self.headers.get("Referer", "")))
        path = self.path.split("?")[0]
        if path.startswith("http://127.0.0.1") or path.startswith("http://localhost"):
            path = "/" + path.split("/", 3)[3]
        target = self.folder / path.lstrip("/")
        if path.startswith("/") and target.is_file():
            body = target.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"blocked by the test"
            self.send_response(403)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_CONNECT(self):  # noqa: N802
        _Logged.seen.append((f"CONNECT {self.path}", self.headers.get("Referer", "")))
        self.send_response(403)
        self.end_headers()


@pytest.fixture()
def report_server(seeded):
    warehouse, _ = seeded
    _Logged.folder = warehouse / "reports"
    _Logged.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Logged)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", warehouse
    finally:
        server.shutdown()
        server.server_close()


def _run(chromium, tmp_path, proxy, *args):
    flags = CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}", f"--proxy-server={proxy}",
                              "--proxy-bypass-list=<-loopback>"]
    return subprocess.run([chromium, *flags, *args], capture_output=True, text=True, timeout=120)


def test_report_renders_cards_and_chart_without_network(report_server, tmp_path):
    chromium = _chromium()
    base, warehouse = report_server
    url = f"{base}/conflicts.html"
    dom = _run(chromium, tmp_path, base, "--virtual-time-budget=3000", "--dump-dom", url).stdout
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        n_conflicts = con.execute("select count(*) from conflicts").fetchone()[0]
        chinese = [q for (q,) in con.execute(
            "select distinct c.quote from conflicts f, unnest(f.claim_ids) as u(claim_id) "
            "join claims c on c.claim_id = u.claim_id where regexp_matches(c.quote, '[\u4e00-\u9fff]')").fetchall()]
    assert n_conflicts > 0
    assert len(re.findall(r'class="card conflict-card', dom)) == n_conflicts
    assert '<svg class="chart"' in dom and "claim-dot" in dom and "reference-line" in dom
    assert chinese and any(html.escape(q, quote=False) in dom for q in chinese)  # Chinese quotes survive as text
    shot = tmp_path / "report.png"
    _run(chromium, tmp_path, base, "--window-size=1280,2400", f"--screenshot={shot}", url)
    data = shot.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (1280, 2400) and len(data) > 50_000
    # the page asked for nothing: no request names it as referrer, and apart from the page itself only
    # Chromium's own service hosts (time, accounts, updates; not the page's doing) were contacted
    assert any(target.endswith("/conflicts.html") for target, _ in _Logged.seen)
    assert not [t for t, referer in _Logged.seen if "conflicts.html" in referer]
    others = [t for t, _ in _Logged.seen if not t.endswith("/conflicts.html")]
    assert all(re.search(r"(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)", t) for t in others), others


def test_report_is_self_contained(seeded):
    """No script, stylesheet, font or image is fetched: the file is all there is
    (one inline filter script, and a CSP that forbids any fetch); the same for
    every full-document page, and no link is an absolute file path."""
    warehouse, _ = seeded
    pages = [warehouse / "reports" / "conflicts.html", *sorted((warehouse / "reports" / "docs").glob("*.html"))]
    assert len(pages) > 1
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r"<script", html)) == (1 if page.name == "conflicts.html" else 0), page
        assert "<script src" not in html and "@import" not in html and "url(" not in html
        assert not re.search(r"<(?:link|img|script|iframe|source|video|audio)[^>]+(?:src|href)=\"(?:https?:)?//", html)
        assert '<meta charset="utf-8">' in html and "default-src 'none'" in html
        assert "file://" not in html and 'href="/' not in html, page
