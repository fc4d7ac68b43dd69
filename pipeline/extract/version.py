"""The extractor's version, derived from what decides its output: the code of
`pipeline/extract/` and the vocabulary and catalogue data it reads. Editing a
rule or a vocabulary line changes the version, so the `claims` asset
re-extracts stored documents without anyone bumping a constant. The engine
chosen (EXTRACT_ENGINE) is part of it: switching engines re-extracts too,
never leaving one warehouse with claims read by both."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pipeline.extract.engines import chosen

PACKAGE = Path(__file__).resolve().parents[1]
# what the extractor reads, relative to the `pipeline` package
INPUTS = ("extract/**/*.py", "extract/**/*.yaml", "extract/**/*.json", "*.yaml", "vocabulary.py", "benchmarks.py",
          "catalogue/**/*.py", "catalogue/**/*.json", "catalogue/**/*.yaml", "data/**/*")


def inputs(package: Path = PACKAGE) -> list[Path]:
    """Every file the version covers, in a stable order."""
    found = {p for pattern in INPUTS for p in package.glob(pattern) if p.is_file() and "__pycache__" not in p.parts}
    return sorted(found, key=lambda p: p.relative_to(package).as_posix())


def version_of(package: Path = PACKAGE) -> str:
    digest = hashlib.sha256()
    for path in inputs(package):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"rules-{digest.hexdigest()[:12]}"


def extractor_version() -> str:
    """The version of the engine chosen now (`rules-…` for v1, `rules-v2-…`)."""
    return _engine_version(chosen())


@lru_cache(maxsize=2)
def _engine_version(engine: str) -> str:
    rules = version_of()
    return rules if engine == "v1" else rules.replace("rules-", f"rules-{engine}-", 1)
