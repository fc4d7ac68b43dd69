"""The extractor scored as acceptance scores it: `python -m pipeline extract`
on the seed articles and on our own articles in other styles, against their
hand-labelled gold, through the shared scorer (copied into fixtures)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SCORER = FIXTURES / "score_claims.py"
CORPORA = {
    "seeds": (sorted((FIXTURES / "seeds").glob("*.txt")), FIXTURES / "gold" / "seeds.claims.jsonl"),
    "articles": (sorted((FIXTURES / "articles").glob("*")), FIXTURES / "gold" / "articles.claims.jsonl"),
}


def _export(paths, tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", *map(str, paths)],
                            capture_output=True, text=True, check=True)
    out = tmp_path / "claims.jsonl"
    out.write_text(result.stdout, encoding="utf-8")
    return out, [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_recall_and_precision_at_least_095(corpus, tmp_path):
    paths, gold = CORPORA[corpus]
    out, _ = _export(paths, tmp_path)
    scored = subprocess.run([sys.executable, str(SCORER), str(gold), str(out),
                             "--min-recall", "0.95", "--min-precision", "0.95"],
                            capture_output=True, text=True)
    assert scored.returncode == 0, scored.stdout


def test_articles_cover_both_languages_and_every_style():
    paths, _ = CORPORA["articles"]
    names = [p.name for p in paths]
    assert sum(n.startswith("en_") for n in names) >= 4 and sum(n.startswith("zh_") for n in names) >= 4
    assert any(n.endswith(".html") for n in names)


def test_every_exported_quote_is_the_source_text_at_its_span(tmp_path):
    paths = CORPORA["seeds"][0] + [p for p in CORPORA["articles"][0] if p.suffix != ".html"]
    _, claims = _export(paths, tmp_path)
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    assert claims
    for claim in claims:
        start, end = claim["span"]
        assert texts[claim["source"]][start:end] == claim["quote"]


def test_a_bad_path_is_reported_and_the_others_still_extracted(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    seed = CORPORA["seeds"][0][0]
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(empty), str(tmp_path / "nope.md"), str(seed)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "empty.md" in result.stderr and "nope.md" in result.stderr
    assert all(json.loads(line)["source"] == seed.name for line in result.stdout.splitlines())
    assert result.stdout.strip()
