"""Every claim says why (issue 10, item 4; contract v2 `why`): how it was read
reaches the claims table from both engines through the claims asset (shards)
and from a claims file's lines, a warehouse built before the column gains it
without losing a row and re-extracts its documents once to fill it, and the
report shows it, escaped, on the source page and the conflict cards. The
article is written for this test (a paraphrase of the shapes real articles
use: a sentence with two prices and a context window, a price table)."""
import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.config import DUCKDB_CONFIG
from pipeline.defs.resources import warehouse_resource
from pipeline.extract import extract_claims
from pipeline.report.render import markdown_conflicts, render_document
from pipeline.store.schema import apply_schema
from pipeline.store.schema_state import ensure_schema
from pipeline.store.sqlfiles import fetch_dicts

ARTICLE = "pricing-notes.md"
TEXT = """# Pricing notes for three small models

Mistral Large 2 costs $2 per million input tokens and $6 per million output tokens. Its context window is 128K tokens.

| Model | Input $/1M | Output $/1M |
|---|---|---|
| Claude 3 Haiku | 0.25 | 1.25 |
| GPT-4o mini | 0.15 | 0.60 |
"""
HAND_WHY = "labelled by hand: the Input $/1M column of the Claude 3 Haiku row"
LINES = [
    {"source": ARTICLE, "model": "claude-3-haiku", "metric": "price_input", "value": 0.25, "unit": "usd_per_mtok",
     "quote": "| Claude 3 Haiku | 0.25 | 1.25 |", "why": HAND_WHY},
    {"source": ARTICLE, "model": "mistral-large-2", "metric": "context_window", "value": 128000, "unit": "tokens",
     "quote": "Its context window is 128K tokens."},
]
KEY = "model, metric, value, span_start, span_end"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / ARTICLE).write_text(TEXT, encoding="utf-8")
    (sources / "hand.claims.jsonl").write_text("".join(json.dumps(line) + "\n" for line in LINES), encoding="utf-8")
    monkeypatch.setenv("SOURCES_DIR", str(sources))
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    return tmp_path / "warehouse" / "claims.duckdb"


def _run(db: Path) -> dg.ExecuteInProcessResult:
    from pipeline.definitions import defs
    wanted = {"documents", "vocabulary", "claims"}
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & wanted]
    result = dg.materialize(assets, resources={"duckdb": warehouse_resource(str(db))})
    assert result.success
    return result


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def _extracted(db: Path) -> dict[tuple, str | None]:
    rows = _rows(db, f"select {KEY}, why from claims where not starts_with(extractor, 'import:') order by all")
    return {tuple(r[:5]): r[5] for r in rows}


def _expected(engine: str) -> dict[tuple, str]:
    return {(c.model, c.metric, float(c.value), *c.span): c.why for c in extract_claims(TEXT, ARTICLE, engine=engine)}


@pytest.mark.parametrize("engine", ["v1", "v2"])
def test_why_reaches_the_claims_table_from_either_engine_and_from_a_claims_file(folder, monkeypatch, engine):
    monkeypatch.setenv("EXTRACT_ENGINE", engine)
    monkeypatch.setenv("EXTRACT_WORKERS", "2")  # shards written by worker processes, loaded by this one
    _run(folder)
    stored, expected = _extracted(folder), _expected(engine)
    assert len(expected) >= 5 and all(expected.values())
    assert stored == expected  # each claim keeps the reading its engine gave it, table rows and prose alike
    assert len(set(stored.values())) >= 2  # a table row and a sentence are read differently
    imported = _rows(folder, "select metric, why from claims where extractor = 'import:hand' order by metric")
    assert imported == [("context_window", None), ("price_input", HAND_WHY)]  # a line's why is kept, or none
    assert _rows(folder, "select count(*) from v_claims v join claims c using (claim_id) "
                         "where v.why is not distinct from c.why") == _rows(folder, "select count(*) from claims")


def test_a_warehouse_built_before_why_gains_it_and_is_re_extracted_once(folder):
    first = _run(folder)
    assert first.asset_materializations_for_node("claims")[0].metadata["documents_extracted"].value == 1
    with duckdb.connect(str(folder), config=DUCKDB_CONFIG) as con:  # as the release before the column left it
        con.execute("alter table claims drop column why")
        con.execute("update bookkeeping.schema_state set digest = 'before claims.why'")
        con.execute("drop table bookkeeping.migrations")
        before = con.execute(f"select claim_id, extractor, {KEY}, quote from claims order by claim_id").fetchall()
    assert len(before) >= 7
    second = _run(folder)
    assert second.asset_materializations_for_node("claims")[0].metadata["documents_extracted"].value == 1
    after = _rows(folder, f"select claim_id, extractor, {KEY}, quote from claims order by claim_id")
    assert after == before  # nothing lost, nothing changed but the new column
    assert all(_extracted(folder).values())  # the re-extraction filled why
    assert _rows(folder, "select why from claims where extractor = 'import:hand' and why is not null") == [(HAND_WHY,)]
    with duckdb.connect(str(folder), config=DUCKDB_CONFIG) as con:  # the set-up applied again: no second re-read
        state = con.execute("select * from extraction_state union all select file_name, sha256, extractor, "
                            "n_claims, imported_at from claim_imports order by all").fetchall()
        apply_schema(con)
        assert con.execute("select * from extraction_state union all select file_name, sha256, extractor, "
                           "n_claims, imported_at from claim_imports order by all").fetchall() == state


OLD_SCHEMA = """
create table documents (doc_id varchar primary key, source varchar not null, location varchar not null,
    kind varchar not null, content_type varchar, title varchar, author varchar, published_at date, lang varchar,
    sha256 varchar not null, n_chars integer not null, ingested_at timestamp not null);
create table claims (claim_id varchar primary key, doc_id varchar not null, source varchar not null,
    model varchar not null, metric varchar not null, unit varchar not null, value double, value_high double,
    value_text varchar, tier varchar not null, bound varchar not null, modality varchar, setting varchar,
    approx boolean not null, hedged boolean not null, as_of date, quote varchar not null,
    span_start integer not null, span_end integer not null, currency varchar, extractor varchar);
create table extraction_state (doc_id varchar primary key, sha256 varchar not null, extractor varchar not null,
    n_claims integer not null, extracted_at timestamp not null);
create table claim_imports (file_name varchar primary key, extractor varchar not null, sha256 varchar not null,
    docs_key varchar not null, n_lines integer not null, n_claims integer not null, n_errors integer not null,
    imported_at timestamp not null);
insert into documents values ('d1', 'a.md', 'a.md', 'file', 'text/markdown', 'A', null, null, 'en', 'h1', 40,
    timestamp '2026-01-01');
insert into claims values
    ('c1', 'd1', 'a.md', 'gpt-4o', 'price_input', 'usd_per_mtok', 5, null, null, 'standard', 'eq', null, null,
     false, false, null, 'GPT-4o costs $5', 0, 15, 'usd', 'rules-old'),
    ('c2', 'd1', 'a.md', 'gpt-4o', 'context_window', 'tokens', 128000, null, null, 'standard', 'eq', null, null,
     false, false, null, '128K context', 20, 32, 'usd', 'import:hand');
insert into extraction_state values ('d1', 'h1', 'rules-old', 1, timestamp '2026-01-01');
insert into claim_imports values ('hand.claims.jsonl', 'import:hand', 'f1', 'k1', 1, 1, 0, timestamp '2026-01-01');
"""


def test_the_schema_set_up_migrates_an_old_claims_table_in_place():
    with duckdb.connect() as con:
        con.execute(OLD_SCHEMA)
        before = con.execute("select * from claims order by claim_id").fetchall()
        assert ensure_schema(con)
        assert con.execute("select data_type from duckdb_columns() where table_name = 'claims' "
                           "and column_name = 'why'").fetchall() == [("VARCHAR",)]
        assert con.execute("select * exclude (why) from claims order by claim_id").fetchall() == before
        assert con.execute("select claim_id, why from v_claims order by claim_id").fetchall() == [
            ("c1", None), ("c2", None)]
        # the extracted claim's document is pending again, the claims file is read again at the next import
        assert [r["doc_id"] for r in fetch_dicts(con, "extract/pending_ids", {"extractor": "rules-old"})] == ["d1"]
        assert con.execute("select sha256 from claim_imports").fetchall() != [("f1",)]
        assert con.execute("select comment from duckdb_columns() where table_name = 'claims' "
                           "and column_name = 'why'").fetchone()[0].startswith("How the claim was read")


def test_why_is_shown_escaped_in_the_document_page_and_the_markdown_cards():
    hostile = 'rule <b>x</b> & "header" <script>alert(1)</script>'
    claim = {"claim_id": "c1", "model": "gpt-4o", "metric": "price_input", "figure": "$5", "span_start": 0,
             "span_end": 6, "why": hostile}
    page = render_document({"title": "T", "source": "a.md", "original": "a.md", "text": "GPT-4o",
                            "claims": [claim], "pieces": [{"text": "GPT-4o", "claims": [claim], "starts": [claim]}]})
    assert "<script>alert" not in page and "<b>x</b>" not in page
    assert "rule &lt;b&gt;x&lt;/b&gt; &amp; &#34;header&#34; &lt;script&gt;" in page  # in the mark's title and its row
    assert page.count("why: rule &lt;b&gt;") == 1 and 'class="muted read-why">rule &lt;b&gt;' in page
    assert "script-src" not in page and "<script" not in page  # the source page stays script-free
    member = {"verdict": "supports", "source": "a.md", "document_date": None, "span_start": 0, "span_end": 6,
              "claim_id": "c1", "quote": "GPT-4o", "why": hostile}
    value = {"figure": "$5", "n_sources": 1, "reference_backed": False, "chosen": True, "members": [member]}
    lines = markdown_conflicts([{"model": "gpt-4o", "metric": "price_input", "kind": "cross_source",
                                 "severity": "low", "explanation_kind": "unexplained", "explanation": "e",
                                 "values": [value], "reference_text": None, "decisions": [], "conflict_id": "k",
                                 "verdict_status": None}])
    why = [line for line in lines if "why: rule" in line]
    assert len(why) == 1 and "<script>" not in why[0] and "<b>" not in why[0]
