"""The vocabulary file, loaded once: models and names, metrics, units,
benchmarks, task words and qualifier words. Everything else asks here."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.benchmarks import Benchmark, load_benchmarks, variant_settings

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class ModelEntry:
    id: str
    vendor: str
    family: str | None
    is_family: bool
    names: tuple[str, ...]


@dataclass(frozen=True)
class MetricEntry:
    id: str
    unit: str
    label: str
    cues: tuple[str, ...]
    range: tuple[float, float] | None


@dataclass(frozen=True)
class Vocabulary:
    models: dict[str, ModelEntry]
    metrics: dict[str, MetricEntry]
    units: dict[str, str]
    benchmarks: dict[str, tuple[str, ...]]
    tasks: dict[str, tuple[str, ...]]
    qualifiers: dict
    name_variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    member_words: tuple[str, ...] = ()
    benchmark_catalogue: dict[str, Benchmark] = field(default_factory=dict)  # pipeline/benchmarks.yaml
    benchmark_settings: dict[str, str] = field(default_factory=dict)  # a variant's written name -> its setting

    def unit_of(self, metric: str) -> str:
        """score:* and rating:* metrics share the `score` / `rating` entry's unit."""
        base = metric.split(":", 1)[0] if metric.startswith(("score:", "rating:")) else metric
        return self.metrics[base].unit

    def members(self, family: str) -> list[str]:
        return [m.id for m in self.models.values() if m.family == family]

    def aliases(self) -> list[tuple[str, str]]:
        """(alias, model id) pairs, including word-level translation variants."""
        pairs: list[tuple[str, str]] = []
        for model in self.models.values():
            for name in model.names:
                for variant in _name_variants(name, self.name_variants):
                    pairs.append((variant, model.id))
        return pairs


def _name_variants(name: str, variants: dict[str, tuple[str, ...]]) -> list[str]:
    out = [name]
    for word, translations in variants.items():
        grown = []
        for candidate in out:
            words = candidate.split(" ")
            if word in (w.lower() for w in words):
                for t in translations:
                    grown.append(" ".join(t if w.lower() == word else w for w in words))
        out.extend(grown)
    return out


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    models = {
        m["id"]: ModelEntry(
            id=m["id"],
            vendor=m.get("vendor", ""),
            family=m.get("family"),
            is_family=bool(m.get("is_family", False)),
            names=tuple(m["names"]),
        )
        for m in raw["models"]
    }
    metrics = {
        key: MetricEntry(
            id=key,
            unit=m["unit"],
            label=m.get("label", key),
            cues=tuple(c.lower() for c in m.get("cues", [])),
            range=tuple(m["range"]) if m.get("range") else None,
        )
        for key, m in raw["metrics"].items()
    }
    catalogue = load_benchmarks()
    return Vocabulary(
        models=models,
        metrics=metrics,
        units=dict(raw["units"]),
        benchmarks={b.slug: b.written() for b in catalogue.values()},
        tasks={t["slug"]: tuple(t["names"]) for t in raw["tasks"]},
        qualifiers=raw["qualifiers"],
        name_variants={k: tuple(v) for k, v in raw.get("name_variants", {}).items()},
        member_words=tuple(raw.get("member_words", ())),
        benchmark_catalogue=catalogue,
        benchmark_settings=variant_settings(catalogue),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_vocabulary()
