"""Every example of every rule in pipeline/extract/v2/data/rules.yaml is a test
case, run with that rule alone switched on: a positive example must yield a
candidate of the rule's metric and value; a negative one none from the rule."""
from __future__ import annotations

import pytest

from pipeline.extract.v2.candidates import Switches, annotate_candidates
from pipeline.extract.v2.matching import close
from pipeline.extract.v2.pipeline import annotate, extract_claims
from pipeline.extract.v2.rules import all_rules, load_rules

RULES = all_rules()
POSITIVE = [(r.id, ex) for r in RULES for ex in r.examples.get("positive", [])]
NEGATIVE = [(r.id, ex) for r in RULES for ex in r.examples.get("negative", [])]


def _alone(rule_id: str, text: str):
    return annotate_candidates(annotate(text, "example.md"), Switches(only={rule_id}))


def test_every_rule_has_examples_both_ways():
    for rule in RULES:
        assert rule.examples.get("positive") and rule.examples.get("negative"), rule.id


@pytest.mark.parametrize("rule_id,example", POSITIVE, ids=[f"{r}+{i}" for i, (r, _) in enumerate(POSITIVE)])
def test_positive_example(rule_id, example):
    found = _alone(rule_id, example["text"])
    assert any(c.rule == rule_id and close(c.value, example["value"]) for c in found), (
        [(c.rule, c.metric, c.value) for c in found])


@pytest.mark.parametrize("rule_id,text", NEGATIVE, ids=[f"{r}-{i}" for i, (r, _) in enumerate(NEGATIVE)])
def test_negative_example(rule_id, text):
    assert not [c for c in _alone(rule_id, text) if c.rule == rule_id]


def test_a_rule_switched_off_produces_nothing_and_its_id_is_on_each_claim():
    text = "Mistral Large 2 charges $2.00 per 1M input tokens."
    claims = extract_claims(text, "x.md")
    assert [c.metric for c in claims] == ["price_input"] and "rule price.input" in claims[0].why
    off = extract_claims(text, "x.md", switches=Switches(disabled={"price.input", "price.input.topic"}))
    assert all("price.input" not in c.why for c in off)


def test_a_duplicate_rule_id_is_refused():
    row = {"id": "x", "quantity": ["money"], "emits": {"metric": "price"}}
    with pytest.raises(ValueError, match="duplicate rule id"):
        load_rules([row, row])
