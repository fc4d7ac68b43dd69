"""Statements as the reconciliation reads them (pipeline/reconcile/statements.py): slotted, frozen,
filled from the query's columns by name, with the interval and the assertion date the rules need, and
with the strings many claims repeat held once."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from pipeline.reconcile import statements
from pipeline.reconcile.statements import claim_statements, read_statements
from pipeline.records import Statement
from tests.reconcile_helpers import build, claim

COLUMNS = ["claim_id", "doc_id", "source", "model", "snapshot", "metric", "tier", "setting", "unit", "value",
           "value_high", "value_text", "bound", "approx", "hedged", "as_of", "quote", "modality", "currency",
           "published_at"]


def _row(claim_id: str, value: float, as_of: date | None, quote: str) -> tuple:
    return (claim_id, "doc-7", "doc-7.md", "mistral-large", None, "context_window", "standard", None, "tokens",
            value, None, None, "eq", True, False, as_of, quote, "text", "usd", date(2025, 3, 1))


def test_rows_become_frozen_slotted_statements_equal_to_the_plain_constructor():
    quote = "".join(["the window is ", "32k tokens"])  # two equal strings, built apart
    made = claim_statements(COLUMNS, [_row("c1", 32_000.0, None, quote), _row("c2", 32_768.0, date(2025, 1, 9),
                                                                             "".join(["the window is ", "32k tokens"]))])
    first = made[0]
    assert type(first) is Statement and not hasattr(first, "__dict__")
    expected = statements.statement(id="c1", model="mistral-large", metric="context_window", tier="standard",
                                    setting=None, unit="tokens", value=32_000.0, value_high=None, value_text=None,
                                    doc_id="doc-7", source="doc-7.md", approx=True, asserted=date(2025, 3, 1),
                                    quote=quote, modality="text", published_at=date(2025, 3, 1))
    assert first == expected and hash(first) == hash(expected)
    assert made[1].asserted == date(2025, 1, 9) and made[1].lo < 32_768.0 * 0.95 < made[1].hi
    assert made[0].quote is made[1].quote  # held once
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.value = 1.0
    assert dataclasses.replace(first, value=64_000.0).value == 64_000.0


def test_read_in_chunks_gives_every_claim_in_query_order(tmp_path, monkeypatch):
    monkeypatch.setattr(statements, "FETCH_ROWS", 3)
    rows = [claim(f"d{i % 4}", "gpt-4o", "context_window", 128_000 + i) for i in range(10)]
    con = build(tmp_path, rows, [])
    read = read_statements(con, "reconcile/statements", {"raw_models": None, "docs": None})
    assert sorted(s.id for s in read) == sorted(r["claim_id"] for r in rows)
    assert [s.id for s in read] == sorted(s.id for s in read)  # statements.sql's order: model, metric, claim id
    assert all(s.lo is not None and s.lo <= s.value <= s.hi for s in read)
