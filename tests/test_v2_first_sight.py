"""Extraction v2 on paraphrased cases of what it missed at first sight (leave
one article out) on the seeds and own articles: other models, numbers and
wording than the articles the causes were found in, the same structure."""
from __future__ import annotations

import pytest

from pipeline.extract.v2 import extract_claims as v2


def _facts(text: str) -> set[tuple]:
    return {(c.model, c.metric, c.value) for c in v2(text, "case.md")}


@pytest.mark.parametrize("text, fact", [
    ("Mistral Large 的费用约为 $0.004/token，并不便宜。", ("mistral-large", "price", 4000.0)),
    ("Command R+ bills roughly $0.003/token on our invoices.", ("command-r-plus", "price", 3000.0)),
])
def test_a_price_written_per_token_is_taken_literally_however_large(text, fact):
    assert fact in _facts(text)


def test_a_price_with_no_rate_written_still_must_lie_in_range():
    assert not any(metric.startswith("price") for _, metric, _ in _facts("Command R+ once cost $5,000 in credits."))
