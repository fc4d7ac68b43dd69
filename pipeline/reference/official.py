"""Vendors' own launch facts, curated with a citation per row: release dates,
knowledge cut-offs, launch prices with the date from which they held,
context windows and headline scores with their setting."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from pipeline.records import ReferenceFact
from pipeline.vocabulary import vocabulary


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_official(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    facts, skipped = [], 0
    vocab = vocabulary()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["model"] not in vocab.models or not row.get("citation"):
                skipped += 1
                continue
            is_date = row["unit"] == "date"
            facts.append(ReferenceFact(
                ref_source="official", model=row["model"], snapshot=row["snapshot"] or None,
                metric=row["metric"], unit=row["unit"], tier=row["tier"] or None,
                setting=row["setting"] or None,
                value=None if is_date else float(row["value"]), value_text=row["value"] if is_date else None,
                valid_from=_date(row["valid_from"]), valid_to=_date(row["valid_to"]), citation=row["citation"],
            ))
    return facts, skipped
