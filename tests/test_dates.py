"""Where a page's publication date is read, case by case: frontmatter (YAML
and TOML, also behind a leading comment), HTML meta tags, JSON-LD, and a
dateline or byline near the title in English and Chinese. The negative cases
exist because a model's release date in the first paragraph is the most
common wrong answer."""
import pytest

from pipeline.ingest.dates import find_published, parse_date
from pipeline.ingest.parse import build_document

CASES = [
    ("---\ntitle: Notes\ndate: 2024-07-18\n---\n\n# Notes\n", "2024-07-18", "frontmatter"),
    ("<!-- mirrored from a blog -->\n+++\ntitle = 'Notes'\ndate = 2024-05-14T09:37:19+08:00\n+++\n\nText.\n",
     "2024-05-14", "frontmatter"),
    ("---\ntitle: Notes\npublished: 2026-01-03\n---\nText.\n", "2026-01-03", "frontmatter"),
    ("# A pricing roundup\n\nPublished on May 13, 2024\n\nSome text.\n", "2024-05-13", "byline"),
    ("# 模型价格一览\n\n发布于 2024-05-13\n\n正文。\n", "2024-05-13", "byline"),
    ("# 模型价格一览\n\n2024年5月13日 发布\n\n正文。\n", "2024-05-13", "byline"),
    ("# Vendor price notes\n\n**Updated**: 2025-01-02\n\nText.\n", "2025-01-02", "byline"),
    ("# Vendor price notes\n\n> 更新时间：2025-11-11\n\nText.\n", "2025-11-11", "byline"),
    ("# Launch notes\n\n14 April 2025\n\nThe new models are out.\n", "2025-04-14", "byline"),
    ("# Pricing fix\nsomeone · description · 2026-05-30\n\nRates changed.\n", "2026-05-30", "byline"),
    ("<!--\n * @Author: me\n * @Date: 2025-02-14 17:32:05\n-->\n# Why it took off\n\nText.\n", "2025-02-14", "byline"),
    # a model's release date is body text, not the page's date
    ("On December 26, 2024, a lab released its new open model with 671B parameters.\n", None, None),
    ("# Model card\n\n**Model Release Date:** December 6, 2024\n\nText.\n", None, None),
    ("# GPT-4o mini\n\nGPT-4o mini was released on July 18, 2024.\n", None, None),
    ("# 新模型\n\n2024年5月13日，某公司发布了新模型。\n", None, None),
    ("# Notes\n" + "filler line\n" * 20 + "Updated: 2025-01-02\n", None, None),
]


@pytest.mark.parametrize("text, expected, where", CASES)
def test_published_date_and_its_origin(text, expected, where):
    found, origin = find_published(text)
    assert (found.isoformat() if found else None, origin) == (expected, where)


HTML_META = """<html><head><title>T</title>
<meta property="article:published_time" content="2024-06-20T10:00:00Z"></head>
<body><article><h1>T</h1><p>Claude 3.5 Sonnet was released on June 20, 2024 with a 200K context window.</p>
<p>More words to make the page long enough to keep as an article body.</p></article></body></html>"""
HTML_JSON_LD = """<html><head><title>T</title><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle", "datePublished": "2024-10-23"}]}
</script></head><body><article><h1>T</h1><p>The upgraded model scores higher on coding benchmarks than before.</p>
<p>More words to make the page long enough to keep as an article body.</p></article></body></html>"""


@pytest.mark.parametrize("html, expected, where", [
    (HTML_META, "2024-06-20", "html_meta"), (HTML_JSON_LD, "2024-10-23", "json_ld")])
def test_html_pages_are_dated_from_their_metadata(html, expected, where):
    doc = build_document(kind="file", location="page.html", source="page.html", data=html.encode(),
                         text=html, content_type="text/html")
    assert (doc.published_at.isoformat(), doc.published_at_from) == (expected, where)


@pytest.mark.parametrize("text, expected", [
    ("2024-05-13", "2024-05-13"), ("2024/5/3", "2024-05-03"), ("2024年5月13日", "2024-05-13"),
    ("Oct. 22, 2025", "2025-10-22"), ("22nd October 2025", "2025-10-22"), ("2024-13-40", None), ("May 2024", None)])
def test_parse_date(text, expected):
    found = parse_date(text)
    assert (found.isoformat() if found else None) == expected
