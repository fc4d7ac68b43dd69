"""OpenAI simple-evals scores: the README's results table, and every score it
ever listed with the date it first appeared (valid_from). The prompt setting
is kept as the fact's setting."""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from pipeline.extract.lexicon import lexicon
from pipeline.records import ReferenceFact
from pipeline.reference.facts import resolve_model


def _benchmark(name: str) -> str | None:
    found = lexicon().benchmarks(name)
    return found[0][2] if found and found[0][0] == 0 else None


def _prompt(source: str, prompt: str | None) -> str | None:
    if prompt and prompt != "unknown":
        return f"prompt={prompt}"
    match = re.search(r"prompt=([\w/-]+)", source or "")
    return f"prompt={match.group(1)}" if match and match.group(1) != "n" else None


def load_simple_evals(path: Path, provenance: str) -> tuple[list[ReferenceFact], int]:
    facts, skipped = [], 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            resolved = resolve_model(row["model"])
            bench = _benchmark(row["benchmark"])
            try:
                score = float(row["score"])
            except (TypeError, ValueError):
                score = None
            if resolved is None or bench is None or score is None:
                skipped += 1
                continue
            model, snapshot = resolved
            first_seen = row.get("first_seen_date")
            source = row.get("source", "")
            commit = row.get("first_seen_commit")
            citation = f"{source} (first seen {commit}, {first_seen})" if commit else source
            facts.append(ReferenceFact(
                ref_source="simple-evals", model=model, snapshot=snapshot, metric=f"score:{bench}",
                unit="percent", setting=_prompt(source, row.get("prompt")), value=score,
                valid_from=date.fromisoformat(first_seen) if first_seen else None,
                citation=citation or provenance,
            ))
    return facts, skipped
