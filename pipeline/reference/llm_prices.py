"""simonw/llm-prices (`data/*.json`, gathered in one snapshot): per vendor,
models with a price history (USD per 1M input, output and cached input
tokens, each with from/to dates). An id ending in a prompt length
(`gemini-1.5-pro-128k`) is the price above that length: the base model's
fact with setting `context:>128k`."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from pipeline.records import ReferenceFact
from pipeline.reference.facts import resolve_dataset_model

PRICES = (("input", "price_input", "standard"), ("output", "price_output", "standard"),
          ("input_cached", "price_input", "cached"))
_LENGTH_SUFFIX = re.compile(r"-(\d+)k$")


def _date(text) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) and text else None


def _resolve(model_id: str, vendor: str) -> tuple[str, str | None, str | None] | None:
    resolved = resolve_dataset_model(model_id, vendor)
    if resolved:
        return (*resolved, None)
    suffix = _LENGTH_SUFFIX.search(model_id)
    if suffix:
        resolved = resolve_dataset_model(model_id[:suffix.start()], vendor)
        if resolved:
            return (*resolved, f"context:>{suffix.group(1)}k")
    return None


def load_llm_prices(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    snapshot = json.loads(path.read_text(encoding="utf-8"))
    repo, commit = snapshot.get("source", "simonw/llm-prices"), snapshot.get("commit") or provenance
    facts, skipped = [], 0
    for vendor in snapshot.get("vendors", []):
        for entry in vendor.get("models", []):
            resolved = _resolve(entry["id"], vendor["vendor"])
            if resolved is None:
                skipped += 1
                continue
            model, snap, setting = resolved
            citation = f"{repo}@{commit} data/{vendor['vendor']}.json id={entry['id']}"
            for period in entry.get("price_history", []):
                for field, metric, tier in PRICES:
                    value = period.get(field)
                    if isinstance(value, (int, float)) and value > 0:
                        facts.append(ReferenceFact(
                            ref_source="llm-prices", model=model, snapshot=snap, metric=metric,
                            unit="usd_per_mtok", tier=tier, setting=setting, value=float(value),
                            valid_from=_date(period.get("from_date")), valid_to=_date(period.get("to_date")),
                            citation=citation))
    return facts, skipped
