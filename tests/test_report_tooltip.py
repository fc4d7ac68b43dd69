"""The source page's claim marks work without hover: a mark takes focus (a
tap on a phone, Tab on a keyboard) and then shows its claims in place. Run
in headless Chromium at 390 px: a harness page beside the report frames the
source page, focuses its first mark and records what the mark shows."""
from __future__ import annotations

import json
import re
import shutil
import struct
import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.test_report_browser import _chromium, _Logged, _run

HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<iframe id="page" src="docs/%s" style="width:390px;height:700px;border:0"></iframe><pre id="out">pending</pre>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {
  const doc = frame.contentDocument, win = frame.contentWindow, mark = doc.querySelector("mark");
  const shown = () => win.getComputedStyle(mark, "::after").content;
  const before = shown();
  mark.focus();
  const out = {before: before, focused: shown(), active: doc.activeElement === mark, title: mark.title,
               tabindex: mark.tabIndex};
  mark.blur();
  out.after_blur = shown();
  mark.focus();
  document.getElementById("out").textContent = JSON.stringify(out);
});
</script></body></html>"""


@pytest.fixture()
def harness(seeded, tmp_path):
    warehouse, _ = seeded
    folder = tmp_path / "reports"
    shutil.copytree(warehouse / "reports", folder)
    page = sorted((folder / "docs").glob("*.html"))[0]
    (folder / "harness.html").write_text(HARNESS % page.name, encoding="utf-8")
    _Logged.folder, _Logged.seen = folder, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Logged)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_focused_mark_shows_its_claims_without_hover(harness, tmp_path):
    chromium = _chromium()
    dom = _run(chromium, tmp_path, harness, "--window-size=390,900", "--virtual-time-budget=5000", "--dump-dom",
               f"{harness}/harness.html").stdout
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1) != "pending", dom[-2000:]
    seen = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert seen["tabindex"] == 0 and seen["active"] is True
    assert seen["before"] == "none" and seen["after_blur"] == "none"  # nothing in the text until asked
    claim = seen["title"].splitlines()[0]
    assert " · " in claim and " = " in claim
    assert claim in seen["focused"], seen  # the claims themselves, in place
    shot = tmp_path / "focused-390.png"  # kept by pytest under its basetemp for a look
    _run(chromium, tmp_path, harness, "--window-size=390,900", "--virtual-time-budget=5000",
         f"--screenshot={shot}", f"{harness}/harness.html")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (390, 900)
