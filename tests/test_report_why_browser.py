"""How each claim was read (claims.why) is on the report's pages as a reader
sees them in headless Chromium, not only in the HTML source: the source
page's claims table and its marks (focused, as a tap or Tab shows them), and
the claims listed on the conflict cards. Run over the main job's output for
the seeds; the page stays script-free under its CSP."""
from __future__ import annotations

import html
import json
import re
import shutil
import threading
from http.server import ThreadingHTTPServer

import duckdb
import pytest

from pipeline.report.data import doc_page
from tests.test_report_browser import _chromium, _Logged, _run

HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="page" src="%s" style="width:1000px;height:700px;border:0"></iframe><pre id="out">pending</pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {
  const doc = frame.contentDocument, win = frame.contentWindow;
  const mark = [...doc.querySelectorAll("mark")].find(m => m.title.includes("why: "));
  const rows = {};
  doc.querySelectorAll("tr[id^=row-]").forEach(r => { rows[r.id.slice(4)] = r.querySelector(".read-why").textContent; });
  mark.focus();
  const out = {title: mark.title, focused: win.getComputedStyle(mark, "::after").content, rows: rows,
               csp: doc.querySelector("meta[http-equiv]").content, scripts: doc.querySelectorAll("script").length};
  document.getElementById("out").textContent = JSON.stringify(out);
});
</script></body></html>"""


def _claims(warehouse, sql, params=()):
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture()
def served(seeded, tmp_path):
    warehouse, _ = seeded
    folder = tmp_path / "reports"
    shutil.copytree(warehouse / "reports", folder)
    _Logged.folder, _Logged.seen = folder, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Logged)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", warehouse, folder
    finally:
        server.shutdown()
        server.server_close()


def test_the_source_page_shows_why_in_its_claims_table_and_focused_marks(served, tmp_path):
    base, warehouse, folder = served
    doc_id = next(d for (d,) in _claims(warehouse, "select distinct doc_id from claims order by doc_id")
                  if (folder / doc_page(d)).exists())
    whys = dict(_claims(warehouse, "select claim_id, why from claims where doc_id = ?", [doc_id]))
    assert whys and all(whys.values())  # the extractor said why for every claim
    (folder / "harness.html").write_text(HARNESS % doc_page(doc_id), encoding="utf-8")
    dom = _run(_chromium(), tmp_path, base, "--virtual-time-budget=5000", "--dump-dom", f"{base}/harness.html").stdout
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1) != "pending", dom[-2000:]
    seen = json.loads(html.unescape(found.group(1)))
    assert seen["rows"] == whys  # every claim's row shows its why, as stored
    shown = [w for w in whys.values() if f"why: {w}" in seen["title"]]
    assert shown, seen["title"]  # the mark names how each of its claims was read
    assert any(w in seen["focused"] for w in shown if '"' not in w and "\\" not in w), seen["focused"]
    assert seen["scripts"] == 0 and "script-src" not in seen["csp"] and "default-src 'none'" in seen["csp"]


def test_conflict_cards_show_why_under_each_claim_they_list(served, tmp_path):
    base, warehouse, _ = served
    dom = _run(_chromium(), tmp_path, base, "--virtual-time-budget=3000", "--dump-dom", f"{base}/conflicts.html").stdout
    listed = [html.unescape(w) for w in re.findall(r'<div class="muted read-why"[^>]*>why: (.*?)</div>', dom, re.S)]
    members = {w for (w,) in _claims(warehouse, "select distinct c.why from conflict_values v, unnest(v.claim_ids) "
                                                "as u(claim_id) join claims c on c.claim_id = u.claim_id")}
    assert len(listed) >= 10 and set(listed) <= members
    claims_on_cards = len(re.findall(r'<div class="claim">', dom))
    assert len(listed) == claims_on_cards  # one why line per claim a card lists
