"""The reference datasets' model names, read as (id, display name) entries
with the dataset they came from. Only what names a model is read here."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

# LiteLLM modes whose entries are language models a claim can be about
LANGUAGE_MODES = {None, "chat", "completion", "responses", "embedding"}


@dataclass(frozen=True)
class Entry:
    raw_id: str
    display: str | None
    origin: str  # litellm | models.dev | genai-prices | llm-prices
    vendor: str = ""
    kind: str = "id"  # id: the dataset's own id; match: a genai-prices match rule


def litellm_entries(path: Path) -> list[Entry]:
    table = json.loads(path.read_text(encoding="utf-8"))
    return [Entry(key, None, "litellm", str(entry.get("litellm_provider") or ""))
            for key, entry in table.items()
            if key != "sample_spec" and isinstance(entry, dict) and entry.get("mode") in LANGUAGE_MODES]


def models_dev_entries(path: Path) -> list[Entry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Entry(m["id"], m.get("name") or None, "models.dev", "") for m in data["models"] if m.get("id")]


def genai_prices_entries(path: Path) -> list[Entry]:
    out = []
    for provider in json.loads(path.read_text(encoding="utf-8")):
        for model in provider.get("models", []):
            out.append(Entry(model["id"], model.get("name") or None, "genai-prices", provider["id"]))
            out.extend(Entry(value, None, "genai-prices", provider["id"], kind="match")
                       for value in _match_values(model.get("match", {}), model["id"]))
    return out


def _match_values(rule: dict, model_id: str) -> list[str]:
    """The whole ids a match rule names: `equals` always; `starts_with` and
    `contains` when the value is itself a complete id of this model."""
    values = []
    for op, arg in rule.items():
        if op in ("or", "and"):
            for sub in arg:
                values.extend(_match_values(sub, model_id))
        elif op == "equals" or (op in ("starts_with", "contains") and arg[-1:].isalnum()
                                and model_id.startswith(arg.rstrip("-"))):
            values.append(arg)
    return values


def llm_prices_entries(path: Path) -> list[Entry]:
    """llm-prices' ids; `gemini-1.5-pro-128k` is the base model's price above
    that length (as the reference loader reads it), not a model of its own."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Entry(m["id"], m.get("name") or None, "llm-prices", vendor["vendor"])
            for vendor in data["vendors"] for m in vendor["models"] if not re.search(r"-\d+k$", m["id"])]


READERS = {
    "litellm_model_prices.json": litellm_entries,
    "more/models_dev.json": models_dev_entries,
    "more/genai_prices_data.json": genai_prices_entries,
    "more/llm_prices.json": llm_prices_entries,
}


def read_entries(folder: Path) -> tuple[list[Entry], dict[str, Path]]:
    """Every entry of the datasets found under `folder`, and the files read."""
    entries, files = [], {}
    for name, reader in READERS.items():
        path = folder / name
        if path.exists():
            entries.extend(reader(path))
            files[name] = path
    return entries, files
