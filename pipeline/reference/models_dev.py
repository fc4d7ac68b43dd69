"""models.dev's model catalogue (anomalyco/models.dev, one TOML file per
provider and model, gathered in one JSON snapshot): release dates, knowledge
cut-offs, context/input/output limits and USD prices per 1M tokens. Only the
vendors' own provider files are read (a reseller's price is not the list
price); each fact cites the repository, commit and the model's file."""
from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path

from pipeline.records import ReferenceFact
from pipeline.reference.facts import resolve_dataset_model
from pipeline.vocabulary import vocabulary

FIRST_PARTY = {"openai", "anthropic", "google", "deepseek", "mistral", "xai", "alibaba", "moonshotai",
               "zhipuai", "minimax", "cohere", "llama", "perplexity"}
PRICES = (("input", "price_input", "standard"), ("output", "price_output", "standard"),
          ("cache_read", "price_input", "cached"))
LIMITS = (("context", "context_window"), ("output", "max_output"), ("input", "max_input"))


def month_of_cutoff(text: str) -> str:
    """models.dev writes a cut-off month as its last day (`2024-04-30`): the
    vendors say `April 2024`, so a month's last day is the month."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    last = calendar.monthrange(day.year, day.month)[1]
    return text[:7] if day.day == last else text


def _date_text(text) -> str | None:
    if not isinstance(text, str) or len(text) not in (7, 10):
        return None
    try:
        date.fromisoformat(text if len(text) == 10 else text + "-01")
    except ValueError:
        return None
    return text


def load_models_dev(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    snapshot = json.loads(path.read_text(encoding="utf-8"))
    repo, commit = snapshot.get("source", "anomalyco/models.dev"), snapshot.get("commit") or provenance
    facts, skipped = [], 0
    for entry in snapshot.get("models", []):
        if entry.get("provider") not in FIRST_PARTY:
            continue
        resolved = resolve_dataset_model(entry["id"], entry["provider"])
        if resolved is None:
            skipped += 1
            continue
        model, snap = resolved
        citation = f"{repo}@{commit} providers/{entry['provider']}/models/{entry['id']}.toml"
        common = {"ref_source": "models.dev", "model": model, "snapshot": snap, "citation": citation}
        released = _date_text(entry.get("release_date"))
        if released:
            facts.append(ReferenceFact(**common, metric="release_date", unit="date", value_text=released))
        cutoff = _date_text(entry.get("knowledge"))
        if cutoff:
            facts.append(ReferenceFact(**common, metric="knowledge_cutoff", unit="date",
                                       value_text=month_of_cutoff(cutoff)))
        for field, metric in LIMITS:
            if metric not in vocabulary().metrics:  # max_input (contract v2) once the vocabulary has it
                continue
            limit = (entry.get("limit") or {}).get(field)
            if isinstance(limit, (int, float)) and limit > 0:
                facts.append(ReferenceFact(**common, metric=metric, unit="tokens", value=float(limit)))
        for field, metric, tier in PRICES:
            cost = (entry.get("cost") or {}).get(field)
            if isinstance(cost, (int, float)) and cost > 0:
                facts.append(ReferenceFact(**common, metric=metric, unit="usd_per_mtok", tier=tier,
                                           value=float(cost)))
    return facts, skipped
