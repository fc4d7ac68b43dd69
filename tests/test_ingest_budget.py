"""Every source has a budget at ingest: devices, FIFOs, link loops and links
leaving the sources folder are refused with a reason (an ingest_errors row),
files past the size cap too; frontmatter never takes a document down (alias
bombs, oversized blocks, impossible dates); UTF-16 without a BOM is read."""
import os
import time

import duckdb
import pytest

from pipeline.ingest.decode import decode_bytes
from pipeline.ingest.fetch import FetchPolicy
from pipeline.ingest.parse import build_document, read_frontmatter
from pipeline.ingest.sources import read_all
from pipeline.records import Document, IngestError
from pipeline.store.documents import sync_documents
from pipeline.store.schema import apply_schema

GOOD = "# GPT-4o notes\n\nGPT-4o costs $5 per million input tokens.\n"
ALIAS_BOMB = "---\n" + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)) + "title: *a8\n---\n" + GOOD


def _by_source(results):
    return {r.source: r for r in results}


def test_hostile_entries_become_ingest_errors_and_good_files_go_on(tmp_path):
    sources, outside = tmp_path / "sources", tmp_path / "outside"
    sources.mkdir(), outside.mkdir()
    (sources / "good.md").write_text(GOOD, encoding="utf-8")
    (outside / "secret.md").write_text(GOOD, encoding="utf-8")
    os.symlink("/dev/zero", sources / "zero.md")
    os.mkfifo(sources / "pipe.md")
    os.symlink("loop.md", sources / "loop.md")
    os.symlink(outside / "secret.md", sources / "leaving.md")
    os.symlink(sources / "good.md", sources / "inside.md")
    os.symlink(sources, sources / "again")  # a linked folder: not followed
    (sources / "big.md").write_bytes(b"a" * 2048)
    started = time.monotonic()
    refs, results = read_all(sources, policy=FetchPolicy(max_bytes=1024))
    assert time.monotonic() - started < 10
    got = _by_source(results)
    assert isinstance(got["good.md"], Document) and isinstance(got["inside.md"], Document)
    reasons = {name: got[name].error for name in ("zero.md", "pipe.md", "loop.md", "leaving.md", "again", "big.md")}
    assert "leaving the sources folder (to /dev/zero)" in reasons["zero.md"]
    assert "FIFO" in reasons["pipe.md"]
    assert "symlink loop" in reasons["loop.md"]
    assert "leaving the sources folder" in reasons["leaving.md"]
    assert "folder" in reasons["again"]
    assert "2048 bytes exceeds the 1024-byte cap" in reasons["big.md"]
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        apply_schema(con)
        report = sync_documents(con, refs, results)
        rows = dict(con.execute("select source, error from ingest_errors").fetchall())
        assert con.execute("select count(*) from documents").fetchone()[0] == 2
    assert set(rows) == set(reasons) and len(report.errors) == 6


def test_an_alias_bomb_in_the_title_is_ignored_quickly():
    started = time.monotonic()
    doc = build_document(kind="file", location="bomb.md", source="bomb.md", data=ALIAS_BOMB.encode(),
                         text=ALIAS_BOMB, content_type="text/markdown")
    assert time.monotonic() - started < 2
    assert doc.title == "GPT-4o notes"  # the heading, since the frontmatter was refused
    assert any("alias" in w or "expands" in w for w in doc.warnings)


def test_oversized_frontmatter_and_nested_titles_are_ignored_with_a_warning():
    huge = "---\ntitle: x\nnotes: " + "y" * 100_000 + "\n---\n" + GOOD
    doc = build_document(kind="file", location="h.md", source="h.md", data=huge.encode(), text=huge,
                         content_type="text/markdown")
    assert doc.title == "GPT-4o notes" and "cap" in doc.warnings[0]
    nested = "---\ntitle: [a, b]\nauthor: {name: x}\n---\n" + GOOD
    doc = build_document(kind="file", location="n.md", source="n.md", data=nested.encode(), text=nested,
                         content_type="text/markdown")
    assert doc.title == "GPT-4o notes" and doc.author is None and len(doc.warnings) == 2


@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "not a date", "99999-01-01"])
def test_an_impossible_date_is_ignored_with_a_warning(value):
    text = f"---\ntitle: Dated\ndate: {value}\n---\n" + GOOD
    doc = build_document(kind="file", location="d.md", source="d.md", data=text.encode(), text=text,
                         content_type="text/markdown")
    assert doc.published_at is None and doc.title == "Dated"
    assert any("not a valid date" in w for w in doc.warnings)


def test_broken_frontmatter_is_still_read_line_by_line():
    text = '---\ntitle: "GPT-4.5: "Not a frontier model"?"\ndate: 2025-02-27\n---\n' + GOOD
    assert read_frontmatter(text)["title"] == 'GPT-4.5: "Not a frontier model"?'


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(encoding):
    text = "# GPT-4o 价格\n\nGPT-4o 输入价格为每百万 token 5 美元。\n" * 3
    assert decode_bytes(text.encode(encoding)) == text


def test_binary_with_scattered_nuls_is_still_refused():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(bytes(range(256)) * 8)


def test_ingest_errors_for_a_bad_date_do_not_fail_the_documents_step(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    for i in range(3):
        (sources / f"ok{i}.md").write_text(GOOD, encoding="utf-8")
    (sources / "bad.md").write_text("---\ndate: 2024-13-45\n---\n" + GOOD, encoding="utf-8")
    (sources / "bomb.md").write_text(ALIAS_BOMB, encoding="utf-8")
    _, results = read_all(sources)
    assert all(isinstance(r, Document) for r in results) and len(results) == 5
    assert isinstance(_by_source(results)["bad.md"], Document)
    assert not any(isinstance(r, IngestError) for r in results)


def test_an_html_page_past_its_cap_is_an_ingest_error_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv("MAX_HTML_CHARS", "100000")
    (tmp_path / "big.html").write_text("<html><body>" + "<p>GPT-4o costs $5.</p>" * 10_000 + "</body></html>")
    started = time.monotonic()
    _, results = read_all(tmp_path)
    assert time.monotonic() - started < 5
    assert "exceeds the 100000-character cap for HTML" in results[0].error
