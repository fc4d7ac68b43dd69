"""The vocabulary file, loaded once: models and names, metrics, units,
benchmarks, task words and qualifier words, with the model catalogue built
from the reference datasets (pipeline/catalogue/) merged under it: the
file's ids and names win. Everything else asks here."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.catalogue import CATALOGUE_FILE, load_catalogue
from pipeline.benchmarks import Benchmark, load_benchmarks, variant_settings

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")


@dataclass(frozen=True)
class ModelEntry:
    id: str
    vendor: str
    family: str | None
    is_family: bool
    names: tuple[str, ...]
    origin: str = "vocabulary"  # or the datasets that name it (`litellm,models.dev`), or `coined`


class ModelTable(dict):
    """Models by id. An id coined for a name no list holds (`grok-1.5`) is
    answered, not stored: `in` stays a question about known models."""

    def __missing__(self, model_id: str) -> ModelEntry:
        from pipeline.catalogue.coin import coined_entry

        entry = coined_entry(model_id, self)
        if entry is None:
            raise KeyError(model_id)
        return entry


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
    catalogue_aliases: tuple[tuple[str, str, str], ...] = ()  # (written, model, origins) from data
    snapshots: dict[str, tuple[str, ...]] = field(default_factory=dict)  # model -> dated snapshots (yyyymmdd)
    exact_aliases: tuple[tuple[str, str, str], ...] = ()  # names matched only whole, never in prose
    benchmark_catalogue: dict[str, Benchmark] = field(default_factory=dict)  # pipeline/benchmarks.yaml
    benchmark_settings: dict[str, str] = field(default_factory=dict)  # a variant's written name -> its setting

    def unit_of(self, metric: str) -> str:
        """score:* and rating:* metrics share the `score` / `rating` entry's unit."""
        base = metric.split(":", 1)[0] if metric.startswith(("score:", "rating:")) else metric
        return self.metrics[base].unit

    def members(self, family: str) -> list[str]:
        return [m.id for m in self.models.values() if m.family == family]

    def aliases(self) -> list[tuple[str, str]]:
        """(alias, model id) pairs, the vocabulary's first (they win), then the catalogue's."""
        return [(alias, model) for alias, model, _ in self.alias_rows()]

    def alias_rows(self) -> list[tuple[str, str, str]]:
        """(alias, model id, origin): the vocabulary's names, their word-level
        translation variants (origin `rule`), then the catalogue's aliases."""
        listed = [model for model in self.models.values() if model.origin == "vocabulary"]
        rows: list[tuple[str, str, str]] = [(name, model.id, "vocabulary") for model in listed for name in model.names]
        for model in listed:  # after every listed name, so a listed `通义千问 2.5` beats a variant of `Qwen 2.5`
            for name in model.names:
                rows.extend((variant, model.id, "rule") for variant in _name_variants(name, self.name_variants)[1:])
        for alias, model, origin in self.catalogue_aliases:
            rows.append((alias, model, origin))
            if " " in alias:  # display names: `Gemini 2.5 Flash-Lite` is also `双子座 2.5 Flash-Lite`
                rows.extend((variant, model, "rule") for variant in _name_variants(alias, self.name_variants)[1:])
        return rows


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


def load_vocabulary(path: Path = VOCABULARY_FILE, catalogue: Path | None = CATALOGUE_FILE) -> Vocabulary:
    """The file's vocabulary; with `catalogue`, the data-built models and
    aliases it does not already have merged in."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    models = ModelTable({
        m["id"]: ModelEntry(
            id=m["id"],
            vendor=m.get("vendor", ""),
            family=m.get("family"),
            is_family=bool(m.get("is_family", False)),
            names=tuple(m["names"]),
        )
        for m in raw["models"]
    })
    catalogue_aliases = _merge_catalogue(models, catalogue) if catalogue else ()
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
    bench_catalogue = load_benchmarks()
    return Vocabulary(
        models=models,
        metrics=metrics,
        units=dict(raw["units"]),
        benchmarks={b.slug: b.written() for b in bench_catalogue.values()},
        tasks={t["slug"]: tuple(t["names"]) for t in raw["tasks"]},
        qualifiers=raw["qualifiers"],
        name_variants={k: tuple(v) for k, v in raw.get("name_variants", {}).items()},
        member_words=tuple(raw.get("member_words", ())),
        catalogue_aliases=catalogue_aliases,
        snapshots={m: tuple(d) for m, d in load_catalogue(catalogue).get("snapshots", {}).items()} if catalogue else {},
        exact_aliases=tuple((a, m, ",".join(o)) for a, m, o in load_catalogue(catalogue).get("exact_aliases", [])
                            if m in models) if catalogue else (),
        benchmark_catalogue=bench_catalogue,
        benchmark_settings=variant_settings(bench_catalogue),
    )


def _merge_catalogue(models: ModelTable, path: Path) -> tuple[tuple[str, str, str], ...]:
    data = load_catalogue(path)
    for model_id, vendor, family, origins in data["models"]:
        if model_id not in models:
            models[model_id] = ModelEntry(model_id, vendor, family if family in models else None, False, (),
                                          ",".join(origins))
    return tuple((alias, model, ",".join(origins)) for alias, model, origins in data["aliases"] if model in models)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_vocabulary()
