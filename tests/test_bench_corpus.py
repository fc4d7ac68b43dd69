"""The benchmark corpus is deterministic, nests across sizes, and yields claims that agree and conflict."""
from collections import defaultdict

from pipeline.bench_corpus import add_articles, article, build_corpus, change_article
from pipeline.extract import extract_claims


def test_same_seed_same_corpus_and_sizes_nest(tmp_path):
    small = build_corpus(tmp_path / "a", 12)
    large = build_corpus(tmp_path / "b", 20)
    assert [p.name for p in small] == [p.name for p in large[:12]]
    assert all(p.read_bytes() == q.read_bytes() for p, q in zip(small, large))
    assert build_corpus(tmp_path / "c", 12, seed=14)[0].read_bytes() != small[0].read_bytes()
    assert len({p.read_bytes() for p in large}) == len(large)  # every article its own content


def test_articles_are_about_the_issue_size_and_of_both_languages(tmp_path):
    paths = build_corpus(tmp_path, 60)
    sizes = [p.stat().st_size for p in paths if p.suffix != ".html"]
    assert 10_000 < sum(sizes) / len(sizes) < 20_000
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert any("的" in t for t in texts) and any(" the " in t for t in texts)


def test_change_rewrites_one_article_and_add_appends_the_next_ones(tmp_path):
    paths = build_corpus(tmp_path, 5)
    before = {p.name: p.read_bytes() for p in paths}
    changed = change_article(tmp_path, 2)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert [n for n in before if before[n] != after[n]] == [changed.name]
    added = add_articles(tmp_path, 5, 3)
    assert [p.name for p in added] == [article(i)[0] for i in range(5, 8)]


def test_claims_both_agree_and_conflict_across_articles():
    values = defaultdict(set)
    counts = defaultdict(int)
    for index in range(40):
        name, text = article(index)
        for claim in extract_claims(text, name):
            key = (claim.model, claim.metric, claim.qualifiers.setting, claim.qualifiers.tier)
            values[key].add(claim.value)
            counts[key] += 1
    agreeing = [k for k in values if counts[k] > len(values[k])]
    conflicting = [k for k in values if len(values[k]) > 1]
    assert len(agreeing) > 20 and len(conflicting) > 20
