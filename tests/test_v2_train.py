"""train-extractor on the project's own labelled seeds: a real logistic
regression fit, leave-one-article-out scores printed, and a weights file that
says what it was trained on and that v2 can extract with."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract.v2.pipeline import extract_claims
from pipeline.extract.v2.train import default_corpora, train

ROOT = Path(__file__).resolve().parents[1]


def test_training_writes_weights_that_say_what_they_were_trained_on(tmp_path, capsys):
    seeds = [c for c in default_corpora(ROOT, None) if c.name == "seeds"]
    out = tmp_path / "weights.json"
    model = train(seeds, out, loao=True)
    printed = capsys.readouterr().out
    assert "LOAO seeds" in printed and "recall=" in printed and "precision=" in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved == model
    assert saved["trained_on"] == [{"corpus": "seeds", "articles": 2, "gold": ["seeds.claims.jsonl"]}]
    assert len(saved["coef"]) == len(saved["features"]) > 10
    loao = saved["leave_one_article_out"]["seeds"]
    assert 0 < loao["found"] <= loao["required"] and 0 < loao["correct"] <= loao["exported"]
    text = "Mistral Large costs $2 per 1M input tokens."
    assert [c.model for c in extract_claims(text, "x.md", model=saved)] == ["mistral-large"]


def test_a_missing_dev_set_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["train-extractor", "--devset", str(tmp_path / "nowhere"), "--out", str(tmp_path / "w.json")]) == 2
    assert "dev set folder" in capsys.readouterr().err
    assert not (tmp_path / "w.json").exists()


def test_bad_gold_names_its_line(tmp_path):
    from pipeline.extract.v2.train import read_gold

    bad = tmp_path / "g.claims.jsonl"
    bad.write_text('{"source": "a.md"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="g.claims.jsonl:2"):
        read_gold([bad])
