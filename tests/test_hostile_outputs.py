"""Hostile text from articles stays inert in every published output, opened
as a user would: the HTML report in headless Chromium, conflicts.md through a
CommonMark renderer (markdown-it-py, raw HTML on, links not filtered, as a
permissive renderer would) and then Chromium, and claimreview.jsonld pasted
into a <script type="application/ld+json"> block of a page. Each payload
would set the page title to PWNED if it ran; the title must be untouched and
no element may carry a PWNED handler, script or javascript: link."""
import json
import subprocess

import dagster as dg
import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from pipeline.defs.resources import warehouse_resource
from tests.test_report_browser import CHROMIUM_FLAGS, _chromium

RUN = "top['document']['title']='PWNED'"  # no dot: the extractor's sentence stays whole
HOSTILE = f"""---
title: "GPT-4o <script>{RUN}</script> review"
author: "<img src=x onerror={RUN}>"
---

# GPT-4o pricing

GPT-4o costs $50 per million input tokens <img src=x onerror="{RUN}"> and [see docs](javascript:{RUN}) today.

GPT-4o has a 4K context window <svg onload="{RUN}"></svg> </script><script>{RUN}</script> says the vendor.
"""
HOSTILE_NAME = f"<svg onload={RUN}>.md"


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    from tests.conftest import REFERENCE, SEEDS
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "sources"
    sources.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (sources / seed.name).write_bytes(seed.read_bytes())
    (sources / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    (sources / "javascript-links.md").write_text(HOSTILE.replace("$50", "$70").replace("4K", "8K"), encoding="utf-8")
    env = {"SOURCES_DIR": str(sources), "WAREHOUSE_DIR": str(root / "warehouse"), "REFERENCE_DIR": str(REFERENCE)}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        from pipeline.definitions import defs
        result = dg.materialize(list(defs.assets) + list(defs.asset_checks),
                                resources={"duckdb": warehouse_resource(str(root / "warehouse" / "claims.duckdb"))})
    assert result.success
    return root / "warehouse" / "reports", root


def _open(page, tmp_path) -> str:
    flags = CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path / 'profile'}"]
    done = subprocess.run([_chromium(), *flags, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip(), done.stderr[-2000:]
    return done.stdout


def _assert_inert(dom: str, title: str) -> None:
    tree = lxml_html.fromstring(dom)
    assert tree.findtext(".//title") == title  # a payload that ran would have set it to PWNED
    live = [el for el in tree.iter() if isinstance(el.tag, str) and any(
        "PWNED" in value and (name.startswith("on") or value.lstrip().lower().startswith("javascript:"))
        for name, value in el.attrib.items())]
    scripts = [el for el in tree.iter("script") if "PWNED" in (el.text or "") and el.get("type") != "application/ld+json"]
    assert not live and not scripts, [lxml_html.tostring(el)[:200] for el in live + scripts]
    assert "PWNED" in tree.text_content()  # the payloads are there, as text


def test_html_report_is_inert(hostile_reports, tmp_path):
    reports, _ = hostile_reports
    page = reports / "conflicts.html"
    assert "PWNED" in page.read_text(encoding="utf-8")
    title = lxml_html.fromstring(page.read_bytes()).findtext(".//title")
    _assert_inert(_open(page, tmp_path), title)


def test_markdown_report_is_inert_through_a_commonmark_renderer(hostile_reports, tmp_path):
    reports, _ = hostile_reports
    markdown = (reports / "conflicts.md").read_text(encoding="utf-8")
    assert markdown.count("PWNED") >= 4 and "javascript:" in markdown
    renderer = MarkdownIt("commonmark")  # raw HTML allowed, as CommonMark says
    renderer.validateLink = lambda url: True  # and no link filter: the escaping alone must hold
    page = tmp_path / "conflicts-md.html"
    page.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>markdown report</title></head>"
                    f"<body>{renderer.render(markdown)}</body></html>", encoding="utf-8")
    _assert_inert(_open(page, tmp_path), "markdown report")


def test_claimreview_jsonld_is_inert_inside_a_script_block(hostile_reports, tmp_path):
    reports, _ = hostile_reports
    text = (reports / "claimreview.jsonld").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "&" not in text
    reviews = json.loads(text)["@graph"]
    assert any("PWNED" in r["claimReviewed"] for r in reviews)
    page = tmp_path / "embedded.html"
    page.write_text("<!doctype html><html><head><meta charset='utf-8'><title>fact checks</title>"
                    f'<script type="application/ld+json">{text}</script></head><body><p>PWNED as text</p></body></html>',
                    encoding="utf-8")
    dom = _open(page, tmp_path)
    _assert_inert(dom, "fact checks")
    blocks = lxml_html.fromstring(dom).xpath("//script[@type='application/ld+json']")
    assert len(blocks) == 1 and json.loads(blocks[0].text) == json.loads(text)
