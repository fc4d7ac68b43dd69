"""The benchmark catalogue (pipeline/benchmarks.yaml), loaded once: each
benchmark's slug, kind (a percentage score or a rating) and written names,
and the variants (GPQA Diamond, AIME 2024) that are the benchmark under a
setting. The vocabulary reads it; the grammar asks it for kinds and settings."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCHMARKS_FILE = Path(__file__).with_name("benchmarks.yaml")
KINDS = ("score", "rating", "either")


@dataclass(frozen=True)
class Benchmark:
    slug: str
    kind: str  # score | rating | either
    names: tuple[str, ...]  # English and Chinese names of the benchmark itself
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)  # setting -> names
    origin: str = "hand"

    def written(self) -> tuple[str, ...]:
        """Every way sources write it, variants included."""
        return self.names + tuple(n for names in self.variants.values() for n in names)


def load_benchmarks(path: Path = BENCHMARKS_FILE) -> dict[str, Benchmark]:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: dict[str, Benchmark] = {}
    for entry in raw["benchmarks"]:
        slug, kind = entry["slug"], entry.get("kind", "score")
        if slug in out or kind not in KINDS:
            raise ValueError(f"benchmark {slug!r}: duplicate slug or unknown kind {kind!r}")
        out[slug] = Benchmark(
            slug=slug, kind=kind,
            names=tuple(entry["names"]) + tuple(entry.get("zh", ())),
            variants={str(k): tuple(v) for k, v in (entry.get("variants") or {}).items()},
            origin=entry.get("origin", "hand"),
        )
    return out


def _key(written: str) -> str:
    """The loose key of a written name (as the lexicon's `name_key`)."""
    return re.sub(r"[\s\\_-]+", "", written.lower())


def variant_settings(catalogue: dict[str, Benchmark]) -> dict[str, str]:
    """Loose key of a variant's written name -> its setting (`gpqadiamond` -> `diamond`)."""
    return {_key(name): setting for b in catalogue.values()
            for setting, names in b.variants.items() for name in names}
