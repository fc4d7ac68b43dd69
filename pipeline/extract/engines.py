"""The strangler switch: v1 (the rule-based extractor) and v2 (annotators,
rules as data, learned attribution) behind one `extract_claims`. v1 stays the
default until v2 beats it cross-validated; EXTRACT_ENGINE or `--engine`
chooses."""
from __future__ import annotations

import os

from pipeline.extract.deadline import Deadline
from pipeline.records import Claim

ENGINES = ("v1", "v2")
DEFAULT_ENGINE = "v1"


def chosen(engine: str | None = None) -> str:
    engine = engine or os.environ.get("EXTRACT_ENGINE") or DEFAULT_ENGINE
    if engine not in ENGINES:
        raise ValueError(f"unknown extraction engine {engine!r} (choose from {', '.join(ENGINES)})")
    return engine


def extract_claims(text: str, source: str, deadline: Deadline | None = None, engine: str | None = None) -> list[Claim]:
    """Every claim a document makes, read by the chosen engine."""
    if chosen(engine) == "v2":
        from pipeline.extract.v2 import extract_claims as v2

        return v2(text, source, deadline)
    from pipeline.extract.extractor import extract_claims as v1

    return v1(text, source, deadline)
