"""LiteLLM's model price and context-window map: per-token USD costs become
USD per 1M tokens (standard, batch and cached tiers), plus context and
maximum output. Only first-party providers' keys are read; a dated key keeps
its snapshot (`gpt-4o-2024-05-13`)."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.records import ReferenceFact
from pipeline.reference.facts import resolve_model

FIRST_PARTY = {"openai", "anthropic", "deepseek", "gemini", "mistral", "xai"}
PRICES = {
    ("input_cost_per_token", "price_input", "standard"),
    ("output_cost_per_token", "price_output", "standard"),
    ("input_cost_per_token_batches", "price_input", "batch"),
    ("output_cost_per_token_batches", "price_output", "batch"),
    ("cache_read_input_token_cost", "price_input", "cached"),
}
LIMITS = {("max_input_tokens", "context_window"), ("max_output_tokens", "max_output")}


def load_litellm(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    table = json.loads(path.read_text(encoding="utf-8"))
    facts, skipped = [], 0
    for key, entry in table.items():
        if key == "sample_spec" or not isinstance(entry, dict):
            continue
        if entry.get("litellm_provider") not in FIRST_PARTY or entry.get("mode") not in (None, "chat"):
            continue
        resolved = resolve_model(key)
        if resolved is None:
            skipped += 1
            continue
        model, snapshot = resolved
        citation = f"{provenance} key={key}"
        for field, metric, tier in sorted(PRICES):
            cost = entry.get(field)
            if isinstance(cost, (int, float)) and cost > 0:
                facts.append(ReferenceFact(ref_source="litellm", model=model, snapshot=snapshot, metric=metric,
                                           unit="usd_per_mtok", tier=tier, value=round(cost * 1e6, 6),
                                           citation=citation))
        for field, metric in sorted(LIMITS):
            limit = entry.get(field)
            if isinstance(limit, (int, float)) and limit > 0:
                facts.append(ReferenceFact(ref_source="litellm", model=model, snapshot=snapshot, metric=metric,
                                           unit="tokens", value=float(limit), citation=citation))
    return facts, skipped
