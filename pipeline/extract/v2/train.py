"""`python -m pipeline train-extractor`: learn attribution (which owner takes a
candidate, and whether any does) from labelled articles: gold claims (JSONL,
the contract's format) beside the articles they cite. Every (candidate,
owner) pair is labelled by the acceptance scorer's matching; a logistic
regression over the named features is fitted; leave-one-article-out scores
are printed so nothing is measured on what it was trained on; the weights
trained on everything are written as a reviewed data file."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.v2.attribution import Owner
from pipeline.extract.v2.candidates import Candidate, annotate_candidates
from pipeline.extract.v2.data import config
from pipeline.extract.v2.document import Annotated
from pipeline.extract.v2.matching import matches, score
from pipeline.extract.v2.pipeline import annotate, candidate_owners, claims_of
from pipeline.ingest.sources import SourceRef, read_source
from pipeline.records import Document


@dataclass
class Corpus:
    name: str
    articles: list[Path]
    gold: list[Path]


@dataclass
class Example:
    """One labelled article, annotated once."""

    corpus: str
    ann: Annotated
    options: list[tuple[Candidate, list[Owner]]]
    gold: list[dict]


def read_gold(paths: list[Path]) -> dict[str, list[dict]]:
    by_source: dict[str, list[dict]] = {}
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
                by_source.setdefault(str(row["source"]).rsplit("/", 1)[-1], []).append(row)
    return by_source


def load_examples(corpus: Corpus) -> list[Example]:
    gold = read_gold(corpus.gold)
    out = []
    for path in corpus.articles:
        doc = read_source(SourceRef("file", path.name, path.name), path.parent, confine=False)
        if not isinstance(doc, Document) or path.name not in gold:
            continue
        ann = annotate(doc.raw_text or doc.text, doc.source)
        out.append(Example(corpus.name, ann, candidate_owners(ann, annotate_candidates(ann)), gold[path.name]))
    return out


def _exported(ann: Annotated, cand: Candidate, model: str) -> dict:
    return {"source": ann.source, "model": model, "metric": cand.metric, "value": cand.value,
            "value_high": cand.high, "qualifiers": cand.qualifiers}


def feature_names(examples: list[Example]) -> list[str]:
    """Every feature the attribution stage named, in a stable order."""
    return sorted({name for ex in examples for _, owners in ex.options for o in owners for name in o.features})


def rows_of(examples: list[Example], names: list[str]) -> tuple[list[list[float]], list[int]]:
    X, y = [], []
    for ex in examples:
        for cand, owners in ex.options:
            for owner in owners:
                X.append([owner.features.get(f, 0.0) for f in names])
                y.append(int(any(matches(g, _exported(ex.ann, cand, owner.model)) for g in ex.gold)))
    return X, y


def fit(examples: list[Example], c: float = 1.0) -> dict:
    names = feature_names(examples)
    X, y = rows_of(examples, names)
    return fit_rows(names, X, y, c)


def fit_rows(names: list[str], X: list[list[float]], y: list[int], c: float = 1.0) -> dict:
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        raise ValueError("training needs both owners that match gold and owners that do not")
    lr = LogisticRegression(C=c, max_iter=2000).fit(X, y)
    return {"features": names, "coef": [round(float(w), 6) for w in lr.coef_[0]],
            "intercept": round(float(lr.intercept_[0]), 6),
            "threshold": float(config().get("threshold", 0.5))}


def exported(example: Example, model: dict) -> list[dict]:
    out = []
    cands = [cand for cand, _ in example.options]
    for cand, owners in example.options:
        out += [claim.export() for claim in claims_of(example.ann, cand, owners, cands, model)]
    return list({(c["model"], c["metric"], str(c["value"]), tuple(c["span"])): c for c in out}.values())


def leave_one_out(examples: list[Example], per_article: dict | None = None) -> dict[str, tuple[int, int, int, int]]:
    """Per corpus: (required found, required, correct, exported), each article scored by a
    model trained on all the others; `per_article` (when given) gets each article's figures."""
    totals: dict[str, list[int]] = {}
    names = feature_names(examples)
    rows = [rows_of([ex], names) for ex in examples]  # labelled once: each fit only joins the others' rows
    for i, held in enumerate(examples):
        model = fit_rows(names, [x for j, r in enumerate(rows) if j != i for x in r[0]],
                         [v for j, r in enumerate(rows) if j != i for v in r[1]])
        figures = score(held.gold, exported(held, model))
        if per_article is not None:
            per_article[f"{held.corpus}/{held.ann.source}"] = figures
        acc = totals.setdefault(held.corpus, [0, 0, 0, 0])
        for k, v in enumerate(figures):
            acc[k] += v
    return {name: tuple(v) for name, v in totals.items()}


def line(name: str, figures) -> str:
    found, required, correct, got = figures
    return (f"{name:8s} recall={found / max(required, 1):.3f} ({found}/{required}) "
            f"precision={correct / max(got, 1):.3f} ({correct}/{got})")


def train(corpora: list[Corpus], out: Path, loao: bool = True) -> dict:
    examples = [ex for corpus in corpora for ex in load_examples(corpus)]
    print(f"{len(examples)} labelled articles: " + ", ".join(
        f"{c.name} {sum(e.corpus == c.name for e in examples)}" for c in corpora), file=sys.stderr)
    articles: dict[str, tuple[int, int, int, int]] = {}
    scores = leave_one_out(examples, articles) if loao else {}
    for name, figures in articles.items():
        print("LOAO article " + line(name, figures))
    for name, figures in scores.items():
        print("LOAO " + line(name, figures))
    model = fit(examples)
    model["trained_on"] = [{"corpus": c.name, "articles": sum(e.corpus == c.name for e in examples),
                            "gold": [p.name for p in c.gold]} for c in corpora]
    model["leave_one_article_out"] = {name: {"found": f[0], "required": f[1], "correct": f[2], "exported": f[3]}
                                      for name, f in scores.items()}
    out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"weights written to {out}", file=sys.stderr)
    return model


def default_corpora(root: Path, devset: Path | None) -> list[Corpus]:
    """The project's own labelled articles and seeds, and the dev set when given."""
    fixtures = root / "tests" / "fixtures"
    corpora = [Corpus("own", sorted((fixtures / "articles").glob("*")), [fixtures / "gold" / "articles.claims.jsonl"]),
               Corpus("seeds", sorted((fixtures / "seeds").glob("*")), [fixtures / "gold" / "seeds.claims.jsonl"])]
    if devset is not None:
        articles = sorted(p for p in devset.glob("[0-9]*") if p.is_file() and not p.name.endswith("conflicts.md"))
        corpora.insert(0, Corpus("devset", articles, sorted(devset.glob("gold-part*.claims.jsonl"))))
    for corpus in corpora:
        missing = [p for p in corpus.gold if not p.is_file()]
        if missing or not corpus.articles:
            raise FileNotFoundError(f"corpus {corpus.name}: no articles or no gold file ({', '.join(map(str, missing))})")
    return corpora


def find_devset(root: Path, given: str | None) -> Path | None:
    import os

    if given:
        path = Path(given)
        if not path.is_dir():
            raise FileNotFoundError(f"dev set folder {given} does not exist")
        return path
    shared = [Path(os.environ["SHARED_DIR"])] if os.environ.get("SHARED_DIR") else []
    shared += [root.parent / "shared", root.parent.parent / "shared"]
    return next((p / "devset" for p in shared if (p / "devset").is_dir()), None)
