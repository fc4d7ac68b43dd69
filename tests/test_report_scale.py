"""The report at scale, in real headless Chromium: 536 conflicts from a real
reconciliation (tests/report_scale.py), rendered at 1280 and 390 px, with the
search and filters, the contents links, the collapsed model groups and the
full-document pages working, and no request made by any page (a logging
proxy sees every request Chromium makes; the page's CSP forbids them too)."""
import re
import struct
import threading
import time
from http.server import ThreadingHTTPServer

import pytest

from pipeline.report.data import read_report_data
from pipeline.report.render import write_report
from tests.report_scale import build_scale_warehouse
from tests.test_report_browser import _chromium, _Logged, _run


@pytest.fixture(scope="module")
def scale_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    con = build_scale_warehouse(root)
    n = con.execute("select count(*) from conflicts").fetchone()[0]
    (root / "sources").mkdir()
    data = read_report_data(con, root / "sources", root / "reports")
    con.close()
    write_report(data, root / "reports", "w.duckdb")
    return root / "reports", n


@pytest.fixture()
def served(scale_report):
    folder, n = scale_report
    _Logged.folder, _Logged.seen = folder, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Logged)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder, n
    finally:
        server.shutdown()
        server.server_close()


def _dom(tmp_path, base, url):
    return _run(_chromium(), tmp_path, base, "--virtual-time-budget=5000", "--dump-dom", url).stdout


def _cards(dom):
    tags = re.findall(r"<article class=\"card conflict-card[^>]*>", dom)
    return len(tags), [t for t in tags if " hidden" not in t]


def test_500_conflicts_collapse_into_model_groups_with_contents(served, tmp_path):
    base, folder, n = served
    assert n >= 500
    html = (folder / "conflicts.html").read_text(encoding="utf-8")
    assert len(html) < 4_000_000  # one page stays a few MB at most
    dom = _dom(tmp_path, base, f"{base}/conflicts.html")
    total, visible = _cards(dom)
    assert total == n and len(visible) == n
    groups = re.findall(r"<details class=\"model\"[^>]*>", dom)
    assert len(groups) == 8 and not [g for g in groups if " open" in g]  # collapsed at this size
    contents = re.findall(r'<a href="#(model-\d+)">', dom)
    assert len(contents) == 8 and all(f'id="{anchor}"' in dom for anchor in contents)
    assert "$2.50 / 1M input tokens" in html and "≤300 ms" in html and "128K tokens" in html
    assert not re.search(r">\s*300\.0\s*<", html)
    assert re.search(r'class="theader"[^>]*>\| model \| input \$/1M \| output \$/1M \|</div>', html)
    assert "https://example.com/" in html  # the reference's citation
    assert "supports</span>" in html and "dissents</span>" in html
    assert "expect_column_values_to_be_between" in html and "1 failed" in html


def test_search_and_filters_hide_cards_and_a_contents_link_opens_its_group(served, tmp_path):
    base, folder, n = served
    _, visible = _cards(_dom(tmp_path, base, f"{base}/conflicts.html?q=gpt-4o-mini+setup+1"))
    assert 0 < len(visible) < n and all('data-search="' in v and "gpt-4o-mini" in v for v in visible)
    _, visible = _cards(_dom(tmp_path, base, f"{base}/conflicts.html?q=gpt-4o-mini&explanation=misattribution"))
    assert visible and all('data-explanation="misattribution"' in v and "gpt-4o-mini" in v for v in visible)
    _, visible = _cards(_dom(tmp_path, base, f"{base}/conflicts.html?q=no-such-model"))
    assert visible == []
    dom = _dom(tmp_path, base, f"{base}/conflicts.html#model-3")
    assert re.search(r'<details class="model" id="model-3" open=""', dom)
    assert not re.search(r'<details class="model" id="model-2" open=""', dom)
    dom = _dom(tmp_path, base, f"{base}/conflicts.html?severity=high&q=%E6%AF%8F%E7%A7%92")  # 每秒: Chinese quotes
    _, visible = _cards(dom)
    assert visible and "每秒输出" in dom
    assert not [t for t, referer in _Logged.seen if "conflicts.html" in referer]


def test_screenshots_at_desktop_and_mobile_widths_and_document_pages(served, tmp_path):
    base, folder, n = served
    chromium = _chromium()
    for width in (1280, 390):
        shot = tmp_path / f"report-{width}.png"
        started = time.monotonic()
        _run(chromium, tmp_path, base, f"--window-size={width},1800", f"--screenshot={shot}",
             f"{base}/conflicts.html?q=gpt-4o#model-0")
        print(f"{width}px: screenshot in {time.monotonic() - started:.1f}s")
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (width, 1800)
        assert len(data) > 20_000
    html = (folder / "conflicts.html").read_text(encoding="utf-8")
    link = re.search(r'href="(docs/doc0a\.html#claim-(c\d+))"', html)
    assert link
    page = folder / link.group(1).split("#")[0]
    dom = _dom(tmp_path, base, f"{base}/{link.group(1)}")
    assert f'id="claim-{link.group(2)}"' in dom and dom.count("<mark title=") >= 2
    assert "latency = ≤300 ms" in page.read_text(encoding="utf-8")
    shot = tmp_path / "document-390.png"
    _run(chromium, tmp_path, base, "--window-size=390,900", f"--screenshot={shot}", f"{base}/{link.group(1)}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    others = [t for t, _ in _Logged.seen if not re.search(r"/(conflicts\.html|docs/doc0a\.html)", t)]
    assert all(re.search(r"(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)", t) for t in others), others
