"""Claims from elsewhere: a NAME.claims.jsonl beside the articles is imported
as claims of `import:NAME` against the documents it cites. The fixture is a
short paraphrased note and a claims file with the faults other tools' output
has: no span, byte offsets, a quote the article does not hold, a source that
is not there, a line that is no JSON, a missing value, a price in yuan. The
import must survive re-runs and extraction, follow its file and the articles
it cites, and feed reconciliation like extracted claims."""
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.defs.resources import warehouse_resource
from pipeline.ingest.claims_file import locate
from tests.shared_paths import SHARED

FIXTURE = Path(__file__).parent / "fixtures" / "imports"
ARTICLE, CLAIMS = "budget-models-note.md", "team-llm.claims.jsonl"


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    for name in (ARTICLE, CLAIMS):
        shutil.copy(FIXTURE / name, sources / name)
    monkeypatch.setenv("SOURCES_DIR", str(sources))
    monkeypatch.setenv("WAREHOUSE_DIR", str(tmp_path / "warehouse"))
    return sources, tmp_path / "warehouse" / "claims.duckdb"


def _run(db, names=("documents", "vocabulary", "claims")):
    from pipeline.definitions import defs
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & set(names)]
    result = dg.materialize(assets, resources={"duckdb": warehouse_resource(str(db))})
    assert result.success
    return result


def _rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


IMPORTED = ("select model, metric, value, currency, span_start, span_end, quote from claims "
            "where extractor = 'import:team-llm' order by model, metric, value")


def test_claims_file_lines_are_imported_or_reported(folder):
    sources, db = folder
    _run(db)
    text = (sources / ARTICLE).read_text(encoding="utf-8")
    rows = _rows(db, IMPORTED)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("claude-3-haiku", "price_input", 0.3, "usd"), ("gpt-4o-mini", "context_window", 128000.0, "usd"),
        ("gpt-4o-mini", "price_input", 0.15, "usd"), ("gpt-4o-mini", "price_input", 1.1, "cny")]
    assert all(text[start:end] == quote for *_, start, end, quote in rows)  # wrong or missing spans found
    errors = dict(_rows(db, "select error, source from ingest_errors"))
    assert set(errors.values()) == {CLAIMS}
    assert sorted(e.split(":")[0] for e in errors) == ["line 4", "line 5", "line 6", "line 7", "line 9"]
    assert any("unit 'k_tokens' is not the unit of context_window (tokens)" in e for e in errors)
    assert any("is not in" in e for e in errors) and any("elsewhere.md" in e for e in errors)
    assert any("not JSON" in e for e in errors) and any("value" in e for e in errors)
    # the claims file is not an article; extracted claims carry the extractor's version
    assert _rows(db, "select source from documents") == [(ARTICLE,)]
    assert _rows(db, "select count(*) from claims where extractor is null") == [(0,)]
    assert _rows(db, "select count(*) from claims where not starts_with(extractor, 'import:')")[0][0] >= 2


def test_imports_follow_their_file_and_articles(folder):
    sources, db = folder
    _run(db)
    before = _rows(db, "select claim_id from claims order by claim_id")
    meta = _run(db).asset_materializations_for_node("documents")[0].metadata
    assert meta["claims_files_unchanged"].value == 1 and meta["claims_imported"].value == {}
    assert _rows(db, "select claim_id from claims order by claim_id") == before
    # an article edit removes its claims; the import comes back against the new text
    article = sources / ARTICLE
    article.write_text("Preface added above.\n\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    _run(db)
    rows = _rows(db, IMPORTED)
    assert len(rows) == 4 and rows[0][4] > 20
    # a changed claims file replaces its claims; a removed one takes them away
    claims = sources / CLAIMS
    claims.write_text(claims.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    _run(db)
    assert [r[:2] for r in _rows(db, IMPORTED)] == [("gpt-4o-mini", "context_window")]
    assert _rows(db, "select count(*) from ingest_errors") == [(0,)]
    claims.unlink()
    _run(db)
    assert _rows(db, IMPORTED) == [] and _rows(db, "select count(*) from claim_imports") == [(0,)]
    assert _rows(db, "select count(*) from claims")[0][0] >= 2  # the extractor's own claims stay


def test_imported_claims_are_reconciled(folder):
    sources, db = folder
    _run(db, names=("documents", "vocabulary", "claims", "reference_facts", "reviews", "conflicts"))
    haiku = _rows(db, "select c.claim_ids from conflicts as c where c.model = 'claude-3-haiku' "
                      "and c.metric = 'price_input'")
    imported = {r[0] for r in _rows(db, "select claim_id from claims where extractor = 'import:team-llm'")}
    assert haiku and any(set(ids) & imported for (ids,) in haiku)


@pytest.mark.parametrize("quote, text, span, expected", [
    ("abc", "xx abc yy abc", (3, 6), (3, 6)),
    ("abc", "xx abc yy abc", (9, 12), (10, 13)),
    ("abc", "xx abc yy abc", None, (3, 6)),
    ("abd", "xx abc", (3, 6), None),
])
def test_locate(quote, text, span, expected):
    assert locate(quote, text, span) == expected


def test_a_quote_in_a_pages_markup_is_found_there(tmp_path):
    """Spans of an HTML page index the file itself, as the extractor's do, so a quote from its markup imports."""
    from pipeline.ingest.claims_file import CitedDocument, index_documents, read_claims_file
    raw = "<script>const p = {'gpt-4o': 2.5}</script><p>GPT-4o input costs $2.50.</p>"
    page = CitedDocument("d1", "prices.html", "prices.html", "s", text="GPT-4o input costs $2.50.", raw_text=raw)
    path = tmp_path / "x.claims.jsonl"
    path.write_text('{"source": "prices.html", "model": "gpt-4o", "metric": "price_input", "value": 2.5, '
                    '"unit": "usd_per_mtok", "quote": "\'gpt-4o\': 2.5"}\n'
                    '{"source": "prices.html", "model": "gpt-4o", "metric": "price_input", "value": 2.5, '
                    '"unit": "usd_per_mtok", "quote": "GPT-4o input costs $3"}\n', encoding="utf-8")
    result = read_claims_file(path, "x.claims.jsonl", index_documents([page]))
    [row] = result.rows.values()
    assert raw[row["span_start"]:row["span_end"]] == "'gpt-4o': 2.5"
    assert result.errors == ["line 2: quote 'GPT-4o input costs $3' is not in prices.html"]


DEVSET = SHARED / "devset"


@pytest.mark.skipif(not DEVSET.is_dir(), reason="the shared dev set is not on this machine")
def test_dev_set_gold_imports_beside_its_articles():
    """Reconciliation is tested on the dev set's gold claims imported, not extracted: all must load."""
    from pipeline.ingest.claims_file import CitedDocument, index_documents, read_claims_file
    from pipeline.ingest.sources import SourceRef, read_source
    docs = []
    for path in sorted(DEVSET.glob("0[0-9][0-9]_*")):
        doc = read_source(SourceRef("file", path.name, path.name), DEVSET)
        docs.append(CitedDocument(doc.doc_id, doc.source, doc.location, doc.sha256, doc.text, doc.raw_text))
    result = read_claims_file(DEVSET / "gold-part0.claims.jsonl", "gold.claims.jsonl", index_documents(docs))
    assert result.errors == [] and len(result.rows) == result.n_lines == 319
