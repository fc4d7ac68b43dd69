"""markdown-it-py stands in for markdown-it-pyrs where the latter has no
wheel (Python 3.13+): forced here, it must cut every test article, seed and
(when present) dev-set article into exactly the same blocks and units."""
from __future__ import annotations

from pathlib import Path

import pytest

import pipeline.extract.markdown_tree as markdown_tree
from pipeline.extract.segments import blocks_of, segment
from pipeline.ingest.sources import SourceRef, read_source
from pipeline.records import Document
from tests.shared_paths import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = [FIXTURES / "seeds", FIXTURES / "articles", SHARED / "devset"]

# the shapes the adapter rebuilds spans for (made up, not taken from any article)
SHAPES = [
    "# Price list ##\r\n\r\nModel A costs $2 per million input tokens.\r\nIt reads 64K tokens.\r\n",
    "Speeds\n======\n\n> | model | tok/s |\n> |---|---|\n> | A | 120 |\n> | B |\n",
    "- first item 10 ms\n  continued 12 ms\n- second\n\n1. one\n\n   two paras 3%\n",
    "<!-- a comment -->\n---\ntitle: x\n---\n\n<div>\n<b>42</b>\n</div>\n\n    code 1\n\n\n    code 2\n",
    "|a|b|\n|-|-|\n|1|2|3|\n|\\|x|y \n\n```py\nunclosed = 1\n\n",
    "line one\rline two\r\rthird 7 tokens\x00\n\n#\n\n## \n\nText\n---\nmore",
]


def _articles() -> list[tuple[str, str]]:
    found = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            result = read_source(SourceRef("file", path.name, path.name), folder)
            if isinstance(result, Document):
                found.append((path.name, result.raw_text or result.text))
    return found


@pytest.fixture()
def force_python(monkeypatch):
    if markdown_tree._RUST is None:
        pytest.skip("markdown-it-pyrs is not installed here: the fallback is the only parser")
    python = markdown_tree._python_parser()

    def use(name: str) -> None:
        rust = name == "rust"
        monkeypatch.setattr(markdown_tree, "_RUST", rust_parser if rust else None)
        monkeypatch.setattr(markdown_tree, "_PYTHON", None if rust else python)

    rust_parser = markdown_tree._RUST
    return use


def test_the_fallback_cuts_every_article_the_same(force_python):
    articles = _articles()
    assert len(articles) >= 40
    for name, text in articles:
        force_python("rust")
        expected = (blocks_of(text), segment(text))
        force_python("python")
        assert (blocks_of(text), segment(text)) == expected, name


@pytest.mark.parametrize("text", SHAPES)
def test_the_fallback_rebuilds_the_same_spans(force_python, text):
    force_python("rust")
    expected = segment(text)
    assert expected
    force_python("python")
    assert segment(text) == expected


def test_markdown_parser_python_forces_the_fallback(monkeypatch):
    monkeypatch.setenv("MARKDOWN_PARSER", "python")
    assert markdown_tree._rust_parser() is None
    monkeypatch.setattr(markdown_tree, "_RUST", None)
    monkeypatch.setattr(markdown_tree, "_PYTHON", markdown_tree._python_parser())
    text = "# Tokens\n\n| model | window |\n|---|---|\n| A | 128K |\n"
    tree, in_bytes = markdown_tree.parse(text)
    heading, table = tree.children
    assert in_bytes is False and (heading.name, table.name) == ("heading", "table")
    assert text[slice(*heading.children[0].srcmap)] == "Tokens"
    row = table.children[1].children[0]
    assert [text[slice(*cell.srcmap)] for cell in row.children] == ["A", "128K"]
