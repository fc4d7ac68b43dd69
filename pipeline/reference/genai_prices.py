"""pydantic's genai-prices database (`prices/data.json`): per provider, models
with USD prices per 1M tokens, and price history as conditional prices with a
`start_date` (each price holds until the next one starts). Prices that hold
only at some hours of the day, or above a prompt length, keep that as their
setting (`hours:00:30-16:30Z`, `context:>200k`): they are other facts than
the list price. The model's own id is read; its `match` rules (which often
price every dated snapshot at the alias's current price) are not."""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from pipeline.records import ReferenceFact
from pipeline.reference.facts import resolve_dataset_model

REPO, PATH = "pydantic/genai-prices", "prices/data.json"
# the data file carries no commit of its own: the snapshots we keep, by content hash
KNOWN_COMMITS = {"f41075aab069a7dc378f83b7586523f72682a6c9860b23a89ad0b57c073aec41":
                 "47df840a5ab10bbcffb8e5ac01b9899032245d1b"}
FIRST_PARTY = {"anthropic", "deepseek", "google", "mistral", "moonshotai", "openai", "x-ai", "zhipuai",
               "minimax", "cohere", "perplexity"}
PRICES = (("input_mtok", "price_input", "standard"), ("output_mtok", "price_output", "standard"),
          ("cache_read_mtok", "price_input", "cached"))


def _periods(prices) -> list[tuple[dict, date | None, date | None, str | None]]:
    """(prices, valid_from, valid_to, setting) for a model's price entry, the
    dated ones chained so each ends where the next begins."""
    if isinstance(prices, dict):
        return [(prices, None, None, None)]
    timed = any("start_time" in (p.get("constraint") or {}) for p in prices)
    dated = sorted((date.fromisoformat(p["constraint"]["start_date"]), p["prices"]) for p in prices
                   if "start_date" in (p.get("constraint") or {}))
    starts = [d for d, _ in dated]
    periods = []
    for entry in prices:
        constraint = entry.get("constraint") or {}
        if not constraint:
            periods.append((entry["prices"], None, starts[0] if starts else None, "hours:other" if timed else None))
        elif "start_time" in constraint:
            periods.append((entry["prices"], None, None,
                            f"hours:{constraint['start_time'][:5]}-{constraint.get('end_time', '')[:5]}Z"))
    for i, (start, prices_then) in enumerate(dated):
        periods.append((prices_then, start, starts[i + 1] if i + 1 < len(starts) else None, None))
    return periods


def _values(price) -> list[tuple[float, str | None]]:
    """A flat price, or a base price with prompt-length tiers."""
    if isinstance(price, (int, float)):
        return [(float(price), None)] if price > 0 else []
    if isinstance(price, dict) and isinstance(price.get("base"), (int, float)):
        tiers = [(float(t["price"]), f"context:>{int(t['start']) // 1000}k") for t in price.get("tiers", [])
                 if isinstance(t.get("price"), (int, float)) and isinstance(t.get("start"), (int, float))]
        return [(float(price["base"]), None)] + tiers
    return []


def load_genai_prices(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    version = KNOWN_COMMITS.get(sha) or f"sha256={sha[:16]} (commit unknown)"
    facts, skipped = [], 0
    for provider in json.loads(data):
        if provider.get("id") not in FIRST_PARTY:
            continue
        for entry in provider.get("models", []):
            resolved = resolve_dataset_model(entry["id"], provider["id"])
            if resolved is None:
                skipped += 1
                continue
            model, snapshot = resolved
            citation = f"{REPO}@{version} {PATH} provider={provider['id']} model={entry['id']}"
            common = {"ref_source": "genai-prices", "model": model, "snapshot": snapshot, "citation": citation}
            window = entry.get("context_window")
            if isinstance(window, (int, float)) and window > 0:
                facts.append(ReferenceFact(**common, metric="context_window", unit="tokens", value=float(window)))
            for prices, start, end, setting in _periods(entry.get("prices") or {}):
                for field, metric, tier in PRICES:
                    for value, tier_setting in _values(prices.get(field)):
                        facts.append(ReferenceFact(
                            **common, metric=metric, unit="usd_per_mtok", tier=tier, value=value,
                            setting=tier_setting or setting, valid_from=start, valid_to=end))
    return facts, skipped


