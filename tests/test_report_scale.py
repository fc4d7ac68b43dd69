"""The report at scale, in real headless Chromium: 536 conflicts from a real
reconciliation (tests/report_scale.py) make a summary page and a page per
model (pipeline/report/pages.py), each a few hundred KB; rendered at 1280 and
390 px, with the search and filters (on the summary page they pick models and
carry into each model's page), the contents links, the collapsible groups and
the full-document pages working, and no request made by any page (a logging
proxy sees every request Chromium makes; the page's CSP forbids them too)."""
import json
import re
import struct
import threading
import time
from http.server import ThreadingHTTPServer

import pytest

from pipeline.report import pages
from pipeline.report.pages import publish_report
from pipeline.store.sqlfiles import fetch_dicts
from tests.reconcile_helpers import rerun
from tests.report_scale import MODELS, build_scale_warehouse
from tests.test_report_browser import _chromium, _Logged, _run


@pytest.fixture(scope="module")
def scale_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    con = build_scale_warehouse(root)
    n = con.execute("select count(*) from conflicts").fetchone()[0]
    (root / "sources").mkdir()
    written = publish_report(con, root / "sources", root / "reports", "w.duckdb")
    again = publish_report(con, root / "sources", root / "reports", "w.duckdb")
    con.close()
    return root / "reports", n, written, again


@pytest.fixture()
def served(scale_report):
    folder, n, _, _ = scale_report
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


def test_500_conflicts_make_a_summary_page_and_bounded_pages_per_model(served, tmp_path, scale_report):
    base, folder, n = served
    _, _, written, again = scale_report
    assert n >= 500 > pages.PAGE_CONFLICTS
    summary = (folder / "conflicts.html").read_text(encoding="utf-8")
    assert len(summary) < 200_000 and "article class=\"card" not in summary
    model_pages = sorted(folder.glob("model-*.html"))
    assert len(model_pages) == len(MODELS) and all(p.stat().st_size < 1_000_000 for p in model_pages)
    links = re.findall(r'<a class="model-link" href="(model-[^"]+\.html)">', summary)
    assert sorted(links) == sorted(p.name for p in model_pages)
    contents = re.findall(r'<li><a href="(model-[^"]+\.html)">', summary)
    assert sorted(contents) == sorted(links)
    total = 0
    for page in model_pages:
        dom = _dom(tmp_path, base, f"{base}/{page.name}")
        cards, visible = _cards(dom)
        assert cards == len(visible) > 0
        total += cards
    assert total == n
    html = "".join(p.read_text(encoding="utf-8") for p in model_pages)
    assert "$2.50 / 1M input tokens" in html and "≤300 ms" in html and "128K tokens" in html
    assert not re.search(r">\s*300\.0\s*<", html)
    assert re.search(r'class="theader"[^>]*>\| model \| input \$/1M \| output \$/1M \|</div>', html)
    assert "https://example.com/" in html  # the reference's citation
    assert "supports</span>" in html and "dissents</span>" in html
    assert "expect_column_values_to_be_between" in summary and "1 failed" in summary
    assert (folder / "facts.html").exists() and (folder / "sources.html").exists()
    assert written.rendered == written.pages and not written.skipped
    assert again.skipped and again.rendered == 0  # nothing the report is made from changed: no page is written


def test_models_split_into_parts_when_one_model_has_more_than_a_page(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_CONFLICTS", 20)
    con = build_scale_warehouse(tmp_path, 8)  # 8 models x 25 conflicts
    (tmp_path / "sources").mkdir()
    publish_report(con, tmp_path / "sources", tmp_path / "reports", "w.duckdb")
    parts = sorted(p.name for p in (tmp_path / "reports").glob("model-gpt-4o.html")) + \
        sorted(p.name for p in (tmp_path / "reports").glob("model-gpt-4o-2.html"))
    assert parts == ["model-gpt-4o.html", "model-gpt-4o-2.html"]
    first = (tmp_path / "reports" / "model-gpt-4o.html").read_text(encoding="utf-8")
    assert first.count('<article class="card conflict-card') == 20 and 'href="model-gpt-4o-2.html"' in first
    second = (tmp_path / "reports" / "model-gpt-4o-2.html").read_text(encoding="utf-8")
    assert second.count('<article class="card conflict-card') == 5
    con.execute("delete from claims where model = 'gpt-4o' and metric <> 'price_input'")
    rerun(con)
    written = publish_report(con, tmp_path / "sources", tmp_path / "reports", "w.duckdb")
    assert not written.skipped and 0 < written.rendered < written.pages  # only the pages whose data changed
    assert not (tmp_path / "reports" / "model-gpt-4o-2.html").exists()  # a part fewer: the stale page goes


def test_search_and_filters_pick_models_and_carry_into_their_pages(served, tmp_path):
    base, folder, n = served
    dom = _dom(tmp_path, base, f"{base}/conflicts.html?q=gpt-4o-mini")
    rows = re.findall(r'<tr class="model-row"[^>]*>', dom)
    assert len(rows) == len(MODELS) and len([r for r in rows if " hidden" not in r]) == 1
    assert 'href="model-gpt-4o-mini.html?q=gpt-4o-mini"' in dom
    dom = _dom(tmp_path, base, f"{base}/conflicts.html?q=no-such-model")
    assert not [r for r in re.findall(r'<tr class="model-row"[^>]*>', dom) if " hidden" not in r]
    _, visible = _cards(_dom(tmp_path, base, f"{base}/model-gpt-4o-mini.html?q=gpt-4o-mini+setup+1"))
    total, _ = _cards(_dom(tmp_path, base, f"{base}/model-gpt-4o-mini.html"))
    assert 0 < len(visible) < total and all('data-search="' in v and "gpt-4o-mini" in v for v in visible)
    _, visible = _cards(_dom(tmp_path, base, f"{base}/model-gpt-4o-mini.html?explanation=misattribution"))
    assert visible and all('data-explanation="misattribution"' in v for v in visible)
    dom = _dom(tmp_path, base, f"{base}/model-qwen2.5-72b.html?severity=high&q=%E6%AF%8F%E7%A7%92")  # 每秒
    _, visible = _cards(dom)
    assert visible and "每秒输出" in dom
    assert not [t for t, referer in _Logged.seen if "conflicts.html" in referer or "model-" in referer]


def test_screenshots_at_desktop_and_mobile_widths_and_document_pages(served, tmp_path):
    base, folder, n = served
    chromium = _chromium()
    for width in (1280, 390):
        for page in ("conflicts.html?q=gpt-4o", "model-gpt-4o.html?q=setup#model-0"):
            shot = tmp_path / f"report-{width}.png"
            started = time.monotonic()
            _run(chromium, tmp_path, base, f"--window-size={width},1800", f"--screenshot={shot}", f"{base}/{page}")
            print(f"{page} at {width}px: screenshot in {time.monotonic() - started:.1f}s")
            data = shot.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (width, 1800)
            assert len(data) > 20_000
    html = (folder / "model-gpt-4o.html").read_text(encoding="utf-8")
    link = re.search(r'href="(docs/doc0a\.html#claim-(c\d+))"', html)
    assert link
    page = folder / link.group(1).split("#")[0]
    dom = _dom(tmp_path, base, f"{base}/{link.group(1)}")
    assert f'id="claim-{link.group(2)}"' in dom and dom.count("<mark title=") >= 2
    assert "latency = ≤300 ms" in page.read_text(encoding="utf-8")
    shot = tmp_path / "document-390.png"
    _run(chromium, tmp_path, base, "--window-size=390,900", f"--screenshot={shot}", f"{base}/{link.group(1)}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    others = [t for t, _ in _Logged.seen if not re.search(r"/(conflicts\.html|model-gpt-4o\.html|docs/doc0a\.html)", t)]
    assert all(re.search(r"(?:google\.com|googleapis\.com|gvt1\.com|gstatic\.com)", t) for t in others), others


def test_a_model_whose_pages_data_did_not_change_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_CONFLICTS", 20)
    con = build_scale_warehouse(tmp_path, 8)
    (tmp_path / "sources").mkdir()
    folder = tmp_path / "reports"
    first = publish_report(con, tmp_path / "sources", folder, "w.duckdb")
    manifest = json.loads((folder / pages.MANIFEST).read_text(encoding="utf-8"))
    manifest.pop(pages.INPUTS, None)  # the report's inputs unknown: every page is considered again
    (folder / pages.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    read, real = [], pages.read_report_data
    monkeypatch.setattr(pages, "read_report_data", lambda *a, **k: read.append(k.get("models")) or real(*a, **k))
    again = publish_report(con, tmp_path / "sources", folder, "w.duckdb")
    assert read == [None] and again.pages == first.pages and again.rendered == 1  # the summary page alone
    (folder / "model-gpt-4o-2.html").unlink()  # a page gone: its model is read and rendered again
    manifest = json.loads((folder / pages.MANIFEST).read_text(encoding="utf-8"))
    manifest.pop(pages.INPUTS, None)
    (folder / pages.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    read.clear()
    publish_report(con, tmp_path / "sources", folder, "w.duckdb")
    assert read == [None, ["gpt-4o"]] and (folder / "model-gpt-4o-2.html").exists()


def test_a_model_digest_follows_the_claims_its_cards_show_and_not_the_ones_they_count(tmp_path):
    """model_digests.sql hashes the first `members` claims of each value (the ones a card quotes); a change to
    a claim a card only counts leaves the model's pages as they are, a change to a quoted one renders them."""
    con = build_scale_warehouse(tmp_path, 8)
    conflict, rank, model, shown = con.execute(
        "select v.conflict_id, v.value_rank, c.model, v.claim_ids[1] from conflict_values as v"
        " inner join conflicts as c using (conflict_id) order by v.conflict_id, v.value_rank limit 1").fetchone()
    counted = f"{shown}-again"  # a copy of the quoted claim under another id
    con.execute("insert into claims select * replace (? as claim_id) from claims where claim_id = ?", [counted, shown])
    con.execute("update conflict_values set claim_ids = list_append(claim_ids, ?) where conflict_id = ?"
                " and value_rank = ?", [counted, conflict, rank])  # a second claim: counted on the card, not quoted

    def digest():
        return {r["model"]: r["digest"] for r in fetch_dicts(con, "publish/model_digests", {"members": 1})}[model]

    before = digest()
    con.execute("update claims set quote = quote || ' (edited)' where claim_id = ?", [counted])
    assert digest() == before
    con.execute("update claims set quote = quote || ' (edited)' where claim_id = ?", [shown])
    assert digest() != before
