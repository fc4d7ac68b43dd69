"""Which loader reads which snapshot file. Files with no loader are listed as
skipped, never guessed at."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from pipeline.reference.facts import ReferenceFact
from pipeline.reference.litellm import load_litellm
from pipeline.reference.official import load_official
from pipeline.reference.simple_evals import load_simple_evals

Loader = Callable[[Path, str], tuple[list[ReferenceFact], int]]
LOADERS: dict[str, tuple[str, Loader]] = {
    "litellm_model_prices.json": ("litellm", load_litellm),
    "simple_evals_scores.csv": ("simple-evals", load_simple_evals),
    "simple_evals_scores_history.csv": ("simple-evals", load_simple_evals),
    "official_facts.csv": ("official", load_official),
}


@dataclass
class LoadedFile:
    file_name: str
    ref_source: str
    sha256: str
    facts: list[ReferenceFact]
    skipped: int


def load_reference_dir(folder: Path) -> list[LoadedFile]:
    loaded = []
    for name, (ref_source, loader) in LOADERS.items():
        path = folder / name
        if not path.exists():
            continue
        data = path.read_bytes()
        provenance = f"sources/reference/{name} sha256={hashlib.sha256(data).hexdigest()[:16]}"
        facts, skipped = loader(path, provenance)
        loaded.append(LoadedFile(name, ref_source, hashlib.sha256(data).hexdigest(), facts, skipped))
    return loaded
