"""The documents table kept in step with the sources: unchanged sources are
left byte-for-byte alone, changed ones replaced with what derived from them,
removed ones dropped, and failing ones keep their last good version."""
import duckdb
import pytest

from pipeline.ingest.fetch import FetchPolicy
from pipeline.ingest.parse import read_frontmatter
from pipeline.ingest.sources import read_all
from pipeline.store.documents import sync_documents
from pipeline.store.schema import apply_schema

FAST = FetchPolicy(connect_timeout=1.0, read_timeout=0.5, max_bytes=5 * 1024 * 1024, retries=1, backoff=0.01)


def _sync(con, sources):
    refs, results = read_all(sources, exclude=sources / "reference", policy=FAST)
    return sync_documents(con, refs, results)


def _documents(con):
    return con.execute("select * from documents order by doc_id").fetchall()


def test_rerun_with_nothing_changed_changes_no_row(workspace):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    first = _sync(con, sources)
    assert sorted(first.added) == ["000_5e08c9661b6e3145.txt", "004_f422d1c70ca436bc.txt"]
    before = _documents(con)
    second = _sync(con, sources)
    assert second.added == [] and second.changed == [] and len(second.unchanged) == 2
    assert _documents(con) == before


def test_changed_source_replaces_its_version_and_derived_rows(workspace):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    _sync(con, sources)
    doc_id, old_sha = con.execute(
        "select doc_id, sha256 from documents where source = '004_f422d1c70ca436bc.txt'").fetchone()
    con.execute("insert into claims (claim_id, doc_id, source, model, metric, unit, value, tier, bound, approx, hedged, quote, span_start, span_end) "
                "values ('c1', ?, '004_f422d1c70ca436bc.txt', 'gpt-4o', 'context_window', 'tokens', 128000, 'standard', 'eq', false, false, 'q', 0, 1)", [doc_id])
    path = sources / "004_f422d1c70ca436bc.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nGPT-4o 的上下文窗口为 128K tokens。\n", encoding="utf-8")
    report = _sync(con, sources)
    assert report.changed == ["004_f422d1c70ca436bc.txt"]
    new_id, new_sha = con.execute(
        "select doc_id, sha256 from documents where source = '004_f422d1c70ca436bc.txt'").fetchone()
    assert new_id == doc_id and new_sha != old_sha
    assert con.execute("select count(*) from claims where doc_id = ?", [doc_id]).fetchone()[0] == 0


def test_removed_source_disappears(workspace):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    _sync(con, sources)
    (sources / "000_5e08c9661b6e3145.txt").unlink()
    report = _sync(con, sources)
    assert len(report.removed) == 1
    assert [r[0] for r in con.execute("select source from documents").fetchall()] == ["004_f422d1c70ca436bc.txt"]
    assert con.execute("select count(*) from document_texts").fetchone()[0] == 1


def test_bad_inputs_are_recorded_and_good_ones_ingested(workspace, http_server):
    sources, warehouse = workspace
    (sources / "empty.md").write_bytes(b"")
    (sources / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (sources / "broken.md").write_text('---\ntitle: "Is "GPT-4o" cheap?"\nx: [\n---\nGPT-4o costs $5.\n', encoding="utf-8")
    (sources / "gbk.txt").write_bytes("GPT-4o 的上下文窗口为 128K tokens。".encode("gb18030"))
    (sources / "sources.yaml").write_text(
        "urls:\n"
        f"  - {http_server}/article.md\n"
        f"  - {http_server}/review.html\n"
        f"  - {http_server}/missing\n"
        f"  - {http_server}/slow\n"
        f"  - {http_server}/huge\n", encoding="utf-8")
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    report = _sync(con, sources)
    errors = dict(con.execute("select source, error from ingest_errors").fetchall())
    assert set(errors) == {"empty.md", "image.md", f"{http_server}/missing",
                           f"{http_server}/slow", f"{http_server}/huge"}
    assert "empty" in errors["empty.md"] and "binary" in errors["image.md"]
    assert "404" in errors[f"{http_server}/missing"]
    docs = dict(con.execute("select source, lang from documents").fetchall())
    assert {"gbk.txt", "broken.md", f"{http_server}/article.md", f"{http_server}/review.html"} <= set(docs)
    # frontmatter YAML cannot read costs the article nothing: its fields are read line by line
    assert con.execute("select title from documents where source = 'broken.md'").fetchone()[0] == 'Is "GPT-4o" cheap?'
    assert docs["gbk.txt"] == "zh"
    html_text = con.execute("select t.text from documents d join document_texts t using (doc_id) "
                            "where d.source like '%review.html'").fetchone()[0]
    assert "200K token context window" in html_text and "<p>" not in html_text
    assert len(report.errors) == 5


def test_a_failing_source_keeps_its_previous_version(workspace):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    _sync(con, sources)
    before = _documents(con)
    (sources / "004_f422d1c70ca436bc.txt").write_bytes(b"")
    report = _sync(con, sources)
    assert [e.source for e in report.errors] == ["004_f422d1c70ca436bc.txt"]
    assert _documents(con) == before


def test_a_broken_url_list_is_an_error_and_keeps_url_documents(workspace, http_server):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    (sources / "sources.yaml").write_text(f"urls:\n  - {http_server}/article.md\n", encoding="utf-8")
    _sync(con, sources)
    assert con.execute("select count(*) from documents where kind = 'url'").fetchone()[0] == 1
    (sources / "sources.yaml").write_text("urls: [unclosed\n", encoding="utf-8")
    report = _sync(con, sources)
    assert [e.source for e in report.errors] == ["sources.yaml"] and report.removed == []
    assert con.execute("select count(*) from documents where kind = 'url'").fetchone()[0] == 1


def test_a_missing_sources_folder_is_refused_not_emptied(workspace):
    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    _sync(con, sources)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        _sync(con, sources.parent / "nowhere")
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_markdown_escapes_in_quoted_frontmatter_are_read_literally():
    text = '---\ntitle: "GPT\\-4o vs Claude 3\\.5 Sonnet"\ndate: 2024-09-15\n---\n\nGPT\\-4o has a 128K context window.\n'
    assert read_frontmatter(text)["title"] == "GPT\\-4o vs Claude 3\\.5 Sonnet"
    broken = '---\ntitle: "Claude 3\\.5 says "hi" twice"\ndate: 2024-13-45\nlist: [\n---\nbody\n'
    assert read_frontmatter(broken) == {"title": 'Claude 3\\.5 says "hi" twice', "date": "2024-13-45", "list": "["}
    assert read_frontmatter("---\n- just\n- a list\n---\nbody\n") == {}


def test_unchanged_sources_are_hashed_not_parsed(workspace, monkeypatch):
    """A no-change run compares content hashes before any decoding, HTML or frontmatter parsing or
    language detection; only the edited file is parsed again."""
    import pipeline.ingest.sources as sources_module
    from pipeline.store.documents import ingest_sources

    sources, warehouse = workspace
    con = duckdb.connect(str(warehouse.parent / "w.duckdb"))
    apply_schema(con)
    ingest_sources(con, sources, sources / "reference", FAST)
    parsed = []
    real = sources_module.build_document
    monkeypatch.setattr(sources_module, "build_document", lambda **kw: parsed.append(kw["location"]) or real(**kw))
    before = _documents(con)
    report, _ = ingest_sources(con, sources, sources / "reference", FAST)
    assert parsed == [] and len(report.unchanged) == 2 and not report.added + report.changed
    assert _documents(con) == before
    edited = sources / "004_f422d1c70ca436bc.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    report, _ = ingest_sources(con, sources, sources / "reference", FAST)
    assert parsed == ["004_f422d1c70ca436bc.txt"] and report.changed == ["004_f422d1c70ca436bc.txt"]


def test_parsing_in_worker_processes_stores_the_same_documents(tmp_path, monkeypatch):
    """Changed sources parsed by two worker processes give the rows one process gives."""
    from pipeline.bench_corpus import build_corpus
    from pipeline.store.documents import ingest_sources

    build_corpus(tmp_path / "sources", 40)
    tables = []
    for workers in ("1", "2"):
        monkeypatch.setenv("EXTRACT_WORKERS", workers)
        con = duckdb.connect(str(tmp_path / f"w{workers}.duckdb"))
        apply_schema(con)
        report, _ = ingest_sources(con, tmp_path / "sources", policy=FAST)
        assert len(report.added) == 40
        tables.append((con.execute("select * exclude (ingested_at) from documents order by doc_id").fetchall(),
                       con.execute("select * from document_texts order by doc_id").fetchall()))
        assert {r[0] for r in con.execute("select distinct lang from documents").fetchall()} == {"en", "zh"}
    assert tables[0] == tables[1]
