"""Which loader reads which snapshot file. Files with no loader are listed as
skipped, never guessed at."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipeline.records import ReferenceFact
from pipeline.reference.genai_prices import load_genai_prices
from pipeline.reference.litellm import load_litellm
from pipeline.reference.llm_prices import load_llm_prices
from pipeline.reference.models_dev import load_models_dev
from pipeline.reference.official import load_official
from pipeline.reference.simple_evals import load_simple_evals

Loader = Callable[[Path, str], tuple[list[ReferenceFact], int]]
LOADERS: dict[str, tuple[str, Loader]] = {
    "litellm_model_prices.json": ("litellm", load_litellm),
    "simple_evals_scores.csv": ("simple-evals", load_simple_evals),
    "simple_evals_scores_history.csv": ("simple-evals", load_simple_evals),
    "official_facts.csv": ("official", load_official),
    "more/models_dev.json": ("models.dev", load_models_dev),
    "more/genai_prices_data.json": ("genai-prices", load_genai_prices),
    "more/llm_prices.json": ("llm-prices", load_llm_prices),
}


@dataclass
class LoadedFile:
    file_name: str
    ref_source: str
    sha256: str
    facts: list[ReferenceFact]
    skipped: int


def reference_warning(folder: Path, files) -> str | None:
    """Why the reference data is missing, loudly: reconciliation without it
    checks claims only against each other. `files`: the snapshots found."""
    if not folder.is_dir():
        return (f"reference folder {folder} does not exist (REFERENCE_DIR): no reference facts loaded; "
                f"the facts of the last load are kept")
    if not files:
        return (f"reference folder {folder} holds none of the known snapshots ({', '.join(LOADERS)}): "
                f"claims are checked against no reference data")
    return None


def snapshot_hashes(folder: Path) -> dict[str, str]:
    """The content hash of every known snapshot present: enough to tell that nothing changed."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in LOADERS if (folder / name).exists()}


def load_reference_dir(folder: Path, only: str | None = None) -> list[LoadedFile]:
    """Every known snapshot present in the folder (or just `only`)."""
    loaded = []
    for name, (ref_source, loader) in LOADERS.items():
        path = folder / name
        if (only and name != only) or not path.exists():
            continue
        data = path.read_bytes()
        provenance = f"sources/reference/{name} sha256={hashlib.sha256(data).hexdigest()[:16]}"
        facts, skipped = loader(path, provenance)
        loaded.append(LoadedFile(name, ref_source, hashlib.sha256(data).hexdigest(), facts, skipped))
    return loaded
