"""One document's extraction failure stays that document's (CLI and asset),
and the extractor's version follows its code and data."""
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipeline.cli import main
from pipeline.defs.resources import warehouse_resource
from pipeline.extract import extract_claims, extract_isolated
from pipeline.extract import isolated as isolated_module
from pipeline.extract.version import PACKAGE, inputs, version_of

CRASH_MARK = "this article makes the extractor fail"


@pytest.fixture()
def crashing_extractor(monkeypatch):
    """Fault injection: the real extractor, except that it raises on documents carrying CRASH_MARK."""
    real = isolated_module.extract_claims

    def extract(text, source, *deadline):
        if CRASH_MARK in text:
            raise KeyError("injected-model-id")
        return real(text, source, *deadline)

    monkeypatch.setattr(isolated_module, "extract_claims", extract)


def test_a_dated_snapshot_with_a_parameter_count_does_not_raise():
    text = "gpt-4o-mini-2024-07-18 is thought to have roughly 8B parameters.\n"
    claims = extract_claims(text, "snap.md")
    assert all(text[c.span[0]:c.span[1]] == c.quote for c in claims)


def test_isolated_extraction_turns_an_exception_into_a_failure(crashing_extractor):
    failure = extract_isolated(f"GPT-4o costs $5 per million input tokens. {CRASH_MARK}", "bad.md")
    assert failure.source == "bad.md" and failure.error.startswith("KeyError")
    assert extract_isolated("GPT-4o costs $5 per million input tokens.", "good.md")[0].value == 5.0


def test_cli_reports_a_crash_on_one_line_and_extracts_the_rest(tmp_path, capsys, crashing_extractor):
    bad, good = tmp_path / "bad.md", tmp_path / "good.md"
    bad.write_text(f"GPT-4o has a 128K context window. {CRASH_MARK}\n", encoding="utf-8")
    good.write_text("Claude 3 Opus has a 200K token context window.\n", encoding="utf-8")
    assert main(["extract", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert '"claude-3-opus"' in out and '"gpt-4o"' not in out
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.md" in lines[0] and "KeyError" in lines[0]


def _materialize(warehouse: Path):
    from pipeline.definitions import defs
    wanted = {"documents", "vocabulary", "claims"}
    assets = [a for a in defs.assets if {k.to_user_string() for k in a.keys} & wanted]
    return dg.materialize(assets, resources={"duckdb": warehouse_resource(str(warehouse / "claims.duckdb"))})


def test_claims_asset_records_a_failed_document_and_goes_on(workspace, monkeypatch, crashing_extractor):
    sources, warehouse = workspace
    monkeypatch.setenv("EXTRACT_WORKERS", "1")  # the patched extractor lives in this process only
    (sources / "broken.md").write_text(f"# Notes\n\nGPT-4o has a 128K context window. {CRASH_MARK}\n",
                                       encoding="utf-8")
    result = _materialize(warehouse)
    assert result.success
    meta = result.asset_materializations_for_node("claims")[0].metadata
    assert meta["documents_failed"].value == 1 and "broken.md" in meta["extract_errors"].value
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        errors = con.execute("select source, error, extractor from extract_errors").fetchall()
        sources_with_claims = {r[0] for r in con.execute("select distinct source from claims").fetchall()}
    assert [(e[0], e[1].split(":")[0]) for e in errors] == [("broken.md", "KeyError")]
    assert errors[0][2].startswith("rules-")
    assert sources_with_claims == {"000_5e08c9661b6e3145.txt", "004_f422d1c70ca436bc.txt"}

    monkeypatch.undo()  # the bug is fixed: the next run extracts the document and clears its error
    monkeypatch.setenv("SOURCES_DIR", str(sources))
    monkeypatch.setenv("WAREHOUSE_DIR", str(warehouse))
    result = _materialize(warehouse)
    assert result.asset_materializations_for_node("claims")[0].metadata["documents_extracted"].value == 1
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from extract_errors").fetchone()[0] == 0
        assert con.execute("select count(*) from claims where source = 'broken.md'").fetchone()[0] == 1


def test_the_extractor_version_follows_code_and_vocabulary(tmp_path):
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = version_of(copy)
    assert before == version_of(PACKAGE) and before.startswith("rules-")
    vocab = copy / "vocabulary.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    after_data = version_of(copy)
    rule = copy / "extract" / "grammar.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# a changed rule\n", encoding="utf-8")
    assert len({before, after_data, version_of(copy)}) == 3
    (copy / "report" / "render.py").write_text("# not the extractor\n", encoding="utf-8")
    covered = {p.relative_to(copy).as_posix() for p in inputs(copy)}
    assert "report/render.py" not in covered and "extract/grammar.py" in covered


def test_the_same_article_under_two_names_keeps_both_claim_sets(workspace):
    sources, warehouse = workspace
    text = "# Mirror\n\nGPT-4o mini has a 128K token context window.\n"
    (sources / "post.md").write_text(text, encoding="utf-8")
    (sources / "post-mirror.md").write_text(text, encoding="utf-8")
    assert _materialize(warehouse).success
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        rows = con.execute("select source, count(*) from claims where source like 'post%' group by source").fetchall()
    assert sorted(rows) == [("post-mirror.md", 1), ("post.md", 1)]


def test_switching_engines_re_extracts_every_document(workspace, monkeypatch):
    """The engine is part of the extractor's version: a warehouse never keeps
    v1's claims of one document beside v2's of another."""
    _, warehouse = workspace
    monkeypatch.setenv("EXTRACT_WORKERS", "1")
    monkeypatch.setenv("EXTRACT_ENGINE", "v1")
    assert _materialize(warehouse).success
    monkeypatch.setenv("EXTRACT_ENGINE", "v2")
    result = _materialize(warehouse)
    assert result.asset_materializations_for_node("claims")[0].metadata["documents_extracted"].value == 2
    with duckdb.connect(str(warehouse / "claims.duckdb"), read_only=True) as con:
        versions = {r[0] for r in con.execute("select distinct extractor from claims").fetchall()}
        states = {r[0] for r in con.execute("select distinct extractor from extraction_state").fetchall()}
    assert versions == states and len(versions) == 1 and versions.pop().startswith("rules-v2-")
